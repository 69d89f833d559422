import { tableToIPC } from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import { generateBorelogTable, makeBorelogTable } from './borelog-table'
import { BORELOG_DEFINITION } from './definition'
import { schemaToJson } from './schema-json'
import { validateTable } from './validate'

describe('makeBorelogTable', () => {
  it('builds the registered borelog schema, with missing fields as nulls', () => {
    const table = makeBorelogTable([
      { hole_id: 'BH1', depth_top_m: 0, depth_base_m: 1.2, spt_n: 7, description: 'Firm CLAY' },
      { hole_id: 'BH1', depth_top_m: 1.2, remarks: 'Core loss', water_strike_m: null },
    ])
    expect(schemaToJson(table.schema)).toEqual(schemaToJson(BORELOG_DEFINITION.schema))
    expect(table.toArray().map((r) => (r as { toJSON(): unknown }).toJSON())).toEqual([
      {
        hole_id: 'BH1',
        depth_top_m: 0,
        depth_base_m: 1.2,
        description: 'Firm CLAY',
        legend_code: null,
        geology_code: null,
        spt_n: 7,
        sample_refs: null,
        water_strike_m: null,
        remarks: null,
      },
      {
        hole_id: 'BH1',
        depth_top_m: 1.2,
        depth_base_m: null,
        description: null,
        legend_code: null,
        geology_code: null,
        spt_n: null,
        sample_refs: null,
        water_strike_m: null,
        remarks: 'Core loss',
      },
    ])
  })

  it('an empty list of rows is an empty borelog table', () => {
    const table = makeBorelogTable([])
    expect(table.numRows).toBe(0)
    expect(table.schema.fields.length).toBe(10)
  })

  it('refuses an SPT N that is not a whole number instead of truncating it', () => {
    let error: unknown
    try {
      makeBorelogTable([{ hole_id: 'BH1', spt_n: 12.5 }])
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(BorelogError)
    expect((error as BorelogError).code).toBe('BAD_INPUT')
  })
})

describe('generateBorelogTable', () => {
  it('the same seed gives the same table, byte for byte; another seed another table', () => {
    const a = tableToIPC(generateBorelogTable(5000, 42))
    const b = tableToIPC(generateBorelogTable(5000, 42))
    const c = tableToIPC(generateBorelogTable(5000, 43))
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false)
  })

  it('makes exactly the rows asked for, in the borelog schema', () => {
    const table = generateBorelogTable(1234, 1)
    expect(table.numRows).toBe(1234)
    expect(schemaToJson(table.schema)).toEqual(schemaToJson(BORELOG_DEFINITION.schema))
    expect(generateBorelogTable(0).numRows).toBe(0)
  })

  it('generated logs are sound: zero findings', () => {
    expect(validateTable(generateBorelogTable(20_000, 9), BORELOG_DEFINITION)).toEqual([])
  })

  it('generated logs are realistic: many holes, nulls in optional columns, SPT values and water strikes', () => {
    const table = generateBorelogTable(20_000, 3)
    const holes = new Set(table.getChild('hole_id')!.toArray() as string[])
    expect(holes.size).toBeGreaterThan(200)
    for (const name of ['geology_code', 'spt_n', 'sample_refs', 'water_strike_m', 'remarks']) {
      const column = table.getChild(name)!
      expect(column.nullCount, name).toBeGreaterThan(0)
      expect(column.nullCount, name).toBeLessThan(table.numRows)
    }
    expect(table.getChild('description')!.nullCount).toBe(0)
  })
})
