// History made in another store, committed here (sync). Sync copies versions and
// reviews between a local and a remote store and joins diverged edits with merge versions;
// this module commits them with the same protocol as the store's own writes:
// - every version file is written create-if-absent before metadata.json names it; a file
//   already there that is the same version (same self-description and data) is an earlier,
//   interrupted attempt of this same copy and is taken as written, so a retry after a
//   dropped connection duplicates nothing; anything else there is another writer's:
//   VERSION_CONFLICT;
// - all entries of one commit go into metadata.json in ONE compare-and-swap from the
//   etag the caller planned on, so other readers see all of them or none (a merge is
//   never visible without the versions it joins);
// - the entries are checked before anything is written: chained onto the current last
//   entry, hashes sealed, write entries numbered on from current_version with a file
//   that hashes to their file_sha256 and describes itself as that version, reviews naming
//   a version with that version's file hash. Sync plans them; a mistake there must fail
//   here, never reach the store;
// - change events are keyed by the commit time, not the entries' own (older) times, so
//   incremental readers holding a cursor still see them.
// See docs/ARCHITECTURE.md, "Sync".
import type { Table } from 'apache-arrow'

import {
  AlreadyExistsError,
  InternalError,
  VersionConflictError,
  isBorelogError,
} from '../../shared/errors'
import type { HistoryEntry, MetadataJson } from '../../shared/metadata'
import { sha256Hex } from '../object-store/index'
import { decodeParquet } from '../parquet/index'
import { canonicalJson, entryHash, isWriteEntry } from './history'
import { metadataKey, versionKey } from './layout'
import { assertValidRecordId, noteRecordId } from './record-id'
import {
  encodeNewVersion,
  encodeVersionFile,
  readVersionFileInfo,
  type VersionFileInfo,
} from './version-file'
import { writeChangeEvent } from './change-events'
import { deriveHistoryFields, listedHeader } from './derived-fields'
import { encodeJson } from './metadata-json'
import type { VersionedStore } from './versioned-store'

export { isWriteEntry } from './history'

export interface AppendHistoryInput {
  recordId: string
  /** metadata.json as read when the append was planned, with its etag; null: the record must not exist yet. */
  current: { metadata: MetadataJson; etag: string } | null
  /** The version files to write, numbered for this store (next after current_version). */
  files: ReadonlyMap<number, Uint8Array>
  /**
   * The sealed entries, chained onto the current last entry, given the bytes now stored
   * under each new number: the caller's, or those of an earlier attempt of this same copy
   * (the same version, its Parquet key-value metadata in another order).
   */
  entries(stored: ReadonlyMap<number, Uint8Array>): HistoryEntry[]
}

/** Commits history planned elsewhere (sync) in one compare-and-swap; see the top of this file. */
export async function appendHistory(
  store: VersionedStore,
  input: AppendHistoryInput,
): Promise<{ metadata: MetadataJson; etag: string; changeKeys: string[] }> {
  const { recordId, current } = input
  assertValidRecordId(recordId)
  const where = (v: number): string => `${store.location}/${versionKey(recordId, v)}`
  const stored = new Map<number, Uint8Array>()
  for (const [version, bytes] of [...input.files].sort(([a], [b]) => a - b)) {
    try {
      await store.objects.putIfAbsent(versionKey(recordId, version), bytes)
      stored.set(version, bytes)
    } catch (e) {
      if (!(e instanceof AlreadyExistsError)) throw e
      const there = await store.objects.get(versionKey(recordId, version))
      if (!there || !isSameVersion(there.bytes, bytes, where(version))) {
        throw new VersionConflictError(
          `Cannot copy ${recordId} v${version} into ${store.location}: another writer saved a different v${version} first. Sync again.`,
          { recordId, version },
        )
      }
      stored.set(version, there.bytes)
    }
  }
  const entries = input.entries(stored)
  const infos = new Map<number, VersionFileInfo>()
  for (const [version, bytes] of stored)
    infos.set(version, readVersionFileInfo(bytes, where(version)))
  const next = nextMetadata(recordId, current?.metadata ?? null, entries, stored, infos, store)
  const bytes = encodeJson(next)
  let etag: string
  if (current)
    etag = (await store.objects.putIfMatch(metadataKey(recordId), bytes, current.etag)).etag
  else {
    try {
      await noteRecordId(store.objects, recordId, new Date().toISOString())
      etag = (await store.objects.putIfAbsent(metadataKey(recordId), bytes)).etag
    } catch (e) {
      if (e instanceof AlreadyExistsError) {
        throw new VersionConflictError(
          `Record ${recordId} was created in ${store.location} by another writer meanwhile. Sync again.`,
          { recordId },
        )
      }
      throw e
    }
  }
  const at = new Date().toISOString()
  const changeKeys: string[] = []
  for (const entry of entries)
    changeKeys.push(await writeChangeEvent(store.objects, next, entry, at))
  return { metadata: next, etag, changeKeys }
}

/**
 * A change event for the record's last entry, so that incremental readers look at it again.
 * For a commit whose events were lost: a run cut after the compare-and-swap but before its
 * events leaves a record other stores' cursors would never list.
 */
export async function announceRecord(
  store: VersionedStore,
  metadata: MetadataJson,
): Promise<string | null> {
  const last = metadata.history[metadata.history.length - 1]
  return last ? writeChangeEvent(store.objects, metadata, last, new Date().toISOString()) : null
}

/**
 * The same version: the same self-description and the same data pages. The Parquet writer
 * stores key-value metadata in no fixed order, so two encodings of one version differ only
 * in the footer; the pages before it are compared byte for byte. The save time is left out:
 * a merge planned again after an interrupted commit is the same merge made a moment later.
 */
function isSameVersion(a: Uint8Array, b: Uint8Array, where: string): boolean {
  const pages = (bytes: Uint8Array): Uint8Array => {
    const footer = new DataView(bytes.buffer, bytes.byteOffset + bytes.byteLength - 8, 4).getUint32(
      0,
      true,
    )
    return bytes.subarray(0, Math.max(0, bytes.byteLength - 8 - footer))
  }
  const describe = (bytes: Uint8Array): string => {
    const info: Partial<VersionFileInfo> = { ...readVersionFileInfo(bytes, where) }
    delete info.created_at
    return canonicalJson(info)
  }
  try {
    if (describe(a) !== describe(b)) return false
  } catch (e) {
    // A file there that is not a readable version file is not our earlier attempt.
    if (!isBorelogError(e)) throw e
    return false
  }
  const pa = pages(a)
  const pb = pages(b)
  return pa.byteLength === pb.byteLength && Buffer.compare(pa, pb) === 0
}

/** The metadata.json after `entries`; throws InternalError for anything the checks refuse. */
function nextMetadata(
  recordId: string,
  current: MetadataJson | null,
  entries: HistoryEntry[],
  files: ReadonlyMap<number, Uint8Array>,
  infos: ReadonlyMap<number, VersionFileInfo>,
  store: VersionedStore,
): MetadataJson {
  const refuse = (message: string): never => {
    throw new InternalError(
      `Sync planned an invalid commit for ${recordId} in ${store.location}: ${message}`,
      { recordId },
    )
  }
  if (entries.length === 0) refuse('no entries')
  const first = entries[0]!
  let meta: MetadataJson
  if (current) {
    meta = { ...current, history: [...current.history] }
  } else {
    const v1 = infos.get(1)
    if (!v1 || first.version !== 1 || !isWriteEntry(first))
      return refuse('a new record must start with its v1')
    meta = {
      record_id: recordId,
      table_name: v1.table_name,
      current_version: 0,
      status: 'draft',
      created_by: v1.created_by,
      created_at: v1.created_at,
      approved_by: null,
      approved_at: null,
      rejected_by: null,
      rejected_at: null,
      history: [],
      updated_at: v1.created_at,
      header: listedHeader(v1.header),
      ...(store.registry.get(v1.table_name) ? {} : { key_columns: v1.key_columns }),
    }
  }
  const fileSha = new Map<number, string>()
  for (const e of meta.history)
    if (isWriteEntry(e) && e.file_sha256) fileSha.set(e.version, e.file_sha256)
  for (const entry of entries) {
    const last = meta.history[meta.history.length - 1]
    if ((entry.prev_entry_sha256 ?? null) !== (last?.entry_sha256 ?? null))
      refuse(`the entry for v${entry.version} does not chain onto the last entry`)
    if (entry.entry_sha256 !== entryHash(entry))
      refuse(`the entry for v${entry.version} is not sealed`)
    if (isWriteEntry(entry)) {
      const bytes = files.get(entry.version)
      const info = infos.get(entry.version)
      if (entry.version !== meta.current_version + 1)
        refuse(`v${entry.version} does not follow v${meta.current_version}`)
      if (!bytes || !info) return refuse(`no file for v${entry.version}`)
      if (sha256Hex(bytes) !== entry.file_sha256)
        refuse(`the file for v${entry.version} does not hash to its entry's file_sha256`)
      if (
        info.record_id !== recordId ||
        info.version !== entry.version ||
        info.parent_version !== (entry.version === 1 ? null : entry.version - 1)
      ) {
        refuse(
          `the file for v${entry.version} describes itself as ${info.record_id} v${info.version} (parent ${info.parent_version ?? '-'})`,
        )
      }
      fileSha.set(entry.version, entry.file_sha256!)
      meta.current_version = entry.version
      meta.header = listedHeader(info.header)
    } else {
      if (
        fileSha.get(entry.version) === undefined ||
        fileSha.get(entry.version) !== entry.file_sha256
      ) {
        refuse(
          `the ${entry.action ?? entry.status} of v${entry.version} does not name that version's file`,
        )
      }
    }
    meta.history.push(entry)
  }
  // The history decides status, reviewers and times, as for the store's own commits.
  return { ...meta, ...deriveHistoryFields(meta.history) }
}

/**
 * The same version file under another number: what sync writes when a version lands at a
 * different number in the other store. Only the self-description changes; the table,
 * header, author, time, comment and findings are the original's.
 */
export function renumberVersionFile(
  bytes: Uint8Array,
  where: string,
  target: { version: number; mergedFrom?: number[] },
): Uint8Array {
  const info = readVersionFileInfo(bytes, where)
  const table = decodeParquet(bytes, where)
  const rest: Partial<VersionFileInfo> = { ...info }
  delete rest.merged_from
  return encodeVersionFile(table, {
    ...(rest as VersionFileInfo),
    version: target.version,
    parent_version: target.version === 1 ? null : target.version - 1,
    ...(target.mergedFrom ? { merged_from: target.mergedFrom } : {}),
  })
}

/**
 * A merge version's file (sync): the table conformed and validated as a save
 * does it, numbered `version`, naming the two versions it joins.
 */
export async function buildMergeVersionFile(
  store: VersionedStore,
  recordId: string,
  input: {
    table: Table
    header: Record<string, string>
    version: number
    mergedFrom: [number, number]
    createdBy: string
    createdAt: string
    comment: string | null
  },
): Promise<Uint8Array> {
  const meta = await store.getMetadata(recordId)
  const { def, registered } = await store.definitionFor(meta.table_name, meta.key_columns, recordId)
  const { table, findings } = store.prepareTable(input.table, def, registered, input.header)
  return encodeNewVersion(table, def, {
    record_id: recordId,
    table_name: meta.table_name,
    version: input.version,
    parent_version: input.version - 1,
    created_by: input.createdBy,
    created_at: input.createdAt,
    comment: input.comment,
    header: input.header,
    findings,
    merged_from: input.mergedFrom,
  })
}
