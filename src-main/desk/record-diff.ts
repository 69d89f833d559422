// How two versions of a record are compared, for the CLI's diff and the app's diff view
// alike: by the record's key, with both versions' headers, and for a borelog with the
// depth-aware reading (layers split, merged or moved).
import { NotFoundError } from '../../shared/errors'
import { diffParquet, type DiffOptions, type DiffResult, type StringMap } from '../diff/index'
import { readKeyValueMetadata } from '../parquet/index'
import { BORELOG_DEFINITION, BORELOG_DEPTH } from '../schema/index'
import type { VersionedStore } from '../store/index'

/** The store's own keys in a version file (store/version-file.ts KV_PREFIX). */
const STORE_KEYS = 'borelog.'

/** The options two versions of a record of `tableName` are diffed with. */
export function recordDiffOptions(
  tableName: string,
  keyColumns: readonly string[],
  headers: { a: StringMap; b: StringMap },
): DiffOptions {
  return {
    keyColumns,
    headers,
    ...(tableName === BORELOG_DEFINITION.tableName ? { depthAware: BORELOG_DEPTH } : {}),
  }
}

/** File metadata other tools wrote; the store's own keys are history and header, shown elsewhere. */
function foreignMetadata(bytes: Uint8Array, where: string): Map<string, string> {
  return new Map([...readKeyValueMetadata(bytes, where)].filter(([k]) => !k.startsWith(STORE_KEYS)))
}

/**
 * Version `a` and `b` of a record compared straight from their files, the file metadata
 * other tools wrote included (the CLI's diff). NOT_FOUND names the versions there are.
 */
export async function diffStoredVersions(
  store: VersionedStore,
  recordId: string,
  a: number,
  b: number,
): Promise<DiffResult> {
  // One read of metadata.json answers both which versions exist and the table's definition.
  const metadata = await store.getMetadata(recordId)
  for (const v of [a, b]) {
    if (v > metadata.current_version)
      throw new NotFoundError(
        `${recordId} has no version ${v} (it has v1-v${metadata.current_version}).`,
        { recordId, version: v },
      )
  }
  const { def } = await store.definitionFor(metadata.table_name, metadata.key_columns, recordId)
  const [bytesA, bytesB, infoA, infoB] = await Promise.all([
    store.getVersionFile(recordId, a),
    store.getVersionFile(recordId, b),
    store.readVersionInfo(recordId, a),
    store.readVersionInfo(recordId, b),
  ])
  const whereA = `${recordId} v${a}`
  const whereB = `${recordId} v${b}`
  return diffParquet(
    { bytes: bytesA, where: whereA },
    { bytes: bytesB, where: whereB },
    {
      ...recordDiffOptions(def.tableName, def.keyColumns, { a: infoA.header, b: infoB.header }),
      metadata: { a: foreignMetadata(bytesA, whereA), b: foreignMetadata(bytesB, whereB) },
    },
  )
}
