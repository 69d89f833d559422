import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { formatTsv, parseTsv } from './tsv'

describe('TSV clipboard', () => {
  it('a spreadsheet block parses to its rows, without an empty row for the trailing newline', () => {
    expect(parseTsv('0\t1.2\tTOPSOIL\r\n1.2\t3.5\tCLAY\r\n')).toEqual([
      ['0', '1.2', 'TOPSOIL'],
      ['1.2', '3.5', 'CLAY'],
    ])
    expect(parseTsv('a\tb')).toEqual([['a', 'b']])
  })

  it('empty cells keep their place, at the start, in the middle and at the end of a row', () => {
    expect(parseTsv('\tx\t\t\n')).toEqual([['', 'x', '', '']])
    expect(parseTsv('\n\n')).toEqual([[''], ['']])
  })

  it('a quoted cell keeps its tabs, newlines and doubled quotes as one cell', () => {
    expect(parseTsv('"Firm ""brown""\nCLAY"\t201\n')).toEqual([['Firm "brown"\nCLAY', '201']])
  })

  it('a quote inside an unquoted cell is an ordinary character', () => {
    expect(parseTsv('6" pipe\tx\n')).toEqual([['6" pipe', 'x']])
  })

  it('formatting then parsing gives back any block of cells', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', '\r', '"', '1', '.') })
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          expect(parseTsv(formatTsv(rows))).toEqual(rows)
        },
      ),
    )
  })
})
