// What a sync run is asked and what it reports: the options, the progress events and the
// result the CLI and the app show. The result's shape is part of the CLI's JSON output, so
// it changes only with docs/CLI.md.
import type { SyncConflict } from './merge'
import type { DeclinedReview } from './plan'

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
