// Columns read in place, and the kernel that gathers rows of several into a new one.
// Diffing 1M rows must not build a JS object per cell, and copying 1M-row
// columns costs more in allocation and GC than comparing them, so kernels (here and in
// compare.ts) work on Arrow's own chunk buffers: typed values, offsets, validity bitmaps.
import { DataType, Precision, makeBuilder, makeData, type Data, type Vector } from 'apache-arrow'

import { InternalError } from '../../shared/errors'
import { plainValue } from './values'

type ColumnKind = 'float' | 'exact' | 'words' | 'bool' | 'bytes' | 'generic'

type FixedArray =
  | Float64Array
  | Float32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array

/** One column of a table, its chunks prepared for the kernels (nothing copied). */
export interface Column {
  vector: Vector
  type: DataType
  length: number
  kind: ColumnKind
  /** Chunk c holds rows starts[c] .. starts[c+1]-1. */
  starts: Int32Array
  chunks: Data[]
  /** Per chunk: validity bitmap (null when the chunk has no nulls) and its bit offset. */
  bitmaps: (Uint8Array | null)[]
  bitOffsets: Int32Array
  hasNulls: boolean
  /** float / exact / bool (bits): values from row 0 of the chunk. */
  values: FixedArray[]
  /** words: 32-bit words per row. */
  stride: number
  words: Int32Array[]
  /** bytes: offsets (from row 0 of the chunk) into the chunk's bytes. */
  offsets: Int32Array[]
  bytes: Uint8Array[]
  buffers: Buffer[]
  views: DataView[]
  isText: boolean
}

function kindOf(type: DataType, sample: Data | undefined): { kind: ColumnKind; stride: number } {
  if (DataType.isFloat(type) && type.precision !== Precision.HALF)
    return { kind: 'float', stride: 1 }
  if (DataType.isBool(type)) return { kind: 'bool', stride: 1 }
  if (DataType.isUtf8(type) || DataType.isBinary(type)) return { kind: 'bytes', stride: 1 }
  if (
    DataType.isInt(type) ||
    DataType.isDate(type) ||
    DataType.isTime(type) ||
    DataType.isTimestamp(type) ||
    DataType.isDuration(type) ||
    DataType.isDecimal(type)
  ) {
    const values = sample?.values as ArrayBufferView & { BYTES_PER_ELEMENT: number }
    if (values) {
      const bytesPerRow = values.BYTES_PER_ELEMENT * sample!.stride
      const intLike = !(values instanceof Float32Array || values instanceof Float64Array)
      if (
        intLike &&
        bytesPerRow <= 4 &&
        sample!.stride === 1 &&
        !(values instanceof BigInt64Array)
      ) {
        return { kind: 'exact', stride: 1 }
      }
      if (bytesPerRow % 4 === 0 && bytesPerRow > 0)
        return { kind: 'words', stride: bytesPerRow / 4 }
    }
  }
  return { kind: 'generic', stride: 1 }
}

export function columnOf(vector: Vector): Column {
  const type = vector.type as DataType
  const chunks = (vector.data as Data[]).filter((c) => c.length > 0)
  const { kind, stride } = kindOf(type, chunks[0])
  const starts = new Int32Array(chunks.length + 1)
  chunks.forEach((c, i) => (starts[i + 1] = starts[i]! + c.length))
  const isNull = DataType.isNull(type)
  const bitmaps = chunks.map((c) =>
    !isNull && c.nullCount > 0 && c.nullBitmap && c.nullBitmap.length > 0 ? c.nullBitmap : null,
  )
  const col: Column = {
    vector,
    type,
    length: vector.length,
    kind,
    starts,
    chunks,
    bitmaps,
    bitOffsets: Int32Array.from(chunks, (c) => c.offset),
    hasNulls: isNull || bitmaps.some((b) => b !== null),
    values: [],
    stride,
    words: [],
    offsets: [],
    bytes: [],
    buffers: [],
    views: [],
    isText: DataType.isUtf8(type),
  }
  if (kind === 'float' || kind === 'exact' || kind === 'bool')
    col.values = chunks.map((c) => c.values as FixedArray)
  if (kind === 'words') {
    col.words = chunks.map((c) => {
      const v = c.values as ArrayBufferView
      return new Int32Array(v.buffer, v.byteOffset, c.length * stride)
    })
  }
  if (kind === 'bytes') {
    col.offsets = chunks.map((c) => c.valueOffsets as Int32Array)
    col.bytes = chunks.map((c) => c.values as Uint8Array)
    col.buffers = col.bytes.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength))
    col.views = col.bytes.map((b) => new DataView(b.buffer, b.byteOffset, b.byteLength))
  }
  return col
}

/** The chunk holding `row` (binary search; callers keep the last answer as a cursor). */
export function chunkOf(col: Column, row: number): number {
  const s = col.starts
  let lo = 0
  let hi = s.length - 2
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (s[mid]! <= row) lo = mid
    else hi = mid - 1
  }
  return lo
}

export function isValid(col: Column, row: number): boolean {
  if (!col.hasNulls) return true
  if (DataType.isNull(col.type)) return false
  const c = chunkOf(col, row)
  const bm = col.bitmaps[c]
  if (!bm) return true
  const bit = col.bitOffsets[c]! + row - col.starts[c]!
  return ((bm[bit >> 3]! >> (bit & 7)) & 1) === 1
}

const textDecoder = new TextDecoder()

/** One cell as a JS value: what apache-arrow's `get` returns, nested values made plain. */
export function cellValue(col: Column, row: number): unknown {
  if (!isValid(col, row)) return null
  if (col.kind === 'bytes') {
    const c = chunkOf(col, row)
    const i = row - col.starts[c]!
    const slice = col.bytes[c]!.subarray(col.offsets[c]![i]!, col.offsets[c]![i + 1]!)
    return col.isText ? textDecoder.decode(slice) : slice.slice()
  }
  if (col.kind === 'float') {
    const c = chunkOf(col, row)
    return col.values[c]![row - col.starts[c]!]
  }
  return plainValue(col.vector.get(row))
}

/**
 * Where the rows of a gathered column come from, as runs: output rows at..at+len-1 are
 * rows row..row+len-1 of sources[source] (row -1: nulls). Merged and patched tables are
 * long runs of one source, so building a column costs per run, not per row, where it can.
 */
export interface GatherRuns {
  length: number
  count: number
  at: Int32Array
  source: Uint8Array
  row: Int32Array
  len: Int32Array
}

/** Builds GatherRuns one output row at a time (consecutive rows of one source join a run). */
export class RunsBuilder {
  private runs: GatherRuns = {
    length: 0,
    count: 0,
    at: new Int32Array(64),
    source: new Uint8Array(64),
    row: new Int32Array(64),
    len: new Int32Array(64),
  }

  /** Append `len` rows from `row` of `source` (row -1: `len` nulls). */
  push(source: number, row: number, len = 1): void {
    let r = this.runs
    const last = r.count - 1
    if (
      last >= 0 &&
      r.source[last] === source &&
      ((row < 0 && r.row[last]! < 0) ||
        (row >= 0 && r.row[last]! >= 0 && r.row[last]! + r.len[last]! === row))
    ) {
      r.len[last]! += len
    } else {
      if (r.count === r.at.length) r = this.grow()
      r.at[r.count] = r.length
      r.source[r.count] = source
      r.row[r.count] = row < 0 ? -1 : row
      r.len[r.count++] = len
    }
    r.length += len
  }

  finish(): GatherRuns {
    return this.runs
  }

  private grow(): GatherRuns {
    const r = this.runs
    const size = r.at.length * 2
    this.runs = {
      ...r,
      at: grown(r.at, size),
      source: grown(r.source, size),
      row: grown(r.row, size),
      len: grown(r.len, size),
    }
    return this.runs
  }
}

/**
 * Visit the runs cut at source chunk ends: output rows i..i+len-1 are rows ia.. of chunk c
 * of source s (s = -1: nulls).
 */
function forEachPiece(
  sources: readonly Column[],
  runs: GatherRuns,
  visit: (i: number, s: number, c: number, ia: number, len: number) => void,
): void {
  const cursor = new Int32Array(sources.length)
  for (let r = 0; r < runs.count; r++) {
    let i = runs.at[r]!
    let row = runs.row[r]!
    let left = runs.len[r]!
    if (row < 0) {
      visit(i, -1, 0, 0, left)
      continue
    }
    const s = runs.source[r]!
    const col = sources[s]!
    if (row + left > col.length)
      throw new InternalError(
        `Gather asks for rows up to ${row + left} of a ${col.length}-row column.`,
      )
    while (left > 0) {
      let c = cursor[s]!
      if (row < col.starts[c]! || row >= col.starts[c + 1]!) c = cursor[s] = chunkOf(col, row)
      const len = Math.min(left, col.starts[c + 1]! - row)
      visit(i, s, c, row - col.starts[c]!, len)
      i += len
      row += len
      left -= len
    }
  }
}

/**
 * A new column of `type` from `runs` over `sources`. Sources of exactly `type` are copied
 * by typed kernels (string bytes and values with native copies per piece); others go
 * through an Arrow builder. When the output is exactly one whole source, its data is
 * reused as is, so an untouched column costs nothing.
 */
export function gatherColumn(type: DataType, sources: readonly Column[], runs: GatherRuns): Data[] {
  const n = runs.length
  const typeName = String(type)
  const typed = sources.every((s) => String(s.type) === typeName)
  if (
    typed &&
    runs.count === 1 &&
    runs.row[0] === 0 &&
    sources[runs.source[0]!]!.length === n &&
    n > 0
  ) {
    return sources[runs.source[0]!]!.chunks
  }
  const kind = sources[0]?.kind
  const sameKind = sources.every((s) => s.kind === kind)
  if (
    n > 0 &&
    typed &&
    sameKind &&
    (kind === 'float' || kind === 'exact' || kind === 'words' || kind === 'bytes')
  ) {
    const nullBitmap = new Uint8Array((n + 7) >> 3)
    let nullCount = 0
    forEachPiece(sources, runs, (i, s, c, ia, len) => {
      if (s < 0) {
        nullCount += len
        return
      }
      const bm = sources[s]!.bitmaps[c]
      if (!bm) setBits(nullBitmap, i, len)
      else nullCount += len - copyBits(nullBitmap, i, bm, sources[s]!.bitOffsets[c]! + ia, len)
    })
    const common = { type, length: n, nullCount, nullBitmap: nullCount > 0 ? nullBitmap : null }
    if (kind === 'float' || kind === 'exact') {
      const Ctor = (type as DataType & { ArrayType: new (n: number) => FixedArray }).ArrayType
      const out = new Ctor(n)
      forEachPiece(sources, runs, (i, s, c, ia, len) => {
        if (s >= 0) out.set(sources[s]!.values[c]!.subarray(ia, ia + len) as Float64Array, i)
      })
      return [makeData({ ...common, data: out } as never)]
    }
    if (kind === 'words') {
      const stride = sources[0]!.stride
      const out = new Int32Array(n * stride)
      forEachPiece(sources, runs, (i, s, c, ia, len) => {
        if (s >= 0)
          out.set(sources[s]!.words[c]!.subarray(ia * stride, (ia + len) * stride), i * stride)
      })
      const Ctor = (type as DataType & { ArrayType: new (b: ArrayBuffer) => ArrayBufferView })
        .ArrayType
      return [makeData({ ...common, data: new Ctor(out.buffer) } as never)]
    }
    return [gatherBytes(sources, runs, common)]
  }
  const builder = makeBuilder({ type, nullValues: [null, undefined] })
  for (let r = 0; r < runs.count; r++) {
    for (let j = 0; j < runs.len[r]!; j++) {
      builder.append(
        runs.row[r]! < 0 ? null : cellValue(sources[runs.source[r]!]!, runs.row[r]! + j),
      )
    }
  }
  const data = builder.finish().toVector().data as Data[]
  return data.length > 0 ? data : [makeData({ type, length: 0, nullCount: 0 } as never)]
}

/** Copy `len` bits from src at bit `from` to dst at bit `at` (dst bits start clear); returns the ones copied. */
function copyBits(dst: Uint8Array, at: number, src: Uint8Array, from: number, len: number): number {
  let ones = 0
  let j = 0
  // Bit by bit up to a byte boundary of dst, then a byte of dst at a time.
  while (j < len && ((at + j) & 7) !== 0) {
    const p = from + j
    const bit = (src[p >> 3]! >> (p & 7)) & 1
    dst[(at + j) >> 3]! |= bit << ((at + j) & 7)
    ones += bit
    j++
  }
  const shift = (from + j) & 7
  while (len - j >= 8) {
    const p = (from + j) >> 3
    const byte = shift === 0 ? src[p]! : ((src[p]! >> shift) | (src[p + 1]! << (8 - shift))) & 0xff
    dst[(at + j) >> 3] = byte
    ones += POPCOUNT[byte]!
    j += 8
  }
  while (j < len) {
    const p = from + j
    const bit = (src[p >> 3]! >> (p & 7)) & 1
    dst[(at + j) >> 3]! |= bit << ((at + j) & 7)
    ones += bit
    j++
  }
  return ones
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0
  for (let x = b; x > 0; x >>= 1) n += x & 1
  return n
})

function setBits(bitmap: Uint8Array, from: number, len: number): void {
  let i = from
  const end = from + len
  while (i < end && (i & 7) !== 0) bitmap[i >> 3]! |= 1 << (i++ & 7)
  if (end - i >= 8) {
    bitmap.fill(0xff, i >> 3, end >> 3)
    i = end & ~7
  }
  while (i < end) bitmap[i >> 3]! |= 1 << (i++ & 7)
}

function gatherBytes(
  sources: readonly Column[],
  runs: GatherRuns,
  common: { type: DataType; length: number; nullCount: number; nullBitmap: Uint8Array | null },
): Data {
  const n = runs.length
  const offsets = new Int32Array(n + 1)
  // Offsets are copied as they are, nulls included: Arrow lets a null slot span bytes,
  // and copying whole pieces keeps this a tight loop and one memcpy per piece.
  let total = 0
  forEachPiece(sources, runs, (i, s, c, ia, len) => {
    if (s < 0) {
      offsets.fill(total, i + 1, i + len + 1)
      return
    }
    const o = sources[s]!.offsets[c]!
    const shift = total - o[ia]!
    for (let j = 1; j <= len; j++) offsets[i + j] = o[ia + j]! + shift
    total = offsets[i + len]!
    if (total >= 2 ** 31 || total < 0)
      throw new InternalError('A gathered string column is beyond 2 GiB.')
  })
  const out = new Uint8Array(total)
  forEachPiece(sources, runs, (i, s, c, ia, len) => {
    if (s < 0) return
    const o = sources[s]!.offsets[c]!
    out.set(sources[s]!.bytes[c]!.subarray(o[ia]!, o[ia + len]!), offsets[i]!)
  })
  return makeData({ ...common, valueOffsets: offsets, data: out } as never)
}

/** `array`'s values at the start of a new array of `size` elements, for buffers that double. */
export function grown<T extends Int32Array | Uint32Array | Uint8Array>(array: T, size: number): T {
  const out = new (array.constructor as new (length: number) => T)(size)
  out.set(array)
  return out
}
