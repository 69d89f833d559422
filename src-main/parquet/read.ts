// Reading Parquet through parquet-wasm: whole files, pages of rows, and files opened once for
// reads by row group. One set of reader settings serves the store, the diff and the decode
// pool. Every read checks the PAR1 magic before wasm sees the bytes, and any wasm failure
// becomes a CorruptParquetError naming the file: a truncated or foreign file never escapes
// as a wasm panic.
import { tableFromIPC, type Table } from 'apache-arrow'
import type * as Wasm from 'parquet-wasm'

import { CorruptParquetError } from '../../shared/errors'
import { readFooter, readFooterKeyValues, statisticsOf, type ColumnStatistics } from './footer'
import { parquetWasm } from './wasm'

export type KeyValueMetadata = Map<string, string>

export interface ReadOptions {
  offset?: number
  limit?: number
  columns?: string[]
}

/**
 * Rows per decoded Arrow batch. parquet-wasm's default (1024) makes a 1M-row file ~1000
 * batches and costs ~85 ms more per file to hand over than one batch per row group.
 */
const BATCH_ROWS = 64 * 1024
/**
 * Row groups per wasm call. A whole file decoded in one call would hold the decoded columns
 * in wasm memory and their IPC copy at once, and wasm memory never shrinks; slices keep the
 * peak near one slice plus the JS table. Slices are row groups, not offset/limit, because
 * parquet-wasm decodes and drops every row before `offset` (quadratic over a file). Two
 * groups decode a 1M-row version as fast as four, with half the wasm heap (55 MB, not 107).
 */
const GROUPS_PER_CALL = 2
/** Rows per wasm call where the footer cannot be read by row group (the offset fallback). */
const FALLBACK_CHUNK_ROWS = 128 * 1024

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31] // "PAR1"

/** Cheap structural check before handing bytes to wasm: magic at both ends. */
function assertLooksLikeParquet(bytes: Uint8Array, where: string): void {
  const n = bytes.byteLength
  const hasHead = n >= 4 && PARQUET_MAGIC.every((b, i) => bytes[i] === b)
  if (n >= 12 && hasHead && PARQUET_MAGIC.every((b, i) => bytes[n - 4 + i] === b)) return
  throw new CorruptParquetError(
    `${where} is not a complete Parquet file (${n} bytes; missing PAR1 magic at ${
      hasHead ? `the end, offset ${Math.max(0, n - 4)}` : 'offset 0'
    }). It may be truncated or corrupt.`,
    { where, size: n },
  )
}

/** What a failed wasm read means: the named file is corrupt (wasm's message says where). */
function asCorrupt(where: string, e: unknown): CorruptParquetError {
  if (e instanceof CorruptParquetError) return e
  return new CorruptParquetError(
    `${where} cannot be read as Parquet: ${e instanceof Error ? e.message : String(e)}`,
    { where },
    { cause: e },
  )
}

function reading<T>(where: string, read: () => T): T {
  try {
    return read()
  } catch (e) {
    throw asCorrupt(where, e)
  }
}

function readWasm(bytes: Uint8Array, options: Wasm.ReaderOptions, columns?: string[]): Table {
  if (columns !== undefined) options.columns = columns
  return tableFromIPC(parquetWasm().readParquet(bytes, options).intoIPCStream())
}

/** The file's schema with no rows. */
function readNoRows(bytes: Uint8Array, columns?: string[]): Table {
  return readWasm(bytes, { limit: 0 }, columns)
}

/** Row groups first..end-1, GROUPS_PER_CALL to a wasm call. */
function readGroups(bytes: Uint8Array, first: number, end: number, columns?: string[]): Table {
  let table: Table | null = null
  for (let g = first; g < end; g += GROUPS_PER_CALL) {
    const rowGroups = Array.from({ length: Math.min(GROUPS_PER_CALL, end - g) }, (_, i) => g + i)
    const chunk = readWasm(bytes, { rowGroups, batchSize: BATCH_ROWS }, columns)
    table = table === null ? chunk : table.concat(chunk)
  }
  return table ?? readNoRows(bytes, columns)
}

/**
 * Rows [offset, offset + limit) from only the row groups that hold them: an offset read
 * decodes and drops every row before the offset, so a page near the end of a 1M-row
 * version would cost more than one at the start.
 */
function readPage(
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
  if (groups.length === 0) return readNoRows(bytes, columns)
  // Offset and limit apply within the chosen groups: only rows up to the page are decoded.
  const options: Wasm.ReaderOptions = {
    rowGroups: groups,
    offset: offset - firstGroupStart,
    limit,
    batchSize: Math.min(BATCH_ROWS, Math.max(1024, limit)),
  }
  return readWasm(bytes, options, columns)
}

/** From `offset` to the end, by offset slices: only for footers readFooter cannot follow. */
function readByOffset(bytes: Uint8Array, offset: number, columns?: string[]): Table {
  let table: Table | null = null
  for (let from = offset; ; from += FALLBACK_CHUNK_ROWS) {
    const chunk = readWasm(bytes, { offset: from, limit: FALLBACK_CHUNK_ROWS }, columns)
    table = table === null ? chunk : chunk.numRows > 0 ? table.concat(chunk) : table
    if (chunk.numRows < FALLBACK_CHUNK_ROWS) return table
  }
}

/** Decode a whole file (or a row range) to an Arrow Table. `where` names it in errors. */
export function decodeParquet(
  bytes: Uint8Array,
  where = 'Parquet data',
  options: ReadOptions = {},
): Table {
  assertLooksLikeParquet(bytes, where)
  const { offset, limit, columns } = options
  return reading(where, () => {
    const rowCounts = readFooter(bytes)?.rowCounts
    if (limit !== undefined) {
      return rowCounts
        ? readPage(bytes, rowCounts, offset ?? 0, limit, columns)
        : readWasm(bytes, { offset: offset ?? 0, limit }, columns)
    }
    if (rowCounts && offset === undefined) return readGroups(bytes, 0, rowCounts.length, columns)
    return readByOffset(bytes, offset ?? 0, columns)
  })
}

/** The file's key-value metadata (without the embedded ARROW:schema), read from the footer only. */
export function readKeyValueMetadata(bytes: Uint8Array, where = 'Parquet data'): KeyValueMetadata {
  assertLooksLikeParquet(bytes, where)
  const fromFooter = readFooterKeyValues(bytes)
  if (fromFooter) {
    fromFooter.delete('ARROW:schema')
    return fromFooter
  }
  return reading(where, () => {
    const out = new Map<string, string>()
    for (const [k, v] of parquetWasm().readSchema(bytes).metadata())
      if (k !== 'ARROW:schema') out.set(String(k), String(v))
    return out
  })
}

/** The Arrow schema stored in the file, from the footer only (no data pages read). */
export function readArrowSchema(bytes: Uint8Array, where = 'Parquet data'): Table['schema'] {
  return decodeParquet(bytes, where, { limit: 0 }).schema
}

export interface ParquetSource {
  bytes: Uint8Array
  /** Names the file in errors. */
  where: string
}

/** A Parquet file whose footer has been read once, for reads by row group. */
export interface ParquetReader {
  source: ParquetSource
  /** First row of each row group, and the total row count last. */
  groupStarts: number[]
  numRows: number
  /** The file's key-value metadata (without the embedded Arrow schema). */
  metadata(): KeyValueMetadata
  /**
   * Per row group statistics of the top-level column `name`; null when the footer cannot be
   * read for statistics (the caller then reads whole files).
   */
  statistics(name: string): ColumnStatistics | null
  /** Rows from..to-1 (whole row groups are decoded, then sliced). */
  read(from?: number, to?: number): Table
}

/** Row counts through wasm, for a footer readFooter does not follow. */
async function rowCountsFromWasm(bytes: Uint8Array, where: string): Promise<number[]> {
  try {
    const file = await parquetWasm().ParquetFile.fromFile(new Blob([bytes]))
    const counts = file
      .metadata()
      .rowGroups()
      .map((g) => g.numRows())
    file.free()
    return counts
  } catch (e) {
    throw asCorrupt(where, e)
  }
}

export async function openParquet(source: ParquetSource): Promise<ParquetReader> {
  const { bytes, where } = source
  // The magic first: a truncated or foreign file fails here with a clear message.
  assertLooksLikeParquet(bytes, where)
  const footer = readFooter(bytes)
  const rowCounts = footer?.rowCounts ?? (await rowCountsFromWasm(bytes, where))
  const groupStarts = [0]
  for (const n of rowCounts) groupStarts.push(groupStarts.at(-1)! + n)
  const numRows = groupStarts.at(-1)!
  const read = (from = 0, to = numRows): Table =>
    reading(where, () => {
      if (to <= from) return readNoRows(bytes)
      const first = Math.max(
        0,
        groupStarts.findLastIndex((s) => s <= from),
      )
      const last = Math.max(first, groupStarts.findIndex((s) => s >= to) - 1)
      const table = readGroups(bytes, first, Math.min(last + 1, rowCounts.length))
      const start = groupStarts[first]!
      return from === start && to - from === table.numRows
        ? table
        : table.slice(from - start, to - start)
    })
  let metadata: KeyValueMetadata | null = null
  return {
    source,
    groupStarts,
    numRows,
    metadata: () => (metadata ??= readKeyValueMetadata(bytes, where)),
    statistics: (name) => (footer ? statisticsOf(footer, name) : null),
    read,
  }
}

/** Decode a whole file through a reader; corrupt input is a CorruptParquetError naming it. */
export async function readParquetTable(source: ParquetSource): Promise<Table> {
  return (await openParquet(source)).read()
}
