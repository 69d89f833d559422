// The team's remote store as sync sees it, opened the same way by the app (the remote in
// Settings) and by the CLI (--remote with the S3 flags).
import { openBorelogStore } from '../catalog/index'
import { openObjectStore, type OpenObjectStoreOptions } from '../object-store/index'
import type { SchemaRegistry } from '../schema/index'
import type { VersionedStore } from '../store/index'

/**
 * The remote's canonical location: it names the sync state kept for that remote, so
 * `s3://bucket/prefix` and `s3://bucket/prefix/` find the same conflicts.
 */
export function remoteLocation(url: string, s3: OpenObjectStoreOptions): string {
  return openObjectStore(url, s3).location
}

/**
 * The remote store. `registry`: schemas to use instead of reading the remote's own, so
 * that a status never needs the network just to open the remote.
 */
export async function openRemote(
  url: string,
  s3: OpenObjectStoreOptions,
  registry?: SchemaRegistry,
): Promise<VersionedStore> {
  return (await openBorelogStore(url, { s3, ...(registry ? { registry } : {}) })).store
}
