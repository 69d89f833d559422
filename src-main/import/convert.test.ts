import { describe, expect, it } from 'vitest'

import { BORELOG_DEFINITION } from '../schema/index'
import { METRES_PER_FOOT } from '../../shared/units'
import { TableConverter, type ConverterOptions } from './convert'
import { suggestMapping } from './mapping'

const SOURCES = ['Hole', 'Top', 'Base', 'Description', 'SPT', 'Water']
/** A file without blank or multi-line rows: data row r is on line r + 2. */
const linesAfterHeader = (rows: readonly number[]) => new Map(rows.map((r) => [r, r + 2]))

function converter(overrides: Partial<ConverterOptions> = {}): TableConverter {
  return new TableConverter({
    def: BORELOG_DEFINITION,
    mapping: suggestMapping(SOURCES, BORELOG_DEFINITION),
    sourceNames: SOURCES,
    sourceUnits: 'm',
    holeIdFill: 'BH-07',
    acceptsDecimalComma: false,
    positionName: 'line',
    where: 'log.csv',
    ...overrides,
  })
}

describe('TableConverter', () => {
  it('builds the table in the definition order and types, whatever the source order', () => {
    const c = converter()
    c.push(['BH1', '0', '1.2', 'CLAY', '12', null])
    const { table, findings } = c.finish(linesAfterHeader)
    expect(findings).toEqual([])
    expect(table.schema.fields.map((f) => [f.name, String(f.type)])).toEqual(
      BORELOG_DEFINITION.schema.fields.map((f) => [f.name, String(f.type)]),
    )
    expect(table.get(0)?.toJSON()).toMatchObject({
      hole_id: 'BH1',
      depth_top_m: 0,
      depth_base_m: 1.2,
      description: 'CLAY',
      spt_n: 12,
      water_strike_m: null,
      remarks: null,
    })
  })

  it('feet convert to metres in every metre column (depths, water strike), and nowhere else', () => {
    const c = converter({ sourceUnits: 'ft' })
    c.push(['BH1', '10', '16.5', 'CLAY', '12', '7'])
    const row = c.finish(linesAfterHeader).table.get(0)?.toJSON()
    expect(row?.depth_top_m).toBeCloseTo(10 * METRES_PER_FOOT, 12)
    expect(row?.depth_base_m).toBeCloseTo(5.0292, 12)
    expect(row?.water_strike_m).toBeCloseTo(7 * METRES_PER_FOOT, 12)
    expect(row?.spt_n).toBe(12)
  })

  it('a value that does not convert is left empty and becomes an import.type error naming value and line', () => {
    const c = converter()
    c.push(['BH1', '0', '1', 'CLAY', '12', null])
    c.push(['BH1', '1', 'two', 'SAND', '50/75mm', null])
    c.push(['BH1', '2', '3', 'SAND', '12.5', null])
    const { table, findings } = c.finish(linesAfterHeader)
    expect(table.getChild('depth_base_m')?.get(1)).toBeNull()
    expect(table.getChild('spt_n')?.get(1)).toBeNull()
    expect(table.getChild('spt_n')?.get(2)).toBeNull()
    expect(findings.map((f) => [f.severity, f.row, f.column, f.rule])).toEqual([
      ['error', 1, 'depth_base_m', 'import.type'],
      ['error', 1, 'spt_n', 'import.type'],
      ['error', 2, 'spt_n', 'import.type'],
    ])
    expect(findings[0]?.message).toContain('"two"')
    expect(findings[0]?.message).toContain('line 3')
    expect(findings[1]?.message).toContain('"50/75mm"')
  })

  it('an empty cell is missing, in text columns too', () => {
    const c = converter()
    c.push(['BH1', '0', '1', '', '', ''])
    expect(c.finish(linesAfterHeader).table.get(0)?.toJSON()).toMatchObject({
      description: null,
      spt_n: null,
      water_strike_m: null,
    })
  })

  it('missing hole ids belong to the one hole the file names (written on its first row only)', () => {
    const c = converter()
    c.push(['BH9', '0', '1', 'CLAY', null, null])
    c.push(['', '1', '2', 'SAND', null, null])
    c.push([null, '2', '3', 'SAND', null, null])
    const holes = c.finish(linesAfterHeader).table.getChild('hole_id')?.toArray() as string[]
    expect([...holes]).toEqual(['BH9', 'BH9', 'BH9'])
  })

  it('a hole id of only spaces is blank too, and is filled like an empty one', () => {
    const c = converter()
    c.push(['BH9', '0', '1', 'CLAY', null, null])
    c.push(['  ', '1', '2', 'SAND', null, null])
    const holes = c.finish(linesAfterHeader).table.getChild('hole_id')?.toArray() as string[]
    expect([...holes]).toEqual(['BH9', 'BH9'])
  })

  it('missing hole ids are the record id or file name when the file names none or several', () => {
    const none = converter()
    none.push([null, '0', '1', 'CLAY', null, null])
    expect([
      ...(none.finish(linesAfterHeader).table.getChild('hole_id')?.toArray() as string[]),
    ]).toEqual(['BH-07'])
    const several = converter()
    several.push(['BH1', '0', '1', 'CLAY', null, null])
    several.push(['', '1', '2', 'SAND', null, null])
    several.push(['BH2', '0', '1', 'SAND', null, null])
    const holes = several.finish(linesAfterHeader).table.getChild('hole_id')?.toArray() as string[]
    expect([...holes]).toEqual(['BH1', 'BH-07', 'BH2'])
  })

  it('a short row leaves its missing fields empty', () => {
    const c = converter()
    c.push(['BH1', '0'])
    const row = c.finish(linesAfterHeader).table.get(0)?.toJSON()
    expect(row).toMatchObject({ depth_top_m: 0, depth_base_m: null, description: null })
  })

  it('decimal commas are read only where the caller says the file uses them', () => {
    const comma = converter({ acceptsDecimalComma: true })
    comma.push(['BH1', '0', '1,5', 'CLAY', null, null])
    expect(comma.finish(linesAfterHeader).table.getChild('depth_base_m')?.get(0)).toBe(1.5)
    const plain = converter()
    plain.push(['BH1', '0', '1,5', 'CLAY', null, null])
    expect(plain.finish(linesAfterHeader).findings.map((f) => f.rule)).toEqual(['import.type'])
  })

  it('typed values (Parquet) convert too: bigint, numbers as text, NaN as missing', () => {
    const c = converter({ positionName: 'row' })
    c.push([42, 0, 1n, 7, 12n, Number.NaN])
    const { table, findings } = c.finish(linesAfterHeader)
    expect(findings).toEqual([])
    expect(table.get(0)?.toJSON()).toMatchObject({
      hole_id: '42',
      depth_base_m: 1,
      description: '7',
      spt_n: 12,
      water_strike_m: null,
    })
  })

  it('past 100 bad values in a column the rest are counted in one summary finding', () => {
    const c = converter()
    for (let i = 0; i < 150; i++) c.push(['BH1', String(i), String(i + 1), null, 'x', null])
    const findings = c.finish(linesAfterHeader).findings
    expect(findings.filter((f) => f.row !== null)).toHaveLength(100)
    const summary = findings.filter((f) => f.row === null)
    expect(summary).toHaveLength(1)
    expect(summary[0]?.message).toContain('50 more')
  })
})
