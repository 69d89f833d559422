// The rules a record's new versions are checked against: a registered table's definition,
// or, for an unregistered table, the one its v1 defined (its schema and key columns).
import type { Table } from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import type { Finding, MetadataJson } from '../../shared/metadata'
import {
  compareSchemas,
  conformTable,
  definitionFromTable,
  schemaChangeFindings,
  schemaFromJson,
  validateTable,
  type TableDefinition,
} from '../schema/index'
import type { StoreCore } from './core'
import { readVersionInfo } from './read-version'

export interface RecordDefinition {
  def: TableDefinition
  registered: boolean
}

/**
 * The definition for `tableName`; an unregistered table needs its record's metadata.json
 * (the snapshot its operation read) to find v1.
 */
export async function definitionFor(
  core: StoreCore,
  tableName: string,
  keyColumns: string[] | undefined,
  metadata: MetadataJson | undefined,
): Promise<RecordDefinition> {
  const registered = core.registry.get(tableName)
  if (registered) return { def: registered, registered: true }
  if (metadata === undefined)
    throw new BadInputError(`definitionFor needs a record for unregistered table ${tableName}.`)
  const v1 = await readVersionInfo(core, metadata, 1)
  const schema = schemaFromJson(v1.table_schema)
  return {
    def: { ...definitionFromTable(tableName, schema, keyColumns ?? v1.key_columns) },
    registered: false,
  }
}

export function recordDefinition(
  core: StoreCore,
  metadata: MetadataJson,
): Promise<RecordDefinition> {
  return definitionFor(core, metadata.table_name, metadata.key_columns, metadata)
}

/** Conforms and validates a new version's table as a save does (sync's merges too). */
export function prepareTable(
  input: Table,
  def: TableDefinition,
  registered: boolean,
  header: Record<string, string>,
): { table: Table; findings: Finding[] } {
  if (registered) {
    const table = conformTable(input, def)
    return { table, findings: validateTable(table, def, header) }
  }
  const findings = validateTable(input, def, header)
  findings.push(...schemaChangeFindings(compareSchemas(def.schema, input.schema), def.tableName))
  return { table: input, findings }
}
