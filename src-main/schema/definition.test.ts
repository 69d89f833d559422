import {
  Dictionary,
  Field,
  Float64,
  Int32,
  Schema,
  Table,
  Utf8,
  vectorFromArray,
} from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import { conformTable } from './conform'
import { BORELOG_DEFINITION, defineTable, definitionFromTable } from './definition'
import { schemaToJson, typeToString } from './schema-json'

function thrown(f: () => unknown): BorelogError {
  try {
    f()
  } catch (e) {
    if (e instanceof BorelogError) return e
    throw e
  }
  throw new Error('expected a BorelogError')
}

describe('BORELOG_DEFINITION', () => {
  it('has exactly the borelog columns, plain types, key (hole_id, depth_top_m) and units', () => {
    expect(BORELOG_DEFINITION.tableName).toBe('borelog')
    expect(
      BORELOG_DEFINITION.schema.fields.map((f) => `${f.name}:${typeToString(f.type)}`),
    ).toEqual([
      'hole_id:utf8',
      'depth_top_m:float64',
      'depth_base_m:float64',
      'description:utf8',
      'legend_code:utf8',
      'geology_code:utf8',
      'spt_n:int32',
      'sample_refs:utf8',
      'water_strike_m:float64',
      'remarks:utf8',
    ])
    expect(BORELOG_DEFINITION.keyColumns).toEqual(['hole_id', 'depth_top_m'])
    expect(BORELOG_DEFINITION.units).toEqual({
      depth_top_m: 'm',
      depth_base_m: 'm',
      spt_n: 'blows',
      water_strike_m: 'm',
    })
    expect(BORELOG_DEFINITION.rules).toEqual(['borelog'])
  })
})

describe('definitionFromTable (a table_name nobody registered)', () => {
  const schema = new Schema([
    new Field('record', new Utf8(), false),
    new Field('depth', new Float64(), false, new Map([['unit', 'm']])),
    new Field('kind', new Dictionary(new Utf8(), new Int32())),
  ])

  it('takes the columns of the first version, the key named on create, units from field metadata', () => {
    const def = definitionFromTable('borelog_versions', schema, ['record'])
    expect(def.schema.fields.map((f) => [f.name, typeToString(f.type), f.nullable])).toEqual([
      ['record', 'utf8', true],
      ['depth', 'float64', true],
      ['kind', 'utf8', true],
    ])
    expect(def.keyColumns).toEqual(['record'])
    expect(def.required).toEqual(['record'])
    expect(def.units).toEqual({ depth: 'm' })
    expect(def.rules).toBeUndefined()
  })

  it('a later version written with plain strings where the first had dictionaries still conforms', () => {
    const def = definitionFromTable('borelog_versions', schema)
    const later = new Table({
      record: vectorFromArray(['a'], new Utf8()),
      depth: vectorFromArray([1], new Float64()),
      kind: vectorFromArray(['x'], new Utf8()),
    })
    expect(schemaToJson(conformTable(later, def).schema).fields.map((f) => f.type)).toEqual([
      'utf8',
      'float64',
      'utf8',
    ])
  })

  it('a key column that is not a column is BAD_INPUT naming it', () => {
    const error = thrown(() => definitionFromTable('borelog_versions', schema, ['record', 'hole']))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.details).toMatchObject({ keyColumn: 'hole' })
    expect(thrown(() => definitionFromTable('t', schema, ['record', 'record'])).code).toBe(
      'BAD_INPUT',
    )
  })
})

describe('defineTable', () => {
  it('refuses a spec whose keys name no column, or whose borelog rules lack interval columns', () => {
    expect(
      thrown(() =>
        defineTable({
          tableName: 't',
          columns: [{ name: 'a', type: new Utf8() }],
          keyColumns: ['b'],
        }),
      ).code,
    ).toBe('BAD_INPUT')
    expect(
      thrown(() =>
        defineTable({
          tableName: 't',
          columns: [{ name: 'hole_id', type: new Utf8() }],
          rules: ['borelog'],
        }),
      ).details,
    ).toMatchObject({ problems: [{ path: ['rules', 0] }, { path: ['rules', 0] }] })
  })
})
