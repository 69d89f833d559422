// AGS4 <-> the versioned store. Import makes one borelog record per LOCA
// hole; re-importing a file creates a new draft only for holes whose table or header
// changed, and never a second record for a hole (record ids come from project and
// hole id, recordIdFor). Everything that can be wrong with the file is found before
// the first write, so bad input never leaves a partial import; a write that fails
// part-way (a conflict, an outage) says how far it got, and running the import again
// finishes it (unchanged holes are skipped).
import type { Table } from 'apache-arrow'

import { BadInputError, BorelogError, isBorelogError } from '../../shared/errors'
import type { Finding, MetadataJson } from '../../shared/metadata'
import { convertAgs, holeTable, type BorelogHole } from './borelog'
import { BORELOG_KEY_COLUMNS, BORELOG_TABLE_NAME, borelogRowsFromTable } from './borelog-table'
import { checkAgs } from './check'
import { exportAgs, type AgsExport } from './export'
import type { AgsFinding } from './finding'
import { readAgs } from './parse'

/** What import and export use of the versioned store (src-main/store VersionedStore). */
export interface AgsStore {
  /** Throws a BorelogError with code NOT_FOUND when the record does not exist. */
  getMetadata(recordId: string): Promise<MetadataJson>
  readVersion(
    recordId: string,
    version: number,
  ): Promise<{ table: Table; header: Record<string, string> }>
  createRecord(input: {
    recordId: string
    table: Table
    tableName: string
    createdBy: string
    comment?: string | null
    keyColumns?: string[]
    header?: Record<string, string>
    extraFindings?: Finding[]
  }): Promise<MetadataJson>
  updateRecord(input: {
    recordId: string
    table: Table
    updatedBy: string
    comment?: string | null
    header?: Record<string, string>
    baseVersion?: number
    extraFindings?: Finding[]
  }): Promise<MetadataJson>
}

export type ImportAction = 'created' | 'updated' | 'unchanged'

export interface ImportedRecord {
  recordId: string
  holeId: string
  action: ImportAction
  /** The record's current version after the import. */
  version: number
  intervalCount: number
}

export interface AgsImportResult {
  fileName: string
  records: ImportedRecord[]
  /** Checker findings of the file, then what conversion noticed (per hole too). */
  findings: AgsFinding[]
  errorCount: number
  warningCount: number
}

export interface ImportProgress {
  phase: 'read' | 'check' | 'convert' | 'compare' | 'write'
  done: number
  total: number
}

export interface ImportOptions {
  by: string
  fileName: string
  /** History comment of each new version; the file's name is added when it does not say it. */
  comment?: string
  onProgress?: (progress: ImportProgress) => void
}

/** Value equality of two interval tables (column types may differ after a store round trip). */
function sameTable(a: Table, b: Table): boolean {
  return JSON.stringify(borelogRowsFromTable(a)) === JSON.stringify(borelogRowsFromTable(b))
}

/**
 * Header keys that say where a version came from, not what it holds. Older imports
 * stored the file name in the header; ignoring it keeps their re-import unchanged.
 */
const PROVENANCE_KEYS: ReadonlySet<string> = new Set(['source_file'])

function dataKeys(header: Record<string, string>): string[] {
  return Object.keys(header)
    .filter((k) => !PROVENANCE_KEYS.has(k))
    .sort()
}

function sameHeader(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = dataKeys(a)
  const kb = dataKeys(b)
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k])
}

/** The history entry names the file a version came from (the header no longer does). */
function importComment(comment: string | undefined, fileName: string): string {
  if (comment === undefined || comment.trim() === '') return `Imported from ${fileName}`
  return comment.includes(fileName) ? comment : `${comment} (imported from ${fileName})`
}

async function currentOf(store: AgsStore, recordId: string): Promise<MetadataJson | null> {
  try {
    return await store.getMetadata(recordId)
  } catch (e) {
    if (isBorelogError(e) && e.code === 'NOT_FOUND') return null
    throw e
  }
}

export async function importAgsToStore(
  store: AgsStore,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<AgsImportResult> {
  const { by, fileName, onProgress } = options
  if (by.trim() === '')
    throw new BadInputError('Say who imports (--by): every version names its author.')
  onProgress?.({ phase: 'read', done: 0, total: 1 })
  const file = readAgs(bytes, { fileName })
  onProgress?.({ phase: 'check', done: 0, total: 1 })
  const check = checkAgs(file)
  onProgress?.({ phase: 'convert', done: 0, total: 1 })
  const conversion = convertAgs(file, { fileName })
  const holes = conversion.holes
  const tables = holes.map(holeTable)
  const findings = [...check.findings, ...conversion.findings, ...holes.flatMap((h) => h.findings)]

  // Read every record's state first: no write happens before we know the whole plan.
  const plan: {
    hole: BorelogHole
    table: Table
    current: MetadataJson | null
    action: ImportAction
  }[] = []
  for (let i = 0; i < holes.length; i++) {
    onProgress?.({ phase: 'compare', done: i, total: holes.length })
    const hole = holes[i] as BorelogHole
    const table = tables[i] as Table
    const current = await currentOf(store, hole.recordId)
    let action: ImportAction = 'created'
    if (current) {
      const latest = await store.readVersion(hole.recordId, current.current_version)
      action =
        sameTable(latest.table, table) && sameHeader(latest.header, hole.header)
          ? 'unchanged'
          : 'updated'
    }
    plan.push({ hole, table, current, action })
  }

  const comment = importComment(options.comment, fileName)
  const records: ImportedRecord[] = []
  const writes = plan.filter((p) => p.action !== 'unchanged').length
  let written = 0
  for (const p of plan) {
    const base = {
      recordId: p.hole.recordId,
      holeId: p.hole.holeId,
      intervalCount: p.hole.intervals.length,
    }
    if (p.action === 'unchanged') {
      records.push({
        ...base,
        action: 'unchanged',
        version: (p.current as MetadataJson).current_version,
      })
      continue
    }
    onProgress?.({ phase: 'write', done: written, total: writes })
    try {
      const metadata =
        p.action === 'created'
          ? await store.createRecord({
              recordId: p.hole.recordId,
              table: p.table,
              tableName: BORELOG_TABLE_NAME,
              createdBy: by,
              comment,
              keyColumns: BORELOG_KEY_COLUMNS,
              header: p.hole.header,
              extraFindings: sourceFindings(p.hole.findings),
            })
          : await store.updateRecord({
              recordId: p.hole.recordId,
              table: p.table,
              updatedBy: by,
              comment,
              header: p.hole.header,
              extraFindings: sourceFindings(p.hole.findings),
              // Another writer who saved since we compared wins; we report a conflict.
              baseVersion: (p.current as MetadataJson).current_version,
            })
      written++
      records.push({ ...base, action: p.action, version: metadata.current_version })
    } catch (e) {
      if (!isBorelogError(e)) throw e
      // Same code (the caller branches on it), with how far the import got.
      throw new BorelogError(
        e.code,
        `${fileName}: ${written} of ${writes} record(s) written before ${p.hole.recordId} failed: ${e.message} Run the import again to finish; unchanged holes are skipped.`,
        {
          ...e.details,
          written: records.filter((r) => r.action !== 'unchanged').map((r) => r.recordId),
        },
        { cause: e },
      )
    }
  }
  onProgress?.({ phase: 'write', done: written, total: writes })
  return {
    fileName,
    records,
    findings,
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
  }
}

export interface StoreExportOptions {
  /** A specific version of the one record named (default: each record's latest). */
  version?: number
  now?: () => Date
}

/** Records of the store (latest versions, or one record's given version) -> one AGS4 file. */
export async function exportAgsFromStore(
  store: Pick<AgsStore, 'getMetadata' | 'readVersion'>,
  recordIds: readonly string[],
  options: StoreExportOptions = {},
): Promise<AgsExport> {
  if (recordIds.length === 0) throw new BadInputError('Name at least one record to export.')
  if (options.version !== undefined && recordIds.length !== 1) {
    throw new BadInputError(
      `A version number names one record's version; got ${recordIds.length} records. Export one record with --version, or drop --version.`,
    )
  }
  const records = []
  for (const recordId of recordIds) {
    const version = options.version ?? (await store.getMetadata(recordId)).current_version
    // The store refuses (NOT_FOUND) a version that was never committed.
    const { table, header } = await store.readVersion(recordId, version)
    records.push({ recordId, table, header })
  }
  return exportAgs(records, options.now ? { now: options.now } : {})
}

/**
 * What conversion noticed about a hole, kept with its version so a reviewer sees it.
 * Stored as warnings: they describe the source file, and a reviewer may accept them.
 */
function sourceFindings(findings: AgsFinding[]): Finding[] {
  return findings.map((f) => ({
    severity: 'warning',
    row: null,
    column: f.heading,
    rule: `ags4 ${f.rule}`,
    message: `${f.line !== null ? `line ${f.line}, ` : ''}${f.group ? `${f.group}: ` : ''}${f.message}`,
  }))
}
