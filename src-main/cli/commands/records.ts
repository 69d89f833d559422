// The record commands: create, update, get, meta, versions, list, validate.
import { BadInputError } from '../../../shared/errors'
import type { Finding } from '../../../shared/metadata'
import type { ListQuery } from '../../../shared/records'
import type { VersionedStore } from '../../store/index'
import type { Command } from '../command'
import { listProject } from '../project'
import {
  STORE_OPTIONS,
  formatRows,
  openSignedStore,
  openStore,
  positional,
  printJson,
  readTableFile,
  statusFlag,
  stringFlag,
  versionFlag,
  writeOutputFile,
  writeTableFile,
} from '../common'

export const createCommand: Command = {
  name: 'create',
  usage:
    'create ID --table T [--by U] --from FILE [--comment C] [--key COL,...] --store DIR [--json]',
  summary: 'Create a record: its v1, a draft, from a .parquet or .csv file.',
  options: {
    ...STORE_OPTIONS,
    table: { type: 'string' },
    by: { type: 'string' },
    from: { type: 'string' },
    comment: { type: 'string' },
    key: { type: 'string' },
  },
  async run(args, io) {
    const recordId = positional(args, 0, 'record ID')
    const tableName = stringFlag(args, 'table', true)
    const from = stringFlag(args, 'from', true)
    const keyText = stringFlag(args, 'key')
    const keyColumns = keyText
      ?.split(',')
      .map((k) => k.trim())
      .filter(Boolean)
    const { store, by } = await openSignedStore(args, io, { create: true })
    await store.assertNewRecordId(recordId)
    const def = store.registry.get(tableName)
    const table = await readTableFile(from, def, io)
    if (keyColumns) {
      const missing = keyColumns.filter((k) => !table.schema.fields.some((f) => f.name === k))
      if (missing.length > 0)
        throw new BadInputError(
          `--key names column(s) ${missing.join(', ')} that ${from} does not have.`,
          { flag: 'key' },
        )
    }
    const metadata = await store.createRecord({
      recordId,
      table,
      tableName,
      createdBy: by,
      comment: stringFlag(args, 'comment') ?? null,
      ...(keyColumns ? { keyColumns } : {}),
    })
    if (args.values.json) printJson(io, metadata)
    else
      io.out(
        `Created ${recordId} v1 (draft, ${table.numRows} rows).\n${await findingsLine(store.getFindings(recordId, 1))}`,
      )
    return 0
  },
}

export const updateCommand: Command = {
  name: 'update',
  usage: 'update ID [--by U] --from FILE [--comment C] [--base-version N] --store DIR [--json]',
  summary: 'Save a new version (a draft) of a record from a .parquet or .csv file.',
  options: {
    ...STORE_OPTIONS,
    by: { type: 'string' },
    from: { type: 'string' },
    comment: { type: 'string' },
    'base-version': { type: 'string' },
  },
  async run(args, io) {
    const recordId = positional(args, 0, 'record ID')
    const from = stringFlag(args, 'from', true)
    const baseVersion = versionFlag(args, 'base-version')
    const { store, by } = await openSignedStore(args, io)
    const table = await readTableFile(from, await store.tableDefinition(recordId), io)
    const metadata = await store.updateRecord({
      recordId,
      table,
      updatedBy: by,
      comment: stringFlag(args, 'comment') ?? null,
      ...(baseVersion !== undefined ? { baseVersion } : {}),
    })
    if (args.values.json) printJson(io, metadata)
    else
      io.out(
        `Saved ${recordId} v${metadata.current_version} (draft, ${table.numRows} rows).\n${await findingsLine(store.getFindings(recordId, metadata.current_version))}`,
      )
    return 0
  },
}

export const getCommand: Command = {
  name: 'get',
  usage: 'get ID [--version N] --out FILE --store DIR',
  summary:
    'Write a version (default: the latest) to a .parquet file (byte for byte) or a .csv file.',
  options: { ...STORE_OPTIONS, version: { type: 'string' }, out: { type: 'string' } },
  async run(args, io) {
    const recordId = positional(args, 0, 'record ID')
    const out = stringFlag(args, 'out', true)
    const { store } = await openStore(args)
    const version = versionFlag(args) ?? (await store.getMetadata(recordId)).current_version
    const rows = out.toLowerCase().endsWith('.parquet')
      ? await copyVersionFile(store, recordId, version, out)
      : await writeVersionCsv(store, recordId, version, out)
    if (args.values.json) printJson(io, { record_id: recordId, version, rows, out })
    else io.out(`Wrote ${recordId} v${version} (${rows} rows) to ${out}.\n`)
    return 0
  },
}

/**
 * A .parquet copy is the stored file byte for byte, already checked against its recorded
 * hash: nothing is decoded, the row count comes from the file's footer. Returns the rows.
 */
async function copyVersionFile(
  store: VersionedStore,
  recordId: string,
  version: number,
  out: string,
): Promise<number> {
  const bytes = await store.getVersionFile(recordId, version)
  const info = await store.readVersionInfo(recordId, version)
  await writeOutputFile(out, bytes)
  return info.row_count
}

async function writeVersionCsv(
  store: VersionedStore,
  recordId: string,
  version: number,
  out: string,
): Promise<number> {
  const page = await store.readVersion(recordId, version)
  await writeTableFile(out, page.table)
  return page.rowCount
}

export const metaCommand: Command = {
  name: 'meta',
  usage: 'meta ID --store DIR',
  summary: "Print the record's metadata.json.",
  options: STORE_OPTIONS,
  async run(args, io) {
    const recordId = positional(args, 0, 'record ID')
    const { store } = await openStore(args)
    printJson(io, await store.getMetadata(recordId))
    return 0
  },
}

export const versionsCommand: Command = {
  name: 'versions',
  usage: 'versions ID --store DIR [--json]',
  summary: 'List the versions of a record (--json: an array of version numbers).',
  options: STORE_OPTIONS,
  async run(args, io) {
    const recordId = positional(args, 0, 'record ID')
    const { store } = await openStore(args)
    if (args.values.json) {
      printJson(io, await store.getAllVersions(recordId))
      return 0
    }
    const versions = await store.listVersions(recordId)
    io.out(
      formatRows(
        ['version', 'status', 'by', 'at', 'rows', 'errors', 'warnings', 'comment'],
        versions.map((v) => [
          `v${v.version}`,
          v.status,
          v.created_by,
          v.created_at,
          String(v.row_count),
          String(v.error_count),
          String(v.warning_count),
          v.comment ?? '',
        ]),
      ),
    )
    return 0
  },
}

export const listCommand: Command = {
  name: 'list',
  usage:
    'list [--status S] [--table T] [--created-by U] [--approved-by U] [--prefix P] [--search TEXT] [--min-version N] [--max-version N] [--project P] [--limit N] --store DIR [--json]',
  summary: 'List records with filters (--json: an array of metadata.json objects).',
  options: {
    ...STORE_OPTIONS,
    status: { type: 'string' },
    table: { type: 'string' },
    'created-by': { type: 'string' },
    'approved-by': { type: 'string' },
    prefix: { type: 'string' },
    search: { type: 'string' },
    'min-version': { type: 'string' },
    'max-version': { type: 'string' },
    project: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(args, io) {
    const status = statusFlag(args)
    const limit = versionFlag(args, 'limit')
    const minVersion = versionFlag(args, 'min-version')
    const maxVersion = versionFlag(args, 'max-version')
    if (minVersion !== undefined && maxVersion !== undefined && minVersion > maxVersion)
      throw new BadInputError(
        `--min-version ${minVersion} is above --max-version ${maxVersion}: no version can match.`,
      )
    const query: ListQuery = {
      ...(status ? { status: [status] } : {}),
      ...optional('tableName', stringFlag(args, 'table')),
      ...optional('createdBy', stringFlag(args, 'created-by')),
      ...optional('approvedBy', stringFlag(args, 'approved-by')),
      ...optional('idPrefix', stringFlag(args, 'prefix')),
      ...optional('text', stringFlag(args, 'search')),
      ...optional('minVersion', minVersion),
      ...optional('maxVersion', maxVersion),
      ...(limit !== undefined ? { limit } : {}),
    }
    const { store } = await openStore(args)
    const project = stringFlag(args, 'project')
    const result =
      project === undefined
        ? await store.listRecords(query)
        : await listProject(store, query, project)
    if (args.values.json) {
      // Whole metadata.json objects, history included: read only for the records printed.
      printJson(io, await Promise.all(result.records.map((r) => store.getMetadata(r.record_id))))
      return 0
    }
    io.out(
      formatRows(
        ['record', 'table', 'version', 'status', 'created by', 'updated'],
        result.records.map((r) => [
          r.record_id,
          r.table_name,
          `v${r.current_version}`,
          r.status,
          r.created_by,
          r.updated_at,
        ]),
      ) +
        `${result.total} record(s): ${result.countsByStatus.draft} draft, ${result.countsByStatus.approved} approved, ${result.countsByStatus.rejected} rejected.\n`,
    )
    return 0
  },
}

export const validateCommand: Command = {
  name: 'validate',
  usage: 'validate ID [--version N] --store DIR [--json]',
  summary:
    'Validate a version with the current rules; exit 2 when it has errors (--json: an array of findings).',
  options: { ...STORE_OPTIONS, version: { type: 'string' } },
  async run(args, io) {
    const recordId = positional(args, 0, 'record ID')
    const { store } = await openStore(args)
    const findings = await store.validateVersion(recordId, versionFlag(args))
    if (args.values.json) printJson(io, findings)
    else
      io.out(
        findings.length === 0 ? 'No findings.\n' : findings.map(formatFinding).join('\n') + '\n',
      )
    return findings.some((f) => f.severity === 'error') ? 2 : 0
  },
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>)
}

export function formatFinding(f: Finding): string {
  const where = [f.row !== null ? `row ${f.row + 1}` : null, f.column].filter(Boolean).join(', ')
  return `${f.severity.toUpperCase()} ${f.rule}${where ? ` (${where})` : ''}: ${f.message}`
}

async function findingsLine(findings: Promise<Finding[]>): Promise<string> {
  const all = await findings
  const errors = all.filter((f) => f.severity === 'error').length
  return all.length === 0
    ? 'No findings.\n'
    : `${errors} error(s), ${all.length - errors} warning(s): run validate to see them.\n`
}
