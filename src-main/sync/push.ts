// The push step: local history the remote lacks is copied there. A review is pushed only
// while the version it names is still the remote's current draft; the others are reported
// as declined, once per record and run.
import { cachedSource, commit, type Pending, type RecordRun, type Side, type Step } from './context'
import { planCopy } from './plan'

/** Copies local history to the remote; reviews it may not take are reported as declined. */
export async function pushStep(
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
