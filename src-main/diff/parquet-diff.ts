// Diffs straight from two Parquet files (issue 4: "the app shows the first changes of a
// 1M-row diff without building the whole diff"). The full diff decodes both files and adds
// their key-value metadata changes. The first page needs much less: rows pair by key
// columns alone, so only the key columns are decoded whole; then aligned rows are compared
// window by window, decoding just the row ranges a window covers, until the page is full.
// Rows in a page carry the same diff row numbers as the full diff.
import { tableFromIPC, type Table } from 'apache-arrow'
import * as wasm from 'parquet-wasm'

import { CorruptParquetError } from '../../shared/errors'
import { readKeyValueMetadata } from '../parquet/index'
import type { Alignment } from './keys'
import { alignTables, diffAligned, type DiffResult } from './table-diff'
import type { DiffOptions, DiffRow } from './types'

/**
 * Rows per decoded batch. parquet-wasm's default (1024) makes a 1M-row file ~1000 batches
 * and costs ~85 ms more per file to hand over than one batch per row group.
 */
const BATCH_ROWS = 64 * 1024
/**
 * Row groups per wasm call. Whole-file reads go slice by slice because wasm memory never
 * shrinks; slices are row groups, not offset/limit, because parquet-wasm decodes and drops
 * every row before `offset` (reading a 1M-row file in 128k-row offset slices costs ~4x).
 */
const GROUPS_PER_SLICE = 4

export interface ParquetSource {
  bytes: Uint8Array
  /** Names the file in errors. */
  where: string
}

/** A Parquet file opened for reading by row group. */
export interface ParquetReader {
  source: ParquetSource
  /** First row of each row group, and the total row count last. */
  groupStarts: number[]
  numRows: number
  /** The file's key-value metadata (without the embedded Arrow schema). */
  metadata: Map<string, string>
  /** Rows from..to-1 (whole row groups are decoded, then sliced). */
  read(from?: number, to?: number): Table
}

function corrupt(where: string, e: unknown): CorruptParquetError {
  if (e instanceof CorruptParquetError) return e
  return new CorruptParquetError(`${where} cannot be read as Parquet: ${e instanceof Error ? e.message : String(e)}`, { where }, { cause: e })
}

export async function openParquet(source: ParquetSource): Promise<ParquetReader> {
  const { bytes, where } = source
  // The footer first: a truncated or foreign file fails here with a clear message.
  const metadata = readKeyValueMetadata(bytes, where)
  let rowCounts: number[]
  try {
    const file = await wasm.ParquetFile.fromFile(new Blob([bytes]))
    rowCounts = file
      .metadata()
      .rowGroups()
      .map((g) => g.numRows())
    file.free()
  } catch (e) {
    throw corrupt(where, e)
  }
  const groupStarts = [0]
  for (const n of rowCounts) groupStarts.push(groupStarts.at(-1)! + n)
  const numRows = groupStarts.at(-1)!
  const read = (from = 0, to = numRows): Table => {
    const first = Math.max(0, groupStarts.findLastIndex((s) => s <= from))
    const last = Math.max(first, groupStarts.findIndex((s) => s >= to) - 1)
    try {
      let table: Table | null = null
      for (let g = first; g <= last && g < rowCounts.length; g += GROUPS_PER_SLICE) {
        const rowGroups = Array.from({ length: Math.min(GROUPS_PER_SLICE, last + 1 - g, rowCounts.length - g) }, (_, i) => g + i)
        const slice = tableFromIPC(wasm.readParquet(bytes, { batchSize: BATCH_ROWS, rowGroups }).intoIPCStream())
        table = table === null ? slice : table.concat(slice)
      }
      table ??= tableFromIPC(wasm.readParquet(bytes, { limit: 0 }).intoIPCStream())
      const start = groupStarts[first]!
      return from === start && to - from === table.numRows ? table : table.slice(from - start, to - start)
    } catch (e) {
      throw corrupt(where, e)
    }
  }
  return { source, groupStarts, numRows, metadata, read }
}

/** Decode a whole file; corrupt input is a CorruptParquetError naming it. */
export async function readParquetTable(source: ParquetSource): Promise<Table> {
  return (await openParquet(source)).read()
}

/** The diff of two Parquet files, with their key-value metadata changes. */
export async function diffParquet(a: ParquetSource, b: ParquetSource, options: DiffOptions = {}): Promise<DiffResult> {
  const [ra, rb] = await Promise.all([openParquet(a), openParquet(b)])
  const ta = ra.read()
  const tb = rb.read()
  const metadata = options.metadata ?? { a: ra.metadata, b: rb.metadata }
  return diffAligned(ta, tb, alignTables(ta, tb, options.keyColumns ?? []), { ...options, metadata })
}

export interface FirstChanges {
  /** The first `limit` changes, numbered as in the full diff. */
  rows: DiffRow[]
  /** Exact counts, known from the pairing alone. */
  added: number
  removed: number
  rowCount: number
  /** Every row of the diff was compared: `rows` holds all the changes there are. */
  complete: boolean
}

const FIRST_WINDOW = 8 * 1024

/**
 * The first `limit` changes between two Parquet files: rows are paired on the whole files,
 * but cells are compared only window by window from the start until the page is full.
 */
export async function firstChangesFromParquet(
  a: ParquetSource,
  b: ParquetSource,
  options: DiffOptions & { limit?: number } = {},
): Promise<FirstChanges> {
  const limit = options.limit ?? 100
  const keyColumns = options.keyColumns ?? []
  const ta = await readParquetTable(a)
  const tb = await readParquetTable(b)
  const alignment = alignTables(ta, tb, keyColumns)
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
    rows.push(...windowChanges(ta, tb, alignment, from, to, keyColumns, limit - rows.length))
    from = to
    window *= 2
  }
  return { rows, added, removed, rowCount: alignedA.length, complete: from >= alignedA.length }
}

/** Changes among aligned rows from..to-1, diffing only the row ranges of a and b they cover. */
function windowChanges(
  a: Table,
  b: Table,
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
  const d = diffAligned(a.slice(loA, hiA), b.slice(loB, hiB), windowAlignment, { keyColumns })
  return d.page(0, limit).map((r) => ({
    ...r,
    row: r.row + from,
    rowA: r.rowA === null ? null : r.rowA + loA,
    rowB: r.rowB === null ? null : r.rowB + loB,
  }))
}
