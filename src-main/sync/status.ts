// What the app's always-visible sync status shows (DESIGN.md 5): up to date, n to push,
// n to pull, conflicts, offline. Reads only; cost grows with the changes since the last
// sync, like sync itself. "To push" needs no network: it compares each changed local
// record with the mark sync left when the record was last in sync.
import { BorelogError } from '../../shared/errors'
import { changedSince, listRecordIds, type VersionedStore } from '../store/index'
import { SyncState } from './state'

export interface SyncStatus {
  state: 'up-to-date' | 'changes' | 'conflicts' | 'offline'
  /** Local records with history the remote does not have yet. */
  toPush: number
  /** Remote records with history this store does not have yet; null when offline. */
  toPull: number | null
  /** Records whose merge waits for the user (resolve them). */
  conflicts: number
  lastSyncAt: string | null
  /** Why the remote could not be reached, when offline. */
  offlineReason: string | null
}

async function changedIds(
  store: VersionedStore,
  dir: { cursor: string | null; todo: string[] },
): Promise<string[]> {
  const listed =
    dir.cursor === null
      ? await listRecordIds(store)
      : (await changedSince(store, dir.cursor)).recordIds
  return [...new Set([...dir.todo, ...listed])]
}

async function lastEntry(
  store: VersionedStore,
  recordId: string,
): Promise<string | null | undefined> {
  try {
    const { metadata } = await store.readMetadata(recordId)
    return metadata.history[metadata.history.length - 1]?.entry_sha256 ?? null
  } catch (e) {
    if (e instanceof BorelogError && e.code === 'NOT_FOUND') return undefined
    throw e
  }
}

export async function syncStatus(
  local: VersionedStore,
  remote: VersionedStore,
): Promise<SyncStatus> {
  const state = await SyncState.load(local, remote.location)
  const conflicted = new Set(await state.conflictIds())
  const count = async (
    store: VersionedStore,
    ids: string[],
    side: 'local_head' | 'remote_head',
  ): Promise<number> => {
    let n = 0
    for (const id of ids) {
      if (conflicted.has(id)) continue
      const head = await lastEntry(store, id)
      if (head === undefined) continue
      const mark = await state.readMark(id)
      if (!mark || mark[side] !== head) n++
    }
    return n
  }
  const toPush = await count(local, await changedIds(local, state.data.push), 'local_head')
  let toPull: number | null = null
  let offlineReason: string | null = null
  try {
    toPull = await count(remote, await changedIds(remote, state.data.pull), 'remote_head')
  } catch (e) {
    if (
      !(e instanceof BorelogError) ||
      (e.code !== 'STORE_UNAVAILABLE' && e.code !== 'UNAUTHORIZED')
    )
      throw e
    offlineReason = e.message
  }
  const status: SyncStatus['state'] =
    conflicted.size > 0
      ? 'conflicts'
      : toPull === null
        ? 'offline'
        : toPush + toPull > 0
          ? 'changes'
          : 'up-to-date'
  return {
    state: status,
    toPush,
    toPull,
    conflicts: conflicted.size,
    lastSyncAt: state.data.last_sync_at,
    offlineReason,
  }
}
