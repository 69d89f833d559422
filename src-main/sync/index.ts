// Sync: a field engineer always works in a LOCAL store, usable
// offline; the REMOTE (a store on S3, or any store) is the team's. `push` sends local
// history the remote lacks, `pull` brings remote history down, `sync` does both, record by
// record: pull first, then push. Nothing is ever overwritten or dropped; a record saved on
// both sides is merged three-way, and what cannot be merged waits for the user.
//
// What is synced: each record's HISTORY. Every version write (create, update, merge) and
// every review (approve, reject) is one history entry; two stores share an entry when it
// was copied from one to the other (pairing.ts tells which from the histories alone). A
// sync copies the entries one side lacks to the other, in order: version files first
// (create-if-absent), then all of a record's new entries in one compare-and-swap of its
// metadata.json (store/replicate.ts), so a reader never sees half a sync.
//
// Version numbers across stores. Version files are immutable and every store numbers its
// versions 1..N without gaps, so "v5" is a place in ONE store's history:
// - While nobody diverges, a copy keeps its number, its bytes and its history entry, byte
//   for byte: both stores hold identical files and identical histories.
// - A copy that lands at another number (after a divergence) is re-encoded for that number:
//   the same table, header, author, time, comment and findings, only `borelog.version` and
//   `parent_version` (always N-1, the store's linear order) differ. Its history entry keeps
//   who/when/why and adds `synced_from: {entry_sha256, version, file_sha256}`: the entry it
//   copies and the number it had there ("local v3 is remote v5").
// - Divergence: base B in both; locally L1..Lk saved, on the remote R1..Rm. Pull copies
//   R1..Rm after the local versions and, in the SAME commit, adds the merge M (a draft)
//   whose entry has action 'merge', `merged_from` and `parents` = [local version of Lk,
//   local version of Rm]. Push then copies L1..Lk and M after R1..Rm. Both stores end
//   with B + k + m + 1 versions: local  ... B L1..Lk R1'..Rm' M
//                                    remote ... B R1..Rm L1'..Lk' M'
//   so the numbers line up again from M on, and later copies are byte for byte again.
//   The diverged local versions are kept in both stores, never dropped; each store's
//   `merged_from` names versions of that store.
// - Merges use the diff engine by key (hole_id, depth_top_m for borelogs) with the newest
//   version both stores share as the base; the header merges property by property. A
//   merge with conflicts commits nothing: the record stays as it is locally (the user's
//   own work stays the current version), the remote versions it needs are saved under
//   sync/, and `resolve` (ours / theirs / a value per conflict, offline) commits the copy
//   and the merge as above. The next sync pushes it.
// - Reviews: a remote approval or rejection always comes down (a review of a version this
//   store has since moved past is kept as history; the record's status is its current
//   version's). A local review is pushed only while the version it names is the remote's
//   current draft: an approval is never pushed for a version the remote has moved past
//   (or that someone else reviewed first); such reviews are reported as `declined`.
//
// State kept (local store, under sync/remotes/{hash of the remote location}/, state.ts):
// a cursor into each store's changes/ (a run reads only what changed since the last one:
// cost grows with the changes, not with the stores; at the end of a run each cursor moves
// past the change events the run wrote itself, so its own copies are never synced back),
// the records listed but not yet done (a run cut by a dropped connection resumes with
// them, and re-copying what already landed is a no-op found by pairing), and conflicts
// waiting for the user. All of it can be deleted: the next sync compares every record once
// and duplicates nothing.
//
// Cost per record: a push of a new record reads nothing first (create-if-absent writes
// refuse if the guess is wrong) and writes its version files, metadata.json and one change
// event per entry; a pull reads metadata.json and the new version files. At most
// `concurrency` requests are in flight, with twice as many records in progress so local
// disk work overlaps the network.
// See docs/ARCHITECTURE.md, "Sync".
export { listConflicts, resolveConflict as resolve } from './conflicts'
export { runSync } from './engine'
export type { RecordConflicts, SyncDirection, SyncOptions, SyncProgress, SyncResult } from './types'
export type { DeclinedReview } from './plan'
export type { Resolution, SyncConflict } from './merge'
export { syncStatus, type SyncStatus } from './status'

import type { VersionedStore } from '../store/index'
import { runSync } from './engine'
import type { SyncOptions, SyncResult } from './types'

/** Sends local history the remote lacks. Records with remote changes wait for a pull. */
export function push(
  local: VersionedStore,
  remote: VersionedStore,
  options?: SyncOptions,
): Promise<SyncResult> {
  return runSync('push', local, remote, options)
}

/** Brings remote history down; a record saved on both sides is merged (or its conflicts reported). */
export function pull(
  local: VersionedStore,
  remote: VersionedStore,
  options?: SyncOptions,
): Promise<SyncResult> {
  return runSync('pull', local, remote, options)
}

/** Pull, then push, record by record. */
export function sync(
  local: VersionedStore,
  remote: VersionedStore,
  options?: SyncOptions,
): Promise<SyncResult> {
  return runSync('sync', local, remote, options)
}
