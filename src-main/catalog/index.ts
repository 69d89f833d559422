// Catalog: fast listing and filtering of records without opening every
// metadata.json per call; a cache rebuilt or refreshed from changes/, never the
// source of truth. openBorelogStore is how every layer above opens a store.
// See docs/ARCHITECTURE.md, "Layers".
import {
  openObjectStore,
  type ObjectStore,
  type OpenObjectStoreOptions,
} from '../object-store/index'
import { VersionedStore, assertIsStore, type StoreOptions } from '../store/index'
import { Catalog } from './catalog'

export { Catalog, queryEntries, summarize } from './catalog'

export interface OpenedStore {
  store: VersionedStore
  catalog: Catalog
}

export interface OpenBorelogStoreOptions extends StoreOptions {
  s3?: OpenObjectStoreOptions
  /**
   * Refuse (NotFoundError, before anything is read or written) a location that is not a
   * store yet. Reads set it: the catalog writes its snapshot into the store it lists, so
   * listing a wrong folder would otherwise leave files there.
   */
  mustExist?: boolean
}

/**
 * Opens a store (a folder path, s3://bucket/prefix, or an ObjectStore) with its
 * catalog attached for listRecords.
 */
export async function openBorelogStore(
  location: string | ObjectStore,
  options: OpenBorelogStoreOptions = {},
): Promise<OpenedStore> {
  const objects =
    typeof location === 'string' ? openObjectStore(location, options.s3 ?? {}) : location
  if (options.mustExist) await assertIsStore(objects)
  const store = await VersionedStore.open(objects, options)
  const catalog = Catalog.attach(store)
  return { store, catalog }
}
