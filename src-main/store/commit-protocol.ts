// The write protocol saves and reviews share: metadata.json is replaced compare-and-swap
// on top of the snapshot the operation read, so no history entry is ever lost, and a
// writer that lost the race is told who won. See docs/ARCHITECTURE.md, "Invariants".
import {
  BadInputError,
  StaleReviewError,
  VersionConflictError,
  type BorelogError,
} from '../../shared/errors'
import type { HistoryEntry, MetadataJson } from '../../shared/metadata'
import type { StoreCore } from './core'
import { metadataKey } from './layout'
import { encodeJson, readMetadataSnapshot, type MetadataSnapshot } from './metadata-json'

const MAX_CAS_ATTEMPTS = 20

export type MetadataChange = (meta: MetadataJson) => { metadata: MetadataJson; entry: HistoryEntry }

/**
 * Applies `change` to the snapshot the operation already read and swaps it in; only when
 * another writer got there first is metadata.json read again (and `change` re-applied,
 * so it must re-check what it relies on).
 */
export async function casMetadata(
  core: StoreCore,
  snapshot: MetadataSnapshot,
  change: MetadataChange,
): Promise<MetadataJson> {
  const recordId = snapshot.metadata.record_id
  let current = snapshot
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    if (attempt > 0) current = await readMetadataSnapshot(core.objects, recordId)
    const next = change(current.metadata)
    try {
      await core.objects.putIfMatch(metadataKey(recordId), encodeJson(next.metadata), current.etag)
    } catch (e) {
      if (e instanceof VersionConflictError) {
        await sleep(Math.random() * 5 * (attempt + 1))
        continue
      }
      throw e
    }
    await core.committed(next.metadata, next.entry)
    return next.metadata
  }
  throw new VersionConflictError(
    `Record ${recordId} is changing too fast: gave up after ${MAX_CAS_ATTEMPTS} attempts.`,
    { recordId },
  )
}

/** "Cannot approve BH-07 v3: v4 was saved by j.doe at ... Review v4." */
export function movedOn(meta: MetadataJson, seen: number, verb: string): BorelogError {
  const latest = [...meta.history].reverse().find((e) => e.version === meta.current_version)
  const by = latest ? ` by ${latest.created_by} at ${latest.created_at}` : ''
  const message = `Cannot ${verb} ${meta.record_id} v${seen}: v${meta.current_version} was saved${by}. Review v${meta.current_version}.`
  const details = {
    recordId: meta.record_id,
    seenVersion: seen,
    currentVersion: meta.current_version,
  }
  return verb === 'save over'
    ? new VersionConflictError(message, details)
    : new StaleReviewError(message, details)
}

export function assertNonEmpty(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new BadInputError(`The ${what} must be a non-empty string.`, { field: what })
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
