import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  checkValueFormat,
  convertValue,
  formatForType,
  formatNumber,
  formatSignificant,
  parseAgsNumber,
  typeInfo,
} from './data-types'

const ok = (text: string, type: string, unit = '') =>
  checkValueFormat(text, type, unit, 'H') === null

describe('TYPE-aware conversion', () => {
  it('numbers for numeric TYPEs, booleans for YN, text otherwise; empty is null', () => {
    expect(convertValue('12.50', '2DP')).toBe(12.5)
    expect(convertValue('1.2e3', '1SCI')).toBe(1200)
    expect(convertValue('45', '2SF')).toBe(45)
    expect(convertValue('-3', 'U')).toBe(-3)
    expect(convertValue('Y', 'YN')).toBe(true)
    expect(convertValue('n', 'YN')).toBe(false)
    expect(convertValue('2020-03-09', 'DT')).toBe('2020-03-09')
    expect(convertValue('BH1', 'ID')).toBe('BH1')
    expect(convertValue('', '2DP')).toBeNull()
    // Text that is not a number stays text; the checker reports it (Rule 8).
    expect(convertValue('dry', 'XN')).toBe('dry')
    expect(convertValue('n/a', '2DP')).toBe('n/a')
  })

  it('reads numbers the AGS way: no thousands separators, units or words', () => {
    expect(['1,000', '12 m', 'NaN', 'Infinity', '', '0x10'].map(parseAgsNumber)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ])
    expect(['.5', '-0.25', '+3', '1E-3'].map(parseAgsNumber)).toEqual([0.5, -0.25, 3, 0.001])
  })

  it('parses DP/SF/SCI precision from the TYPE code', () => {
    expect(typeInfo('3DP')).toEqual({ kind: 'dp', digits: 3 })
    expect(typeInfo('2SF')).toEqual({ kind: 'sf', digits: 2 })
    expect(typeInfo('1SCI')).toEqual({ kind: 'sci', digits: 1 })
    expect(typeInfo('PA').kind).toBe('text')
  })
})

describe('Rule 8 value formats', () => {
  it('nDP needs exactly n decimals', () => {
    expect([
      ok('1.25', '2DP'),
      ok('1.2', '2DP'),
      ok('1.250', '2DP'),
      ok('7', '0DP'),
      ok('7.0', '0DP'),
      ok('-0.50', '2DP'),
    ]).toEqual([true, false, false, true, false, true])
  })

  it('nSF compares with the value rounded to n significant figures', () => {
    expect(formatSignificant(101, 2)).toBe('100')
    expect(formatSignificant(0.2, 2)).toBe('0.20')
    expect(formatSignificant(9.96, 2)).toBe('10')
    expect(formatSignificant(0.000123456, 3)).toBe('0.000123')
    expect(checkValueFormat('45.0', '2SF', '', 'LLPL_LL')).toBe(
      'Value 45.0 in LLPL_LL not of data type 2SF. (Expected: 45)',
    )
  })

  it('nSCI needs a one-digit mantissa with n decimals', () => {
    expect([
      ok('2.46e1', '2SCI'),
      ok('2.455e1', '2SCI'),
      ok('30.45e1', '2SCI'),
      ok('3E+2', '0SCI'),
    ]).toEqual([true, false, false, true])
  })

  it('DT follows the format in the UNIT row and must be a real date', () => {
    expect(ok('2021-02-28', 'DT', 'yyyy-mm-dd')).toBe(true)
    expect(ok('2021-02-29', 'DT', 'yyyy-mm-dd')).toBe(false)
    expect(ok('2020-02-29', 'DT', 'yyyy-mm-dd')).toBe(true)
    expect(ok('2020-03-09T20:45:00', 'DT', 'yyyy-mm-ddThh:mm:ss')).toBe(true)
    expect(ok('2020-03-09T24:45:00', 'DT', 'yyyy-mm-ddThh:mm:ss')).toBe(false)
    expect(ok('2020-03-09T20:45', 'DT', 'yyyy-mm-ddThh:mm:ss')).toBe(false)
    expect(ok('2023-11-16T11:34Z(+03:00)', 'DT', 'yyyy-mm-ddThh:mmZ(+hh:mm)')).toBe(true)
    expect(ok('2023-11', 'DT', 'yyyy-mm')).toBe(true)
    // No usable format in the UNIT row: any ISO 8601 date or date-time.
    expect([ok('2020-03-09', 'DT'), ok('2020-03-09T20:45', 'DT'), ok('09/03/2020', 'DT')]).toEqual([
      true,
      true,
      false,
    ])
  })

  it('T (elapsed time) follows hh:mm or hh:mm:ss from the UNIT row', () => {
    expect([
      ok('01:30', 'T', 'hh:mm'),
      ok('1:30', 'T', 'hh:mm'),
      ok('125:00', 'T', 'hh:mm'),
      ok('01:30:15', 'T', 'hh:mm:ss'),
      ok('01:61', 'T', 'hh:mm'),
    ]).toEqual([true, false, true, true, false])
  })

  it('DMS, YN, U and MC', () => {
    expect([
      ok('51:28:52.498', 'DMS'),
      ok('-0:07:39.6', 'DMS'),
      ok('51:68:52', 'DMS'),
      ok('45:45:45,454', 'DMS'),
    ]).toEqual([true, true, false, false])
    expect([ok('Y', 'YN'), ok('n', 'YN'), ok('yes', 'YN')]).toEqual([true, true, false])
    expect([ok('12.345', 'U'), ok('x', 'U')]).toEqual([true, false])
    expect([ok('57', 'MC'), ok('5.3', 'MC'), ok('157', 'MC'), ok('57.2', 'MC')]).toEqual([
      true,
      true,
      true,
      false,
    ])
  })

  it('a number written by formatNumber always passes its own TYPE', () => {
    const types = [
      '0DP',
      '1DP',
      '2DP',
      '3DP',
      '1SF',
      '2SF',
      '3SF',
      '4SF',
      '0SCI',
      '2SCI',
      'MC',
      'U',
    ]
    fc.assert(
      fc.property(
        fc
          .double({ min: -1e6, max: 1e6, noNaN: true })
          .filter((x) => Math.abs(x) > 1e-6 || x === 0),
        fc.constantFrom(...types),
        (value, type) => {
          const text = formatNumber(value, type)
          expect(checkValueFormat(text, type, '', 'H'), `${value} as ${type} -> ${text}`).toBeNull()
        },
      ),
    )
  })
})

describe('formatForType: a value typed in the app written in its TYPE', () => {
  it.each([
    ['123456.7', '2DP', '', '123456.70'],
    ['654321', '2DP', '', '654321.00'],
    ['3.0480000000000005', '2DP', 'm', '3.05'],
    ['1e3', '1DP', '', '1000.0'],
    [' 12 ', '0DP', '', '12'],
    ['101', '2SF', '', '100'],
    ['0.2', '2SF', '', '0.20'],
    ['24.55', '2SCI', '', '2.46e1'],
    ['yes', 'YN', '', 'Y'],
    ['false', 'YN', '', 'N'],
    ['2024-05-01', 'DT', 'yyyy-mm-dd', '2024-05-01'],
    ['2024-05-01', 'DT', 'yyyy-mm-ddThh:mm', '2024-05-01T00:00'],
    ['2024-05-01T09:30', 'DT', 'yyyy-mm-dd', '2024-05-01'],
  ])('%s as %s (%s) -> %s, which passes Rule 8', (text, type, unit, expected) => {
    const written = formatForType(text, type, unit)
    expect(written).toBe(expected)
    expect(checkValueFormat(written, type, unit, 'X_X')).toBeNull()
  })

  it('text that already fits is kept as written; text that is not the TYPE is left for the checker', () => {
    expect(formatForType('523145.01', '2DP', '')).toBe('523145.01')
    expect(formatForType('Y', 'YN', '')).toBe('Y')
    expect(formatForType('about 12', '2DP', '')).toBe('about 12')
    expect(formatForType('next week', 'DT', 'yyyy-mm-dd')).toBe('next week')
    expect(formatForType('Cable percussion', 'PA', '')).toBe('Cable percussion')
  })

  it('any finite number in a numeric TYPE is written so Rule 8 passes (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.constantFrom('0DP', '1DP', '2DP', '3DP', '1SF', '2SF', '3SF', '1SCI', '2SCI'),
        (n, type) => {
          const written = formatForType(String(n), type, '')
          expect(checkValueFormat(written, type, '', 'X_X')).toBeNull()
        },
      ),
    )
  })
})

it('Rule 8 on a tiny number in an SF field answers instead of throwing (toFixed takes 100 decimals)', () => {
  expect(() => checkValueFormat('-5e-324', '3SF', '', 'H')).not.toThrow()
  expect(checkValueFormat(formatForType('-5e-324', '3SF', ''), '3SF', '', 'H')).toBeNull()
})
