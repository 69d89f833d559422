// One record's sync within a run: read both sides, pull what the remote has that this
// store lacks, then push the reverse, one step and one commit at a time. A commit that
// loses a race (someone wrote the record meanwhile) is planned again on what is there now.
import { VersionConflictError } from '../../shared/errors'
import { announceRecord, type VersionedStore } from '../store/index'
import {
  readSide,
  unpaired,
  type Context,
  type Pending,
  type RecordOutcome,
  type RecordRun,
  type Side,
  type Sides,
  type Step,
} from './context'
import { pairHistories, syncedFromOf } from './pairing'
import { pullStep } from './pull'
import { pushStep } from './push'
import type { SyncDirection } from './types'

const MAX_ATTEMPTS = 8

export async function syncRecord(
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
