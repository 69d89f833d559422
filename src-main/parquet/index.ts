// Parquet codec: apache-arrow Table <-> Parquet bytes through parquet-wasm
// (DESIGN.md 4). Version files carry their own description in the Parquet
// key-value metadata (keys under `borelog.`), so metadata.json can be rebuilt from
// the files (issue 3). Corrupt or truncated input is a CorruptParquetError naming
// the file, never a wasm panic escaping to the caller.
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow'
import * as wasm from 'parquet-wasm'

import { CorruptParquetError } from '../../shared/errors'
import { readRowGroups } from './footer'

export { readRowGroups, type ColumnStatistics } from './footer'

export type KeyValueMetadata = Map<string, string>

export interface EncodeOptions {
  /** Extra Parquet key-value metadata (strings only). */
  keyValueMetadata?: KeyValueMetadata
  compression?: 'zstd' | 'snappy' | 'uncompressed'
  /** Rows per row group; smaller groups make paged reads cheaper. */
  rowGroupSize?: number
}

const COMPRESSION = {
  zstd: wasm.Compression.ZSTD,
  snappy: wasm.Compression.SNAPPY,
  uncompressed: wasm.Compression.UNCOMPRESSED,
} as const

export const DEFAULT_ROW_GROUP_SIZE = 64 * 1024

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31] // "PAR1"

export function encodeParquet(table: Table, options: EncodeOptions = {}): Uint8Array {
  let builder = new wasm.WriterPropertiesBuilder()
    .setCompression(COMPRESSION[options.compression ?? 'zstd'])
    .setMaxRowGroupSize(options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE)
    .setCreatedBy('borelog-desk (parquet-wasm)')
  if (options.keyValueMetadata && options.keyValueMetadata.size > 0) {
    builder = builder.setKeyValueMetadata(new Map(options.keyValueMetadata))
  }
  const wasmTable = wasm.Table.fromIPCStream(tableToIPC(table, 'stream'))
  try {
    return wasm.writeParquet(wasmTable, builder.build())
  } finally {
    // writeParquet borrows the table; free the wasm copy now rather than at GC.
    try {
      wasmTable.free()
    } catch {
      /* already consumed */
    }
  }
}

/** Cheap structural check before handing bytes to wasm: magic at both ends. */
function assertLooksLikeParquet(bytes: Uint8Array, where: string): void {
  const n = bytes.byteLength
  const ok =
    n >= 12 &&
    PARQUET_MAGIC.every((b, i) => bytes[i] === b) &&
    PARQUET_MAGIC.every((b, i) => bytes[n - 4 + i] === b)
  if (!ok) {
    throw new CorruptParquetError(
      `${where} is not a complete Parquet file (${n} bytes; missing PAR1 magic at ${
        n >= 4 && PARQUET_MAGIC.every((b, i) => bytes[i] === b)
          ? `the end, offset ${Math.max(0, n - 4)}`
          : 'offset 0'
      }). It may be truncated or corrupt.`,
      { where, size: n },
    )
  }
}

function corrupt(where: string, e: unknown): CorruptParquetError {
  const msg = e instanceof Error ? e.message : String(e)
  return new CorruptParquetError(
    `${where} cannot be read as Parquet: ${msg}`,
    { where },
    { cause: e },
  )
}

export interface ReadOptions {
  offset?: number
  limit?: number
  columns?: string[]
}

/** Rows decoded per wasm call when reading a whole file: bounds the wasm heap (issue 3: RSS). */
const DECODE_CHUNK_ROWS = DEFAULT_ROW_GROUP_SIZE * 2
/** Row groups per wasm call, and rows per Arrow batch (parquet-wasm's default of 1024 costs time). */
const GROUPS_PER_CALL = 2
const BATCH_ROWS = 64 * 1024

/** Decode a whole file (or a row range) to an Arrow Table. `where` names it in errors. */
export function decodeParquet(
  bytes: Uint8Array,
  where = 'Parquet data',
  options: ReadOptions = {},
): Table {
  assertLooksLikeParquet(bytes, where)
  try {
    if (options.limit !== undefined) {
      const rowCounts = readRowGroups(bytes, null)?.rowCounts
      return rowCounts
        ? readRowsByGroups(bytes, rowCounts, options.offset ?? 0, options.limit, options.columns)
        : readRange(bytes, options.offset ?? 0, options.limit, options.columns)
    }
    // A whole 1M-row file decoded in one call would hold the decoded columns in wasm
    // memory and their IPC copy at once, and wasm memory never shrinks; chunks keep
    // the peak near one chunk plus the JS table. Chunks are whole row groups: an offset
    // read decodes and drops every row before the offset, which would be quadratic.
    const rowCounts =
      options.offset === undefined ? readRowGroups(bytes, null)?.rowCounts : undefined
    if (rowCounts) return readByRowGroups(bytes, rowCounts.length, options.columns)
    let table: Table | null = null
    for (let offset = options.offset ?? 0; ; offset += DECODE_CHUNK_ROWS) {
      const chunk = readRange(bytes, offset, DECODE_CHUNK_ROWS, options.columns)
      table = table === null ? chunk : chunk.numRows > 0 ? table.concat(chunk) : table
      if (chunk.numRows < DECODE_CHUNK_ROWS) return table
    }
  } catch (e) {
    throw corrupt(where, e)
  }
}

function readByRowGroups(bytes: Uint8Array, groupCount: number, columns?: string[]): Table {
  let table: Table | null = null
  for (let g = 0; g < groupCount; g += GROUPS_PER_CALL) {
    const rowGroups = Array.from(
      { length: Math.min(GROUPS_PER_CALL, groupCount - g) },
      (_, i) => g + i,
    )
    const readerOptions: wasm.ReaderOptions = { rowGroups, batchSize: BATCH_ROWS }
    if (columns !== undefined) readerOptions.columns = columns
    const chunk = tableFromIPC(wasm.readParquet(bytes, readerOptions).intoIPCStream())
    table = table === null ? chunk : table.concat(chunk)
  }
  return table ?? readRange(bytes, 0, 0, columns)
}

/**
 * Rows [offset, offset + limit) from only the row groups that hold them: an offset read
 * decodes and drops every row before the offset, so a page near the end of a 1M-row
 * version would cost more than one at the start.
 */
function readRowsByGroups(
  bytes: Uint8Array,
  rowCounts: number[],
  offset: number,
  limit: number,
  columns?: string[],
): Table {
  const groups: number[] = []
  let start = 0
  let firstGroupStart = 0
  for (let g = 0; g < rowCounts.length; g++) {
    const end = start + rowCounts[g]!
    if (end > offset && start < offset + limit) {
      if (groups.length === 0) firstGroupStart = start
      groups.push(g)
    }
    start = end
  }
  if (groups.length === 0) return readRange(bytes, 0, 0, columns)
  // Offset and limit apply within the chosen groups: only rows up to the page are decoded.
  const readerOptions: wasm.ReaderOptions = {
    rowGroups: groups,
    offset: offset - firstGroupStart,
    limit,
    batchSize: Math.min(BATCH_ROWS, Math.max(1024, limit)),
  }
  if (columns !== undefined) readerOptions.columns = columns
  return tableFromIPC(wasm.readParquet(bytes, readerOptions).intoIPCStream())
}

function readRange(bytes: Uint8Array, offset: number, limit: number, columns?: string[]): Table {
  const readerOptions: wasm.ReaderOptions = { offset, limit }
  if (columns !== undefined) readerOptions.columns = columns
  return tableFromIPC(wasm.readParquet(bytes, readerOptions).intoIPCStream())
}

/** The file's key-value metadata (without the embedded ARROW:schema), read from the footer only. */
export function readKeyValueMetadata(bytes: Uint8Array, where = 'Parquet data'): KeyValueMetadata {
  assertLooksLikeParquet(bytes, where)
  try {
    const schema = wasm.readSchema(bytes)
    const out = new Map<string, string>()
    for (const [k, v] of schema.metadata()) if (k !== 'ARROW:schema') out.set(String(k), String(v))
    return out
  } catch (e) {
    throw corrupt(where, e)
  }
}

/** The Arrow schema stored in the file, from the footer only (no data pages read). */
export function readArrowSchema(bytes: Uint8Array, where = 'Parquet data'): Table['schema'] {
  return decodeParquet(bytes, where, { limit: 0 }).schema
}
