// Incremental export and metadata export.
// Incremental: reads changes/ from a cursor, so its cost grows with the changes, not
// with the store. Change keys start with the writer's clock; a slow writer can land a
// key slightly behind one already read, so the cursor remembers the keys of its last
// few seconds and the next export re-lists that window, taking only what it has not seen.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { Int32, Table, Utf8, vectorFromArray } from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import type { MetadataJson, RecordStatus } from '../../shared/metadata'
import { sha256Hex } from '../object-store/index'
import { encodeParquet } from '../parquet/index'
import { listRecordIds } from './integrity'
import { CHANGES_PREFIX } from './layout'
import { isUnreadableRecord } from './metadata-json'
import { changeKeyPrefixAt } from './change-events'
import type { VersionedStore } from './versioned-store'

const OVERLAP_MS = 5_000

interface Cursor {
  after: string
  seen: string[]
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, ...cursor })).toString('base64url')
}

/** Whether `text` is a cursor an export (or the catalog) wrote. */
export function isCursor(text: string): boolean {
  return parseCursor(text) !== null
}

function decodeCursor(text: string): Cursor {
  const cursor = parseCursor(text)
  if (cursor) return cursor
  throw new BadInputError(
    `"${text.slice(0, 40)}" is not a cursor from an earlier export. Use the "cursor" value an export printed.`,
    { cursor: text },
  )
}

function parseCursor(text: string): Cursor | null {
  try {
    const raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor> & {
      v?: number
    }
    if (raw.v === 1 && typeof raw.after === 'string' && Array.isArray(raw.seen))
      return { after: raw.after, seen: raw.seen.map(String) }
  } catch {
    // Not base64url JSON: not a cursor, which the callers say in their own terms.
  }
  return null
}

/** changes/20261126/20261126T041500123Z-ab12cd.json -> epoch ms of its time prefix. */
function keyTimeMs(key: string): number {
  const m = /^changes\/\d{8}\/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(key)
  if (!m) return Number.NaN
  const [, y, mo, d, h, mi, s, ms] = m
  return Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(ms),
  )
}

function keyAtMs(ms: number): string {
  return changeKeyPrefixAt(new Date(Math.max(0, ms)).toISOString())
}

/**
 * A record's metadata.json, or null when it is missing or unreadable: verify reports
 * those, and the export goes on. An outage fails the export.
 */
async function readableMetadata(
  store: VersionedStore,
  recordId: string,
): Promise<MetadataJson | null> {
  try {
    return await store.getMetadata(recordId)
  } catch (e) {
    if (isUnreadableRecord(e)) return null
    throw e
  }
}

export interface ChangedRecords {
  recordIds: string[]
  cursor: string
  eventsRead: number
}

/**
 * Record ids changed since `cursor` (all, when no cursor) and the cursor to continue from.
 * `skipKeys`: change events the caller wrote itself (sync), passed over unread.
 */
export async function changedSince(
  store: VersionedStore,
  cursorText?: string,
  options: { skipKeys?: ReadonlySet<string> } = {},
): Promise<ChangedRecords> {
  const cursor = cursorText ? decodeCursor(cursorText) : null
  const seen = new Set(cursor?.seen ?? [])
  const startAfter = cursor ? keyAtMs(keyTimeMs(cursor.after) - OVERLAP_MS) : undefined
  const keys: string[] = []
  for await (const obj of store.objects.list(CHANGES_PREFIX, startAfter ? { startAfter } : {})) {
    if (!seen.has(obj.key)) keys.push(obj.key)
  }
  const ids = new Set<string>()
  for (const key of keys) {
    if (options.skipKeys?.has(key)) continue
    const got = await store.objects.get(key)
    if (!got) continue
    try {
      const event = JSON.parse(new TextDecoder().decode(got.bytes)) as { record_id?: unknown }
      if (typeof event.record_id === 'string') ids.add(event.record_id)
    } catch {
      // A damaged change event: the record will be picked up by its next change or a full export.
    }
  }
  const allKeys = [...(cursor?.seen ?? []), ...keys].sort()
  const after = allKeys.length > 0 ? allKeys[allKeys.length - 1]! : (cursor?.after ?? keyAtMs(0))
  const windowStart = keyAtMs(keyTimeMs(after) - OVERLAP_MS)
  return {
    recordIds: [...ids].sort(),
    cursor: encodeCursor({ after, seen: allKeys.filter((k) => k > windowStart) }),
    eventsRead: keys.filter((k) => !options.skipKeys?.has(k)).length,
  }
}

/**
 * The cursor as of now, from key names only (no event is read): a full rebuild takes
 * it BEFORE reading metadata, so a change committed during the rebuild is read again
 * by the next refresh rather than missed.
 */
export async function currentCursor(store: VersionedStore): Promise<string> {
  const keys: string[] = []
  for await (const obj of store.objects.list(CHANGES_PREFIX)) keys.push(obj.key)
  const after = keys.length > 0 ? keys[keys.length - 1]! : keyAtMs(0)
  const windowStart = keyAtMs(keyTimeMs(after) - OVERLAP_MS)
  return encodeCursor({ after, seen: keys.filter((k) => k > windowStart) })
}

export interface ExportedRecord {
  record_id: string
  table_name: string
  version: number
  status: RecordStatus
  updated_at: string | null
  file: string
  sha256: string
}

export interface ExportResult {
  cursor: string
  records: ExportedRecord[]
}

/**
 * Writes the current version of every record changed since `since` (optionally only
 * those whose status is now `status`) to `outDir/records/{id}/v{N}.parquet`, plus
 * `outDir/manifest.json` with the records and the next cursor.
 */
export async function exportChanges(
  store: VersionedStore,
  options: { outDir: string; since?: string; status?: RecordStatus },
): Promise<ExportResult> {
  const changed = await changedSince(store, options.since)
  const records: ExportedRecord[] = []
  for (const recordId of changed.recordIds) {
    const metadata = await readableMetadata(store, recordId)
    if (!metadata) continue
    if (options.status && metadata.status !== options.status) continue
    const bytes = await store.getVersionFile(recordId, metadata.current_version)
    const file = path.posix.join('records', recordId, `v${metadata.current_version}.parquet`)
    await fs.mkdir(path.join(options.outDir, 'records', recordId), { recursive: true })
    await fs.writeFile(path.join(options.outDir, file), bytes)
    records.push({
      record_id: recordId,
      table_name: metadata.table_name,
      version: metadata.current_version,
      status: metadata.status,
      updated_at: metadata.updated_at ?? null,
      file,
      sha256: sha256Hex(bytes),
    })
  }
  const manifest = {
    format: 'borelog-desk-export/1',
    source: store.location,
    exported_at: new Date().toISOString(),
    since: options.since ?? null,
    status: options.status ?? null,
    cursor: changed.cursor,
    records,
  }
  await fs.mkdir(options.outDir, { recursive: true })
  await fs.writeFile(
    path.join(options.outDir, 'manifest.json'),
    JSON.stringify(manifest, null, 2) + '\n',
  )
  return { cursor: changed.cursor, records }
}

/**
 * All metadata and history as one Parquet table, one row per history entry with the
 * record's fields repeated, so DuckDB can query the whole review history.
 */
export async function exportMetadata(
  store: VersionedStore,
  outFile: string,
): Promise<{ records: number; rows: number }> {
  const columns: Record<string, (string | number | null)[]> = {}
  const INT = new Set(['current_version', 'entry_index', 'version', 'parent_version'])
  const names = [
    'record_id',
    'table_name',
    'current_version',
    'record_status',
    'record_created_by',
    'record_created_at',
    'approved_by',
    'approved_at',
    'rejected_by',
    'rejected_at',
    'entry_index',
    'version',
    'status',
    'action',
    'created_by',
    'created_at',
    'comment',
    'parent_version',
    'file_sha256',
    'prev_entry_sha256',
    'entry_sha256',
  ]
  for (const n of names) columns[n] = []
  let records = 0
  for (const recordId of await listRecordIds(store)) {
    const m = await readableMetadata(store, recordId)
    if (!m) continue
    records++
    m.history.forEach((e, i) => {
      const row: Record<string, string | number | null> = {
        record_id: m.record_id,
        table_name: m.table_name,
        current_version: m.current_version,
        record_status: m.status,
        record_created_by: m.created_by,
        record_created_at: m.created_at,
        approved_by: m.approved_by,
        approved_at: m.approved_at,
        rejected_by: m.rejected_by,
        rejected_at: m.rejected_at,
        entry_index: i,
        version: e.version,
        status: e.status,
        action: e.action ?? null,
        created_by: e.created_by,
        created_at: e.created_at,
        comment: e.comment,
        parent_version: e.parent_version ?? null,
        file_sha256: e.file_sha256 ?? null,
        prev_entry_sha256: e.prev_entry_sha256 ?? null,
        entry_sha256: e.entry_sha256 ?? null,
      }
      for (const n of names) columns[n]!.push(row[n] ?? null)
    })
  }
  const vectors = Object.fromEntries(
    names.map((n) => [n, vectorFromArray(columns[n]!, INT.has(n) ? new Int32() : new Utf8())]),
  )
  const table = new Table(vectors)
  await fs.mkdir(path.dirname(path.resolve(outFile)), { recursive: true })
  await fs.writeFile(outFile, encodeParquet(table))
  return { records, rows: table.numRows }
}
