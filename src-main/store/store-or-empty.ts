// The one rule for where a store may be opened or written: an existing store, or an
// empty folder or S3 prefix. Anything else (a home folder, a bucket of other files) is
// refused before a single object is written, so a mistyped store or remote never
// scatters records/ and changes/ among someone else's files.
// See docs/SECURITY.md, "Threats" (writes outside a store).
import { BadInputError } from '../../shared/errors'
import type { ObjectStore } from '../object-store/index'
import { STORE_MARKERS } from './layout'

export type StoreLocationKind = 'store' | 'empty' | 'other'

/**
 * What is at the location now. Reads at most the top-level names, never the tree: a
 * mistaken remote may be a folder of millions of files. A folder that does not exist
 * (or a prefix with no objects) is empty.
 */
export async function storeLocationKind(objects: ObjectStore): Promise<StoreLocationKind> {
  const folders = await objects.listChildren('')
  if (folders.some((name) => STORE_MARKERS.includes(name))) return 'store'
  if (folders.length > 0) return 'other'
  for await (const file of objects.list('', { limit: 1 })) {
    void file
    return 'other'
  }
  return 'empty'
}

/** Refuses (BAD_INPUT, CLI exit 2) a location holding anything but a store. */
export async function requireStoreOrEmpty(
  objects: ObjectStore,
  role: 'store' | 'remote',
): Promise<StoreLocationKind> {
  const kind = await storeLocationKind(objects)
  if (kind === 'other')
    throw new BadInputError(
      `${objects.location} holds other files and is not a Borelog store; a ${role} must be an existing store or an empty ${objects.location.startsWith('s3://') ? 'prefix' : 'folder'}. Nothing was written.`,
      { location: objects.location },
    )
  return kind
}
