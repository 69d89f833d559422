// repair: finishes what a crash interrupted, from what the files prove, and loses nothing.
// - metadata.json is extended, never cut: its history (or, when it is unreadable, the
//   longest sound prefix of it) gets the entries that chain onto its last one and that a
//   change event carries (an exact copy of a lost entry) or a complete version file
//   describes (a save whose writer died before naming it). A review is restored only from
//   its event; nothing is rolled forward that neither proves.
// - the cached top-level fields are rewritten from the history (derived-fields.ts);
// - every file it replaces is kept beside it first: records/{id}/metadata.damaged-{ms}.json
//   (unreadable) or metadata.replaced-{ms}.json, and changes.head.replaced-{ms}.json;
// - the history's unannounced last entries get change events, and a change event claimed
//   in changes.head.json but never written is written;
// - temp files of dead writers are removed (they never look like versions);
// - a record with a malformed field (a time such as 19:82) is reported, never guessed at.
// See docs/ARCHITECTURE.md, "Invariants".
import { CorruptMetadataError, isBorelogError } from '../../shared/errors'
import { HistoryEntrySchema, type HistoryEntry, type MetadataJson } from '../../shared/metadata'
import { LocalFolderStore, sha256Hex } from '../object-store/index'
import {
  eventHash,
  readChainHead,
  writeChangeEvent,
  writeClaimedEvent,
  type StoredChangeEvent,
} from './change-events'
import { buildMetadata, sourceOf } from './derived-fields'
import { canonicalJson, entryHash, isWriteEntry, sealEntry } from './history'
import {
  listRecordIds,
  readEventChain,
  recordAnchors,
  verifyRecord,
  verifyStore,
  type Anchor,
  type IntegrityProblem,
} from './integrity'
import { CHANGES_HEAD_KEY, metadataKey, recordPrefix, versionKey } from './layout'
import { encodeJson, parseMetadataJson } from './metadata-json'
import { readVersionFileInfo, type VersionFileInfo } from './version-file'
import type { VersionedStore } from './versioned-store'

export interface RepairReport {
  actions: { recordId: string; action: string }[]
  /** What repair could not fix (a changed version file, a broken chain): verify still reports it. */
  remaining: IntegrityProblem[]
}

type Actions = RepairReport['actions']

export async function repairStore(
  store: VersionedStore,
  options: { recordIds?: string[] } = {},
): Promise<RepairReport> {
  const actions: Actions = []
  if (store.objects instanceof LocalFolderStore) {
    for (const file of await store.objects.removeDeadTempFiles())
      actions.push({ recordId: '', action: `removed temp file ${file}` })
  }
  await repairChainHead(store, actions)
  // A whole-store repair reads every event once; a repair of a few records (after a
  // crash) looks up only theirs.
  const chain = options.recordIds ? null : await readEventChain(store)
  const recordIds = options.recordIds ?? (await listRecordIds(store))
  for (const recordId of recordIds) {
    const anchors =
      chain?.anchors.get(recordId) ??
      (await recordAnchors(store, recordId, new Date(0).toISOString()))
    await repairRecord(store, recordId, anchors, actions)
  }
  const remaining: IntegrityProblem[] = []
  if (options.recordIds) {
    for (const recordId of recordIds)
      remaining.push(...(await verifyRecord(store, recordId)).problems)
  } else {
    remaining.push(...(await verifyStore(store)).problems)
  }
  return { actions, remaining: remaining.filter((p) => p.severity === 'error') }
}

/** The chain's head: restored when missing or damaged, its claimed event written. */
async function repairChainHead(store: VersionedStore, actions: Actions): Promise<void> {
  const objects = store.objects
  let head
  try {
    head = await readChainHead(objects)
  } catch (e) {
    if (!(e instanceof CorruptMetadataError)) throw e
    head = null
  }
  if (head) {
    if (await writeClaimedEvent(objects, head))
      actions.push({
        recordId: head.event.record_id,
        action: `wrote the claimed change event ${head.event.key}`,
      })
    return
  }
  const damaged = await objects.get(CHANGES_HEAD_KEY)
  const last = await lastChainedEvent(store)
  if (!damaged && !last) return
  if (damaged) {
    const aside = `changes.head.replaced-${Date.now()}.json`
    await objects.putIfAbsent(aside, damaged.bytes)
    if (last) await objects.putIfMatch(CHANGES_HEAD_KEY, encodeJson(last), damaged.etag)
    else await objects.delete(CHANGES_HEAD_KEY)
    actions.push({
      recordId: '',
      action: `replaced the damaged ${CHANGES_HEAD_KEY}; the old one is kept as ${aside}`,
    })
  } else if (last) {
    await objects.putIfAbsent(CHANGES_HEAD_KEY, encodeJson(last))
    actions.push({
      recordId: '',
      action: `restored the missing ${CHANGES_HEAD_KEY} from change event seq ${last.seq}`,
    })
  }
}

async function lastChainedEvent(store: VersionedStore): Promise<StoredChangeEvent | null> {
  const chain = await readEventChain(store)
  const seqs = [...chain.bySeq.keys()].sort((a, b) => b - a)
  for (const seq of seqs) {
    const { event } = chain.bySeq.get(seq)!
    if (event.event_sha256 === eventHash(event)) return event
  }
  return null
}

async function repairRecord(
  store: VersionedStore,
  recordId: string,
  anchors: Anchor[],
  actions: Actions,
): Promise<void> {
  const { problems } = await verifyRecord(store, recordId, anchors)
  if (!problems.some((p) => p.repairable)) return
  // A malformed field is reported; repair does not guess what it meant.
  if (problems.some((p) => p.code === 'MALFORMED_FIELD')) return
  const key = metadataKey(recordId)
  const got = await store.objects.get(key)
  let stored: MetadataJson | undefined
  let base: HistoryEntry[] = []
  if (got) {
    try {
      stored = parseMetadataJson(got.bytes, `${store.location}/${key}`, recordId)
      base = stored.history
    } catch (e) {
      if (!(e instanceof CorruptMetadataError)) throw e
      base = salvageHistory(got.bytes)
    }
  }
  const files = new VersionFiles(store, recordId)
  const sound = await soundPrefix(base, files)
  if (sound.length < base.length && stored) return // a readable history that the files contradict: verify reports it
  const history = await rollForward(sound, anchors, files)
  const first = history[0]
  if (!first) return
  const current = Math.max(...history.filter(isWriteEntry).map((e) => e.version))
  const info = (await files.get(current))?.info
  if (!info) return
  const next = buildMetadata(
    recordId,
    history,
    sourceOf(info, Boolean(store.registry.get(info.table_name))),
    stored,
  )
  if (!stored || canonicalJson(next) !== canonicalJson(stored)) {
    const added = history.length - base.length
    if (got) {
      const aside = `${recordPrefix(recordId)}metadata.${stored ? 'replaced' : 'damaged'}-${Date.now()}.json`
      await store.objects.putIfAbsent(aside, got.bytes)
      await store.objects.putIfMatch(key, encodeJson(next), got.etag)
      actions.push({
        recordId,
        action: `${stored ? 'rewrote' : 'rebuilt'} metadata.json (${added > 0 ? `rolled forward ${describe(history.slice(-added))}` : 'top-level fields from its history'}); the old file is kept as ${aside}`,
      })
    } else {
      await store.objects.putIfAbsent(key, encodeJson(next))
      actions.push({
        recordId,
        action: `rebuilt the missing metadata.json from ${describe(history)}`,
      })
    }
  }
  const announced = await announceTail(store, next, anchors)
  if (announced > 0)
    actions.push({
      recordId,
      action: `announced ${announced} history entr${announced === 1 ? 'y' : 'ies'} in changes/`,
    })
}

function describe(entries: HistoryEntry[]): string {
  return entries.map((e) => `${e.action ?? e.status} v${e.version}`).join(', ')
}

/** The entries of an unreadable metadata.json that still parse, in order, up to the first that does not. */
function salvageHistory(bytes: Uint8Array): HistoryEntry[] {
  let raw: unknown
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    return [] // not JSON at all: the events and version files rebuild it
  }
  const list = (raw as { history?: unknown } | null)?.history
  if (!Array.isArray(list)) return []
  const out: HistoryEntry[] = []
  for (const item of list) {
    const parsed = HistoryEntrySchema.safeParse(item)
    if (!parsed.success) break
    out.push(parsed.data)
  }
  return out
}

/** Version files read once, with their self-description. */
class VersionFiles {
  private readonly cache = new Map<
    number,
    { sha256: string; bytes: Uint8Array; info: VersionFileInfo | null } | null
  >()
  constructor(
    private readonly store: VersionedStore,
    private readonly recordId: string,
  ) {}

  async get(
    version: number,
  ): Promise<{ sha256: string; bytes: Uint8Array; info: VersionFileInfo | null } | null> {
    if (this.cache.has(version)) return this.cache.get(version)!
    const key = versionKey(this.recordId, version)
    const got = await this.store.objects.get(key)
    let file = null
    if (got) {
      let info: VersionFileInfo | null = null
      try {
        info = readVersionFileInfo(got.bytes, `${this.store.location}/${key}`)
      } catch (e) {
        if (!isBorelogError(e)) throw e
      }
      file = { sha256: sha256Hex(got.bytes), bytes: got.bytes, info }
    }
    this.cache.set(version, file)
    return file
  }

  /** The file for `entry` proves it: the same bytes, describing itself as that version of this record. */
  async proves(entry: HistoryEntry, currentVersion: number): Promise<boolean> {
    const file = await this.get(entry.version)
    if (!file || file.sha256 !== entry.file_sha256) return false
    if (!isWriteEntry(entry)) return entry.version <= currentVersion
    return (
      entry.version === currentVersion + 1 &&
      file.info?.record_id === this.recordId &&
      file.info.version === entry.version
    )
  }
}

/** The longest prefix of `history` that is a sound chain and that the version files agree with. */
async function soundPrefix(history: HistoryEntry[], files: VersionFiles): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = []
  let current = 0
  for (const entry of history) {
    const last = out[out.length - 1]
    const linked = (entry.prev_entry_sha256 ?? null) === (last?.entry_sha256 ?? null)
    if (!entry.entry_sha256 || entryHash(entry) !== entry.entry_sha256 || !linked) break
    if (!(await files.proves(entry, current))) break
    if (isWriteEntry(entry)) current = entry.version
    out.push(entry)
  }
  return out
}

/**
 * Appends, while one is proven, the next entry: one a change event carries that chains
 * onto the last entry (exactly the entry that was lost), else one made from the next
 * version file when it describes itself as saved from the current version.
 */
async function rollForward(
  history: HistoryEntry[],
  anchors: Anchor[],
  files: VersionFiles,
): Promise<HistoryEntry[]> {
  const out = [...history]
  const announced = anchors
    .map((a) => a.entry)
    .filter((e): e is HistoryEntry => !!e && !!e.entry_sha256 && entryHash(e) === e.entry_sha256)
  for (;;) {
    const last = out[out.length - 1]
    const current = Math.max(0, ...out.filter(isWriteEntry).map((e) => e.version))
    const candidates = announced.filter(
      (e) => (e.prev_entry_sha256 ?? null) === (last?.entry_sha256 ?? null) && !out.includes(e),
    )
    let next: HistoryEntry | undefined
    for (const candidate of candidates) if (await files.proves(candidate, current)) next = candidate
    if (!next) {
      const file = await files.get(current + 1)
      const info = file?.info
      if (
        !file ||
        !info ||
        info.version !== current + 1 ||
        info.parent_version !== (current === 0 ? null : current)
      )
        return out
      next = sealEntry(entryFromFile(info, file.sha256), last)
    }
    out.push(next)
  }
}

function entryFromFile(info: VersionFileInfo, fileSha256: string): HistoryEntry {
  return {
    version: info.version,
    status: 'draft',
    created_by: info.created_by,
    created_at: info.created_at,
    comment: info.comment,
    action: info.version === 1 ? 'create' : info.merged_from ? 'merge' : 'update',
    file_sha256: fileSha256,
    parent_version: info.parent_version,
  }
}

/** Change events for the entries after the last one an event names: incremental readers see them, and the head is anchored. */
async function announceTail(
  store: VersionedStore,
  metadata: MetadataJson,
  anchors: Anchor[],
): Promise<number> {
  const named = new Set(anchors.map((a) => a.entrySha256))
  const history = metadata.history
  let from = history.length
  while (from > 0 && !named.has(history[from - 1]!.entry_sha256 ?? '')) from--
  // With no entry announced at all (a store older than changes/), the last one is enough.
  if (from === 0) from = history.length - 1
  const at = new Date().toISOString()
  for (const entry of history.slice(from))
    await writeChangeEvent(store.objects, metadata, entry, at)
  return history.length - from
}
