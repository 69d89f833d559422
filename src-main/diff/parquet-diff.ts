// Diffs straight from two Parquet files (issue 4: "the app shows the first changes of a
// 1M-row diff without building the whole diff"). The full diff decodes both files and adds
// their key-value metadata changes. The first page needs much less: rows pair by key
// columns alone, so only the key columns are decoded whole; then aligned rows are compared
// window by window, decoding just the row ranges a window covers, until the page is full.
// Rows in a page carry the same diff row numbers as the full diff.
import { tableFromIPC, type Table } from 'apache-arrow'
import * as wasm from 'parquet-wasm'

import { CorruptParquetError } from '../../shared/errors'
import { readArrowSchema, readKeyValueMetadata } from '../parquet/index'
import { alignByPosition, type Alignment } from './keys'
import { alignTables, diffAligned, type DiffResult } from './table-diff'
import type { DiffOptions, DiffRow } from './types'

/**
 * Rows per decoded batch. parquet-wasm's default (1024) makes a 1M-row file ~1000 batches
 * and costs ~40% more to hand over; one batch per row group is the cheap size.
 */
const BATCH_ROWS = 64 * 1024

export interface ParquetSource {
  bytes: Uint8Array
  /** Names the file in errors. */
  where: string
}

interface ReadRange {
  columns?: string[]
  offset?: number
  limit?: number
}

/** Decode a file (or some columns, or a row range); corrupt input is CorruptParquetError. */
export function readParquetTable({ bytes, where }: ParquetSource, range: ReadRange = {}): Table {
  // Reads the footer first: a truncated or foreign file fails here with a clear message.
  readKeyValueMetadata(bytes, where)
  try {
    const options: wasm.ReaderOptions = { batchSize: BATCH_ROWS }
    if (range.columns) options.columns = range.columns
    if (range.offset !== undefined) options.offset = range.offset
    if (range.limit !== undefined) options.limit = range.limit
    return tableFromIPC(wasm.readParquet(bytes, options).intoIPCStream())
  } catch (e) {
    throw new CorruptParquetError(`${where} cannot be read as Parquet: ${e instanceof Error ? e.message : String(e)}`, { where }, { cause: e })
  }
}

/** The diff of two Parquet files, with their key-value metadata changes. */
export function diffParquet(a: ParquetSource, b: ParquetSource, options: DiffOptions = {}): DiffResult {
  const metadata = options.metadata ?? { a: readKeyValueMetadata(a.bytes, a.where), b: readKeyValueMetadata(b.bytes, b.where) }
  const ta = readParquetTable(a)
  const tb = readParquetTable(b)
  return diffAligned(ta, tb, alignTables(ta, tb, options.keyColumns ?? []), { ...options, metadata })
}

export interface FirstChanges {
  /** The first `limit` changes, numbered as in the full diff. */
  rows: DiffRow[]
  /** Exact counts, known from the keys alone. */
  added: number
  removed: number
  rowCount: number
  /** Every row of the diff was compared: `rows` holds all the changes there are. */
  complete: boolean
}

const FIRST_WINDOW = 8 * 1024

/** The first `limit` changes between two Parquet files, decoding as little as it can. */
export function firstChangesFromParquet(a: ParquetSource, b: ParquetSource, options: DiffOptions & { limit?: number } = {}): FirstChanges {
  const limit = options.limit ?? 100
  const keyColumns = [...(options.keyColumns ?? [])]
  const keysA = readParquetTable(a, { columns: keyColumns.length > 0 ? keyColumns : firstColumn(a) })
  const keysB = readParquetTable(b, { columns: keyColumns.length > 0 ? keyColumns : firstColumn(b) })
  const alignment = keyColumns.length > 0 ? alignTables(keysA, keysB, keyColumns) : alignByPosition(keysA.numRows, keysB.numRows)
  const { alignedA, alignedB } = alignment
  let added = 0
  let removed = 0
  for (let k = 0; k < alignedA.length; k++) {
    if (alignedA[k]! < 0) added++
    else if (alignedB[k]! < 0) removed++
  }
  const rows: DiffRow[] = []
  let from = 0
  let window = FIRST_WINDOW
  while (rows.length < limit && from < alignedA.length) {
    const to = Math.min(alignedA.length, from + window)
    rows.push(...windowChanges(a, b, alignment, from, to, keyColumns, limit - rows.length))
    from = to
    window *= 2
  }
  return { rows, added, removed, rowCount: alignedA.length, complete: from >= alignedA.length }
}

/** Position matching still needs the row counts: read the cheapest thing that has them. */
function firstColumn(source: ParquetSource): string[] {
  return readArrowSchema(source.bytes, source.where).fields.slice(0, 1).map((f) => f.name)
}

/** Changes among aligned rows from..to-1, from the row ranges of both files they cover. */
function windowChanges(
  a: ParquetSource,
  b: ParquetSource,
  alignment: Alignment,
  from: number,
  to: number,
  keyColumns: readonly string[],
  limit: number,
): DiffRow[] {
  const span = (aligned: Int32Array): [number, number] => {
    let lo = Infinity
    let hi = -1
    for (let k = from; k < to; k++) {
      const r = aligned[k]!
      if (r >= 0) {
        lo = Math.min(lo, r)
        hi = Math.max(hi, r)
      }
    }
    return hi < 0 ? [0, 0] : [lo, hi + 1]
  }
  const [loA, hiA] = span(alignment.alignedA)
  const [loB, hiB] = span(alignment.alignedB)
  const ta = readParquetTable(a, { offset: loA, limit: hiA - loA })
  const tb = readParquetTable(b, { offset: loB, limit: hiB - loB })
  const local = (aligned: Int32Array, lo: number): Int32Array => {
    const out = new Int32Array(to - from)
    for (let k = from; k < to; k++) out[k - from] = aligned[k]! < 0 ? -1 : aligned[k]! - lo
    return out
  }
  const windowAlignment: Alignment = {
    alignedA: local(alignment.alignedA, loA),
    alignedB: local(alignment.alignedB, loB),
    duplicates: [],
    duplicateRowsA: new Set([...alignment.duplicateRowsA].filter((r) => r >= loA && r < hiA).map((r) => r - loA)),
    duplicateRowsB: new Set([...alignment.duplicateRowsB].filter((r) => r >= loB && r < hiB).map((r) => r - loB)),
  }
  const d = diffAligned(ta, tb, windowAlignment, { keyColumns })
  return d.page(0, limit).map((r) => ({
    ...r,
    row: r.row + from,
    rowA: r.rowA === null ? null : r.rowA + loA,
    rowB: r.rowB === null ? null : r.rowB + loB,
  }))
}
