// The schema registry: table_name -> TableDefinition. Built-in tables
// (borelog) plus tables a firm registers in `schemas.json` at the store root, read
// through the store's object reader so a local folder and an S3 store behave the same. A
// table_name in neither is not an error: the store derives its definition from the
// record's first version (definitionFromTable), so a store written by another tool
// opens without registering anything.
// A malformed schemas.json is a CorruptMetadataError naming the file and the JSON
// path of the first problem; it never half-loads.
import { z } from 'zod'

import { CorruptMetadataError, UnknownTableError } from '../../shared/errors'
import {
  BORELOG_DEFINITION,
  RULE_SETS,
  type TableDefinition,
  type TableSpec,
  defineTable,
  definitionProblems,
} from './definition'
import { corruptJson, parseJsonText } from '../../shared/json-path'
import { TypeJsonSchema, type TypeJson, typeFromJson, typeToJson } from './schema-json'

export const SCHEMAS_FILE = 'schemas.json'

/**
 * What the registry reads schemas.json through: an object store (a local folder, S3) as
 * far as this engine needs one, so the schema layer never depends on the store layers.
 */
export interface SchemasSource {
  /** The store's location, naming the file in messages. */
  readonly location: string
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<{ bytes: Uint8Array } | null>
}

/** A table name is a plain identifier: it appears in file names, CLI flags and SQL. */
const TABLE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/

const ColumnJsonSchema = z.strictObject({
  name: z.string().min(1, 'a column name cannot be empty'),
  type: TypeJsonSchema,
  unit: z.string().optional(),
})

/** snake_case keys, as the store's other on-disk JSON (see docs/ARCHITECTURE.md, "On-disk format"). */
const TableJsonSchema = z
  .strictObject({
    table_name: z
      .string()
      .regex(
        TABLE_NAME_PATTERN,
        'a table name starts with a letter and uses only letters, digits, _ . -',
      ),
    description: z.string().optional(),
    columns: z.array(ColumnJsonSchema).min(1, 'a table needs at least one column'),
    key_columns: z.array(z.string()).optional(),
    required: z.array(z.string()).optional(),
    rules: z.array(z.enum(RULE_SETS)).optional(),
  })
  .superRefine((table, ctx) => {
    const specPathToJson: Record<string, string> = {
      keyColumns: 'key_columns',
      columns: 'columns',
      required: 'required',
      rules: 'rules',
    }
    for (const problem of definitionProblems(specFromJson(table))) {
      const [head, ...rest] = problem.path
      ctx.addIssue({
        code: 'custom',
        path: [specPathToJson[String(head)] ?? String(head), ...rest],
        message: problem.message,
      })
    }
  })

export type TableJson = z.infer<typeof TableJsonSchema>

export const SchemasJsonSchema = z
  .strictObject({ tables: z.array(TableJsonSchema) })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>()
    file.tables.forEach((t, i) => {
      if (BUILT_IN.has(canonicalTableName(t.table_name))) {
        ctx.addIssue({
          code: 'custom',
          path: ['tables', i, 'table_name'],
          message: `"${t.table_name}" is built in and cannot be redefined (extra columns need no registration: they are kept)`,
        })
      }
      const first = seen.get(t.table_name)
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['tables', i, 'table_name'],
          message: `"${t.table_name}" is already defined at tables[${first}]`,
        })
      } else seen.set(t.table_name, i)
    })
  })

export type SchemasJson = z.infer<typeof SchemasJsonSchema>

const BUILT_IN: ReadonlyMap<string, TableDefinition> = new Map([
  [BORELOG_DEFINITION.tableName, BORELOG_DEFINITION],
])

/**
 * Other names of built-in tables. `borelog_versions` is the name the original format's
 * examples use for borelog records: a record stored under it is a borelog and gets the
 * borelog rules, never the lenient treatment of a table nobody registered.
 */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['borelog_versions', BORELOG_DEFINITION.tableName],
])

/** The built-in table `tableName` names (itself unless it is an alias). */
function canonicalTableName(tableName: string): string {
  return ALIASES.get(tableName) ?? tableName
}

function specFromJson(table: TableJson): TableSpec {
  const spec: TableSpec = {
    tableName: table.table_name,
    columns: table.columns.map((c) => {
      const column: TableSpec['columns'][number] = { name: c.name, type: typeFromJson(c.type) }
      if (c.unit !== undefined) column.unit = c.unit
      return column
    }),
    keyColumns: table.key_columns ?? [],
    required: table.required ?? [],
    rules: table.rules ?? [],
  }
  if (table.description !== undefined) spec.description = table.description
  return spec
}

/** A definition as a schemas.json entry (what a settings screen or CLI would write). */
export function tableDefinitionToJson(def: TableDefinition): TableJson {
  const out: TableJson = {
    table_name: def.tableName,
    columns: def.schema.fields.map((f) => {
      const column: { name: string; type: TypeJson; unit?: string } = {
        name: f.name,
        type: typeToJson(f.type),
      }
      const unit = def.units[f.name]
      if (unit !== undefined) column.unit = unit
      return column
    }),
    key_columns: [...def.keyColumns],
    required: def.required.filter((r) => !def.keyColumns.includes(r)),
  }
  if (def.description !== undefined) out.description = def.description
  if (def.rules && def.rules.length > 0) out.rules = [...def.rules]
  return out
}

function joinLocation(location: string, key: string): string {
  return location.endsWith('/') ? `${location}${key}` : `${location}/${key}`
}

export class SchemaRegistry {
  private readonly tables: ReadonlyMap<string, TableDefinition>

  private constructor(registered: TableDefinition[]) {
    const tables = new Map(BUILT_IN)
    for (const def of registered) tables.set(def.tableName, def)
    this.tables = tables
  }

  /** Only the built-in tables. */
  static builtIn(): SchemaRegistry {
    return new SchemaRegistry([])
  }

  /** Built-ins plus the tables of a parsed schemas.json; `where` names the file in errors. */
  static fromJson(json: unknown, where: string = SCHEMAS_FILE): SchemaRegistry {
    const parsed = SchemasJsonSchema.safeParse(json)
    if (!parsed.success) throw corruptJson(where, parsed.error)
    return new SchemaRegistry(parsed.data.tables.map((t) => defineTable(specFromJson(t))))
  }

  /** Built-ins plus `schemas.json` at the store root, if the file exists. */
  static async load(store: SchemasSource): Promise<SchemaRegistry> {
    const where = joinLocation(store.location, SCHEMAS_FILE)
    const file = await store.get(SCHEMAS_FILE)
    if (!file) return SchemaRegistry.builtIn()
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes)
    } catch (e) {
      throw new CorruptMetadataError(
        `${where} is not UTF-8 text. Fix the file or restore it from a backup.`,
        {
          where,
          path: '(root)',
        },
        { cause: e },
      )
    }
    return SchemaRegistry.fromJson(parseJsonText(text.replace(/^\uFEFF/, ''), where), where)
  }

  /** The definition of a registered or built-in table; undefined for any other name. */
  get(tableName: string): TableDefinition | undefined {
    return this.tables.get(canonicalTableName(tableName))
  }

  has(tableName: string): boolean {
    return this.tables.has(canonicalTableName(tableName))
  }

  /** Like get, but an unregistered name is an UnknownTableError (for callers that need one). */
  require(tableName: string): TableDefinition {
    const def = this.get(tableName)
    if (!def) {
      throw new UnknownTableError(
        `Table "${tableName}" is not registered (known: ${this.tableNames().join(', ')}). ` +
          `Register it in ${SCHEMAS_FILE} at the store root.`,
        { tableName },
      )
    }
    return def
  }

  isBuiltIn(tableName: string): boolean {
    return BUILT_IN.has(canonicalTableName(tableName))
  }

  tableNames(): string[] {
    return [...this.tables.keys()].sort()
  }
}
