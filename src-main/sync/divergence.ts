// A record saved on both sides since they last agreed: the three-way merge against the
// newest version both hold, the commit that copies the remote versions and adds the merge
// in one compare-and-swap, and the staging of a conflict (with the remote versions it
// needs) so that it can be resolved offline.
import type { HistoryEntry, MetadataJson } from '../../shared/metadata'
import { decodeParquet } from '../parquet/index'
import {
  buildMergeVersionFile,
  isWriteEntry,
  readVersionFileInfo,
  versionKey,
  type VersionedStore,
} from '../store/index'
import { commit, type Side } from './context'
import { mergeRecord, type MergeSide } from './merge'
import type { Pairing } from './pairing'
import { addMerge, planCopy, readCheckedVersion, type CommitPlan, type CopySource } from './plan'
import type { ConflictFile, SyncState } from './state'

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

export interface Divergence {
  baseVersion: number | null
  oursVersion: number
  theirsVersion: number
  merge: ReturnType<typeof mergeRecord>
}

/** The three-way merge of a record saved on both sides since they last agreed. */
export async function diverge(
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
export async function commitMerge(
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
  // The merge is the caller's entry: signed by the local store's identity, which is
  // registered there before the commit names it.
  const signer = ctx.local.signer
  if (signer) await ctx.local.register(signer)
  addMerge(plan, { mergedFrom, by: ctx.user, comment, file, signer })
  const side = await commit(ctx.local, recordId, localSide, plan, ctx.ownKeys)
  return { plan, mergedFrom, side }
}

export async function stageConflict(
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
