// changes/: one small object per committed operation, keyed by time, so incremental
// readers (the catalog, export, sync) list from a cursor instead of opening every record.
// The events also anchor every record's history outside its metadata.json: they form one
// hash chain per store (each names the one before it by `seq` and `prev_event_sha256`),
// and each names the entry its commit made. `changes.head.json` holds the latest event;
// a writer claims the next place in the chain by a compare-and-swap on it, then writes the
// event file. So removing a history's last entries, a record folder or an event, or
// editing an event, leaves an event naming what is gone or a gap in the chain.
// See docs/ARCHITECTURE.md, "On-disk format" and "Invariants".
import { createHash, randomBytes } from 'node:crypto'

import { AlreadyExistsError, CorruptMetadataError, VersionConflictError } from '../../shared/errors'
import type { HistoryEntry, MetadataJson } from '../../shared/metadata'
import type { ObjectStore } from '../object-store/index'
import { canonicalJson } from './history'
import { CHANGES_HEAD_KEY, CHANGES_PREFIX } from './layout'
import { encodeJson } from './metadata-json'

/** A committed operation, as written to changes/ for incremental readers. */
export interface ChangeEvent {
  key: string
  record_id: string
  version: number
  action: string
  status: string
  at: string
}

/** A change event as stored: chained events carry seq, key and the two hashes. */
export interface StoredChangeEvent {
  record_id: string
  version: number
  action: string
  status: string
  at: string
  by: string
  entry_sha256?: string
  entry?: HistoryEntry
  /** Place in the store's chain, from 1; absent in events written before the chain. */
  seq?: number
  /** The key the event was written under: an event moved or swapped with another shows. */
  key?: string
  prev_event_sha256?: string | null
  event_sha256?: string
}

/** How often a writer retries its claim on the chain when other writers keep winning. */
const MAX_CLAIM_ATTEMPTS = 200

export function eventHash(event: StoredChangeEvent): string {
  const unsealed: Record<string, unknown> = { ...event }
  delete unsealed.event_sha256
  return createHash('sha256').update(canonicalJson(unsealed)).digest('hex')
}

/**
 * The last 8 hex digits of a key name the record's id hash, so one record's events
 * are found by listing alone. Keys written before the chain have no tag.
 */
export function recordTag(recordId: string): string {
  return createHash('sha256').update(recordId).digest('hex').slice(0, 8)
}

/** changes/ key: time first so that listing from a cursor returns changes in time order. */
function changeKey(at: string, recordId: string): string {
  return `${changeKeyPrefixAt(at)}-${randomBytes(6).toString('hex')}-${recordTag(recordId)}.json`
}

/** The record tag of a key, or null for a key written before keys carried one. */
export function tagOfKey(key: string): string | null {
  return /-[0-9a-f]{12}-([0-9a-f]{8})\.json$/.exec(key)?.[1] ?? null
}

/**
 * changes/20261126/20261126T041500123Z: one folder per UTC day, so a reader listing
 * from a recent cursor skips whole days without reading them.
 */
export function changeKeyPrefixAt(at: string): string {
  const compact = at.replace(/[-:]/g, '').replace('.', '')
  return `${CHANGES_PREFIX}${compact.slice(0, 8)}/${compact}`
}

/** Parses an event; null for bytes that are not one (verify reports those). */
export function parseChangeEvent(bytes: Uint8Array): StoredChangeEvent | null {
  try {
    const raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
    const event = raw as StoredChangeEvent
    return typeof event.record_id === 'string' ? event : null
  } catch {
    return null
  }
}

export interface ChainHead {
  event: StoredChangeEvent
  etag: string
}

/** The latest claimed event, or null in a store whose chain has not started. */
export async function readChainHead(objects: ObjectStore): Promise<ChainHead | null> {
  const got = await objects.get(CHANGES_HEAD_KEY)
  if (!got) return null
  const event = parseChangeEvent(got.bytes)
  if (!event || typeof event.seq !== 'number' || typeof event.key !== 'string') {
    throw new CorruptMetadataError(
      `${objects.location}/${CHANGES_HEAD_KEY} is not a change event. Run borelog-desk repair.`,
      { where: `${objects.location}/${CHANGES_HEAD_KEY}` },
    )
  }
  return { event, etag: got.etag }
}

/** Writes the event file the head claimed, unless it is there (its writer, or the next one, wrote it). */
export async function writeClaimedEvent(objects: ObjectStore, head: ChainHead): Promise<boolean> {
  try {
    await objects.putIfAbsent(head.event.key!, encodeJson(head.event))
    return true
  } catch (e) {
    if (e instanceof AlreadyExistsError) return false
    throw e
  }
}

/**
 * Announces a commit: claims the next place in the chain, then writes the event.
 * `keyAt` orders the event among the others: the commit time. It differs from the entry's
 * time only for entries copied from another store by sync, which may be days old: keyed by
 * their own time they would land behind the cursors incremental readers already hold.
 */
export async function writeChangeEvent(
  objects: ObjectStore,
  metadata: MetadataJson,
  entry: HistoryEntry,
  keyAt: string = entry.created_at,
): Promise<string> {
  const key = changeKey(keyAt, metadata.record_id)
  const fields: StoredChangeEvent = {
    record_id: metadata.record_id,
    version: entry.version,
    action: entry.action ?? entry.status,
    status: metadata.status,
    at: entry.created_at,
    by: entry.created_by,
    ...(entry.entry_sha256 ? { entry_sha256: entry.entry_sha256 } : {}),
    // The whole entry, so repair can restore reviews if metadata.json is ever lost.
    entry,
    key,
  }
  // Written after the commit: a crash before the claim leaves the record's head entry
  // unanchored, which verify reports and repair announces; an event is never written
  // for something that did not commit.
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
    const head = await readChainHead(objects).catch((e: unknown) => {
      if (!(e instanceof CorruptMetadataError)) throw e
      throw new CorruptMetadataError(
        `Committed ${metadata.record_id} v${entry.version}, but could not announce it: ${e.message}`,
        { ...e.details, recordId: metadata.record_id, committed: true },
        { cause: e },
      )
    })
    // The writer before us may have died between its claim and its event file.
    if (head && !(await objects.head(head.event.key!))) await writeClaimedEvent(objects, head)
    const chained = { ...fields, seq: (head?.event.seq ?? 0) + 1 }
    const unsealed = { ...chained, prev_event_sha256: head?.event.event_sha256 ?? null }
    const event = { ...unsealed, event_sha256: eventHash(unsealed) }
    const bytes = encodeJson(event)
    try {
      if (head) await objects.putIfMatch(CHANGES_HEAD_KEY, bytes, head.etag)
      else await objects.putIfAbsent(CHANGES_HEAD_KEY, bytes)
    } catch (e) {
      if (!(e instanceof VersionConflictError || e instanceof AlreadyExistsError)) throw e
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 * (attempt + 1))))
      continue
    }
    // The next writer may already have written it for us, from the head (the same bytes).
    await writeClaimedEvent(objects, { event, etag: '' })
    return key
  }
  throw new VersionConflictError(
    `Committed ${metadata.record_id} v${entry.version}, but could not announce it in changes/: other writers kept winning. Run borelog-desk repair to announce it.`,
    { recordId: metadata.record_id, version: entry.version },
  )
}
