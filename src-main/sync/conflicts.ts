// The conflicts waiting for the user, offline: listed and resolved from what was saved
// when each was found (the remote versions it needs are kept locally), so answering them
// needs no connection. The resolved merge is committed locally; the next sync pushes it.
import { BorelogError, NotFoundError, VersionConflictError } from '../../shared/errors'
import type { MetadataJson } from '../../shared/metadata'
import { sha256Hex } from '../object-store/index'
import type { VersionedStore } from '../store/index'
import { defaultUser, unpaired } from './context'
import { commitMerge, diverge } from './divergence'
import { resolveRecordMerge, type Resolution } from './merge'
import { pairHistories } from './pairing'
import type { CopySource } from './plan'
import { SyncState } from './state'
import type { RecordConflicts } from './types'

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
    { local, user: local.signer?.name ?? input.user ?? defaultUser(), ownKeys: new Set() },
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
