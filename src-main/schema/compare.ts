// Schema differences between two versions (or a version and its definition): columns
// added, removed, or whose type changed. For a table_name nobody registered, the
// first version defines the schema and a later version that differs gets a warning
// finding per change; diff shows the same list. Types compare as logical
// types (logicalTypeToString): a dictionary-encoded or large string column is a utf8
// column, list item names do not matter, since writers (pandas, DuckDB, us) choose
// these encodings and a column read back from another tool must not look changed.
// Nullability and metadata are ignored.
import type { Schema } from 'apache-arrow'

import type { Finding } from '../../shared/metadata'
import { logicalTypeToString } from './schema-json'

export type SchemaChange =
  | { kind: 'added'; column: string; type: string }
  | { kind: 'removed'; column: string; type: string }
  | { kind: 'type-changed'; column: string; from: string; to: string }

/** What changed from `before` to `after`: removed and retyped in `before`'s order, then added in `after`'s. */
export function compareSchemas(before: Schema, after: Schema): SchemaChange[] {
  const afterTypes = new Map(after.fields.map((f) => [f.name, logicalTypeToString(f.type)]))
  const beforeNames = new Set(before.fields.map((f) => f.name))
  const changes: SchemaChange[] = []
  for (const field of before.fields) {
    const from = logicalTypeToString(field.type)
    const to = afterTypes.get(field.name)
    if (to === undefined) changes.push({ kind: 'removed', column: field.name, type: from })
    else if (to !== from) changes.push({ kind: 'type-changed', column: field.name, from, to })
  }
  for (const field of after.fields) {
    if (!beforeNames.has(field.name))
      changes.push({ kind: 'added', column: field.name, type: logicalTypeToString(field.type) })
  }
  return changes
}

/** One warning per change, for a version of an unregistered table whose schema moved on from its first version. */
export function schemaChangeFindings(changes: SchemaChange[], tableName: string): Finding[] {
  return changes.map((c) => ({
    severity: 'warning',
    row: null,
    column: c.column,
    rule: 'schema-changed',
    message:
      c.kind === 'added'
        ? `Column "${c.column}" (${c.type}) is new: the first version of table "${tableName}" has no such column. Check that it was meant to be added.`
        : c.kind === 'removed'
          ? `Column "${c.column}" (${c.type}) is missing: the first version of table "${tableName}" has it. Check that it was meant to be dropped.`
          : `Column "${c.column}" is ${c.to}, but the first version of table "${tableName}" has ${c.from}. Check that the type change is intended.`,
  }))
}
