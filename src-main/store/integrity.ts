// verify and repair.
// verify recomputes every version file's sha256 and the history chain and reports
// each mismatch per record; it never writes.
// repair finishes what a crash interrupted and never deletes a committed version:
// - a version file that metadata.json does not name yet (the writer died between the
//   two writes) is rolled forward from its own key-value metadata;
// - a missing or unreadable metadata.json is rebuilt from the version files and the
//   change events (which carry the approvals); the damaged file is kept beside it;
// - temp files of dead writers are removed (they never look like versions).
// See docs/ARCHITECTURE.md, "Invariants".
import type { HistoryEntry, MetadataJson } from '../../shared/metadata'
import { CorruptMetadataError, isBorelogError } from '../../shared/errors'
import { LocalFolderStore, sha256Hex } from '../object-store/index'
import { checkChain, entryHash, sealEntry } from './history'
import { checkHistorySignatures } from './signatures'
import {
  CHANGES_PREFIX,
  RECORDS_PREFIX,
  metadataKey,
  recordPrefix,
  versionKey,
  versionOfFileName,
} from './layout'
import { assertValidRecordId } from './record-id'
import { readVersionFileInfo, type VersionFileInfo } from './version-file'
import { changeKeyPrefixAt, writeChangeEvent } from './change-events'
import { encodeJson, parseMetadataJson } from './metadata-json'
import type { VersionedStore } from './versioned-store'

export interface IntegrityProblem {
  recordId: string
  code: string
  message: string
  version?: number
  /** repair can fix it (roll forward, rebuild) without losing anything. */
  repairable: boolean
}

export interface VerifyReport {
  ok: boolean
  recordsChecked: number
  versionsChecked: number
  problems: IntegrityProblem[]
  /** Unsigned (legacy) entries, unless signatures are required: reported, not failing. */
  warnings: IntegrityProblem[]
}

export interface VerifyOptions {
  /** Unsigned (legacy) history entries are problems, not warnings. */
  requireSignatures?: boolean
}

export interface RepairReport {
  actions: { recordId: string; action: string }[]
  /** What repair could not fix (a changed version file, a broken chain): verify still reports it. */
  remaining: IntegrityProblem[]
}

async function versionFilesOf(store: VersionedStore, recordId: string): Promise<number[]> {
  const versions: number[] = []
  for await (const obj of store.objects.list(`${recordPrefix(recordId)}versions/`)) {
    const v = versionOfFileName(obj.key.slice(obj.key.lastIndexOf('/') + 1))
    if (v !== null) versions.push(v)
  }
  return versions.sort((a, b) => a - b)
}

export async function listRecordIds(store: VersionedStore): Promise<string[]> {
  return store.objects.listChildren(RECORDS_PREFIX)
}

export async function verifyRecord(
  store: VersionedStore,
  recordId: string,
  options: VerifyOptions = {},
): Promise<{
  problems: IntegrityProblem[]
  warnings: IntegrityProblem[]
  versionsChecked: number
}> {
  const problems: IntegrityProblem[] = []
  const warnings: IntegrityProblem[] = []
  const add = (code: string, message: string, repairable: boolean, version?: number): void => {
    problems.push({
      recordId,
      code,
      message,
      repairable,
      ...(version !== undefined ? { version } : {}),
    })
  }
  try {
    assertValidRecordId(recordId)
  } catch (e) {
    if (!isBorelogError(e)) throw e
    add('INVALID_RECORD_ID', e.message, false)
    return { problems, warnings, versionsChecked: 0 }
  }
  const files = await versionFilesOf(store, recordId)
  const got = await store.objects.get(metadataKey(recordId))
  let metadata: MetadataJson
  try {
    // A folder with neither metadata nor versions is a create that died before writing
    // anything: there is no record there, and nothing to lose.
    if (!got && files.length === 0) return { problems, warnings, versionsChecked: 0 }
    if (!got) {
      add(
        'MISSING_METADATA',
        `${recordId}: metadata.json is missing but ${files.length} version file(s) exist (an interrupted create?).`,
        files.length > 0,
      )
      return { problems, warnings, versionsChecked: 0 }
    }
    metadata = parseMetadataJson(got.bytes, `${store.location}/${metadataKey(recordId)}`, recordId)
  } catch (e) {
    if (!(e instanceof CorruptMetadataError)) throw e
    add('CORRUPT_METADATA', e.message, files.length > 0)
    return { problems, warnings, versionsChecked: 0 }
  }
  for (const p of checkChain(metadata.history))
    add('INTEGRITY', `${recordId}: ${p.message}`, false, p.version)
  for (const p of await checkHistorySignatures(store.objects, recordId, metadata.history)) {
    if (p.code === 'UNSIGNED' && !options.requireSignatures)
      warnings.push({
        recordId,
        code: p.code,
        message: p.message,
        repairable: false,
        version: p.version,
      })
    else add(p.code, p.message, false, p.version)
  }

  let versionsChecked = 0
  const writtenHash = new Map<number, string>()
  for (const entry of metadata.history) {
    if (
      (entry.action === 'create' || entry.action === 'update' || entry.action === 'merge') &&
      entry.file_sha256
    ) {
      writtenHash.set(entry.version, entry.file_sha256)
    }
  }
  for (let version = 1; version <= metadata.current_version; version++) {
    const key = versionKey(recordId, version)
    const file = await store.objects.get(key)
    if (!file) {
      add(
        'MISSING_VERSION',
        `${recordId}: ${key} is missing although metadata.json names v${version}.`,
        false,
        version,
      )
      continue
    }
    versionsChecked++
    const actual = sha256Hex(file.bytes)
    const recorded = writtenHash.get(version)
    if (!recorded) {
      add('INTEGRITY', `${recordId}: history has no file hash for v${version}.`, false, version)
    } else if (recorded !== actual) {
      add(
        'INTEGRITY',
        `${recordId}: v${version}.parquet does not match the sha256 in its history entry (recorded ${recorded.slice(0, 12)}…, file ${actual.slice(0, 12)}…): the file was changed after it was written.`,
        false,
        version,
      )
    }
    for (const review of metadata.history.filter(
      (e) => e.version === version && (e.action === 'approve' || e.action === 'reject'),
    )) {
      if (review.file_sha256 && review.file_sha256 !== actual) {
        add(
          'INTEGRITY',
          `${recordId}: the ${review.action} of v${version} by ${review.created_by} recorded a different file (sha256 ${review.file_sha256.slice(0, 12)}…) than the one stored.`,
          false,
          version,
        )
      }
    }
    try {
      const info = readVersionFileInfo(file.bytes, `${store.location}/${key}`)
      if (info.record_id !== recordId || info.version !== version) {
        add(
          'INTEGRITY',
          `${recordId}: ${key} describes itself as ${info.record_id} v${info.version}.`,
          false,
          version,
        )
      }
    } catch (e) {
      // A finding, not a swallow: the damaged file is reported under its code.
      if (!isBorelogError(e)) throw e
      add(e.code, e.message, false, version)
    }
  }
  const extra = files.filter((v) => v > metadata.current_version)
  if (extra.length > 0) {
    add(
      'INTERRUPTED_WRITE',
      `${recordId}: version file(s) ${extra.map((v) => `v${v}`).join(', ')} are not named in metadata.json (a save was interrupted); repair rolls them forward.`,
      true,
    )
  }
  return { problems, warnings, versionsChecked }
}

export async function verifyStore(
  store: VersionedStore,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const ids = await listRecordIds(store)
  const problems: IntegrityProblem[] = []
  const warnings: IntegrityProblem[] = []
  let versionsChecked = 0
  for (const recordId of ids) {
    const r = await verifyRecord(store, recordId, options)
    problems.push(...r.problems)
    warnings.push(...r.warnings)
    versionsChecked += r.versionsChecked
  }
  return {
    ok: problems.length === 0,
    recordsChecked: ids.length,
    versionsChecked,
    problems,
    warnings,
  }
}

/** History entries from changes/, by record: the approvals a lost metadata.json would take with it. */
async function changeEntriesByRecord(store: VersionedStore): Promise<Map<string, HistoryEntry[]>> {
  const out = new Map<string, HistoryEntry[]>()
  for await (const obj of store.objects.list(CHANGES_PREFIX)) {
    const got = await store.objects.get(obj.key)
    if (!got) continue
    try {
      const event = JSON.parse(new TextDecoder().decode(got.bytes)) as {
        record_id?: string
        entry?: HistoryEntry
      }
      if (event.record_id && event.entry && event.entry.entry_sha256 === entryHash(event.entry)) {
        const list = out.get(event.record_id) ?? []
        list.push(event.entry)
        out.set(event.record_id, list)
      }
    } catch {
      // A damaged change event is only a hint lost; the version files still rebuild the record.
    }
  }
  return out
}

/** Orders change entries along their chain, starting from the first; stops at a gap. */
function chainFrom(entries: HistoryEntry[]): HistoryEntry[] {
  const byPrev = new Map<string | null, HistoryEntry>()
  for (const e of entries) byPrev.set(e.prev_entry_sha256 ?? null, e)
  const chain: HistoryEntry[] = []
  for (
    let e = byPrev.get(null);
    e && chain.length < entries.length;
    e = e.entry_sha256 ? byPrev.get(e.entry_sha256) : undefined
  ) {
    chain.push(e)
  }
  return chain
}

function entryFromFile(info: VersionFileInfo, bytes: Uint8Array): HistoryEntry {
  return {
    version: info.version,
    status: 'draft',
    created_by: info.created_by,
    created_at: info.created_at,
    comment: info.comment,
    action: info.version === 1 ? 'create' : info.merged_from ? 'merge' : 'update',
    file_sha256: sha256Hex(bytes),
    parent_version: info.parent_version,
  }
}

/** Rebuild metadata.json from the version files, keeping the reviews that change events prove. */
async function rebuildMetadata(
  store: VersionedStore,
  recordId: string,
  files: number[],
  changeEntries: HistoryEntry[],
): Promise<MetadataJson | null> {
  const infos: { info: VersionFileInfo; bytes: Uint8Array }[] = []
  for (let v = 1; files.includes(v); v++) {
    const got = await store.objects.get(versionKey(recordId, v))
    if (!got) break
    try {
      const info = readVersionFileInfo(got.bytes, `${store.location}/${versionKey(recordId, v)}`)
      if (info.record_id !== recordId || info.version !== v) break
      infos.push({ info, bytes: got.bytes })
    } catch (e) {
      // A file that does not describe itself ends what can be rebuilt; a bug still throws.
      if (!isBorelogError(e)) throw e
      break
    }
  }
  const first = infos[0]
  if (!first) return null
  const hashes = new Map(infos.map(({ info, bytes }) => [info.version, sha256Hex(bytes)]))
  // Prefer the proven chain from change events while it agrees with the files.
  const history: HistoryEntry[] = []
  for (const entry of chainFrom(changeEntries)) {
    if (entry.version > infos.length || entry.file_sha256 !== hashes.get(entry.version)) break
    history.push(entry)
  }
  const covered = history.reduce((max, e) => Math.max(max, e.version), 0)
  for (const { info, bytes } of infos.slice(covered)) {
    history.push(sealEntry(entryFromFile(info, bytes), history[history.length - 1]))
  }
  return materialize(recordId, first.info, history)
}

function materialize(recordId: string, v1: VersionFileInfo, history: HistoryEntry[]): MetadataJson {
  const last = history[history.length - 1]!
  const currentVersion = history.reduce((max, e) => Math.max(max, e.version), 0)
  // After sync a review of an older version can follow in the history: the status is
  // that of the last entry about the current version.
  const status = [...history].reverse().find((e) => e.version === currentVersion)?.status ?? 'draft'
  const lastApproval = [...history].reverse().find((e) => e.action === 'approve')
  const lastRejection = [...history].reverse().find((e) => e.action === 'reject')
  return {
    record_id: recordId,
    table_name: v1.table_name,
    current_version: currentVersion,
    status,
    created_by: v1.created_by,
    created_at: v1.created_at,
    approved_by: lastApproval?.created_by ?? null,
    approved_at: lastApproval?.created_at ?? null,
    rejected_by: lastRejection?.created_by ?? null,
    rejected_at: lastRejection?.created_at ?? null,
    history,
    updated_at: last.created_at,
    key_columns: v1.key_columns,
  }
}

export async function repairStore(
  store: VersionedStore,
  options: { recordIds?: string[] } = {},
): Promise<RepairReport> {
  const actions: RepairReport['actions'] = []
  if (store.objects instanceof LocalFolderStore) {
    for (const file of await store.objects.removeDeadTempFiles())
      actions.push({ recordId: '', action: `removed temp file ${file}` })
  }
  let changeEntries: Map<string, HistoryEntry[]> | undefined
  const recordIds = options.recordIds ?? (await listRecordIds(store))
  for (const recordId of recordIds) {
    const { problems } = await verifyRecord(store, recordId)
    const codes = new Set(problems.map((p) => p.code))
    if (codes.has('MISSING_METADATA') || codes.has('CORRUPT_METADATA')) {
      changeEntries ??= await changeEntriesByRecord(store)
      const files = await versionFilesOf(store, recordId)
      const rebuilt = await rebuildMetadata(
        store,
        recordId,
        files,
        changeEntries.get(recordId) ?? [],
      )
      if (!rebuilt) continue
      const key = metadataKey(recordId)
      const damaged = await store.objects.get(key)
      if (damaged) {
        const aside = `${recordPrefix(recordId)}metadata.damaged-${Date.now()}.json`
        await store.objects.putIfAbsent(aside, damaged.bytes)
        await store.objects.putIfMatch(key, encodeJson(rebuilt), damaged.etag)
        actions.push({
          recordId,
          action: `rebuilt metadata.json from ${rebuilt.current_version} version file(s); the damaged file is kept as ${aside}`,
        })
      } else {
        await store.objects.putIfAbsent(key, encodeJson(rebuilt))
        actions.push({
          recordId,
          action: `rebuilt the missing metadata.json from ${rebuilt.current_version} version file(s)`,
        })
      }
      await writeChangeEvent(
        store.objects,
        rebuilt,
        rebuilt.history[rebuilt.history.length - 1]!,
        new Date().toISOString(),
      )
    }
    if (codes.has('INTERRUPTED_WRITE')) {
      const rolled = await rollForward(store, recordId)
      if (rolled.length > 0)
        actions.push({
          recordId,
          action: `rolled forward ${rolled.map((v) => `v${v}`).join(', ')}`,
        })
    }
  }
  for (const recordId of await restoreMissingChangeEvents(store, recordIds)) {
    actions.push({ recordId, action: 'restored the change event of its latest history entry' })
  }
  const remaining: IntegrityProblem[] = []
  for (const recordId of recordIds)
    remaining.push(...(await verifyRecord(store, recordId)).problems)
  return { actions, remaining }
}

/**
 * A writer that dies between its commit and its change event leaves a commit that
 * incremental readers (export, catalog refresh, sync) would never hear of. The event
 * of each record's latest entry is looked for among the events written since that
 * entry (one listing from the oldest of them) and written anew, keyed now so readers
 * whose cursors are past the entry's own time still see it.
 */
async function restoreMissingChangeEvents(
  store: VersionedStore,
  recordIds: string[],
): Promise<string[]> {
  const latest: { metadata: MetadataJson; entry: HistoryEntry }[] = []
  for (const recordId of recordIds) {
    const got = await store.objects.get(metadataKey(recordId))
    if (!got) continue
    let metadata: MetadataJson
    try {
      metadata = parseMetadataJson(
        got.bytes,
        `${store.location}/${metadataKey(recordId)}`,
        recordId,
      )
    } catch (e) {
      if (!(e instanceof CorruptMetadataError)) throw e
      continue // verify reports it; nothing to announce
    }
    const entry = metadata.history[metadata.history.length - 1]
    if (entry?.entry_sha256) latest.push({ metadata, entry })
  }
  if (latest.length === 0) return []
  const oldestMs = Math.min(...latest.map((l) => Date.parse(l.entry.created_at)))
  const startAfter = changeKeyPrefixAt(new Date(Math.max(0, oldestMs - 1)).toISOString())
  const announced = new Set<string>()
  for await (const obj of store.objects.list(CHANGES_PREFIX, { startAfter })) {
    const got = await store.objects.get(obj.key)
    if (!got) continue
    try {
      const event = JSON.parse(new TextDecoder().decode(got.bytes)) as { entry_sha256?: unknown }
      if (typeof event.entry_sha256 === 'string') announced.add(event.entry_sha256)
    } catch {
      // A damaged event proves nothing; the entry gets a fresh one below.
    }
  }
  const restored: string[] = []
  for (const { metadata, entry } of latest) {
    if (announced.has(entry.entry_sha256!)) continue
    await writeChangeEvent(store.objects, metadata, entry, new Date().toISOString())
    restored.push(metadata.record_id)
  }
  return restored
}

/** Name in metadata.json the complete version files a dead writer left unnamed, in order. */
async function rollForward(store: VersionedStore, recordId: string): Promise<number[]> {
  const rolled: number[] = []
  for (;;) {
    const key = metadataKey(recordId)
    const got = await store.objects.get(key)
    if (!got) return rolled
    const metadata = parseMetadataJson(got.bytes, `${store.location}/${key}`, recordId)
    const version = metadata.current_version + 1
    const file = await store.objects.get(versionKey(recordId, version))
    if (!file) return rolled
    const info = readVersionFileInfo(
      file.bytes,
      `${store.location}/${versionKey(recordId, version)}`,
    )
    if (
      info.record_id !== recordId ||
      info.version !== version ||
      info.parent_version !== metadata.current_version
    ) {
      throw new CorruptMetadataError(
        `${recordId}: v${version}.parquet describes itself as ${info.record_id} v${info.version} (parent v${info.parent_version ?? '-'}), so it cannot be rolled forward onto v${metadata.current_version}.`,
        { recordId, version },
      )
    }
    const entry = sealEntry(
      entryFromFile(info, file.bytes),
      metadata.history[metadata.history.length - 1],
    )
    const next: MetadataJson = {
      ...metadata,
      current_version: version,
      status: 'draft',
      history: [...metadata.history, entry],
      updated_at: entry.created_at,
    }
    await store.objects.putIfMatch(key, encodeJson(next), got.etag)
    await writeChangeEvent(store.objects, next, entry, new Date().toISOString())
    rolled.push(version)
  }
}
