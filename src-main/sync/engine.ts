// push, pull and sync (see index.ts for the design). A run lists what changed in each store
// since its cursor, then brings each listed record in sync on its own: reads both
// metadata.json, pairs the histories, and commits what one side lacks to the other in one
// compare-and-swap per record and side. A record whose commit loses a race is planned again.
import {
  BorelogError,
  CancelledError,
  NotFoundError,
  VersionConflictError,
} from '../../shared/errors'
import type { HistoryEntry, MetadataJson } from '../../shared/metadata'
import { sha256Hex } from '../object-store/index'
import { decodeParquet } from '../parquet/index'
import {
  announceRecord,
  appendHistory,
  buildMergeVersionFile,
  changedSince,
  currentCursor,
  isWriteEntry,
  listRecordIds,
  readVersionFileInfo,
  versionKey,
  VersionedStore,
} from '../store/index'
import {
  mergeRecord,
  resolveRecordMerge,
  type MergeSide,
  type Resolution,
  type SyncConflict,
} from './merge'
import { pairHistories, syncedFromOf, type Pairing } from './pairing'
import {
  addMerge,
  planCopy,
  readCheckedVersion,
  sealPlan,
  type CommitPlan,
  type CopySource,
  type DeclinedReview,
} from './plan'
import { RequestLimit } from './limit'
import { SyncState, type ConflictFile } from './state'

export type SyncDirection = 'pull' | 'push' | 'sync'

export interface SyncOptions {
  /** Who makes merge versions (their history entry's created_by). Default: $USER or "sync". */
  user?: string
  onProgress?: (progress: SyncProgress) => void
  signal?: AbortSignal
  /** Requests to the remote in flight at most (twice as many records are in progress). Default 8. */
  concurrency?: number
}

export interface SyncProgress {
  direction: SyncDirection
  phase: 'listing' | 'records' | 'done'
  recordsDone: number
  recordsTotal: number
  /** The record just finished, in the 'records' phase. */
  recordId: string | null
  /** Version-file bytes read from the remote and written to it so far. */
  bytesDown: number
  bytesUp: number
}

export interface RecordConflicts {
  recordId: string
  /** Local versions: the common base (null when both sides created the record) and ours. */
  baseVersion: number | null
  localVersion: number
  /** The remote head the merge was tried against, in remote numbers. */
  remoteVersion: number
  conflicts: SyncConflict[]
}

export interface SyncResult {
  direction: SyncDirection
  remote: string
  /** Versions and reviews copied to the local store (local version numbers). */
  pulled: { recordId: string; versions: number[]; reviews: number }[]
  /** Versions and reviews copied to the remote (remote version numbers). */
  pushed: { recordId: string; versions: number[]; reviews: number }[]
  /** Clean merges saved locally as new draft versions (pushed by the same sync). */
  merged: { recordId: string; version: number; mergedFrom: [number, number] }[]
  /** Records saved on both sides whose merge needs the user: resolve() them. */
  conflicts: RecordConflicts[]
  /** Approvals and rejections not copied (a review is never pushed for a version the remote has moved past). */
  declined: DeclinedReview[]
  /** push only: records not pushed because the remote has changes to pull first. */
  waiting: string[]
  /** Records that could not be synced (corrupt, busy); they are tried again by the next run. */
  failed: { recordId: string; code: string; message: string }[]
  bytesDown: number
  bytesUp: number
  /** Both stores hold the same history for every record listed. */
  upToDate: boolean
}

const MAX_ATTEMPTS = 8
const SAVE_EVERY_MS = 1_000
/** Failures that stop a run (nothing further can succeed now); its state is kept to resume. */
const RUN_FATAL = new Set([
  'STORE_UNAVAILABLE',
  'UNAUTHORIZED',
  'CONDITIONAL_WRITES_UNSUPPORTED',
  'CANCELLED',
])

interface Side {
  metadata: MetadataJson
  etag: string
}

interface Context {
  local: VersionedStore
  remote: VersionedStore
  state: SyncState
  user: string
  result: SyncResult
  /** Records an earlier, interrupted run had listed and not finished. */
  carried: Set<string>
  /** Records the remote listed as changed (or all of them, on a first run). */
  remoteListed: Set<string>
  /** Change events this run wrote, per store: its own changes, not others' to sync. */
  ownLocalKeys: Set<string>
  ownRemoteKeys: Set<string>
}

interface RecordOutcome {
  pullDone: boolean
  pushDone: boolean
}

async function readSide(store: VersionedStore, recordId: string): Promise<Side | null> {
  try {
    return await store.readMetadata(recordId)
  } catch (e) {
    if (e instanceof NotFoundError) return null
    throw e
  }
}

function defaultUser(): string {
  return process.env.USER || process.env.USERNAME || 'sync'
}

function assertDistinct(local: VersionedStore, remote: VersionedStore): void {
  if (local.location === remote.location) {
    throw new BorelogError(
      'BAD_INPUT',
      `The local store and the remote are the same place (${local.location}): sync needs two stores.`,
    )
  }
}

/** A source of version files that reads each once (a merge and its copy plan share them). */
function cachedSource(
  store: VersionedStore,
  recordId: string,
  onBytes: (n: number) => void,
): CopySource {
  const cache = new Map<string, Promise<Uint8Array>>()
  return {
    store,
    recordId,
    readFile(version, sha256) {
      const key = `${version}:${sha256}`
      let got = cache.get(key)
      if (!got) {
        got = readCheckedVersion(store, recordId, version, sha256).then((bytes) => {
          onBytes(bytes.byteLength)
          return bytes
        })
        cache.set(key, got)
      }
      return got
    },
  }
}

async function commit(
  store: VersionedStore,
  recordId: string,
  target: Side | null,
  plan: CommitPlan,
  ownKeys: Set<string>,
): Promise<Side> {
  const done = await appendHistory(store, {
    recordId,
    current: target,
    files: plan.files,
    entries: (stored) => sealPlan(plan, target?.metadata ?? null, stored),
  })
  for (const key of done.changeKeys) ownKeys.add(key)
  return done
}

async function readSideVersion(
  store: VersionedStore,
  metadata: MetadataJson,
  version: number,
  source?: CopySource,
): Promise<MergeSide> {
  const sha =
    metadata.history.find((e) => e.version === version && isWriteEntry(e))?.file_sha256 ?? ''
  const bytes = source
    ? await source.readFile(version, sha)
    : await readCheckedVersion(store, metadata.record_id, version, sha)
  const where = `${store.location}/${versionKey(metadata.record_id, version)}`
  return { table: decodeParquet(bytes, where), header: readVersionFileInfo(bytes, where).header }
}

interface Divergence {
  baseVersion: number | null
  oursVersion: number
  theirsVersion: number
  merge: ReturnType<typeof mergeRecord>
}

/** The three-way merge of a record saved on both sides since they last agreed. */
async function diverge(
  local: VersionedStore,
  recordId: string,
  ours: MetadataJson,
  theirs: MetadataJson,
  pairing: Pairing,
  theirsSource: CopySource,
): Promise<Divergence> {
  // The base is the newest version both stores hold: every version after it on either side
  // descends from it (a sync never copies versions on top of unpushed ones without the merge
  // that joins them, in the same commit).
  const paired = [...pairing.localToRemote.keys()]
  const baseVersion = paired.length > 0 ? Math.max(...paired) : null
  const oursVersion = ours.current_version
  const theirsVersion = theirs.current_version
  const [base, oursSide, theirsSide, def] = await Promise.all([
    baseVersion === null ? null : readSideVersion(local, ours, baseVersion),
    readSideVersion(local, ours, oursVersion),
    readSideVersion(theirsSource.store, theirs, theirsVersion, theirsSource),
    local.tableDefinition(recordId),
  ])
  const merge = mergeRecord({
    keyColumns: def.keyColumns,
    base,
    ours: oursSide,
    theirs: theirsSide,
  })
  return { baseVersion, oursVersion, theirsVersion, merge }
}

/** Copies `pending` remote entries to local and adds the merge of `resolved`, in one commit. */
async function commitMerge(
  ctx: { local: VersionedStore; user: string; ownKeys: Set<string> },
  recordId: string,
  localSide: Side,
  pending: HistoryEntry[],
  pairing: Pairing,
  source: CopySource,
  divergence: Divergence,
  resolved: MergeSide,
): Promise<{ plan: CommitPlan; mergedFrom: [number, number]; side: Side }> {
  const plan = await planCopy({
    source,
    target: localSide.metadata,
    pending,
    map: pairing.remoteToLocal,
    strictReviews: false,
  })
  const theirsLocal = plan.map.get(divergence.theirsVersion)!
  const mergedFrom: [number, number] = [divergence.oursVersion, theirsLocal]
  const comment = `Merged local v${divergence.oursVersion} with remote v${divergence.theirsVersion}${divergence.merge.conflicts.length > 0 ? ` (${divergence.merge.conflicts.length} conflict${divergence.merge.conflicts.length === 1 ? '' : 's'} resolved)` : ''}.`
  const file = await buildMergeVersionFile(ctx.local, recordId, {
    table: resolved.table,
    header: resolved.header,
    version: plan.current + 1,
    mergedFrom,
    createdBy: ctx.user,
    createdAt: new Date().toISOString(),
    comment,
  })
  addMerge(plan, { mergedFrom, by: ctx.user, comment, file })
  const side = await commit(ctx.local, recordId, localSide, plan, ctx.ownKeys)
  return { plan, mergedFrom, side }
}

function unpaired(history: readonly HistoryEntry[], partner: readonly number[]): HistoryEntry[] {
  return history.filter((_, i) => partner[i] === -1)
}

type Sides = [local: Side | null, remote: Side | null]

/** One pass over what both sides hold: the record's outcome, or a commit and the sides after it. */
type Step = { outcome: RecordOutcome } | { sides: Sides }

/** One record's sync within a run. */
interface RecordRun {
  ctx: Context
  recordId: string
  pulling: boolean
  pushing: boolean
  /** Declined reviews already reported for this record (a pass may meet them again). */
  reported: Set<string>
}

/** What the two histories lack of each other. */
interface Pending {
  pairing: Pairing
  local: HistoryEntry[]
  remote: HistoryEntry[]
}

async function syncRecord(
  ctx: Context,
  recordId: string,
  direction: SyncDirection,
): Promise<RecordOutcome> {
  const run: RecordRun = {
    ctx,
    recordId,
    pulling: direction !== 'push',
    pushing: direction !== 'pull',
    reported: new Set(),
  }
  const { local, remote, state } = ctx
  const firstLocal = await readSide(local, recordId)
  let committed = false
  // A record made here since the last push, which the remote did not list and which holds
  // nothing copied from elsewhere, is new there: push it without reading first (a missing
  // key is the slowest read on S3). A wrong guess costs a refused create-if-absent write,
  // after which the record is planned again on what is really there.
  const pushedThrough = state.data.push.through
  const assumeAbsent =
    run.pushing &&
    firstLocal !== null &&
    !ctx.remoteListed.has(recordId) &&
    (pushedThrough === null || firstLocal.metadata.created_at >= pushedThrough) &&
    !firstLocal.metadata.history.some((e) => syncedFromOf(e) !== null)
  let sides: Sides | null = [firstLocal, assumeAbsent ? null : await readSide(remote, recordId)]
  for (let attempt = 1; ;) {
    try {
      // Read both sides once; after a commit, the side written is what the commit returned.
      sides ??= await Promise.all([readSide(local, recordId), readSide(remote, recordId)])
      const step = await syncStep(run, sides, committed)
      if ('outcome' in step) return step.outcome
      sides = step.sides
      committed = true
    } catch (e) {
      // Someone committed to this record between our read and our write: plan again on
      // what is there now.
      if (!(e instanceof VersionConflictError) || attempt >= MAX_ATTEMPTS) throw e
      attempt++
      sides = null
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt))
    }
  }
}

async function syncStep(run: RecordRun, sides: Sides, committed: boolean): Promise<Step> {
  const { ctx, recordId, pulling, pushing } = run
  const [localSide, remoteSide] = sides
  if (!localSide && !remoteSide) return { outcome: { pullDone: true, pushDone: true } }
  const pairing = pairHistories(
    localSide?.metadata.history ?? [],
    remoteSide?.metadata.history ?? [],
  )
  const pending: Pending = {
    pairing,
    local: unpaired(localSide?.metadata.history ?? [], pairing.localPartner),
    remote: unpaired(remoteSide?.metadata.history ?? [], pairing.remotePartner),
  }
  if (pending.remote.length > 0 && pulling) {
    const pulled = await pullStep(run, localSide, remoteSide!, pending)
    if (pulled) return pulled
  }
  if (pending.remote.length > 0 && !pulling) {
    ctx.result.waiting.push(recordId)
    return { outcome: { pullDone: false, pushDone: false } }
  }
  if (pulling) await ctx.state.clearConflict(recordId)
  if (pending.local.length > 0 && pushing) {
    const pushed = await pushStep(run, localSide!, remoteSide, pending)
    if (pushed) return pushed
  }
  if (ctx.carried.has(recordId) && !committed) await announceAgain(run, sides)
  // Pulling only, local history not on the remote yet stays for the next push.
  return { outcome: { pullDone: true, pushDone: pushing || pending.local.length === 0 } }
}

/** Brings remote history here: a merge (or a conflict) when both sides saved, else a copy. */
async function pullStep(
  run: RecordRun,
  localSide: Side | null,
  remoteSide: Side,
  pending: Pending,
): Promise<Step | null> {
  const { ctx, recordId } = run
  const { local, remote, result } = ctx
  const source = cachedSource(remote, recordId, (n) => (result.bytesDown += n))
  if (pending.remote.some(isWriteEntry) && pending.local.some(isWriteEntry))
    return mergeStep(run, localSide!, remoteSide, pending, source)
  const plan = await planCopy({
    source,
    target: localSide?.metadata ?? null,
    pending: pending.remote,
    map: pending.pairing.remoteToLocal,
    strictReviews: false,
  })
  if (plan.drafts.length === 0) return null
  const side = await commit(local, recordId, localSide, plan, ctx.ownLocalKeys)
  result.pulled.push({ recordId, versions: plan.versions, reviews: plan.reviews })
  return { sides: [side, remoteSide] }
}

/** Both sides saved since they last agreed: commit the clean merge, or stage the conflict. */
async function mergeStep(
  run: RecordRun,
  localSide: Side,
  remoteSide: Side,
  pending: Pending,
  source: CopySource,
): Promise<Step> {
  const { ctx, recordId } = run
  const { local, result, state } = ctx
  const divergence = await diverge(
    local,
    recordId,
    localSide.metadata,
    remoteSide.metadata,
    pending.pairing,
    source,
  )
  if (!divergence.merge.merged) {
    await stageConflict(state, recordId, remoteSide, pending.remote, divergence, source)
    result.conflicts.push({
      recordId,
      baseVersion: divergence.baseVersion,
      localVersion: divergence.oursVersion,
      remoteVersion: divergence.theirsVersion,
      conflicts: divergence.merge.conflicts,
    })
    return { outcome: { pullDone: false, pushDone: false } }
  }
  const merged = await commitMerge(
    { local, user: ctx.user, ownKeys: ctx.ownLocalKeys },
    recordId,
    localSide,
    pending.remote,
    pending.pairing,
    source,
    divergence,
    divergence.merge.merged,
  )
  result.pulled.push({
    recordId,
    versions: merged.plan.versions.slice(0, -1),
    reviews: merged.plan.reviews,
  })
  result.merged.push({ recordId, version: merged.plan.current, mergedFrom: merged.mergedFrom })
  return { sides: [merged.side, remoteSide] }
}

/** Copies local history to the remote; reviews it may not take are reported as declined. */
async function pushStep(
  run: RecordRun,
  localSide: Side,
  remoteSide: Side | null,
  pending: Pending,
): Promise<Step | null> {
  const { ctx, recordId } = run
  const { local, remote, result } = ctx
  const plan = await planCopy({
    source: cachedSource(local, recordId, () => undefined),
    target: remoteSide?.metadata ?? null,
    pending: pending.local,
    map: pending.pairing.localToRemote,
    strictReviews: true,
  })
  for (const d of plan.declined) {
    if (run.reported.has(d.entrySha256)) continue
    run.reported.add(d.entrySha256)
    result.declined.push(d)
  }
  if (plan.drafts.length === 0) return null
  const side = await commit(remote, recordId, remoteSide, plan, ctx.ownRemoteKeys)
  result.bytesUp += plan.bytes
  result.pushed.push({ recordId, versions: plan.versions, reviews: plan.reviews })
  return { sides: [localSide, side] }
}

/**
 * An interrupted run may have committed this record and lost its change events before
 * they were written: announce it again, or other stores' incremental syncs would never
 * list it.
 */
async function announceAgain(run: RecordRun, [localSide, remoteSide]: Sides): Promise<void> {
  const { ctx } = run
  const announce = async (
    store: VersionedStore,
    side: Side | null,
    keys: Set<string>,
  ): Promise<void> => {
    const key = side ? await announceRecord(store, side.metadata) : null
    if (key) keys.add(key)
  }
  if (run.pulling) await announce(ctx.local, localSide, ctx.ownLocalKeys)
  if (run.pushing) await announce(ctx.remote, remoteSide, ctx.ownRemoteKeys)
}

async function stageConflict(
  state: SyncState,
  recordId: string,
  remoteSide: Side,
  pendingRemote: HistoryEntry[],
  divergence: Divergence,
  source: CopySource,
): Promise<void> {
  const staged = await state.readConflict(recordId)
  if (
    staged &&
    staged.file.remote_etag === remoteSide.etag &&
    staged.file.ours_version === divergence.oursVersion
  )
    return
  const versions = new Map<number, Uint8Array>()
  for (const entry of pendingRemote) {
    if (isWriteEntry(entry))
      versions.set(entry.version, await source.readFile(entry.version, entry.file_sha256 ?? ''))
  }
  const file: ConflictFile = {
    record_id: recordId,
    base_version: divergence.baseVersion,
    ours_version: divergence.oursVersion,
    theirs_version: divergence.theirsVersion,
    remote_etag: remoteSide.etag,
    remote_versions: [...versions.keys()],
    found_at: new Date().toISOString(),
  }
  await state.writeConflict(file, remoteSide.metadata, versions)
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
    user: options.user ?? defaultUser(),
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

/**
 * Answers the conflicts of one record (from sync's result or listConflicts) and saves the
 * merge as a new local draft, offline: the remote versions it needs were saved locally when
 * the conflict was found. The next sync pushes it.
 */
export async function resolveConflict(
  local: VersionedStore,
  remoteLocation: string,
  input: {
    recordId: string
    resolutions: Readonly<Record<string, Resolution>>
    user?: string
    /** The local version the conflicts were shown against (RecordConflicts.localVersion). */
    localVersion?: number
  },
): Promise<{ version: number; mergedFrom: [number, number] }> {
  const { recordId } = input
  const state = await SyncState.load(local, remoteLocation)
  const staged = await state.readConflict(recordId)
  if (!staged)
    throw new NotFoundError(
      `${recordId} has no conflict waiting with ${remoteLocation}. Run sync to find conflicts.`,
      { recordId },
    )
  const localSide = await local.readMetadata(recordId)
  // Conflict ids are those of the merge with the current local version: answers given for
  // another one could land on other cells.
  if (
    input.localVersion !== undefined &&
    localSide.metadata.current_version !== input.localVersion
  ) {
    throw new VersionConflictError(
      `${recordId} was saved locally (v${localSide.metadata.current_version}) since its conflicts were listed against v${input.localVersion}. List them again.`,
      { recordId, localVersion: localSide.metadata.current_version },
    )
  }
  const { source, pairing, pending, divergence } = await stagedDivergence(
    local,
    state,
    recordId,
    localSide.metadata,
    staged.remote,
  )
  const resolved = resolveRecordMerge(divergence.merge, input.resolutions)
  const { plan, mergedFrom } = await commitMerge(
    { local, user: input.user ?? defaultUser(), ownKeys: new Set() },
    recordId,
    localSide,
    pending,
    pairing,
    source,
    divergence,
    resolved,
  )
  await state.clearConflict(recordId)
  return { version: plan.current, mergedFrom }
}

/** The conflicts waiting for the user, recomputed from what was saved when they were found. */
export async function listConflicts(
  local: VersionedStore,
  remoteLocation: string,
): Promise<RecordConflicts[]> {
  const state = await SyncState.load(local, remoteLocation)
  const out: RecordConflicts[] = []
  for (const recordId of await state.conflictIds()) {
    const staged = await state.readConflict(recordId)
    if (!staged) continue
    const localSide = await local.readMetadata(recordId)
    const { divergence } = await stagedDivergence(
      local,
      state,
      recordId,
      localSide.metadata,
      staged.remote,
    )
    out.push({
      recordId,
      baseVersion: divergence.baseVersion,
      localVersion: divergence.oursVersion,
      remoteVersion: divergence.theirsVersion,
      conflicts: divergence.merge.conflicts,
    })
  }
  return out
}

async function stagedDivergence(
  local: VersionedStore,
  state: SyncState,
  recordId: string,
  ours: MetadataJson,
  theirs: MetadataJson,
) {
  const pairing = pairHistories(ours.history, theirs.history)
  const pending = unpaired(theirs.history, pairing.remotePartner)
  const source: CopySource = {
    store: local,
    recordId,
    async readFile(version, sha256) {
      const bytes = await state.readConflictVersion(recordId, version)
      if (!bytes) {
        throw new NotFoundError(
          `The remote v${version} of ${recordId} saved with its conflict is missing. Run sync again (online) to fetch it.`,
          { recordId, version },
        )
      }
      if (sha256 && sha256Hex(bytes) !== sha256) {
        throw new BorelogError(
          'INTEGRITY',
          `The remote v${version} of ${recordId} saved with its conflict does not match its history. Run sync again (online).`,
          { recordId, version },
        )
      }
      return bytes
    },
  }
  const divergence = await diverge(local, recordId, ours, theirs, pairing, source)
  return { source, pairing, pending, divergence }
}
