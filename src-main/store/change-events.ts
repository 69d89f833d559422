// changes/: one small object per committed operation, keyed by time, so incremental
// readers (the catalog, export, sync) list from a cursor instead of opening every record.
// See docs/ARCHITECTURE.md, "On-disk format".
import { randomBytes } from 'node:crypto'

import type { HistoryEntry, MetadataJson } from '../../shared/metadata'
import type { ObjectStore } from '../object-store/index'
import { CHANGES_PREFIX } from './layout'
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

/** changes/ key: time first so that listing from a cursor returns changes in time order. */
function changeKey(at: string): string {
  return `${changeKeyPrefixAt(at)}-${randomBytes(6).toString('hex')}.json`
}

/**
 * changes/20261126/20261126T041500123Z: one folder per UTC day, so a reader listing
 * from a recent cursor skips whole days without reading them.
 */
export function changeKeyPrefixAt(at: string): string {
  const compact = at.replace(/[-:]/g, '').replace('.', '')
  return `${CHANGES_PREFIX}${compact.slice(0, 8)}/${compact}`
}

/**
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
  const event = {
    record_id: metadata.record_id,
    version: entry.version,
    action: entry.action ?? entry.status,
    status: metadata.status,
    at: entry.created_at,
    by: entry.created_by,
    entry_sha256: entry.entry_sha256,
    // The whole entry, so repair can restore reviews if metadata.json is ever lost.
    entry,
  }
  // Written after the commit: a crash here loses only this hint, which repair restores;
  // an event is never written for something that did not commit.
  const key = changeKey(keyAt)
  await objects.putIfAbsent(key, encodeJson(event))
  return key
}
