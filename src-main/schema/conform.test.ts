import {
  Dictionary,
  Field,
  Float64,
  Int32,
  Int64,
  LargeUtf8,
  Null,
  Schema,
  Table,
  Utf8,
  makeData,
  Vector,
  makeVector,
  vectorFromArray,
} from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import { decodeParquet, encodeParquet } from '../parquet/index'
import { makeBorelogTable } from './borelog-table'
import { castKind, conformTable } from './conform'
import { BORELOG_DEFINITION } from './definition'
import { schemaToJson, typeToString } from './schema-json'

type ColumnInput = Vector | Float64Array | Int32Array | BigInt64Array | readonly (string | null)[]

/** A table from vectors and plain arrays (string arrays become utf8, not dictionaries). */
function tableOf(columns: Record<string, ColumnInput>): Table {
  return new Table(
    Object.fromEntries(
      Object.entries(columns).map(([name, c]) => [
        name,
        c instanceof Vector
          ? c
          : ArrayBuffer.isView(c)
            ? makeVector(c)
            : vectorFromArray(c as (string | null)[], new Utf8()),
      ]),
    ),
  )
}

const NAMES = BORELOG_DEFINITION.schema.fields.map((f) => f.name)

function rowsOf(table: Table): Record<string, unknown>[] {
  return table.toArray().map((r) => (r as { toJSON(): Record<string, unknown> }).toJSON())
}

function typesOf(table: Table): string[] {
  return table.schema.fields.map((f) => `${f.name}:${typeToString(f.type)}`)
}

function thrown(f: () => unknown): BorelogError {
  try {
    f()
  } catch (e) {
    if (e instanceof BorelogError) return e
    throw e
  }
  throw new Error('expected a BorelogError')
}

const REGISTERED_TYPES = BORELOG_DEFINITION.schema.fields.map(
  (f) => `${f.name}:${typeToString(f.type)}`,
)

describe('conformTable', () => {
  it('leaves a conforming borelog unchanged and gives it the registered units', () => {
    const table = makeBorelogTable([{ hole_id: 'BH1', depth_top_m: 0, depth_base_m: 1, spt_n: 4 }])
    const out = conformTable(table, BORELOG_DEFINITION)
    expect(rowsOf(out)).toEqual(rowsOf(table))
    expect(schemaToJson(out.schema)).toEqual(schemaToJson(BORELOG_DEFINITION.schema))
  })

  it('puts registered columns in registered order, adds missing optional ones as nulls, keeps extras after them', () => {
    const table = tableOf({
      casing_m: new Float64Array([1.5]),
      depth_base_m: new Float64Array([2]),
      hole_id: ['BH1'],
      depth_top_m: new Float64Array([0]),
      logged_by: ['JD'],
    })
    const out = conformTable(table, BORELOG_DEFINITION)
    expect(out.schema.fields.map((f) => f.name)).toEqual([...NAMES, 'casing_m', 'logged_by'])
    expect(typesOf(out).slice(0, NAMES.length)).toEqual(REGISTERED_TYPES)
    expect(rowsOf(out)).toEqual([
      {
        hole_id: 'BH1',
        depth_top_m: 0,
        depth_base_m: 2,
        description: null,
        legend_code: null,
        geology_code: null,
        spt_n: null,
        sample_refs: null,
        water_strike_m: null,
        remarks: null,
        casing_m: 1.5,
        logged_by: 'JD',
      },
    ])
  })

  it('casts compatible columns: int64 and int32 depths, whole floats to int32, dictionary and large strings to utf8, numbers to text, null-typed columns', () => {
    const table = tableOf({
      hole_id: vectorFromArray(['BH1', null, 'BH1'], new Dictionary(new Utf8(), new Int32())),
      depth_top_m: BigInt64Array.from([0n, 1n, 2n]),
      depth_base_m: new Int32Array([1, 2, 3]),
      description: vectorFromArray(['Firm CLAY', 'Dense SAND', null], new LargeUtf8()),
      legend_code: new Float64Array([201, 401, 805]),
      spt_n: vectorFromArray([12, null, 50], new Float64()),
      water_strike_m: vectorFromArray([null, null, null], new Null()),
    })
    const out = conformTable(table, BORELOG_DEFINITION)
    expect(typesOf(out)).toEqual(REGISTERED_TYPES)
    expect(
      rowsOf(out).map((r) => [
        r['hole_id'],
        r['depth_top_m'],
        r['depth_base_m'],
        r['description'],
        r['legend_code'],
        r['spt_n'],
        r['water_strike_m'],
      ]),
    ).toEqual([
      ['BH1', 0, 1, 'Firm CLAY', '201', 12, null],
      [null, 1, 2, 'Dense SAND', '401', null, null],
      ['BH1', 2, 3, null, '805', 50, null],
    ])
  })

  it('keeps nulls at the right rows when the input is sliced (null bitmaps at a bit offset)', () => {
    const table = tableOf({
      hole_id: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'],
      depth_top_m: vectorFromArray([0, 1, 2, null, 4, 5, null, 7, 8, 9], new Int32()),
      depth_base_m: vectorFromArray([1, 2, 3, 4, 5, 6, 7, 8, null, 10], new Int32()),
      spt_n: vectorFromArray([1, null, 3, 4, 5, null, 7, 8, 9, 10], new Float64()),
    }).slice(3)
    const out = conformTable(table, BORELOG_DEFINITION)
    expect(
      rowsOf(out).map((r) => [r['hole_id'], r['depth_top_m'], r['depth_base_m'], r['spt_n']]),
    ).toEqual([
      ['D', null, 4, 4],
      ['E', 4, 5, 5],
      ['F', 5, 6, null],
      ['G', null, 7, 7],
      ['H', 7, 8, 8],
      ['I', 8, null, 9],
      ['J', 9, 10, 10],
    ])
  })

  it('a conformed table with casts and added null columns writes to Parquet and reads back equal', () => {
    const table = tableOf({
      hole_id: vectorFromArray(['BH1', 'BH1', null], new Dictionary(new Utf8(), new Int32())),
      depth_top_m: BigInt64Array.from([0n, 1n, 2n]),
      depth_base_m: new Float64Array([1, 2, 3]),
      spt_n: vectorFromArray([3, null, 9], new Float64()),
    }).slice(1)
    const out = conformTable(table, BORELOG_DEFINITION)
    const back = decodeParquet(encodeParquet(out), 'conformed.parquet')
    expect(rowsOf(back)).toEqual(rowsOf(out))
    expect(typesOf(back).slice(0, NAMES.length)).toEqual(REGISTERED_TYPES)
  })

  it('reports the row of a value that would change in the whole table, across record batches', () => {
    const first = tableOf({
      hole_id: vectorFromArray(['BH1'], new Utf8()),
      depth_top_m: new Float64Array([0]),
      depth_base_m: new Float64Array([1]),
      spt_n: new Float64Array([3]),
    })
    const second = tableOf({
      hole_id: vectorFromArray(['BH1', 'BH1'], new Utf8()),
      depth_top_m: new Float64Array([1, 2]),
      depth_base_m: new Float64Array([2, 3]),
      spt_n: new Float64Array([4, 3.5]),
    })
    const error = thrown(() =>
      conformTable(new Table([...first.batches, ...second.batches]), BORELOG_DEFINITION),
    )
    expect(error.code).toBe('SCHEMA_MISMATCH')
    expect(error.details).toMatchObject({
      column: 'spt_n',
      expected: 'int32',
      actual: 'float64',
      row: 2,
      value: '3.5',
    })
  })

  it('refuses an int64 outside the int32 range', () => {
    const table = tableOf({
      hole_id: ['BH1'],
      depth_top_m: new Float64Array([0]),
      depth_base_m: new Float64Array([1]),
      spt_n: BigInt64Array.from([2n ** 40n]),
    })
    expect(thrown(() => conformTable(table, BORELOG_DEFINITION)).details).toMatchObject({
      column: 'spt_n',
      row: 0,
    })
  })

  it('refuses a missing required column, naming it', () => {
    const table = tableOf({ hole_id: ['BH1'], depth_top_m: new Float64Array([0]) })
    const error = thrown(() => conformTable(table, BORELOG_DEFINITION))
    expect(error.code).toBe('SCHEMA_MISMATCH')
    expect(error.details).toMatchObject({
      column: 'depth_base_m',
      expected: 'float64',
      actual: null,
    })
  })

  it('refuses text in a numeric column, naming the column and both types', () => {
    const table = tableOf({
      hole_id: ['BH1'],
      depth_top_m: vectorFromArray(['0.0'], new Utf8()),
      depth_base_m: new Float64Array([1]),
    })
    const error = thrown(() => conformTable(table, BORELOG_DEFINITION))
    expect(error.code).toBe('SCHEMA_MISMATCH')
    expect(error.details).toMatchObject({
      column: 'depth_top_m',
      expected: 'float64',
      actual: 'utf8',
    })
  })

  it('an empty table gets the registered schema', () => {
    const empty = new Table(
      new Schema([
        new Field('hole_id', new Utf8()),
        new Field('depth_top_m', new Float64()),
        new Field('depth_base_m', new Float64()),
      ]),
    )
    const out = conformTable(empty, BORELOG_DEFINITION)
    expect(out.numRows).toBe(0)
    expect(typesOf(out)).toEqual(REGISTERED_TYPES)
  })

  it('keeps an unchanged dictionary column as it is (its type object matches its data)', () => {
    const def = {
      ...BORELOG_DEFINITION,
      schema: new Schema([
        ...BORELOG_DEFINITION.schema.fields.slice(0, 3),
        new Field('legend_code', new Dictionary(new Utf8(), new Int32()), true),
      ]),
    }
    const legend = vectorFromArray(['201'], new Dictionary(new Utf8(), new Int32()))
    const table = new Table({
      hole_id: vectorFromArray(['BH1']),
      depth_top_m: vectorFromArray([0], new Float64()),
      depth_base_m: vectorFromArray([1], new Float64()),
      legend_code: legend,
    })
    const out = conformTable(table, def)
    expect(out.getChild('legend_code')?.data[0]).toBe(legend.data[0])
    expect(out.getChild('legend_code')?.get(0)).toBe('201')
  })
})

describe('castKind', () => {
  it('says which types can be stored as which', () => {
    expect(castKind(new Int64(), new Float64())).toBe('cast')
    expect(castKind(new Float64(), new Int32())).toBe('cast')
    expect(castKind(new Dictionary(new Utf8(), new Int32()), new Utf8())).toBe('cast')
    expect(castKind(new Utf8(), new Utf8())).toBe('same')
    expect(castKind(new Utf8(), new Float64())).toBe('incompatible')
    expect(castKind(new Utf8(), new Dictionary(new Utf8(), new Int32()))).toBe('incompatible')
    expect(castKind(new Null(), new Int32())).toBe('cast')
  })

  it('an all-null column of any registered type can be built (null data)', () => {
    const data = makeData({ type: new Null(), length: 2 })
    const table = new Table({
      hole_id: vectorFromArray(['A', 'B']),
      depth_top_m: vectorFromArray([0, 1], new Float64()),
      depth_base_m: vectorFromArray([1, 2], new Float64()),
      remarks: new Table({ x: data }).getChild('x')!,
    })
    expect(rowsOf(conformTable(table, BORELOG_DEFINITION)).map((r) => r['remarks'])).toEqual([
      null,
      null,
    ])
  })
})
