import { describe, expect, it } from 'vitest'

import {
  columnTypeInWords,
  formatDepth,
  formatDepthRange,
  formatShownCell,
  formatTime,
  localizeTimes,
} from './format'

const depth = { unit: 'm', kind: 'number' } as const
const blows = { unit: 'blows', kind: 'number' } as const

describe('cells in the user’s units', () => {
  it('metre columns show in feet when the user chose feet; other columns as stored', () => {
    expect(formatShownCell(3.048, depth, 'ft')).toBe('10.00')
    expect(formatShownCell(1.2, depth, 'm')).toBe('1.20')
    expect(formatShownCell(0.3, depth, 'm')).toBe('0.30')
    expect(formatShownCell(1.524, depth, 'm')).toBe('1.524')
    expect(formatShownCell(12, blows, 'ft')).toBe('12')
    expect(formatShownCell(null, depth, 'ft')).toBe('')
    expect(formatShownCell('n/a', depth, 'ft')).toBe('n/a')
  })
})

describe('times in the user’s locale', () => {
  // Midday UTC: the calendar date is the same in every time zone a test may run in.
  const noon = '2026-03-04T12:30:00.000Z'

  it('formats a stored instant the way the locale writes dates', () => {
    expect(formatTime(noon, 'en-US')).toMatch(/^Mar 4, 2026, \d{1,2}:30 [AP]M$/)
    expect(formatTime(noon, 'en-GB')).toMatch(/^4 Mar 2026, \d{2}:30$/)
    expect(formatTime(null)).toBe('—')
  })

  it('rewrites every ISO instant inside a message and leaves the rest alone', () => {
    const text = localizeTimes(`saved at ${noon}; approved at 2026-03-05T12:00:00Z.`, 'en-GB')
    expect(text).toMatch(/^saved at 4 Mar 2026, \d{2}:30; approved at 5 Mar 2026, \d{2}:00\.$/)
    expect(localizeTimes('v2.parquet of 2026-03-04 only', 'en-GB')).toBe(
      'v2.parquet of 2026-03-04 only',
    )
  })
})

describe('depths in panels', () => {
  it('show two decimals in the user’s units, with the unit once after the range', () => {
    expect(formatDepth(0.3, 'm')).toBe('0.30')
    expect(formatDepth(2.2, 'm')).toBe('2.20')
    expect(formatDepthRange(1.75, 3.9, 'm')).toBe('1.75–3.90 m')
    expect(formatDepthRange(1.75, 3.9, 'ft')).toBe('5.74–12.80 ft')
  })
})

describe('column types in words', () => {
  it('names what a column holds, not its Arrow type', () => {
    expect(columnTypeInWords({ type: 'Float64', kind: 'number' })).toBe('number')
    expect(columnTypeInWords({ type: 'Int32', kind: 'number' })).toBe('whole number')
    expect(columnTypeInWords({ type: 'Utf8', kind: 'text' })).toBe('text')
    expect(columnTypeInWords({ type: 'Bool', kind: 'boolean' })).toBe('yes/no')
    expect(columnTypeInWords({ type: 'Date32<DAY>', kind: 'other' })).toBe('date')
    expect(columnTypeInWords({ type: 'List<Utf8>', kind: 'other' })).toBe('list')
  })
})
