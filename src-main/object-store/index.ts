// Object store: the few operations the layers above need, with the
// conditional writes that make many writers safe:
// - putIfAbsent: create-if-absent; a version file is never overwritten.
// - putIfMatch: compare-and-swap on the current etag; metadata.json is never lost.
// Keys are '/'-separated, relative to the store root, never starting with '/'.
// Backends: local folder (local-folder.ts) and S3 (s3.ts).
// See docs/ARCHITECTURE.md, "Invariants".

export interface ObjectInfo {
  key: string
  size: number
  /** Opaque version tag for putIfMatch. Local: sha256 of content; S3: the ETag. */
  etag: string
  lastModifiedMs: number
}

export interface GetResult {
  bytes: Uint8Array
  etag: string
}

export interface ListOptions {
  /** Only keys strictly after this one (lexicographic), as S3's StartAfter. */
  startAfter?: string
  /** Stop after this many keys. */
  limit?: number
}

export interface ObjectStore {
  /** Where this store lives, for messages: a folder path or s3://bucket/prefix. */
  readonly location: string
  get(key: string): Promise<GetResult | null>
  head(key: string): Promise<ObjectInfo | null>
  /** Writes only if `key` does not exist; else AlreadyExistsError. Atomic: a reader sees all or nothing. */
  putIfAbsent(key: string, bytes: Uint8Array): Promise<{ etag: string }>
  /** Replaces `key` only if its etag is `etag`; else VersionConflictError (also when absent). */
  putIfMatch(key: string, bytes: Uint8Array, etag: string): Promise<{ etag: string }>
  /** Every key under `prefix` (recursive), in lexicographic order. */
  list(prefix: string, options?: ListOptions): AsyncIterable<ObjectInfo>
  /** The immediate child "folders" of `prefix` (S3 CommonPrefixes), without the trailing '/'. */
  listChildren(prefix: string): Promise<string[]>
  /**
   * Removes a key. Used only for objects that are not committed data (temp files,
   * catalog snapshots, interrupted writes found by repair): committed versions are never deleted.
   */
  delete(key: string): Promise<void>
}

export { LocalFolderStore, sha256Hex } from './local-folder'
export { S3Store } from './s3'
export type { ConditionalWriteSupport, RetryPolicy, S3StoreOptions } from './s3'
export { openObjectStore, parseS3Url } from './open'
export type { OpenObjectStoreOptions } from './open'
