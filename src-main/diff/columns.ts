// Columns read in place, and the kernel that gathers rows of several into a new one.
// Diffing 1M rows must not build a JS object per cell (issue 4), and copying 1M-row
// columns costs more in allocation and GC than comparing them, so kernels (here and in
// compare.ts) work on Arrow's own chunk buffers: typed values, offsets, validity bitmaps.
import { DataType, Precision, makeBuilder, makeData, type Data, type Table, type Vector } from 'apache-arrow'

import { InternalError } from '../../shared/errors'
import { plainValue } from './values'

export type ColumnKind = 'float' | 'exact' | 'words' | 'bool' | 'bytes' | 'generic'

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
  if (DataType.isFloat(type) && type.precision !== Precision.HALF) return { kind: 'float', stride: 1 }
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
      if (intLike && bytesPerRow <= 4 && sample!.stride === 1 && !(values instanceof BigInt64Array)) {
        return { kind: 'exact', stride: 1 }
      }
      if (bytesPerRow % 4 === 0 && bytesPerRow > 0) return { kind: 'words', stride: bytesPerRow / 4 }
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
  const bitmaps = chunks.map((c) => (!isNull && c.nullCount > 0 && c.nullBitmap && c.nullBitmap.length > 0 ? c.nullBitmap : null))
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
  if (kind === 'float' || kind === 'exact' || kind === 'bool') col.values = chunks.map((c) => c.values as FixedArray)
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

export function tableColumn(table: Table, name: string): Column | null {
  const v = table.getChild(name)
  return v ? columnOf(v) : null
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

/** Where each output row of a gathered column comes from. */
export interface GatherPlan {
  /** Index into `sources` per output row. */
  source: Uint8Array
  /** Row in that source; -1 gives null. */
  rows: Int32Array
}

/**
 * Visit the plan as runs: output rows i..i+len-1 are rows ia.. of chunk c of source s
 * (s = -1: nulls). Merged and patched tables are long runs of one source, so kernels copy
 * whole runs natively.
 */
function forEachRun(
  sources: readonly Column[],
  { source, rows }: GatherPlan,
  visit: (i: number, s: number, c: number, ia: number, len: number) => void,
): void {
  const n = rows.length
  const cursor = new Int32Array(sources.length)
  let i = 0
  while (i < n) {
    const r = rows[i]!
    if (r < 0) {
      let j = i + 1
      while (j < n && rows[j]! < 0) j++
      visit(i, -1, 0, 0, j - i)
      i = j
      continue
    }
    const s = source[i]!
    const col = sources[s]!
    let c = cursor[s]!
    if (r < col.starts[c]! || r >= col.starts[c + 1]!) c = cursor[s] = chunkOf(col, r)
    const end = col.starts[c + 1]!
    if (r >= end) throw new InternalError(`Gather asks for row ${r} of a ${col.length}-row column.`)
    let j = i + 1
    while (j < n && source[j] === s && rows[j] === r + (j - i) && rows[j]! < end) j++
    visit(i, s, c, r - col.starts[c]!, j - i)
    i = j
  }
}

/**
 * A new column of `type` whose row i is sources[source[i]] at rows[i] (null for -1).
 * Sources of exactly `type` are copied run by run (typed arrays and string bytes with
 * native copies); others go through an Arrow builder. When the output is exactly one
 * source, its data is reused as is, so an untouched column costs nothing.
 */
export function gatherColumn(type: DataType, sources: readonly Column[], plan: GatherPlan): Data[] {
  const { source, rows } = plan
  const n = rows.length
  const typeName = String(type)
  const typed = sources.every((s) => String(s.type) === typeName)
  if (typed) {
    const whole = wholeSource(sources, plan)
    if (whole >= 0) return sources[whole]!.chunks
  }
  const kind = sources[0]?.kind
  const sameKind = sources.every((s) => s.kind === kind)
  if (n > 0 && typed && sameKind && (kind === 'float' || kind === 'exact' || kind === 'words' || kind === 'bytes')) {
    const nullBitmap = new Uint8Array((n + 7) >> 3)
    let nullCount = 0
    forEachRun(sources, plan, (i, s, c, ia, len) => {
      if (s < 0) {
        nullCount += len
        return
      }
      const bm = sources[s]!.bitmaps[c]
      if (!bm) {
        for (let j = 0; j < len; j++) nullBitmap[(i + j) >> 3]! |= 1 << ((i + j) & 7)
        return
      }
      const off = sources[s]!.bitOffsets[c]! + ia
      for (let j = 0; j < len; j++) {
        const p = off + j
        if ((bm[p >> 3]! >> (p & 7)) & 1) nullBitmap[(i + j) >> 3]! |= 1 << ((i + j) & 7)
        else nullCount++
      }
    })
    const common = { type, length: n, nullCount, nullBitmap: nullCount > 0 ? nullBitmap : null }
    if (kind === 'float' || kind === 'exact') {
      const Ctor = (type as DataType & { ArrayType: new (n: number) => FixedArray }).ArrayType
      const out = new Ctor(n)
      forEachRun(sources, plan, (i, s, c, ia, len) => {
        if (s >= 0) out.set(sources[s]!.values[c]!.subarray(ia, ia + len) as Float64Array, i)
      })
      return [makeData({ ...common, data: out } as never)]
    }
    if (kind === 'words') {
      const stride = sources[0]!.stride
      const out = new Int32Array(n * stride)
      forEachRun(sources, plan, (i, s, c, ia, len) => {
        if (s >= 0) out.set(sources[s]!.words[c]!.subarray(ia * stride, (ia + len) * stride), i * stride)
      })
      const Ctor = (type as DataType & { ArrayType: new (b: ArrayBuffer) => ArrayBufferView }).ArrayType
      return [makeData({ ...common, data: new Ctor(out.buffer) } as never)]
    }
    return [gatherBytes(sources, plan, common)]
  }
  const builder = makeBuilder({ type, nullValues: [null, undefined] })
  for (let i = 0; i < n; i++) {
    const r = rows[i]!
    builder.append(r < 0 ? null : cellValue(sources[source[i]!]!, r))
  }
  return builder.finish().toVector().data as Data[]
}

function wholeSource(sources: readonly Column[], { source, rows }: GatherPlan): number {
  const n = rows.length
  if (n === 0) return -1
  const s = source[0]!
  if (sources[s]!.length !== n) return -1
  for (let i = 0; i < n; i++) if (rows[i] !== i || source[i] !== s) return -1
  return s
}

function gatherBytes(
  sources: readonly Column[],
  plan: GatherPlan,
  common: { type: DataType; length: number; nullCount: number; nullBitmap: Uint8Array | null },
): Data {
  const n = plan.rows.length
  const offsets = new Int32Array(n + 1)
  // Null rows take no bytes, whatever their source's offsets say.
  const valid = common.nullBitmap
  let total = 0
  forEachRun(sources, plan, (i, s, c, ia, len) => {
    const o = s >= 0 ? sources[s]!.offsets[c]! : null
    for (let j = 0; j < len; j++) {
      const row = i + j
      if (o !== null && (valid === null || ((valid[row >> 3]! >> (row & 7)) & 1) === 1)) total += o[ia + j + 1]! - o[ia + j]!
      offsets[row + 1] = total
    }
    if (total >= 2 ** 31) throw new InternalError('A gathered string column is beyond 2 GiB.')
  })
  const out = new Uint8Array(total)
  forEachRun(sources, plan, (i, s, c, ia, len) => {
    if (s < 0) return
    const o = sources[s]!.offsets[c]!
    const bytes = sources[s]!.bytes[c]!
    if (offsets[i + len]! - offsets[i]! === o[ia + len]! - o[ia]!) {
      out.set(bytes.subarray(o[ia]!, o[ia + len]!), offsets[i]!)
      return
    }
    for (let j = 0; j < len; j++) {
      const size = offsets[i + j + 1]! - offsets[i + j]!
      if (size > 0) out.set(bytes.subarray(o[ia + j]!, o[ia + j]! + size), offsets[i + j]!)
    }
  })
  return makeData({ ...common, valueOffsets: offsets, data: out } as never)
}
