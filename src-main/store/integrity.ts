// verify: every way the files of a store can disagree with each other, reported per
// record and per change event; it never writes. What it checks:
// - each record (RECORD_CHECKS, independent functions over one RecordContext): the history
//   chain, well-formed times, every version file against the sha256 its entries recorded
//   and its self-description, every top-level field of metadata.json against what the
//   history and version files say (derived-fields.ts), and the anchoring: every change
//   event naming the record names an entry its history holds, and the history's last
//   entry is named by one;
// - the store: the change events form one unbroken chain up to changes.head.json, and
//   every record they name still exists.
// repair (repair.ts) fixes what is marked repairable. See docs/ARCHITECTURE.md, "Invariants".
import type { HistoryEntry, MetadataJson } from '../../shared/metadata'
import { CorruptMetadataError, isBorelogError, type BorelogError } from '../../shared/errors'
import { sha256Hex } from '../object-store/index'
import {
  changeKeyPrefixAt,
  eventHash,
  parseChangeEvent,
  readChainHead,
  recordTag,
  tagOfKey,
  type ChainHead,
  type StoredChangeEvent,
} from './change-events'
import { compareTopLevel, deriveHistoryFields, deriveTopLevel, sourceOf } from './derived-fields'
import { checkChain, entryHash, isWriteEntry } from './history'
import { checkHistorySignatures } from './signatures'
import {
  CHANGES_HEAD_KEY,
  CHANGES_PREFIX,
  RECORDS_PREFIX,
  metadataKey,
  recordPrefix,
  versionKey,
  versionOfFileName,
} from './layout'
import { parseMetadataJson } from './metadata-json'
import { assertValidRecordId } from './record-id'
import { readVersionFileInfo, type VersionFileInfo } from './version-file'
import type { VersionedStore } from './versioned-store'

export interface IntegrityProblem {
  recordId: string
  code: string
  message: string
  version?: number
  /** repair can fix it (roll forward, rebuild, announce) without losing anything. */
  repairable: boolean
  /** A warning (e.g. change events older than the event chain) does not fail verify. */
  severity: 'error' | 'warning'
}

export interface VerifyReport {
  /** No errors; warnings do not fail verify. */
  ok: boolean
  recordsChecked: number
  versionsChecked: number
  /** Errors only. */
  problems: IntegrityProblem[]
  /** Unsigned (legacy) entries unless signatures are required, change events older than the chain. */
  warnings: IntegrityProblem[]
}

export interface VerifyOptions {
  /** Unsigned (legacy) history entries are errors, not warnings. */
  requireSignatures?: boolean
}

/** A change event naming one of a record's entries: what anchors its history. */
export interface Anchor {
  key: string
  entrySha256: string
  version: number
  action: string
  by: string
  at: string
  /** The whole entry the event carries (repair rolls forward from it). */
  entry: HistoryEntry | undefined
}

/** A committed version file as verify read it. */
export interface CheckedFile {
  bytes: Uint8Array
  sha256: string
  /** Its self-description; undefined when it cannot be read (`unreadable` says why). */
  info: VersionFileInfo | undefined
  unreadable?: BorelogError
}

export interface RecordContext {
  store: VersionedStore
  recordId: string
  /** metadata.json as stored: the cached fields are checked, never trusted. */
  metadata: MetadataJson
  /** The version files metadata.json names, by version; a missing one is absent. */
  files: Map<number, CheckedFile>
  anchors: Anchor[]
  requireSignatures: boolean
}

type Report = (
  code: string,
  message: string,
  options?: { repairable?: boolean; version?: number; severity?: 'error' | 'warning' },
) => void

/** One independent check of a record; adding a check is adding it to RECORD_CHECKS. */
export type RecordCheck = (ctx: RecordContext, report: Report) => void | Promise<void>

const ISO_PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/

/** A real instant: the format regex lets through 19:82 or February 30. */
export function isValidIsoTime(text: string): boolean {
  const ms = Date.parse(text)
  if (Number.isNaN(ms)) return false
  return new Date(ms).toISOString().slice(0, 19) === ISO_PARTS.exec(text)?.[0]
}

const checkHistoryChain: RecordCheck = ({ recordId, metadata }, report) => {
  for (const p of checkChain(metadata.history))
    report('INTEGRITY', `${recordId}: ${p.message}`, { version: p.version })
}

const checkTimes: RecordCheck = ({ recordId, metadata }, report) => {
  const times: [string, string | null | undefined][] = [
    ['$.created_at', metadata.created_at],
    ['$.approved_at', metadata.approved_at],
    ['$.rejected_at', metadata.rejected_at],
    ['$.updated_at', metadata.updated_at],
    ...metadata.history.map((e, i): [string, string] => [
      `$.history[${i}].created_at`,
      e.created_at,
    ]),
  ]
  for (const [path, value] of times) {
    if (typeof value === 'string' && !isValidIsoTime(value))
      report(
        'MALFORMED_FIELD',
        `${recordId}: metadata.json ${path} "${value}" is not a valid time.`,
      )
  }
}

const checkVersionFiles: RecordCheck = (ctx, report) => {
  const { recordId, metadata, files } = ctx
  const written = new Map<number, string>()
  for (const e of metadata.history)
    if (isWriteEntry(e) && e.file_sha256) written.set(e.version, e.file_sha256)
  for (let version = 1; version <= metadata.current_version; version++) {
    const key = versionKey(recordId, version)
    const file = files.get(version)
    if (!file) {
      report(
        'MISSING_VERSION',
        `${recordId}: ${key} is missing although metadata.json names v${version}.`,
        { version },
      )
      continue
    }
    const recorded = written.get(version)
    if (!recorded) {
      report('INTEGRITY', `${recordId}: history has no file hash for v${version}.`, { version })
    } else if (recorded !== file.sha256) {
      report(
        'INTEGRITY',
        `${recordId}: v${version}.parquet does not match the sha256 in its history entry (recorded ${recorded.slice(0, 12)}…, file ${file.sha256.slice(0, 12)}…): the file was changed after it was written.`,
        { version },
      )
    }
    if (file.unreadable) report(file.unreadable.code, file.unreadable.message, { version })
    if (file.info && (file.info.record_id !== recordId || file.info.version !== version)) {
      report(
        'INTEGRITY',
        `${recordId}: ${key} describes itself as ${file.info.record_id} v${file.info.version}.`,
        { version },
      )
    }
  }
}

const checkReviews: RecordCheck = ({ recordId, metadata, files }, report) => {
  for (const review of metadata.history.filter((e) => !isWriteEntry(e))) {
    const file = files.get(review.version)
    if (file && review.file_sha256 && review.file_sha256 !== file.sha256) {
      report(
        'INTEGRITY',
        `${recordId}: the ${review.action ?? review.status} of v${review.version} by ${review.created_by} recorded a different file (sha256 ${review.file_sha256.slice(0, 12)}…) than the one stored.`,
        { version: review.version },
      )
    }
  }
}

const checkTopLevel: RecordCheck = ({ store, recordId, metadata, files }, report) => {
  const info = files.get(metadata.current_version)?.info
  // Without a readable current version only the history's fields can be derived
  // (the missing or damaged file is reported by checkVersionFiles).
  const derived = info
    ? deriveTopLevel(metadata.history, sourceOf(info, Boolean(store.registry.get(info.table_name))))
    : deriveHistoryFields(metadata.history)
  for (const m of compareTopLevel(metadata, derived)) {
    report(
      'FIELD_MISMATCH',
      `${recordId}: metadata.json ${m.field} is ${show(m.stored)} but its history and version files say ${show(m.derived)}.`,
      { repairable: true },
    )
  }
}

function show(value: unknown): string {
  return value === undefined ? '(missing)' : JSON.stringify(value)
}

const checkAnchors: RecordCheck = ({ recordId, metadata, anchors }, report) => {
  const inHistory = new Set(metadata.history.map((e) => e.entry_sha256))
  for (const a of anchors) {
    if (!inHistory.has(a.entrySha256)) {
      report(
        'HISTORY_TRUNCATED',
        `${recordId}: ${a.key} names the ${a.action} of v${a.version} by ${a.by} at ${a.at} (entry ${a.entrySha256.slice(0, 12)}…), which the history lacks: entries were removed from metadata.json. Repair restores them from the events while their version files are there.`,
        { version: a.version, repairable: true },
      )
    }
  }
  const head = metadata.history[metadata.history.length - 1]
  if (head?.entry_sha256 && !anchors.some((a) => a.entrySha256 === head.entry_sha256)) {
    report(
      'UNANCHORED_HEAD',
      `${recordId}: the last history entry (${head.action ?? head.status} of v${head.version} at ${head.created_at}) is named by no change event: head not yet anchored (a crash after commit, or tampering); repair announces it.`,
      { repairable: true, version: head.version },
    )
  }
}

/** The per-record checks, run in this order; each reports on its own. */
/** Every entry signed by a key registered to the name it carries (see signatures.ts). */
const checkSignatures: RecordCheck = async (ctx, report) => {
  const { store, recordId, metadata, requireSignatures } = ctx
  for (const p of await checkHistorySignatures(store.objects, recordId, metadata.history)) {
    const severity = p.code === 'UNSIGNED' && !requireSignatures ? 'warning' : 'error'
    report(p.code, p.message, { version: p.version, severity })
  }
}

export const RECORD_CHECKS: readonly RecordCheck[] = [
  checkHistoryChain,
  checkSignatures,
  checkTimes,
  checkVersionFiles,
  checkReviews,
  checkTopLevel,
  checkAnchors,
]

export async function versionFilesOf(store: VersionedStore, recordId: string): Promise<number[]> {
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

function anchorOf(key: string, event: StoredChangeEvent): Anchor | null {
  if (typeof event.entry_sha256 !== 'string') return null
  return {
    key,
    entrySha256: event.entry_sha256,
    version: event.version,
    action: event.action,
    by: event.by,
    at: event.at,
    entry: event.entry,
  }
}

/**
 * The change events naming one record, for a check of that record alone: its own events
 * are found by the key's record tag, from its last entry's time on (a removed later entry
 * was announced later), plus a claim in changes.head.json whose file is not written yet.
 */
export async function recordAnchors(
  store: VersionedStore,
  recordId: string,
  sinceAt: string,
): Promise<Anchor[]> {
  const sinceMs = Date.parse(sinceAt)
  const startAfter = Number.isNaN(sinceMs)
    ? undefined
    : changeKeyPrefixAt(new Date(Math.max(0, sinceMs - 5_000)).toISOString())
  const tag = recordTag(recordId)
  const anchors: Anchor[] = []
  for await (const obj of store.objects.list(CHANGES_PREFIX, startAfter ? { startAfter } : {})) {
    const keyTag = tagOfKey(obj.key)
    if (keyTag !== null && keyTag !== tag) continue
    const got = await store.objects.get(obj.key)
    const event = got ? parseChangeEvent(got.bytes) : null
    const anchor = event?.record_id === recordId ? anchorOf(obj.key, event) : null
    if (anchor) anchors.push(anchor)
  }
  const head = await readChainHeadOrNull(store)
  const claimed = head?.event.record_id === recordId ? anchorOf(head.event.key!, head.event) : null
  if (claimed && !anchors.some((a) => a.key === claimed.key)) anchors.push(claimed)
  return anchors
}

async function readChainHeadOrNull(store: VersionedStore): Promise<ChainHead | null> {
  try {
    return await readChainHead(store.objects)
  } catch (e) {
    // A damaged head is reported by the store's chain check; it anchors nothing.
    if (e instanceof CorruptMetadataError) return null
    throw e
  }
}

async function readCheckedFile(
  store: VersionedStore,
  recordId: string,
  version: number,
): Promise<CheckedFile | null> {
  const key = versionKey(recordId, version)
  const got = await store.objects.get(key)
  if (!got) return null
  const file: CheckedFile = { bytes: got.bytes, sha256: sha256Hex(got.bytes), info: undefined }
  try {
    file.info = readVersionFileInfo(got.bytes, `${store.location}/${key}`)
  } catch (e) {
    // A finding, not a swallow: checkVersionFiles reports the damaged file under its code.
    if (!isBorelogError(e)) throw e
    file.unreadable = e
  }
  return file
}

/**
 * Checks one record. `anchors`: the change events naming it, when the caller read them
 * all (verifyStore); otherwise they are looked up from its last entry's time.
 */
export async function verifyRecord(
  store: VersionedStore,
  recordId: string,
  anchors?: Anchor[],
  options: VerifyOptions = {},
): Promise<{ problems: IntegrityProblem[]; versionsChecked: number }> {
  const problems: IntegrityProblem[] = []
  const report: Report = (code, message, options = {}) => {
    problems.push({
      recordId,
      code,
      message,
      repairable: options.repairable ?? false,
      severity: options.severity ?? 'error',
      ...(options.version !== undefined ? { version: options.version } : {}),
    })
  }
  try {
    assertValidRecordId(recordId)
  } catch (e) {
    if (!isBorelogError(e)) throw e
    report('INVALID_RECORD_ID', e.message)
    return { problems, versionsChecked: 0 }
  }
  const versions = await versionFilesOf(store, recordId)
  const got = await store.objects.get(metadataKey(recordId))
  if (!got) {
    const named = anchors ?? (await recordAnchors(store, recordId, new Date(0).toISOString()))
    if (versions.length > 0)
      report(
        'MISSING_METADATA',
        `${recordId}: metadata.json is missing but ${versions.length} version file(s) exist (an interrupted create?).`,
        { repairable: true },
      )
    else if (named.length > 0)
      report(
        'RECORD_REMOVED',
        `${recordId}: ${named.length} change event(s) name it (first ${named[0]!.key}) but its folder is empty: the record was removed.`,
      )
    // A folder with neither metadata nor versions nor events is a create that died before
    // writing anything: there is no record there, and nothing to lose.
    return { problems, versionsChecked: 0 }
  }
  let metadata: MetadataJson
  try {
    metadata = parseMetadataJson(got.bytes, `${store.location}/${metadataKey(recordId)}`, recordId)
  } catch (e) {
    if (!(e instanceof CorruptMetadataError)) throw e
    report('CORRUPT_METADATA', e.message, { repairable: versions.length > 0 })
    return { problems, versionsChecked: 0 }
  }
  const files = new Map<number, CheckedFile>()
  for (let v = 1; v <= metadata.current_version; v++) {
    const file = await readCheckedFile(store, recordId, v)
    if (file) files.set(v, file)
  }
  const head = metadata.history[metadata.history.length - 1]!
  const ctx: RecordContext = {
    store,
    recordId,
    metadata,
    files,
    anchors: anchors ?? (await recordAnchors(store, recordId, head.created_at)),
    requireSignatures: options.requireSignatures ?? false,
  }
  for (const check of RECORD_CHECKS) await check(ctx, report)
  const extra = versions.filter((v) => v > metadata.current_version)
  if (extra.length > 0) {
    report(
      'INTERRUPTED_WRITE',
      `${recordId}: version file(s) ${extra.map((v) => `v${v}`).join(', ')} are not named in metadata.json (a save was interrupted); repair rolls them forward.`,
      { repairable: true },
    )
  }
  return { problems, versionsChecked: files.size }
}

export interface EventChain {
  /** Anchors by record id, from every event and the head's claim. */
  anchors: Map<string, Anchor[]>
  head: ChainHead | null
  /** Chained events by seq (the first of duplicates). */
  bySeq: Map<number, { key: string; event: StoredChangeEvent }>
  problems: IntegrityProblem[]
}

/** Reads every change event and checks the chain they form; see the top of this file. */
export async function readEventChain(store: VersionedStore): Promise<EventChain> {
  const problems: IntegrityProblem[] = []
  const report = (
    message: string,
    repairable = false,
    severity: 'error' | 'warning' = 'error',
  ): void => {
    problems.push({ recordId: '', code: 'CHANGE_LOG', message, repairable, severity })
  }
  const anchors = new Map<string, Anchor[]>()
  const addAnchor = (key: string, event: StoredChangeEvent): void => {
    const anchor = anchorOf(key, event)
    if (!anchor) return
    const list = anchors.get(event.record_id) ?? []
    if (!list.some((a) => a.key === key)) list.push(anchor)
    anchors.set(event.record_id, list)
  }
  const bySeq = new Map<number, { key: string; event: StoredChangeEvent }>()
  let legacy = 0
  for await (const obj of store.objects.list(CHANGES_PREFIX)) {
    const got = await store.objects.get(obj.key)
    const event = got ? parseChangeEvent(got.bytes) : null
    if (!event) {
      report(`${obj.key} is not a change event (edited or damaged).`)
      continue
    }
    addAnchor(obj.key, event)
    for (const problem of eventProblems(obj.key, event)) report(problem)
    if (event.seq === undefined) {
      legacy++
      continue
    }
    if (bySeq.has(event.seq))
      report(
        `${obj.key} repeats seq ${event.seq} of ${bySeq.get(event.seq)!.key}: the chain was edited.`,
      )
    else bySeq.set(event.seq, { key: obj.key, event })
  }
  if (legacy > 0)
    report(
      `${legacy} change event(s) predate the event chain: removing one of them cannot be detected.`,
      false,
      'warning',
    )
  let head: ChainHead | null = null
  try {
    head = await readChainHead(store.objects)
  } catch (e) {
    if (!(e instanceof CorruptMetadataError)) throw e
    report(`${CHANGES_HEAD_KEY} is damaged: ${e.message}`, true)
  }
  const maxSeq = Math.max(0, ...bySeq.keys())
  if (head) {
    addAnchor(head.event.key!, head.event)
    problems.push(...headProblems(head, bySeq, maxSeq))
  } else if (maxSeq > 0 && problems.every((p) => !p.message.startsWith(CHANGES_HEAD_KEY))) {
    report(
      `${CHANGES_HEAD_KEY} is missing although ${maxSeq} chained change event(s) exist; repair restores it from the last.`,
      true,
    )
  }
  const lastSeq = head && head.event.seq! > maxSeq ? head.event.seq! : maxSeq
  for (let seq = 1; seq <= lastSeq; seq++) {
    const here =
      seq === head?.event.seq && !bySeq.has(seq)
        ? { key: head.event.key!, event: head.event }
        : bySeq.get(seq)
    if (!here) {
      let end = seq
      while (end + 1 <= lastSeq && !bySeq.has(end + 1) && end + 1 !== head?.event.seq) end++
      report(
        `change event(s) seq ${seq === end ? seq : `${seq}-${end}`} are missing: removed from changes/.`,
      )
      seq = end
      continue
    }
    const prev = seq === 1 ? null : (bySeq.get(seq - 1)?.event.event_sha256 ?? undefined)
    if (prev !== undefined && (here.event.prev_event_sha256 ?? null) !== prev)
      report(
        `${here.key} (seq ${seq}) does not link to the event before it: events were edited, removed or reordered.`,
      )
  }
  return { anchors, head, bySeq, problems }
}

/** What is wrong with one event on its own. */
function eventProblems(key: string, event: StoredChangeEvent): string[] {
  const out: string[] = []
  const entry = event.entry
  if (event.seq !== undefined) {
    if (event.event_sha256 !== eventHash(event))
      out.push(`${key} was edited after it was written: its hash does not match.`)
    if (event.key !== key)
      out.push(`${key} says it was written as ${String(event.key)}: events were moved or swapped.`)
  }
  if (entry) {
    if (
      !entry.entry_sha256 ||
      entryHash(entry) !== entry.entry_sha256 ||
      entry.entry_sha256 !== event.entry_sha256
    )
      out.push(`${key}: the entry it carries was edited (its hash does not match).`)
    else if (
      entry.version !== event.version ||
      entry.created_by !== event.by ||
      entry.created_at !== event.at ||
      (entry.action ?? entry.status) !== event.action
    )
      out.push(`${key}: its version, author, time or action differ from the entry it carries.`)
  }
  return out
}

function headProblems(
  head: ChainHead,
  bySeq: Map<number, { key: string; event: StoredChangeEvent }>,
  maxSeq: number,
): IntegrityProblem[] {
  const out: IntegrityProblem[] = []
  const report = (message: string, repairable = false): void => {
    out.push({
      recordId: head.event.record_id,
      code: 'CHANGE_LOG',
      message,
      repairable,
      severity: 'error',
    })
  }
  const seq = head.event.seq!
  if (head.event.event_sha256 !== eventHash(head.event)) {
    report(`${CHANGES_HEAD_KEY} was edited: its hash does not match.`)
    return out
  }
  const written = bySeq.get(seq)
  if (written) {
    if (written.event.event_sha256 !== head.event.event_sha256)
      report(`${CHANGES_HEAD_KEY} (seq ${seq}) differs from the event ${written.key} it names.`)
    else if (seq < maxSeq)
      report(
        `${CHANGES_HEAD_KEY} names seq ${seq} but events go up to seq ${maxSeq}: the head was rolled back.`,
      )
  } else if (seq === maxSeq + 1) {
    report(
      `the latest change event (seq ${seq}, ${head.event.key}) was claimed in ${CHANGES_HEAD_KEY} but never written: a crash after commit, or tampering; repair writes it.`,
      true,
    )
  } else if (seq < maxSeq) {
    report(
      `${CHANGES_HEAD_KEY} names seq ${seq} but events go up to seq ${maxSeq}: the head was rolled back.`,
    )
  }
  return out
}

export async function verifyStore(
  store: VersionedStore,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const ids = await listRecordIds(store)
  const chain = await readEventChain(store)
  const problems: IntegrityProblem[] = [...chain.problems]
  let versionsChecked = 0
  for (const recordId of ids) {
    const r = await verifyRecord(store, recordId, chain.anchors.get(recordId) ?? [], options)
    problems.push(...r.problems)
    versionsChecked += r.versionsChecked
  }
  const present = new Set(ids)
  for (const [recordId, anchors] of chain.anchors) {
    if (present.has(recordId)) continue
    problems.push({
      recordId,
      code: 'RECORD_REMOVED',
      message: `${recordId}: ${anchors.length} change event(s) name it (first ${anchors[0]!.key}) but records/${recordId}/ is gone: the record was removed.`,
      repairable: false,
      severity: 'error',
    })
  }
  const errors = problems.filter((p) => p.severity === 'error')
  return {
    ok: errors.length === 0,
    recordsChecked: ids.length,
    versionsChecked,
    problems: errors,
    warnings: problems.filter((p) => p.severity === 'warning'),
  }
}
