// The write protocol saves and reviews share: metadata.json is replaced compare-and-swap
// on top of the snapshot the operation read, so no history entry is ever lost, and a
// writer that lost the race is told who won. See docs/ARCHITECTURE.md, "Invariants".
import {
  BadInputError,
  StaleReviewError,
  VersionConflictError,
  type BorelogError,
} from '../../shared/errors'
import type { HistoryAction, HistoryEntry, MetadataJson } from '../../shared/metadata'
import type { StoreCore } from './core'
import { metadataKey } from './layout'
import { encodeJson, readMetadataSnapshot, type MetadataSnapshot } from './metadata-json'

const MAX_CAS_ATTEMPTS = 20
const SAVE_ACTIONS: ReadonlySet<HistoryAction> = new Set(['create', 'update', 'merge'])

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

/**
 * "Cannot approve BH-07 v3: v4 was saved by j.doe at ... Review v4." Names who saved the
 * current version, not whoever reviewed it since.
 */
export function movedOn(meta: MetadataJson, seen: number, verb: string): BorelogError {
  const saved = savedEntry(meta, meta.current_version)
  const by = saved ? ` by ${saved.created_by} at ${saved.created_at}` : ''
  const message = `Cannot ${verb} ${meta.record_id} v${seen}: v${meta.current_version} was saved${by}. Review v${meta.current_version}.`
  const details = {
    recordId: meta.record_id,
    seenVersion: seen,
    currentVersion: meta.current_version,
    savedBy: saved?.created_by ?? null,
    savedAt: saved?.created_at ?? null,
  }
  return verb === 'save over'
    ? new VersionConflictError(message, details)
    : new StaleReviewError(message, details)
}

/**
 * A review of a version someone has reviewed already. Like a review of a version the
 * record moved past, this is the reviewer's view going stale, and it is the same refusal
 * (STALE_REVIEW, exit 3) whether the other review landed before this one read the record
 * or while it was committing: which of the two happens is only timing.
 */
export function alreadyReviewed(meta: MetadataJson, version: number, verb: string): BorelogError {
  const review = [...meta.history].reverse().find((e) => e.version === version && !isSaveEntry(e))
  const by = review ? ` by ${review.created_by} at ${review.created_at}` : ''
  return new StaleReviewError(
    `Cannot ${verb} ${meta.record_id} v${version}: it was already ${meta.status}${by}. Only a draft can be approved or rejected; save a new version first.`,
    {
      recordId: meta.record_id,
      version,
      status: meta.status,
      reviewedBy: review?.created_by ?? null,
      reviewedAt: review?.created_at ?? null,
    },
  )
}

/** The entry that saved `version` (create, update or merge), not a review of it. */
function savedEntry(meta: MetadataJson, version: number): HistoryEntry | undefined {
  return [...meta.history].reverse().find((e) => e.version === version && isSaveEntry(e))
}

function isSaveEntry(entry: HistoryEntry): boolean {
  // Entries written before `action` existed: a save leaves the version a draft.
  return entry.action ? SAVE_ACTIONS.has(entry.action) : entry.status === 'draft'
}

export function assertNonEmpty(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new BadInputError(`The ${what} must be a non-empty string.`, { field: what })
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
