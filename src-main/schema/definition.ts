// What a table_name means: its Arrow
// schema in column order, key columns, required columns, units and the domain rule
// sets validateTable runs. `borelog` is built in; other tables come from schemas.json
// (registry.ts) or, for a table_name nobody registered, from its first version.
import { Field, Float64, Int32, Schema, type DataType, type Table, Type, Utf8 } from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import { formatJsonPath } from '../../shared/json-path'
import { isNumericType, isStringType } from './columns'

/** Domain rules beyond the generic ones. 'borelog': interval, depth, SPT, legend rules. */
export const RULE_SETS = ['borelog'] as const
export type RuleSet = (typeof RULE_SETS)[number]

export interface TableDefinition {
  tableName: string
  /** Registered columns in order. Every field is nullable: missing values are findings, not write errors. */
  schema: Schema
  /** Together identify a row; null or duplicate keys are error findings. */
  keyColumns: string[]
  /** Columns that must be present and hold a value in every row (key columns always are). */
  required: string[]
  /** Column -> unit ('m', 'blows'); also stored as the field's `unit` metadata. */
  units: Record<string, string>
  description?: string
  rules?: RuleSet[]
}

export interface ColumnSpec {
  name: string
  type: DataType
  unit?: string
}

export interface TableSpec {
  tableName: string
  columns: ColumnSpec[]
  keyColumns?: string[]
  required?: string[]
  description?: string
  rules?: RuleSet[]
}

export interface DefinitionProblem {
  /** Path in TableSpec terms: 'columns[3]', 'keyColumns[0]', 'rules[0]'. */
  path: (string | number)[]
  message: string
}

/** Columns the borelog rule set reads, with the kind of type each must have. */
export const INTERVAL_COLUMNS = {
  hole_id: 'string',
  depth_top_m: 'number',
  depth_base_m: 'number',
} as const

/** Everything wrong with a spec; empty when it can be a definition. Shared by code and schemas.json. */
export function definitionProblems(spec: TableSpec): DefinitionProblem[] {
  const problems: DefinitionProblem[] = []
  const seen = new Map<string, number>()
  spec.columns.forEach((c, i) => {
    if (c.name === '')
      problems.push({ path: ['columns', i, 'name'], message: 'a column name cannot be empty' })
    const first = seen.get(c.name)
    if (first !== undefined) {
      problems.push({
        path: ['columns', i, 'name'],
        message: `column "${c.name}" is already defined at columns[${first}]`,
      })
    } else seen.set(c.name, i)
  })
  const checkRefs = (list: string[] | undefined, key: 'keyColumns' | 'required'): void => {
    list?.forEach((name, i) => {
      if (!seen.has(name)) {
        problems.push({ path: [key, i], message: `"${name}" is not one of the table's columns` })
      }
    })
  }
  checkRefs(spec.keyColumns, 'keyColumns')
  checkRefs(spec.required, 'required')
  spec.rules?.forEach((rule, i) => {
    if (rule !== 'borelog') return
    for (const [name, kind] of Object.entries(INTERVAL_COLUMNS)) {
      const column = spec.columns.find((c) => c.name === name)
      const ok =
        column && (kind === 'string' ? isStringType(column.type) : isNumericType(column.type))
      if (!ok) {
        problems.push({
          path: ['rules', i],
          message: `the borelog rules need a ${kind} column "${name}"`,
        })
      }
    }
  })
  return problems
}

function unique(names: string[]): string[] {
  return [...new Set(names)]
}

/** Builds a definition from a spec; a bad spec is a BadInputError listing its first problem. */
export function defineTable(spec: TableSpec): TableDefinition {
  const problems = definitionProblems(spec)
  const first = problems[0]
  if (first) {
    throw new BadInputError(
      `Table definition "${spec.tableName}": ${formatJsonPath(first.path)}: ${first.message}.`,
      {
        tableName: spec.tableName,
        problems,
      },
    )
  }
  const units: Record<string, string> = {}
  const fields = spec.columns.map((c) => {
    if (c.unit !== undefined) units[c.name] = c.unit
    return new Field(
      c.name,
      c.type,
      true,
      c.unit !== undefined ? new Map([['unit', c.unit]]) : null,
    )
  })
  const keyColumns = [...(spec.keyColumns ?? [])]
  const def: TableDefinition = {
    tableName: spec.tableName,
    schema: new Schema(fields),
    keyColumns,
    required: unique([...keyColumns, ...(spec.required ?? [])]),
    units,
  }
  if (spec.description !== undefined) def.description = spec.description
  if (spec.rules && spec.rules.length > 0) def.rules = [...spec.rules]
  return def
}

/**
 * The built-in borelog table (AGS4 GEOL/ISPT/SAMP/WSTG folded into one
 * row per depth interval). Column names are part of the on-disk contract: other tools
 * read them from the version files.
 */
export const BORELOG_DEFINITION: TableDefinition = defineTable({
  tableName: 'borelog',
  description:
    'One borehole: one row per depth interval (AGS4 GEOL with SPT, samples and water strikes).',
  columns: [
    { name: 'hole_id', type: new Utf8() },
    { name: 'depth_top_m', type: new Float64(), unit: 'm' },
    { name: 'depth_base_m', type: new Float64(), unit: 'm' },
    { name: 'description', type: new Utf8() },
    { name: 'legend_code', type: new Utf8() },
    { name: 'geology_code', type: new Utf8() },
    { name: 'spt_n', type: new Int32(), unit: 'blows' },
    { name: 'sample_refs', type: new Utf8() },
    { name: 'water_strike_m', type: new Float64(), unit: 'm' },
    { name: 'remarks', type: new Utf8() },
  ],
  keyColumns: ['hole_id', 'depth_top_m'],
  required: ['depth_base_m'],
  rules: ['borelog'],
})

/**
 * A borelog's interval columns: the hole and the two depths bounding each interval.
 * The depth-aware diff reads layers split, merged or moved from these.
 */
export const BORELOG_DEPTH = {
  holeColumn: 'hole_id',
  topColumn: 'depth_top_m',
  baseColumn: 'depth_base_m',
} as const

/**
 * The definition of a table_name nobody registered, taken from its first version
 * (so a store another tool wrote opens as it is): its columns as they are, `keyColumns`
 * as named on create.
 */
export function definitionFromTable(
  tableName: string,
  table: Table | Schema,
  keyColumns: string[] = [],
): TableDefinition {
  const schema = 'schema' in table ? table.schema : table
  const names = schema.fields.map((f) => f.name)
  for (const key of keyColumns) {
    if (!names.includes(key)) {
      throw new BadInputError(
        `Key column "${key}" is not a column of table "${tableName}" (columns: ${names.join(', ') || 'none'}). ` +
          'Name existing columns with --key.',
        { tableName, keyColumn: key, columns: names },
      )
    }
  }
  if (new Set(keyColumns).size !== keyColumns.length) {
    throw new BadInputError(
      `Key columns of table "${tableName}" name a column twice: ${keyColumns.join(', ')}.`,
      {
        tableName,
        keyColumns,
      },
    )
  }
  const units: Record<string, string> = {}
  for (const f of schema.fields) {
    const unit = f.metadata.get('unit')
    if (unit !== undefined) units[f.name] = unit
  }
  return {
    tableName,
    // Dictionary encoding is how a writer (pandas, DuckDB) chose to store strings, not
    // what they are: a later version written as plain utf8 must still conform.
    schema: new Schema(
      schema.fields.map((f) =>
        f.clone({
          nullable: true,
          type: f.type.typeId === Type.Dictionary && isStringType(f.type) ? new Utf8() : f.type,
        }),
      ),
    ),
    keyColumns: [...keyColumns],
    required: [...keyColumns],
    units,
  }
}
