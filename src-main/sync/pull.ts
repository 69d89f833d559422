// The pull step: remote history this store lacks is copied here, or, when both sides
// saved since they last agreed, merged (a clean merge is committed with the copy; a
// conflict is staged and nothing is committed).
import { isWriteEntry } from '../store/index'
import { cachedSource, commit, type Pending, type RecordRun, type Side, type Step } from './context'
import { commitMerge, diverge, stageConflict } from './divergence'
import { planCopy, type CopySource } from './plan'

/** Brings remote history here: a merge (or a conflict) when both sides saved, else a copy. */
export async function pullStep(
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
