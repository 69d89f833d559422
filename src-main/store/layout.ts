// Where things live in a store. Other tools read the records/ layout, so it never
// changes; changes/ and catalog/ are ours and can be rebuilt.
// See docs/ARCHITECTURE.md, "On-disk format".
import { NotFoundError } from '../../shared/errors'
import type { ObjectStore } from '../object-store/index'

export const RECORDS_PREFIX = 'records/'
/** One small object per committed operation, keyed by time: incremental work lists from a cursor. */
export const CHANGES_PREFIX = 'changes/'
/** The latest change event: writers claim the next place in the store's event chain on it. */
export const CHANGES_HEAD_KEY = 'changes.head.json'
export const CATALOG_SNAPSHOT_KEY = 'catalog/snapshot.json'
/** One claim per record id key (store/record-id.ts): what makes R1 and r1 one record. */
export const RECORD_IDS_PREFIX = 'record-ids/'

export function recordPrefix(recordId: string): string {
  return `${RECORDS_PREFIX}${recordId}/`
}

export function metadataKey(recordId: string): string {
  return `${RECORDS_PREFIX}${recordId}/metadata.json`
}

export function versionKey(recordId: string, version: number): string {
  return `${RECORDS_PREFIX}${recordId}/versions/v${version}.parquet`
}

const VERSION_FILE = /^v([1-9]\d*)\.parquet$/

/** The version number of a `versions/` file name, or null for anything else. */
export function versionOfFileName(name: string): number | null {
  const m = VERSION_FILE.exec(name)
  return m ? Number(m[1]) : null
}

/**
 * Top-level folders only a store has. catalog/ is not one: it is a cache any reader may
 * write, so it proves nothing about the folder it is in.
 */
export const STORE_MARKERS: readonly string[] = ['records', 'changes']

/**
 * Whether `objects` holds a store: a read of anything else must not write there. The
 * change-log head counts too, so a store whose folders were removed is still verified
 * (and found damaged) rather than waved off as "not a store".
 */
export async function isStore(objects: ObjectStore): Promise<boolean> {
  const children = await objects.listChildren('')
  if (children.some((name) => STORE_MARKERS.includes(name))) return true
  return (await objects.head(CHANGES_HEAD_KEY)) !== null
}

/** NotFoundError (exit 4) when `objects` is not a store; nothing is written either way. */
export async function assertIsStore(objects: ObjectStore): Promise<void> {
  if (await isStore(objects)) return
  throw new NotFoundError(
    `${objects.location} is not a Borelog Desk store (it has no records/ or changes/ folder). Check the store location; nothing was written there.`,
    { location: objects.location },
  )
}
