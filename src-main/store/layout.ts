// Where things live in a store. Other tools read the records/ layout, so it never
// changes; changes/ and catalog/ are ours and can be rebuilt.
// See docs/ARCHITECTURE.md, "On-disk format".
export const RECORDS_PREFIX = 'records/'
/** One small object per committed operation, keyed by time: incremental work lists from a cursor. */
export const CHANGES_PREFIX = 'changes/'
/** The latest change event: writers claim the next place in the store's event chain on it. */
export const CHANGES_HEAD_KEY = 'changes.head.json'
export const CATALOG_SNAPSHOT_KEY = 'catalog/snapshot.json'

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
