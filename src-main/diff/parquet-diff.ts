// Diffs straight from two Parquet files, so the app shows the first changes of a 1M-row
// diff without building the whole diff. The full diff reads both files by row groups and
// adds their key-value metadata changes. The first page reads only the first row groups of
// both files, as many as it takes to fill the page with changes that are certain: see
// firstChangesFromParquet. Reading is the parquet layer's (openParquet).
import { DataType, Precision, type Table } from 'apache-arrow'

import {
  openParquet,
  type ColumnStatistics,
  type ParquetReader,
  type ParquetSource,
} from '../parquet/index'
import { chunkOf, columnOf, isValid, type Column } from './columns'
import { alignByPosition, type Alignment } from './keys'
import { alignTables, diffAligned, type DiffResult } from './table-diff'
import type { DiffOptions, DiffRow } from './types'

/** The diff of two Parquet files, with their key-value metadata changes. */
export async function diffParquet(
  a: ParquetSource,
  b: ParquetSource,
  options: DiffOptions = {},
): Promise<DiffResult> {
  const [ra, rb] = await Promise.all([openParquet(a), openParquet(b)])
  const ta = ra.read()
  const tb = rb.read()
  const metadata = options.metadata ?? { a: ra.metadata(), b: rb.metadata() }
  return diffAligned(ta, tb, alignTables(ta, tb, options.keyColumns ?? []), {
    ...options,
    metadata,
  })
}

export interface FirstChanges {
  /** The first `limit` changes (fewer when the diff has fewer). */
  rows: DiffRow[]
  /** Every row of the diff was compared: `rows` holds all the changes there are. */
  complete: boolean
  /** Exact counts when complete (or when the whole files had to be read), else null. */
  added: number | null
  removed: number | null
  rowCount: number | null
}

const FIRST_WINDOW = 16 * 1024

/**
 * The first `limit` changes between two Parquet files, reading as little as it can.
 *
 * By key, row groups are read from the start of both files, a few at a time. A key whose
 * first column is below the smallest value (footer statistics) of every row group not yet
 * read has all its rows in both files among those read: its rows pair exactly as in the
 * full diff. Changes are taken among such keys only, so none is guessed. Rows are numbered
 * as in the full diff when both files are sorted by key (borelog versions are); files
 * without statistics are read whole. By position, the first rows of both files are read.
 */
export async function firstChangesFromParquet(
  a: ParquetSource,
  b: ParquetSource,
  options: DiffOptions & { limit?: number } = {},
): Promise<FirstChanges> {
  const limit = options.limit ?? 100
  const keyColumns = options.keyColumns ?? []
  const [ra, rb] = await Promise.all([openParquet(a), openParquet(b)])
  if (keyColumns.length === 0) return firstByPosition(ra, rb, limit)
  const statistics = [ra, rb].map((r) => r.statistics(keyColumns[0]!))
  const groups = [ra.groupStarts.length - 1, rb.groupStarts.length - 1]
  if (
    statistics.some(
      (st, s) => st === null || st.mins.length !== groups[s] || st.mins.some((m) => m === null),
    )
  ) {
    return firstFromWhole(ra.read(), rb.read(), keyColumns, limit)
  }
  const readers = [ra, rb]
  const parts: Table[][] = [[], []]
  let wanted = 1
  for (;;) {
    for (const s of [0, 1]) {
      while (parts[s]!.length < Math.min(wanted, groups[s]!)) {
        const g = parts[s]!.length
        parts[s]!.push(readers[s]!.read(readers[s]!.groupStarts[g], readers[s]!.groupStarts[g + 1]))
      }
    }
    const [ta, tb] = parts.map((p, s) =>
      p.reduce((x, y) => x.concat(y), readers[s]!.read(0, 0)),
    ) as [Table, Table]
    const done = parts[0]!.length === groups[0] && parts[1]!.length === groups[1]
    const bound = done
      ? null
      : lowestUnread(
          statistics as ColumnStatistics[],
          parts.map((p) => p.length),
          ta.schema.fields.find((f) => f.name === keyColumns[0])?.type,
        )
    if (!done && bound === undefined) return firstFromWhole(ra.read(), rb.read(), keyColumns, limit)
    const rows = safeChanges(ta, tb, keyColumns, bound ?? null, limit)
    if (rows.length >= limit || done) {
      const whole = done
        ? diffAligned(ta, tb, alignTables(ta, tb, keyColumns), { keyColumns })
        : null
      return {
        rows: rows.slice(0, limit),
        complete: done && rows.length <= limit && whole!.changes.length <= limit,
        added: whole?.summary.added ?? null,
        removed: whole?.summary.removed ?? null,
        rowCount: whole?.rowCount ?? null,
      }
    }
    wanted *= 2
  }
}

/** The smallest first-key value a row group not yet read may hold, and whether it may hold nulls. */
interface Bound {
  below: (col: Column, row: number) => boolean
  nullsUnread: boolean
}

/**
 * The bound of the unread row groups of both files: null = nothing unread, undefined = the
 * statistics cannot be compared (the caller reads everything).
 */
function lowestUnread(
  statistics: ColumnStatistics[],
  read: number[],
  type: DataType | undefined,
): Bound | undefined {
  if (!type) return undefined
  let nullsUnread = false
  const mins: Uint8Array[] = []
  statistics.forEach((st, s) => {
    for (let g = read[s]!; g < st.mins.length; g++) {
      mins.push(st.mins[g]!)
      if (st.nullCounts[g] !== 0) nullsUnread = true
    }
  })
  const view = (m: Uint8Array) => new DataView(m.buffer, m.byteOffset, m.byteLength)
  if (DataType.isUtf8(type) || DataType.isBinary(type)) {
    const lowest = mins.reduce((x, y) => (compareBytes(y, x) < 0 ? y : x))
    return {
      nullsUnread,
      below: (col, row) => {
        const c = chunkOf(col, row)
        const o = col.offsets[c]!
        const i = row - col.starts[c]!
        return compareBytes(col.bytes[c]!.subarray(o[i]!, o[i + 1]!), lowest) < 0
      },
    }
  }
  let decode: ((m: Uint8Array) => number | bigint) | null = null
  if (DataType.isFloat(type) && type.precision === Precision.DOUBLE)
    decode = (m) => view(m).getFloat64(0, true)
  else if (DataType.isFloat(type) && type.precision === Precision.SINGLE)
    decode = (m) => view(m).getFloat32(0, true)
  else if (DataType.isInt(type) && type.bitWidth <= 32 && type.isSigned)
    decode = (m) => view(m).getInt32(0, true)
  else if (
    (DataType.isInt(type) && type.bitWidth === 64 && type.isSigned) ||
    DataType.isTimestamp(type)
  )
    decode = (m) => view(m).getBigInt64(0, true)
  const width =
    (DataType.isFloat(type) && type.precision === Precision.DOUBLE) ||
    DataType.isTimestamp(type) ||
    (DataType.isInt(type) && type.bitWidth === 64)
      ? 8
      : 4
  if (decode === null || mins.some((m) => m.byteLength < width)) return undefined
  const values = mins.map(decode)
  if (values.some((v) => typeof v === 'number' && Number.isNaN(v))) return undefined
  const lowest = values.reduce((x, y) => (y < x ? y : x))
  return {
    nullsUnread,
    below: (col, row) => {
      const v = col.vector.get(row) as number | bigint
      // A number against a bigint bound (or back) compares as numbers; NaN is never below.
      return typeof v === typeof lowest ? v < lowest : Number(v) < Number(lowest)
    },
  }
}

function compareBytes(x: Uint8Array, y: Uint8Array): number {
  const n = Math.min(x.length, y.length)
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!
  return x.length - y.length
}

/** Changes among the keys whose rows are all in a and b (bound: first key below it; null: all). */
function safeChanges(
  a: Table,
  b: Table,
  keyColumns: readonly string[],
  bound: Bound | null,
  limit: number,
): DiffRow[] {
  const full = alignTables(a, b, keyColumns)
  const firstA = columnOf(a.getChild(keyColumns[0]!)!)
  const firstB = columnOf(b.getChild(keyColumns[0]!)!)
  const keep: number[] = []
  for (let k = 0; k < full.alignedA.length; k++) {
    if (bound === null) {
      keep.push(k)
      continue
    }
    const ra = full.alignedA[k]!
    const [col, row] = ra >= 0 ? [firstA, ra] : [firstB, full.alignedB[k]!]
    const safe = isValid(col, row) ? bound.below(col, row) : !bound.nullsUnread
    if (safe) keep.push(k)
  }
  const alignment: Alignment = {
    alignedA: Int32Array.from(keep, (k) => full.alignedA[k]!),
    alignedB: Int32Array.from(keep, (k) => full.alignedB[k]!),
    duplicates: [],
    duplicateRowsA: full.duplicateRowsA,
    duplicateRowsB: full.duplicateRowsB,
  }
  const d = diffAligned(a, b, alignment, { keyColumns })
  return d.page(0, limit).map((r) => ({ ...r, row: keep[r.row]! }))
}

/** When statistics cannot bound the unread rows: pair the whole files, compare from the top. */
function firstFromWhole(
  ta: Table,
  tb: Table,
  keyColumns: readonly string[],
  limit: number,
): FirstChanges {
  const alignment = alignTables(ta, tb, keyColumns)
  const rows = windows(ta, tb, alignment, keyColumns, limit)
  let added = 0
  let removed = 0
  for (let k = 0; k < alignment.alignedA.length; k++) {
    if (alignment.alignedA[k]! < 0) added++
    else if (alignment.alignedB[k]! < 0) removed++
  }
  return { ...rows, added, removed, rowCount: alignment.alignedA.length }
}

/** By position: the first rows of both files, more each round until the page is full. */
function firstByPosition(ra: ParquetReader, rb: ParquetReader, limit: number): FirstChanges {
  const total = Math.max(ra.numRows, rb.numRows)
  let upTo = FIRST_WINDOW
  for (;;) {
    const end = Math.min(total, upTo)
    const ta = ra.read(0, Math.min(end, ra.numRows))
    const tb = rb.read(0, Math.min(end, rb.numRows))
    const d = diffAligned(ta, tb, alignByPosition(ta.numRows, tb.numRows))
    if (d.changes.length >= limit || end === total) {
      const complete = end === total
      return {
        rows: d.page(0, limit),
        complete: complete && d.changes.length <= limit,
        added: complete ? d.summary.added : null,
        removed: complete ? d.summary.removed : null,
        rowCount: complete ? d.rowCount : null,
      }
    }
    upTo *= 4
  }
}

/** The first `limit` changes of aligned tables, compared window by window from the top. */
function windows(
  ta: Table,
  tb: Table,
  alignment: Alignment,
  keyColumns: readonly string[],
  limit: number,
): { rows: DiffRow[]; complete: boolean } {
  const rows: DiffRow[] = []
  let from = 0
  let window = FIRST_WINDOW
  const n = alignment.alignedA.length
  while (rows.length < limit && from < n) {
    const to = Math.min(n, from + window)
    rows.push(...windowChanges(ta, tb, alignment, from, to, keyColumns, limit - rows.length))
    from = to
    window *= 2
  }
  return { rows, complete: from >= n }
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
    duplicateRowsA: new Set(
      [...alignment.duplicateRowsA].filter((r) => r >= loA && r < hiA).map((r) => r - loA),
    ),
    duplicateRowsB: new Set(
      [...alignment.duplicateRowsB].filter((r) => r >= loB && r < hiB).map((r) => r - loB),
    ),
  }
  const d = diffAligned(a.slice(loA, hiA), b.slice(loB, hiB), windowAlignment, { keyColumns })
  return d.page(0, limit).map((r) => ({
    ...r,
    row: r.row + from,
    rowA: r.rowA === null ? null : r.rowA + loA,
    rowB: r.rowB === null ? null : r.rowB + loB,
  }))
}
