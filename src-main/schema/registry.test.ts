import { describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import { makeBorelogTable } from './borelog-table'
import { SchemaRegistry, tableDefinitionToJson } from './registry'
import { schemaToJson } from './schema-json'
import { validateTable } from './validate'

function thrown(f: () => unknown): BorelogError {
  try {
    f()
  } catch (e) {
    if (e instanceof BorelogError) return e
    throw e
  }
  throw new Error('expected a BorelogError')
}

const CPT = {
  table_name: 'cpt',
  description: 'Cone penetration test readings',
  columns: [
    { name: 'hole_id', type: 'utf8' },
    { name: 'depth_m', type: 'float64', unit: 'm' },
    { name: 'qc_mpa', type: 'float64', unit: 'MPa' },
    { name: 'read_at', type: { type: 'timestamp', unit: 'ms', tz: 'UTC' } },
  ],
  key_columns: ['hole_id', 'depth_m'],
  required: ['qc_mpa'],
}

const LOG = {
  table_name: 'trial_pit_log',
  columns: [
    { name: 'hole_id', type: 'utf8' },
    { name: 'depth_top_m', type: 'float64', unit: 'm' },
    { name: 'depth_base_m', type: 'float64', unit: 'm' },
    { name: 'description', type: 'utf8' },
  ],
  key_columns: ['hole_id', 'depth_top_m'],
  rules: ['borelog'],
}

describe('SchemaRegistry', () => {
  it('has borelog built in; other names are unregistered, not errors', () => {
    const registry = SchemaRegistry.builtIn()
    expect(registry.get('borelog')?.keyColumns).toEqual(['hole_id', 'depth_top_m'])
    expect(registry.get('trial_pit_log')).toBeUndefined()
    expect(registry.tableNames()).toEqual(['borelog'])
    expect(registry.isBuiltIn('borelog')).toBe(true)
  })

  it('borelog_versions is an alias of borelog: the same definition, and it cannot be redefined', () => {
    const registry = SchemaRegistry.builtIn()
    expect(registry.get('borelog_versions')).toBe(registry.get('borelog'))
    expect(registry.require('borelog_versions').rules).toEqual(['borelog'])
    expect(registry.isBuiltIn('borelog_versions')).toBe(true)
    expect(
      thrown(() =>
        SchemaRegistry.fromJson({ tables: [{ ...LOG, table_name: 'borelog_versions' }] }),
      ).code,
    ).toBe('CORRUPT_METADATA')
  })

  it('require() of an unregistered name is UNKNOWN_TABLE', () => {
    expect(thrown(() => SchemaRegistry.builtIn().require('trial_pit_log')).code).toBe(
      'UNKNOWN_TABLE',
    )
  })

  it('registers tables from schemas.json with types, units, keys and required columns', () => {
    const registry = SchemaRegistry.fromJson({ tables: [CPT] })
    const cpt = registry.require('cpt')
    expect(registry.tableNames()).toEqual(['borelog', 'cpt'])
    expect(cpt.keyColumns).toEqual(['hole_id', 'depth_m'])
    expect(cpt.required).toEqual(['hole_id', 'depth_m', 'qc_mpa'])
    expect(cpt.units).toEqual({ depth_m: 'm', qc_mpa: 'MPa' })
    expect(cpt.description).toBe('Cone penetration test readings')
    expect(schemaToJson(cpt.schema).fields[3]?.type).toEqual({
      type: 'timestamp',
      unit: 'ms',
      tz: 'UTC',
    })
  })

  it('a registered table with the borelog rule set gets the interval rules', () => {
    const def = SchemaRegistry.fromJson({ tables: [LOG] }).require('trial_pit_log')
    const table = makeBorelogTable([
      { hole_id: 'TP1', depth_top_m: 0, depth_base_m: 1, description: 'Topsoil' },
      { hole_id: 'TP1', depth_top_m: 0.5, depth_base_m: 2, description: 'Clay' },
    ]).select(['hole_id', 'depth_top_m', 'depth_base_m', 'description'])
    expect(validateTable(table, def).map((f) => [f.rule, f.row])).toEqual([
      ['interval-overlap', 0],
      ['interval-overlap', 1],
    ])
  })

  it('a definition written with tableDefinitionToJson reads back the same', () => {
    const def = SchemaRegistry.fromJson({ tables: [CPT, LOG] }).require('cpt')
    const again = SchemaRegistry.fromJson(
      JSON.parse(JSON.stringify({ tables: [tableDefinitionToJson(def)] })),
    ).require('cpt')
    expect({ ...again, schema: schemaToJson(again.schema) }).toEqual({
      ...def,
      schema: schemaToJson(def.schema),
    })
  })

  const malformed: [string, unknown, string][] = [
    [
      'a bad type inside a column',
      {
        tables: [
          {
            ...CPT,
            columns: [
              CPT.columns[0],
              { name: 'x', type: { type: 'timestamp', unit: 'hours', tz: null } },
            ],
          },
        ],
      },
      'tables[0].columns[1].type.unit',
    ],
    [
      'a key column that is not a column',
      { tables: [CPT, { ...LOG, key_columns: ['hole', 'depth_top_m'] }] },
      'tables[1].key_columns[0]',
    ],
    [
      'a required column that is not a column',
      { tables: [{ ...CPT, required: ['qc_mpa', 'fs_kpa'] }] },
      'tables[0].required[1]',
    ],
    ['a table defined twice', { tables: [CPT, LOG, CPT] }, 'tables[2].table_name'],
    [
      'redefining the built-in borelog',
      { tables: [{ ...LOG, table_name: 'borelog' }] },
      'tables[0].table_name',
    ],
    [
      'a table name with spaces',
      { tables: [{ ...CPT, table_name: 'cone tests' }] },
      'tables[0].table_name',
    ],
    ['a misspelt key', { tables: [{ ...CPT, key_column: ['hole_id'] }] }, 'tables[0]'],
    [
      'the borelog rules without interval columns',
      { tables: [{ ...CPT, rules: ['borelog'] }] },
      'tables[0].rules[0]',
    ],
    ['an unknown rule set', { tables: [{ ...CPT, rules: ['cpt'] }] }, 'tables[0].rules[0]'],
    [
      'a column defined twice',
      { tables: [{ ...CPT, columns: [...CPT.columns, { name: 'depth_m', type: 'float32' }] }] },
      'tables[0].columns[4].name',
    ],
    [
      'a table without columns',
      { tables: [{ ...CPT, columns: [], key_columns: [], required: [] }] },
      'tables[0].columns',
    ],
    ['not an object', ['cpt'], '(root)'],
  ]
  it.each(malformed)(
    '%s is CORRUPT_METADATA naming the file and JSON path',
    (_what, json, path) => {
      const error = thrown(() => SchemaRegistry.fromJson(json, '/store/schemas.json'))
      expect(error.code).toBe('CORRUPT_METADATA')
      expect(error.details).toMatchObject({ where: '/store/schemas.json', path })
    },
  )
})
