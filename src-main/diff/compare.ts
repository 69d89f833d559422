// Cell comparison of two columns over aligned row pairs, without a JS object per cell (a
// 1M-row diff would otherwise allocate millions). Pairs are first cut into runs that advance by one row on both sides (sorted
// versions of a borelog are one long run between each added or removed row); a run is cut
// again where either column's chunk ends, and each piece is compared in a tight loop over
// Arrow's buffers. Strings check lengths row by row (two loads a row) and compare the bytes
// of a whole piece with one native memcmp, bisecting only pieces that differ. Equality is
// the one of values.ts; types without a kernel fall back to it cell by cell.
import { InternalError } from '../../shared/errors'
import { cellValue, chunkOf, type Column } from './columns'
import { valuesEqual } from './values'

/** Runs of aligned pairs: pairs k..k+len-1 are rows a..a+len-1 of a and b..b+len-1 of b. */
export interface PairRuns {
  count: number
  k: Int32Array
  a: Int32Array
  b: Int32Array
  len: Int32Array
}

export function pairRuns(rowsA: Int32Array, rowsB: Int32Array): PairRuns {
  const m = rowsA.length
  // A pair continues the run before it when both rows are one on from that pair's.
  const starts = (k: number, ra: number, rb: number): boolean =>
    k === 0 ||
    rowsA[k - 1]! < 0 ||
    rowsB[k - 1]! < 0 ||
    rowsA[k - 1] !== ra - 1 ||
    rowsB[k - 1] !== rb - 1
  let count = 0
  for (let k = 0; k < m; k++) {
    const ra = rowsA[k]!
    const rb = rowsB[k]!
    if (ra >= 0 && rb >= 0 && starts(k, ra, rb)) count++
  }
  const runs: PairRuns = {
    count,
    k: new Int32Array(count),
    a: new Int32Array(count),
    b: new Int32Array(count),
    len: new Int32Array(count),
  }
  let r = -1
  for (let k = 0; k < m; k++) {
    const ra = rowsA[k]!
    const rb = rowsB[k]!
    if (ra < 0 || rb < 0) continue
    if (starts(k, ra, rb)) {
      r++
      runs.k[r] = k
      runs.a[r] = ra
      runs.b[r] = rb
    }
    runs.len[r]!++
  }
  return count * SCATTERED_RUN > m ? byRegion(runs) : runs
}

/**
 * Short runs (tables in different orders) visited in order of their regions of a and b
 * (64k rows each), so each column's random reads stay within a cache-sized region of both
 * tables instead of missing cache on every pair. Masks are indexed by pair, so the order
 * of visits changes nothing else.
 */
function byRegion(runs: PairRuns): PairRuns {
  const shift = 16
  let maxA = 0
  let maxB = 0
  for (let r = 0; r < runs.count; r++) {
    maxA = Math.max(maxA, runs.a[r]! >>> shift)
    maxB = Math.max(maxB, runs.b[r]! >>> shift)
  }
  const regionsB = maxB + 1
  const starts = new Int32Array((maxA + 1) * regionsB + 1)
  for (let r = 0; r < runs.count; r++)
    starts[(runs.a[r]! >>> shift) * regionsB + (runs.b[r]! >>> shift) + 1]!++
  for (let i = 1; i < starts.length; i++) starts[i]! += starts[i - 1]!
  const out: PairRuns = {
    count: runs.count,
    k: new Int32Array(runs.count),
    a: new Int32Array(runs.count),
    b: new Int32Array(runs.count),
    len: new Int32Array(runs.count),
  }
  for (let r = 0; r < runs.count; r++) {
    const at = starts[(runs.a[r]! >>> shift) * regionsB + (runs.b[r]! >>> shift)]!++
    out.k[at] = runs.k[r]!
    out.a[at] = runs.a[r]!
    out.b[at] = runs.b[r]!
    out.len[at] = runs.len[r]!
  }
  return out
}

/** Sets bit `bit` of pair k's mask words when the cells differ. */
interface MaskTarget {
  mask: Uint32Array
  words: number
  bit: number
}

/** One column's marks on a MaskTarget, counted. Called only for cells that differ. */
class Marks {
  count = 0
  private readonly mask: Uint32Array
  private readonly words: number
  private readonly word: number
  private readonly flag: number

  constructor({ mask, words, bit }: MaskTarget) {
    this.mask = mask
    this.words = words
    this.word = bit >>> 5
    this.flag = 1 << (bit & 31)
  }

  /** Pair k's cells differ. */
  mark(k: number): void {
    this.mask[k * this.words + this.word]! |= this.flag
    this.count++
  }
}

/**
 * Runs cut at chunk ends: after next(), pairs k..k+len-1 are rows ia.. of chunk ca of a and
 * ib.. of chunk cb of b. A chunk is found from the previous piece's when it can be
 * (sorted input: always). A class, not a callback, so the kernels stay closure-free loops.
 */
class Pieces {
  k = 0
  ca = 0
  ia = 0
  cb = 0
  ib = 0
  len = 0
  /** Validity bitmaps of the two chunks (null: no nulls), and the bit of row ia / ib. */
  bmA: Uint8Array | null = null
  bmB: Uint8Array | null = null
  bitA = 0
  bitB = 0
  private r = -1
  private ra = 0
  private rb = 0
  private left = 0

  constructor(
    private readonly a: Column,
    private readonly b: Column,
    private readonly runs: PairRuns,
  ) {}

  next(): boolean {
    this.k += this.len
    this.ra += this.len
    this.rb += this.len
    this.left -= this.len
    while (this.left <= 0) {
      if (++this.r >= this.runs.count) return false
      this.k = this.runs.k[this.r]!
      this.ra = this.runs.a[this.r]!
      this.rb = this.runs.b[this.r]!
      this.left = this.runs.len[this.r]!
    }
    const { a, b } = this
    if (this.ra < a.starts[this.ca]! || this.ra >= a.starts[this.ca + 1]!)
      this.ca = chunkOf(a, this.ra)
    if (this.rb < b.starts[this.cb]! || this.rb >= b.starts[this.cb + 1]!)
      this.cb = chunkOf(b, this.rb)
    this.len = Math.min(
      this.left,
      a.starts[this.ca + 1]! - this.ra,
      b.starts[this.cb + 1]! - this.rb,
    )
    if (this.len <= 0)
      throw new InternalError(`Pair run reaches past a table (rows ${this.ra}, ${this.rb}).`)
    this.ia = this.ra - a.starts[this.ca]!
    this.ib = this.rb - b.starts[this.cb]!
    this.bmA = a.bitmaps[this.ca]!
    this.bmB = b.bitmaps[this.cb]!
    this.bitA = a.bitOffsets[this.ca]! + this.ia
    this.bitB = b.bitOffsets[this.cb]! + this.ib
    return true
  }
}

function bitAt(bitmap: Uint8Array, bit: number): number {
  return (bitmap[bit >> 3]! >> (bit & 7)) & 1
}

/** 1 when the cell is valid: a chunk without a bitmap has no nulls. */
function validBit(bitmap: Uint8Array | null, bit: number): number {
  return bitmap === null ? 1 : bitAt(bitmap, bit)
}

/** Compare column a with column b over the runs; returns how many cells differ. */
export function compareColumn(a: Column, b: Column, runs: PairRuns, target: MaskTarget): number {
  const marks = new Marks(target)
  compareWith(a, b, runs, marks)
  return marks.count
}

function compareWith(a: Column, b: Column, runs: PairRuns, marks: Marks): void {
  const numeric = (c: Column): boolean => c.kind === 'float' || c.kind === 'exact'
  let pairs = 0
  for (let r = 0; r < runs.count; r++) pairs += runs.len[r]!
  // Short runs (unsorted input, or a few scattered rows): per pair, without per-piece setup.
  if (
    runs.count * SCATTERED_RUN > pairs &&
    a.kind === b.kind &&
    a.kind !== 'generic' &&
    a.stride === b.stride
  ) {
    if (a.kind !== 'bytes' || a.isText === b.isText) {
      if (a.kind !== 'words' || String(a.type) === String(b.type))
        return compareScattered(a, b, runs, marks)
    }
  }
  if (numeric(a) && numeric(b)) return compareNumbers(a, b, runs, marks)
  if (a.kind === 'bool' && b.kind === 'bool') return compareBools(a, b, runs, marks)
  if (
    a.kind === 'words' &&
    b.kind === 'words' &&
    a.stride === b.stride &&
    String(a.type) === String(b.type)
  ) {
    return compareWords(a, b, runs, marks)
  }
  if (a.kind === 'bytes' && b.kind === 'bytes' && a.isText === b.isText)
    return compareBytes(a, b, runs, marks)
  return compareGeneric(a, b, runs, marks)
}

/** Numbers: NaN equals NaN, -0 equals 0 (values.ts). */
function compareNumbers(a: Column, b: Column, runs: PairRuns, marks: Marks): void {
  const it = new Pieces(a, b, runs)
  while (it.next()) {
    const { k, ca, ia, cb, ib, len, bmA, bmB, bitA, bitB } = it
    const x = a.values[ca]!
    const y = b.values[cb]!
    if (bmA === null && bmB === null) {
      for (let j = 0; j < len; j++) {
        const p = x[ia + j]!
        const q = y[ib + j]!
        if (p !== q && (p === p || q === q)) marks.mark(k + j)
      }
      continue
    }
    for (let j = 0; j < len; j++) {
      const okA = validBit(bmA, bitA + j)
      const okB = validBit(bmB, bitB + j)
      let differs = okA !== okB
      if (!differs && okA === 1) {
        const p = x[ia + j]!
        const q = y[ib + j]!
        differs = p !== q && (p === p || q === q)
      }
      if (differs) marks.mark(k + j)
    }
  }
}

function compareBools(a: Column, b: Column, runs: PairRuns, marks: Marks): void {
  const it = new Pieces(a, b, runs)
  while (it.next()) {
    const { k, ca, ia, cb, ib, len, bmA, bmB, bitA, bitB } = it
    const x = a.values[ca] as Uint8Array
    const y = b.values[cb] as Uint8Array
    // Boolean values are bits at the chunk's offset, like the validity bitmap.
    const valA = a.chunks[ca]!.offset + ia
    const valB = b.chunks[cb]!.offset + ib
    for (let j = 0; j < len; j++) {
      const okA = validBit(bmA, bitA + j)
      const okB = validBit(bmB, bitB + j)
      if (okA !== okB || (okA === 1 && bitAt(x, valA + j) !== bitAt(y, valB + j))) marks.mark(k + j)
    }
  }
}

function compareWords(a: Column, b: Column, runs: PairRuns, marks: Marks): void {
  const s = a.stride
  const it = new Pieces(a, b, runs)
  while (it.next()) {
    const { k, ca, ia, cb, ib, len, bmA, bmB, bitA, bitB } = it
    const x = a.words[ca]!
    const y = b.words[cb]!
    for (let j = 0; j < len; j++) {
      const okA = validBit(bmA, bitA + j)
      const okB = validBit(bmB, bitB + j)
      let differs = okA !== okB
      if (!differs && okA === 1) {
        const p = (ia + j) * s
        const q = (ib + j) * s
        for (let w = 0; w < s; w++) {
          if (x[p + w] !== y[q + w]) {
            differs = true
            break
          }
        }
      }
      if (differs) marks.mark(k + j)
    }
  }
}

/**
 * Below this many bytes JS compares four bytes at a time (about 0.4 ns a byte) faster than
 * a call to native memcmp costs (about 80 ns).
 */
const SMALL_SPAN = 256
/** A differing block this small is scanned for its differing rows rather than bisected. */
const SCAN_BLOCK = 2048

/** One piece of a string comparison: what the rare path (a block that differs) needs. */
interface BytesPiece {
  k: number
  ia: number
  ib: number
  oa: Int32Array
  ob: Int32Array
  va: DataView
  vb: DataView
  bb: Uint8Array
  bufA: Buffer
  bmA: Uint8Array | null
  bitA: number
  marks: Marks
}

/** Offset of the first differing byte of two equal-length spans, or -1. */
function firstDifference(
  va: DataView,
  aStart: number,
  vb: DataView,
  bStart: number,
  len: number,
): number {
  let i = 0
  for (; i + 4 <= len; i += 4) if (va.getInt32(aStart + i) !== vb.getInt32(bStart + i)) break
  for (; i < len; i++) if (va.getUint8(aStart + i) !== vb.getUint8(bStart + i)) return i
  return -1
}

function spanEqual(
  p: BytesPiece,
  aStart: number,
  aEnd: number,
  bStart: number,
  bEnd: number,
): boolean {
  const len = aEnd - aStart
  if (len !== bEnd - bStart) return false
  if (len <= SMALL_SPAN) return firstDifference(p.va, aStart, p.vb, bStart, len) === -1
  return p.bufA.compare(p.bb, bStart, bEnd, aStart, aEnd) === 0
}

function markRow(p: BytesPiece, j: number): void {
  // Rows of a block have equal validity: two nulls are equal whatever bytes lie under them.
  if (validBit(p.bmA, p.bitA + j) === 1) p.marks.mark(p.k + j)
}

/** Rows j0..j1-1 of the piece have equal lengths and equal validity: mark those that differ. */
function findDifferingRows(p: BytesPiece, j0: number, j1: number): void {
  const { oa, ob, ia, ib } = p
  if (oa[ia + j1]! - oa[ia + j0]! > SCAN_BLOCK && j1 - j0 > 1) {
    const mid = (j0 + j1) >>> 1
    if (!spanEqual(p, oa[ia + j0]!, oa[ia + mid]!, ob[ib + j0]!, ob[ib + mid]!))
      findDifferingRows(p, j0, mid)
    if (!spanEqual(p, oa[ia + mid]!, oa[ia + j1]!, ob[ib + mid]!, ob[ib + j1]!))
      findDifferingRows(p, mid, j1)
    return
  }
  // Small block: find each first differing byte, mark its row, go on after that row.
  let j = j0
  while (j < j1) {
    const aStart = oa[ia + j]!
    const at = firstDifference(p.va, aStart, p.vb, ob[ib + j]!, oa[ia + j1]! - aStart)
    if (at === -1) return
    const pos = aStart + at
    let lo = j
    let hi = j1 - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (oa[ia + mid]! <= pos) lo = mid
      else hi = mid - 1
    }
    markRow(p, lo)
    j = lo + 1
  }
}

/** Compare rows j0..j1-1 of a piece (equal lengths and validity) as one span first. */
function closeBlock(p: BytesPiece, j0: number, j1: number): void {
  const { oa, ob, ia, ib } = p
  if (!spanEqual(p, oa[ia + j0]!, oa[ia + j1]!, ob[ib + j0]!, ob[ib + j1]!))
    findDifferingRows(p, j0, j1)
}

function compareBytes(a: Column, b: Column, runs: PairRuns, marks: Marks): void {
  const it = new Pieces(a, b, runs)
  while (it.next()) {
    const { k, ca, ia, cb, ib, len, bmA, bmB, bitA, bitB } = it
    const oa = a.offsets[ca]!
    const ob = b.offsets[cb]!
    const piece: BytesPiece = {
      k,
      ia,
      ib,
      oa,
      ob,
      va: a.views[ca]!,
      vb: b.views[cb]!,
      bb: b.bytes[cb]!,
      bufA: a.buffers[ca]!,
      bmA,
      bitA,
      marks,
    }
    // Rows j0..j-1 form a block of equal lengths and validity, compared as one span.
    let j0 = 0
    let pa = oa[ia]!
    let pb = ob[ib]!
    if (bmA === null && bmB === null) {
      for (let j = 0; j < len; j++) {
        const na = oa[ia + j + 1]!
        const nb = ob[ib + j + 1]!
        if (na - pa !== nb - pb) {
          if (j > j0) closeBlock(piece, j0, j)
          marks.mark(k + j)
          j0 = j + 1
        }
        pa = na
        pb = nb
      }
    } else {
      for (let j = 0; j < len; j++) {
        const na = oa[ia + j + 1]!
        const nb = ob[ib + j + 1]!
        const sameLength = na - pa === nb - pb
        pa = na
        pb = nb
        const okA = validBit(bmA, bitA + j)
        const okB = validBit(bmB, bitB + j)
        if (sameLength && okA === okB) continue
        if (j > j0) closeBlock(piece, j0, j)
        if (okA !== okB || okA === 1) marks.mark(k + j)
        j0 = j + 1
      }
    }
    if (len > j0) closeBlock(piece, j0, len)
  }
}

/** Below this average run length, compare pair by pair. */
const SCATTERED_RUN = 8

/** Finds the chunk of a row, trying the last chunk found first. */
class ChunkCursor {
  chunk = 0
  lo = 0
  hi = 0

  constructor(private readonly col: Column) {
    this.hi = col.starts[1] ?? 0
  }

  /** Row within its chunk (this.chunk is set). */
  seek(row: number): number {
    if (row < this.lo || row >= this.hi) {
      this.chunk = chunkOf(this.col, row)
      this.lo = this.col.starts[this.chunk]!
      this.hi = this.col.starts[this.chunk + 1]!
    }
    return row - this.lo
  }
}

function validAt(col: Column, chunk: number, i: number): number {
  return validBit(col.bitmaps[chunk]!, col.bitOffsets[chunk]! + i)
}

/** Same kinds on both sides, pair by pair (the equality of values.ts, as the run kernels). */
function compareScattered(a: Column, b: Column, runs: PairRuns, marks: Marks): void {
  const ca = new ChunkCursor(a)
  const cb = new ChunkCursor(b)
  for (let r = 0; r < runs.count; r++) {
    for (let j = 0; j < runs.len[r]!; j++) {
      const ia = ca.seek(runs.a[r]! + j)
      const ib = cb.seek(runs.b[r]! + j)
      const okA = validAt(a, ca.chunk, ia)
      const okB = validAt(b, cb.chunk, ib)
      let differs = okA !== okB
      if (!differs && okA === 1) {
        switch (a.kind) {
          case 'float':
          case 'exact': {
            const p = a.values[ca.chunk]![ia]!
            const q = b.values[cb.chunk]![ib]!
            differs = p !== q && (p === p || q === q)
            break
          }
          case 'bool': {
            const p = a.chunks[ca.chunk]!.offset + ia
            const q = b.chunks[cb.chunk]!.offset + ib
            differs =
              bitAt(a.values[ca.chunk] as Uint8Array, p) !==
              bitAt(b.values[cb.chunk] as Uint8Array, q)
            break
          }
          case 'words': {
            const x = a.words[ca.chunk]!
            const y = b.words[cb.chunk]!
            for (let w = 0; w < a.stride && !differs; w++)
              differs = x[ia * a.stride + w] !== y[ib * a.stride + w]
            break
          }
          default: {
            const oa = a.offsets[ca.chunk]!
            const ob = b.offsets[cb.chunk]!
            const s1 = oa[ia]!
            const len = oa[ia + 1]! - s1
            const s2 = ob[ib]!
            if (len !== ob[ib + 1]! - s2) differs = true
            else if (len <= SMALL_SPAN)
              differs = firstDifference(a.views[ca.chunk]!, s1, b.views[cb.chunk]!, s2, len) !== -1
            else
              differs =
                a.buffers[ca.chunk]!.compare(b.bytes[cb.chunk]!, s2, s2 + len, s1, s1 + len) !== 0
          }
        }
      }
      if (differs) marks.mark(runs.k[r]! + j)
    }
  }
}

function compareGeneric(a: Column, b: Column, runs: PairRuns, marks: Marks): void {
  for (let r = 0; r < runs.count; r++) {
    for (let j = 0; j < runs.len[r]!; j++) {
      if (!valuesEqual(cellValue(a, runs.a[r]! + j), cellValue(b, runs.b[r]! + j)))
        marks.mark(runs.k[r]! + j)
    }
  }
}
