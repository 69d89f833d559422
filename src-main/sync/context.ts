// What every step of a record's sync shares: the run's context, a side (a store's
// metadata.json and the etag a commit must match), one record's run, and the helpers that
// read a side, read its version files once, and commit to it. A commit records the change
// events it wrote, so the run can tell its own writes from others' changes.
import { NotFoundError } from '../../shared/errors'
import type { HistoryEntry, MetadataJson } from '../../shared/metadata'
import { appendHistory, type VersionedStore } from '../store/index'
import type { Pairing } from './pairing'
import { readCheckedVersion, sealPlan, type CommitPlan, type CopySource } from './plan'
import type { SyncState } from './state'
import type { SyncResult } from './types'

export interface Side {
  metadata: MetadataJson
  etag: string
}

export interface Context {
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

export interface RecordOutcome {
  pullDone: boolean
  pushDone: boolean
}

export async function readSide(store: VersionedStore, recordId: string): Promise<Side | null> {
  try {
    return await store.readMetadata(recordId)
  } catch (e) {
    if (e instanceof NotFoundError) return null
    throw e
  }
}

export function defaultUser(): string {
  return process.env.USER || process.env.USERNAME || 'sync'
}

/** A source of version files that reads each once (a merge and its copy plan share them). */
export function cachedSource(
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

export async function commit(
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

export function unpaired(
  history: readonly HistoryEntry[],
  partner: readonly number[],
): HistoryEntry[] {
  return history.filter((_, i) => partner[i] === -1)
}

export type Sides = [local: Side | null, remote: Side | null]

/** One pass over what both sides hold: the record's outcome, or a commit and the sides after it. */
export type Step = { outcome: RecordOutcome } | { sides: Sides }

/** One record's sync within a run. */
export interface RecordRun {
  ctx: Context
  recordId: string
  pulling: boolean
  pushing: boolean
  /** Declined reviews already reported for this record (a pass may meet them again). */
  reported: Set<string>
}

/** What the two histories lack of each other. */
export interface Pending {
  pairing: Pairing
  local: HistoryEntry[]
  remote: HistoryEntry[]
}
