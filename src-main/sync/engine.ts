// push, pull and sync (see index.ts for the design). A run lists what changed in each store
// since its cursor, then brings each listed record in sync on its own: reads both
// metadata.json, pairs the histories, and commits what one side lacks to the other in one
// compare-and-swap per record and side. A record whose commit loses a race is planned again.
// This module is the run loop (listing, workers, cursors, saved state); one record's sync
// is in record.ts (its pull.ts and push.ts steps, divergence.ts for merges), and the
// offline listing and resolution of conflicts in conflicts.ts.
import { BorelogError, CancelledError } from '../../shared/errors'
import {
  changedSince,
  copyRegistry,
  currentCursor,
  listRecordIds,
  VersionedStore,
} from '../store/index'
import { defaultUser, type Context } from './context'
import { RequestLimit } from './limit'
import { syncRecord } from './record'
import { SyncState } from './state'
import type { SyncDirection, SyncOptions, SyncProgress, SyncResult } from './types'

const SAVE_EVERY_MS = 1_000
/** Failures that stop a run (nothing further can succeed now); its state is kept to resume. */
const RUN_FATAL = new Set([
  'STORE_UNAVAILABLE',
  'UNAUTHORIZED',
  'CONDITIONAL_WRITES_UNSUPPORTED',
  'CANCELLED',
])

function assertDistinct(local: VersionedStore, remote: VersionedStore): void {
  if (local.location === remote.location) {
    throw new BorelogError(
      'BAD_INPUT',
      `The local store and the remote are the same place (${local.location}): sync needs two stores.`,
    )
  }
}

/** Adds the records changed since `dir.cursor` in `store` to `dir.todo`, and moves the cursor on. */
async function listChanges(
  store: VersionedStore,
  dir: { cursor: string | null; todo: string[] },
): Promise<void> {
  let ids: string[]
  let cursor: string
  if (dir.cursor === null) {
    // First run: every record, from the folder listing (cheaper than every change event);
    // the cursor is taken first so that a change made meanwhile is listed again next time.
    cursor = await currentCursor(store)
    ids = await listRecordIds(store)
  } else {
    const changed = await changedSince(store, dir.cursor)
    cursor = changed.cursor
    ids = changed.recordIds
  }
  dir.todo = [...new Set([...dir.todo, ...ids])].sort()
  dir.cursor = cursor
}

/**
 * The keys that sign the history copied each way go with it, so its signatures verify on
 * the other side. A name bound to different keys in the two stores is reported as a
 * failure naming the registry object, and neither side is changed.
 * See docs/ARCHITECTURE.md, "Signed history".
 */
async function carryIdentities(
  local: VersionedStore,
  remote: VersionedStore,
  direction: { pulling: boolean; pushing: boolean },
  result: SyncResult,
): Promise<void> {
  if (local.signer) await local.register(local.signer)
  const conflicts = [
    ...(direction.pulling ? (await copyRegistry(remote.objects, local.objects)).conflicts : []),
    ...(direction.pushing ? (await copyRegistry(local.objects, remote.objects)).conflicts : []),
  ]
  for (const c of new Map(conflicts.map((c) => [c.key, c])).values())
    result.failed.push({ recordId: c.key, code: 'UNAUTHORIZED', message: c.message })
}

function emptyResult(direction: SyncDirection, remote: string): SyncResult {
  return {
    direction,
    remote,
    pulled: [],
    pushed: [],
    merged: [],
    conflicts: [],
    declined: [],
    waiting: [],
    failed: [],
    bytesDown: 0,
    bytesUp: 0,
    upToDate: false,
  }
}

export async function runSync(
  direction: SyncDirection,
  local: VersionedStore,
  remoteStore: VersionedStore,
  options: SyncOptions = {},
): Promise<SyncResult> {
  assertDistinct(local, remoteStore)
  const requests = Math.max(1, options.concurrency ?? 8)
  const remote = await VersionedStore.open(new RequestLimit(remoteStore.objects, requests), {
    registry: remoteStore.registry,
  })
  const result = emptyResult(direction, remote.location)
  const state = await SyncState.load(local, remote.location)
  const ctx: Context = {
    local,
    remote,
    state,
    // Merges are signed by the local store's identity, so they carry its name.
    user: local.signer?.name ?? options.user ?? defaultUser(),
    result,
    carried: new Set(),
    remoteListed: new Set(),
    ownLocalKeys: new Set(),
    ownRemoteKeys: new Set(),
  }
  const pulling = direction !== 'push'
  const pushing = direction !== 'pull'
  const progress = (
    phase: SyncProgress['phase'],
    recordsDone: number,
    recordsTotal: number,
    recordId: string | null,
  ): void => {
    options.onProgress?.({
      direction,
      phase,
      recordsDone,
      recordsTotal,
      recordId,
      bytesDown: result.bytesDown,
      bytesUp: result.bytesUp,
    })
  }
  const checkCancelled = (): void => {
    if (options.signal?.aborted)
      throw new CancelledError('Sync cancelled; run it again to continue where it stopped.')
  }

  progress('listing', 0, 0, null)
  checkCancelled()
  const startedAt = new Date().toISOString()
  for (const id of [
    ...(pulling ? state.data.pull.todo : []),
    ...(pushing ? state.data.push.todo : []),
  ])
    ctx.carried.add(id)
  await carryIdentities(local, remote, { pulling, pushing }, result)
  if (pulling) await listChanges(remote, state.data.pull)
  if (pushing) await listChanges(local, state.data.push)
  if (pulling) for (const id of state.data.pull.todo) ctx.remoteListed.add(id)
  // The cursors move on only together with the records they listed, so a run that stops
  // here or later resumes with the same records to do.
  await state.save()

  const pullTodo = new Set(state.data.pull.todo)
  const pushTodo = new Set(state.data.push.todo)
  const todo = [...new Set([...(pulling ? pullTodo : []), ...(pushing ? pushTodo : [])])].sort()
  let done = 0
  let fatal: unknown = null
  let lastSave = Date.now()
  let saving: Promise<void> = Promise.resolve()
  const saveState = (): Promise<void> => {
    state.data.pull.todo = [...pullTodo].sort()
    state.data.push.todo = [...pushTodo].sort()
    saving = saving.then(() => state.save())
    return saving
  }

  let next = 0
  const worker = async (): Promise<void> => {
    while (next < todo.length && fatal === null) {
      const recordId = todo[next++]!
      try {
        checkCancelled()
        const outcome = await syncRecord(ctx, recordId, direction)
        if (outcome.pullDone) pullTodo.delete(recordId)
        else pullTodo.add(recordId)
        if (outcome.pushDone) pushTodo.delete(recordId)
        else pushTodo.add(recordId)
      } catch (e) {
        if (!(e instanceof BorelogError) || RUN_FATAL.has(e.code)) {
          fatal ??= e
          return
        }
        result.failed.push({ recordId, code: e.code, message: e.message })
      }
      done++
      progress('records', done, todo.length, recordId)
      if (Date.now() - lastSave > SAVE_EVERY_MS) {
        lastSave = Date.now()
        await saveState()
      }
    }
  }
  // Twice as many records as requests in flight: while some write to the local disk, the
  // others keep the network busy.
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(2 * requests, todo.length)) }, worker),
  )
  await saveState()
  if (fatal !== null) throw fatal

  // Move each cursor past this run's own writes (its copies are not changes to sync back);
  // what others changed meanwhile joins the records to do. A store never listed keeps no
  // cursor: its first run lists all its records anyway.
  try {
    for (const [store, dir, own, todoSet] of [
      [local, state.data.push, ctx.ownLocalKeys, pushTodo],
      [remote, state.data.pull, ctx.ownRemoteKeys, pullTodo],
    ] as const) {
      if (dir.cursor === null) continue
      const changed = await changedSince(store, dir.cursor, { skipKeys: own })
      for (const id of changed.recordIds) todoSet.add(id)
      dir.cursor = changed.cursor
    }
  } catch (e) {
    // Offline at the very end: every record is done; the next run lists these changes again.
    if (!(e instanceof BorelogError) || e.code !== 'STORE_UNAVAILABLE') throw e
  }
  if (pushing) state.data.push.through = startedAt
  state.data.last_sync_at = new Date().toISOString()
  await saveState()
  result.upToDate =
    result.conflicts.length === 0 && result.failed.length === 0 && result.waiting.length === 0
  progress('done', done, todo.length, null)
  return result
}
