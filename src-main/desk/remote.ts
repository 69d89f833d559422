// The team's remote store as sync sees it, opened the same way by the app (the remote in
// Settings) and by the CLI (--remote with the S3 flags). A remote must be an existing
// store or an empty folder/prefix (store/store-or-empty.ts), checked before sync writes.
import { openBorelogStore } from '../catalog/index'
import {
  openObjectStore,
  S3Store,
  type ObjectStore,
  type OpenObjectStoreOptions,
} from '../object-store/index'
import type { SchemaRegistry } from '../schema/index'
import { requireStoreOrEmpty, type VersionedStore } from '../store/index'

/** Gives back what an object store holds open (an S3 client's sockets); a folder holds nothing. */
function closeObjects(objects: ObjectStore): void {
  if (objects instanceof S3Store) objects.close()
}

/**
 * The remote's canonical location: it names the sync state kept for that remote, so
 * `s3://bucket/prefix` and `s3://bucket/prefix/` find the same conflicts.
 */
export function remoteLocation(url: string, s3: OpenObjectStoreOptions): string {
  const objects = openObjectStore(url, s3)
  closeObjects(objects)
  return objects.location
}

/**
 * The versioned store over remote objects. `registry`: schemas to use instead of reading
 * the remote's own, so that a status never needs the network just to open the remote.
 */
export async function remoteStore(
  objects: ObjectStore,
  registry?: SchemaRegistry,
): Promise<VersionedStore> {
  return (await openBorelogStore(objects, registry ? { registry } : {})).store
}

/** The remote store, refused (BAD_INPUT) unless it is a store or an empty folder/prefix. */
export async function openRemote(
  url: string,
  s3: OpenObjectStoreOptions,
  registry?: SchemaRegistry,
): Promise<VersionedStore> {
  const objects = openObjectStore(url, s3)
  try {
    await requireStoreOrEmpty(objects, 'remote')
  } catch (e) {
    closeObjects(objects)
    throw e
  }
  return remoteStore(objects, registry)
}

export type OpenObjects = (url: string, s3: OpenObjectStoreOptions) => ObjectStore

/**
 * One open remote per remote setting: the status bar polls, and each poll opening its
 * own S3 client would leak clients and their sockets. Opened when the setting is first
 * used or changed (the previous remote's client is closed then), and checked to be a
 * store or empty the first time, and again whenever `recheck` asks (before sync writes).
 */
export class OpenRemote {
  private current: { key: string; objects: ObjectStore; isChecked: boolean } | null = null

  constructor(private readonly open: OpenObjects = openObjectStore) {}

  /** The remote's objects, opened once per setting, unchecked: a location works offline. */
  opened(url: string, s3: OpenObjectStoreOptions): ObjectStore {
    const key = JSON.stringify([url, s3])
    if (this.current?.key !== key) {
      const objects = this.open(url, s3)
      this.close()
      this.current = { key, objects, isChecked: false }
    }
    return this.current.objects
  }

  /** The remote's objects once they were found a store or empty (now, with `recheck`). */
  async checked(
    url: string,
    s3: OpenObjectStoreOptions,
    options: { recheck?: boolean } = {},
  ): Promise<ObjectStore> {
    const objects = this.opened(url, s3)
    const current = this.current
    if (current && (!current.isChecked || options.recheck)) {
      current.isChecked = false
      await requireStoreOrEmpty(objects, 'remote')
      current.isChecked = true
    }
    return objects
  }

  close(): void {
    if (this.current) closeObjects(this.current.objects)
    this.current = null
  }
}
