// What the app's always-visible sync status shows: up to date, n to push,
// n to pull, conflicts, offline. Reads only, and costs what the changes since the last
// sync cost: each sync moves its cursors past its own copies, so what is listed after
// them is other writers' work. "To push" needs no network.
import { BorelogError } from '../../shared/errors'
import { changedSince, listRecordIds, type VersionedStore } from '../store/index'
import { SyncState } from './state'

export interface SyncStatus {
  state: 'up-to-date' | 'changes' | 'conflicts' | 'offline'
  /** Local records changed since the last sync (or never synced). */
  toPush: number
  /** Remote records changed by others since the last sync; null when offline. */
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
): Promise<Set<string>> {
  const listed =
    dir.cursor === null
      ? await listRecordIds(store)
      : (await changedSince(store, dir.cursor)).recordIds
  return new Set([...dir.todo, ...listed])
}

export async function syncStatus(
  local: VersionedStore,
  remote: VersionedStore,
): Promise<SyncStatus> {
  const state = await SyncState.load(local, remote.location)
  const conflicted = new Set(await state.conflictIds())
  const count = (ids: Set<string>): number => [...ids].filter((id) => !conflicted.has(id)).length
  const toPush = count(await changedIds(local, state.data.push))
  let toPull: number | null = null
  let offlineReason: string | null = null
  try {
    toPull = count(await changedIds(remote, state.data.pull))
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
