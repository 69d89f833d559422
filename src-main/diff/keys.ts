// Row matching by key without a JS object per row (a 1M-row diff would allocate millions). Each table's key columns are
// encoded into fixed-width rows of uint32 words whose lexicographic order is the key's
// order: strings become ranks in one dictionary shared by all tables of a diff or merge
// (hashed on their UTF-8 bytes, never decoded), numbers become order-preserving float64
// bits (-0 as 0, every NaN as one NaN, so keys obey the same equality as cells). Tables
// already sorted by key, as borelog versions are, are matched by a linear merge; any other
// order by a hash join on the words. Both give the same pairs.
import { DataType, type Table } from 'apache-arrow'

import { SchemaMismatchError } from '../../shared/errors'
import { cellValue, columnOf, grown, type Column } from './columns'
import { jsonValue } from './values'

export interface KeyWords {
  words: Uint32Array
  width: number
  rows: number
  /** Rows ascend by key (equal neighbours allowed). */
  sorted: boolean
  /** Rows strictly ascend: sorted with no key twice. */
  strict: boolean
}

type KeyClass = 'text' | 'number' | 'int64' | 'uint64' | 'wide' | 'bool' | 'other'

function keyClass(col: Column): KeyClass {
  switch (col.kind) {
    case 'bytes':
      return 'text'
    case 'float':
    case 'exact':
      return 'number'
    case 'bool':
      return 'bool'
    case 'words':
      if (col.stride !== 2) return 'wide'
      return DataType.isInt(col.type) && !col.type.isSigned ? 'uint64' : 'int64'
    default:
      return 'other'
  }
}

function planKey(cols: Column[]): { cls: KeyClass; nullable: boolean; valueWords: number } {
  const classes = new Set(cols.map(keyClass))
  let cls: KeyClass
  if (classes.size === 1) cls = [...classes][0]!
  else if ([...classes].every((c) => c === 'number' || c === 'int64')) cls = 'other'
  else cls = 'other'
  if (cls === 'wide' && new Set(cols.map((c) => c.stride)).size > 1) cls = 'other'
  const valueWords =
    cls === 'number' || cls === 'int64' || cls === 'uint64'
      ? 2
      : cls === 'wide'
        ? cols[0]!.stride
        : 1
  return { cls, nullable: cols.some((c) => c.hasNulls), valueWords }
}

/**
 * Key words for each table, with one shared dictionary so words compare across tables.
 * `where` names the tables in errors (e.g. ['base', 'ours', 'theirs']).
 */
export function encodeKeys(
  tables: readonly Table[],
  keyColumns: readonly string[],
  where: readonly string[],
): KeyWords[] {
  const columns = keyColumns.map((name) =>
    tables.map((t, i) => {
      const vector = t.getChild(name)
      if (!vector) {
        throw new SchemaMismatchError(
          `Key column "${name}" is missing from ${where[i] ?? `table ${i + 1}`}; rows cannot be matched by key. Pass key columns the tables share, or none to match rows by position.`,
          { column: name, table: where[i] },
        )
      }
      return columnOf(vector)
    }),
  )
  const plans = columns.map((cols) => ({ cols, ...planKey(cols) }))
  const width = plans.reduce((w, p) => w + (p.nullable ? 1 : 0) + p.valueWords, 0)
  const out: KeyWords[] = tables.map((t) => ({
    words: new Uint32Array(t.numRows * width),
    width,
    rows: t.numRows,
    sorted: false,
    strict: false,
  }))
  let at = 0
  for (const plan of plans) {
    if (plan.nullable) {
      plan.cols.forEach((col, ti) => writeNullWord(col, out[ti]!.words, width, at))
      at++
    }
    switch (plan.cls) {
      case 'text':
        writeTextRanks(plan.cols, out, width, at)
        break
      case 'number':
        plan.cols.forEach((col, ti) => writeNumber(col, out[ti]!.words, width, at))
        break
      case 'int64':
      case 'uint64':
      case 'wide':
        plan.cols.forEach((col, ti) =>
          writeWide(col, out[ti]!.words, width, at, plan.cls !== 'uint64'),
        )
        break
      case 'bool':
        plan.cols.forEach((col, ti) => writeBool(col, out[ti]!.words, width, at))
        break
      default:
        writeGenericRanks(plan.cols, out, width, at)
    }
    at += plan.valueWords
  }
  for (const kw of out) checkOrder(kw)
  return out
}

function writeNullWord(col: Column, words: Uint32Array, width: number, at: number): void {
  col.chunks.forEach((chunk, c) => {
    const bm = col.bitmaps[c]
    const lo = col.starts[c]!
    const off = col.bitOffsets[c]!
    for (let i = 0; i < chunk.length; i++) {
      const p = off + i
      words[(lo + i) * width + at] = bm ? (bm[p >> 3]! >> (p & 7)) & 1 : 1
    }
  })
}

function writeNumber(col: Column, words: Uint32Array, width: number, at: number): void {
  col.chunks.forEach((chunk, c) => {
    const values = col.values[c]!
    const f64 =
      values instanceof Float64Array
        ? values
        : Float64Array.from(values.subarray(0, chunk.length) as ArrayLike<number>)
    writeFloat64Chunk(
      new Uint32Array(f64.buffer, f64.byteOffset, chunk.length * 2),
      col,
      c,
      words,
      width,
      at,
    )
  })
}

/**
 * Order-preserving words of float64 bits: -0 as 0 and every NaN as one NaN after all
 * numbers, so keys follow the cell equality of values.ts.
 */
function writeFloat64Chunk(
  bits: Uint32Array,
  col: Column,
  c: number,
  words: Uint32Array,
  width: number,
  at: number,
): void {
  const n = col.chunks[c]!.length
  const lo = col.starts[c]!
  const bm = col.bitmaps[c]
  const off = col.bitOffsets[c]!
  for (let i = 0; i < n; i++) {
    const o = (lo + i) * width + at
    if (bm) {
      const p = off + i
      if (((bm[p >> 3]! >> (p & 7)) & 1) === 0) continue
    }
    let hi = bits[2 * i + 1]!
    let lw = bits[2 * i]!
    if ((hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lw) !== 0) {
      hi = 0x7fffffff
      lw = 0xffffffff
    } else if (hi === 0x80000000 && lw === 0) {
      hi = 0
    }
    if (hi & 0x80000000) {
      words[o] = ~hi >>> 0
      words[o + 1] = ~lw >>> 0
    } else {
      words[o] = (hi | 0x80000000) >>> 0
      words[o + 1] = lw
    }
  }
}

function writeWide(
  col: Column,
  words: Uint32Array,
  width: number,
  at: number,
  signed: boolean,
): void {
  const s = col.stride
  col.chunks.forEach((chunk, c) => {
    const src = col.words[c]!
    const lo = col.starts[c]!
    for (let i = 0; i < chunk.length; i++) {
      const o = (lo + i) * width + at
      // Little-endian words, most significant last: emit the most significant first.
      for (let w = 0; w < s; w++) words[o + w] = src[i * s + (s - 1 - w)]! >>> 0
      if (signed) words[o] = (words[o]! ^ 0x80000000) >>> 0
    }
  })
}

function writeBool(col: Column, words: Uint32Array, width: number, at: number): void {
  col.chunks.forEach((chunk, c) => {
    const bits = col.values[c] as Uint8Array
    const lo = col.starts[c]!
    for (let i = 0, p = chunk.offset; i < chunk.length; i++, p++)
      words[(lo + i) * width + at] = (bits[p >> 3]! >> (p & 7)) & 1
  })
}

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193)
  return h >>> 0
}

function bytesEqual(
  x: Uint8Array,
  xs: number,
  xe: number,
  y: Uint8Array,
  ys: number,
  ye: number,
): boolean {
  const len = xe - xs
  if (len !== ye - ys) return false
  for (let i = 0; i < len; i++) if (x[xs + i] !== y[ys + i]) return false
  return true
}

function compareBytes(
  x: Uint8Array,
  xs: number,
  xe: number,
  y: Uint8Array,
  ys: number,
  ye: number,
): number {
  const len = Math.min(xe - xs, ye - ys)
  for (let i = 0; i < len; i++) {
    const d = x[xs + i]! - y[ys + i]!
    if (d !== 0) return d
  }
  return xe - xs - (ye - ys)
}

/** Above this many distinct strings, ids stay in first-seen order (the hash join needs no order). */
const MAX_RANKED_STRINGS = 1 << 17

/** Distinct byte strings of several columns, hashed on their bytes (never decoded). */
class ByteDictionary {
  private capacity = 1024
  private slots = new Int32Array(1024).fill(-1)
  /** Per entry: the bytes array holding it, and where. */
  readonly source: Uint8Array[] = []
  starts = new Int32Array(256)
  ends = new Int32Array(256)
  private hashes = new Uint32Array(256)
  size = 0

  id(bytes: Uint8Array, s: number, e: number): number {
    const h = hashBytes(bytes, s, e)
    const mask = this.capacity - 1
    let slot = h & mask
    for (;;) {
      const candidate = this.slots[slot]!
      if (candidate === -1) break
      if (
        this.hashes[candidate] === h &&
        bytesEqual(
          bytes,
          s,
          e,
          this.source[candidate]!,
          this.starts[candidate]!,
          this.ends[candidate]!,
        )
      ) {
        return candidate
      }
      slot = (slot + 1) & mask
    }
    if (this.size === this.starts.length) this.grow()
    const id = this.size++
    this.source.push(bytes)
    this.starts[id] = s
    this.ends[id] = e
    this.hashes[id] = h
    this.slots[slot] = id
    if (this.size * 2 > this.capacity) this.rehash()
    return id
  }

  /** Rank of each id in byte order, or null when there are too many to sort cheaply. */
  ranks(): Int32Array | null {
    if (this.size > MAX_RANKED_STRINGS) return null
    const order = new Int32Array(this.size)
    for (let i = 0; i < this.size; i++) order[i] = i
    order.sort((x, y) =>
      compareBytes(
        this.source[x]!,
        this.starts[x]!,
        this.ends[x]!,
        this.source[y]!,
        this.starts[y]!,
        this.ends[y]!,
      ),
    )
    const rank = new Int32Array(this.size)
    for (let i = 0; i < this.size; i++) rank[order[i]!] = i
    return rank
  }

  private grow(): void {
    const size = this.starts.length * 2
    this.starts = grown(this.starts, size)
    this.ends = grown(this.ends, size)
    this.hashes = grown(this.hashes, size)
  }

  private rehash(): void {
    this.capacity *= 2
    const mask = this.capacity - 1
    this.slots = new Int32Array(this.capacity).fill(-1)
    for (let id = 0; id < this.size; id++) {
      let s = this.hashes[id]! & mask
      while (this.slots[s] !== -1) s = (s + 1) & mask
      this.slots[s] = id
    }
  }
}

function writeTextRanks(cols: Column[], out: KeyWords[], width: number, at: number): void {
  const dict = new ByteDictionary()
  cols.forEach((col, ti) => {
    const words = out[ti]!.words
    for (let c = 0; c < col.chunks.length; c++) writeTextChunk(col, c, dict, words, width, at)
  })
  const rank = dict.ranks()
  if (rank === null || rank.every((r, id) => r === id)) return
  for (const kw of out) {
    const words = kw.words
    for (let r = 0; r < kw.rows; r++) {
      const o = r * width + at
      words[o] = rank[words[o]!]!
    }
  }
}

function writeTextChunk(
  col: Column,
  c: number,
  dict: ByteDictionary,
  words: Uint32Array,
  width: number,
  at: number,
): void {
  const n = col.chunks[c]!.length
  const bytes = col.bytes[c]!
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const offsets = col.offsets[c]!
  const bm = col.bitmaps[c]
  const off = col.bitOffsets[c]!
  const lo = col.starts[c]!
  let prevStart = -1
  let prevLen = -1
  let prevId = -1
  for (let i = 0; i < n; i++) {
    if (bm) {
      const p = off + i
      if (((bm[p >> 3]! >> (p & 7)) & 1) === 0) continue
    }
    const s = offsets[i]!
    const len = offsets[i + 1]! - s
    // Borelog keys repeat the hole id on every interval: reuse the previous row's id,
    // comparing four bytes at a time.
    let same = prevId >= 0 && len === prevLen
    if (same) {
      let j = 0
      for (; j + 4 <= len; j += 4) {
        if (view.getInt32(s + j) !== view.getInt32(prevStart + j)) {
          same = false
          break
        }
      }
      for (; same && j < len; j++) if (bytes[s + j] !== bytes[prevStart + j]) same = false
    }
    if (!same) {
      prevId = dict.id(bytes, s, s + len)
      prevStart = s
      prevLen = len
    }
    words[(lo + i) * width + at] = prevId
  }
}

/** Keys of types without a kernel: canonical JSON text, ranked. Slow, and rare. */
function writeGenericRanks(cols: Column[], out: KeyWords[], width: number, at: number): void {
  const texts = cols.map((col) => {
    const t: string[] = new Array<string>(col.length)
    for (let r = 0; r < col.length; r++) t[r] = canonicalText(cellValue(col, r))
    return t
  })
  const distinct = [...new Set(texts.flat())].sort()
  const rank = new Map(distinct.map((t, i) => [t, i]))
  texts.forEach((t, ti) => {
    const words = out[ti]!.words
    for (let r = 0; r < t.length; r++) words[r * width + at] = rank.get(t[r]!)!
  })
}

function canonicalText(x: unknown): string {
  // Numbers follow the cell rules (-0 is 0, one NaN), and an int64 1 meets a float 1.
  if (typeof x === 'bigint') return `n:${x.toString()}`
  if (typeof x === 'number') return Number.isNaN(x) ? 'n:NaN' : `n:${String(x === 0 ? 0 : x)}`
  return `j:${JSON.stringify(jsonValue(x))}`
}

export function compareKeys(a: KeyWords, i: number, b: KeyWords, j: number): number {
  const w = a.width
  const x = a.words
  const y = b.words
  for (let k = 0, p = i * w, q = j * w; k < w; k++, p++, q++) {
    const d = x[p]! - y[q]!
    if (d !== 0) return d
  }
  return 0
}

function checkOrder(kw: KeyWords): void {
  const { words, width, rows } = kw
  let strict = true
  for (let i = 1; i < rows; i++) {
    let c = 0
    for (let k = 0, p = (i - 1) * width, q = i * width; k < width; k++, p++, q++) {
      const d = words[p]! - words[q]!
      if (d !== 0) {
        c = d
        break
      }
    }
    if (c > 0) {
      kw.sorted = false
      kw.strict = false
      return
    }
    if (c === 0) strict = false
  }
  kw.sorted = true
  kw.strict = strict
}

/** Rows sharing one key in a or b: reported, never paired: which row of a belongs to which of b is unknowable. */
interface DuplicateGroup {
  rowsA: number[]
  rowsB: number[]
}

/** Both tables aligned: row k is (alignedA[k], alignedB[k]), -1 where a side has no row. */
export interface Alignment {
  alignedA: Int32Array
  alignedB: Int32Array
  duplicates: DuplicateGroup[]
  /** Row a or b of a duplicate group (these rows are shown as removed/added, flagged). */
  duplicateRowsA: Set<number>
  duplicateRowsB: Set<number>
}

export function alignByPosition(rowsA: number, rowsB: number): Alignment {
  const n = Math.max(rowsA, rowsB)
  const alignedA = new Int32Array(n)
  const alignedB = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    alignedA[i] = i < rowsA ? i : -1
    alignedB[i] = i < rowsB ? i : -1
  }
  return {
    alignedA,
    alignedB,
    duplicates: [],
    duplicateRowsA: new Set(),
    duplicateRowsB: new Set(),
  }
}

/** Align two tables by key: sorted inputs by a linear merge, others by a hash join. */
export function alignByKey(ka: KeyWords, kb: KeyWords): Alignment {
  return ka.sorted && kb.sorted ? mergeJoin(ka, kb) : hashJoin(ka, kb)
}

function runLength(kw: KeyWords, i: number): number {
  let j = i + 1
  while (j < kw.rows && compareKeys(kw, i, kw, j) === 0) j++
  return j - i
}

function mergeJoin(ka: KeyWords, kb: KeyWords): Alignment {
  const nA = ka.rows
  const nB = kb.rows
  const alignedA = new Int32Array(nA + nB)
  const alignedB = new Int32Array(nA + nB)
  const duplicates: DuplicateGroup[] = []
  const duplicateRowsA = new Set<number>()
  const duplicateRowsB = new Set<number>()
  let n = 0
  let i = 0
  let j = 0
  const w = ka.width
  const x = ka.words
  const y = kb.words
  while (i < nA || j < nB) {
    let c: number
    if (i >= nA) c = 1
    else if (j >= nB) c = -1
    else {
      c = 0
      for (let k = 0, p = i * w, q = j * w; k < w; k++, p++, q++) {
        const d = x[p]! - y[q]!
        if (d !== 0) {
          c = d
          break
        }
      }
    }
    const runA = c > 0 ? 0 : ka.strict ? 1 : runLength(ka, i)
    const runB = c < 0 ? 0 : kb.strict ? 1 : runLength(kb, j)
    if (runA === 1 && runB === 1) {
      alignedA[n] = i++
      alignedB[n++] = j++
      continue
    }
    if (runA > 1 || runB > 1) {
      const group: DuplicateGroup = { rowsA: [], rowsB: [] }
      for (let r = 0; r < runA; r++) group.rowsA.push(i + r)
      for (let r = 0; r < runB; r++) group.rowsB.push(j + r)
      duplicates.push(group)
      group.rowsA.forEach((r) => duplicateRowsA.add(r))
      group.rowsB.forEach((r) => duplicateRowsB.add(r))
    }
    for (let r = 0; r < runA; r++) {
      alignedA[n] = i++
      alignedB[n++] = -1
    }
    for (let r = 0; r < runB; r++) {
      alignedA[n] = -1
      alignedB[n++] = j++
    }
  }
  return {
    alignedA: alignedA.subarray(0, n),
    alignedB: alignedB.subarray(0, n),
    duplicates,
    duplicateRowsA,
    duplicateRowsB,
  }
}

function hashRow(kw: KeyWords, r: number): number {
  let h = 0x9747b28c
  for (let k = 0, p = r * kw.width; k < kw.width; k++, p++) {
    h = Math.imul(h ^ kw.words[p]!, 0x5bd1e995)
    h ^= h >>> 15
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** One side of a hash join: per distinct key its first row and row count, per row its key. */
interface JoinSide {
  kw: KeyWords
  first: Int32Array
  count: Int32Array
  keyOf: Int32Array
}

function joinSide(kw: KeyWords, distinctKeys: number): JoinSide {
  return {
    kw,
    first: new Int32Array(distinctKeys).fill(-1),
    count: new Int32Array(distinctKeys),
    keyOf: new Int32Array(kw.rows),
  }
}

function hashJoin(ka: KeyWords, kb: KeyWords): Alignment {
  const nA = ka.rows
  const nB = kb.rows
  let capacity = 16
  while (capacity < (nA + nB) * 2) capacity *= 2
  const slots = new Int32Array(capacity).fill(-1)
  const a = joinSide(ka, nA + nB)
  const b = joinSide(kb, nA + nB)
  let keys = 0
  const insert = (kw: KeyWords, r: number): number => {
    let slot = hashRow(kw, r) & (capacity - 1)
    for (;;) {
      const key = slots[slot]!
      if (key === -1) {
        slots[slot] = keys
        return keys++
      }
      // A distinct key's representative row: its first row in a, else in b.
      const repA = a.first[key]!
      const equal =
        repA >= 0 ? compareKeys(ka, repA, kw, r) === 0 : compareKeys(kb, b.first[key]!, kw, r) === 0
      if (equal) return key
      slot = (slot + 1) & (capacity - 1)
    }
  }
  addRows(a, insert)
  addRows(b, insert)
  const groups = new Map<number, DuplicateGroup>()
  const matchA = matchSide(a, b, groups, 'rowsA')
  const matchB = matchSide(b, a, groups, 'rowsB')
  return alignInOrderOfB(
    matchA.match,
    matchB.match,
    [...groups.values()],
    matchA.duplicateRows,
    matchB.duplicateRows,
  )
}

function addRows(side: JoinSide, insert: (kw: KeyWords, r: number) => number): void {
  const { kw, first, count, keyOf } = side
  for (let r = 0; r < kw.rows; r++) {
    const key = insert(kw, r)
    if (first[key] === -1) first[key] = r
    count[key]!++
    keyOf[r] = key
  }
}

/** Partner of each row of `own` in `other` (-1: none); rows of keys found twice go to groups. */
function matchSide(
  own: JoinSide,
  other: JoinSide,
  groups: Map<number, DuplicateGroup>,
  rowsOf: keyof DuplicateGroup,
): { match: Int32Array; duplicateRows: Set<number> } {
  const match = new Int32Array(own.kw.rows).fill(-1)
  const duplicateRows = new Set<number>()
  for (let r = 0; r < own.kw.rows; r++) {
    const key = own.keyOf[r]!
    if (own.count[key]! === 1 && other.count[key]! === 1) match[r] = other.first[key]!
    else if (own.count[key]! > 1 || other.count[key]! > 1) {
      const g = groups.get(key) ?? { rowsA: [], rowsB: [] }
      g[rowsOf].push(r)
      groups.set(key, g)
      duplicateRows.add(r)
    }
  }
  return { match, duplicateRows }
}

/**
 * Rows in b's order; each row of a without a partner goes right after the partner of the
 * nearest earlier row of a that has one, so a removed row shows where it used to be.
 */
function alignInOrderOfB(
  matchOfA: Int32Array,
  matchOfB: Int32Array,
  duplicates: DuplicateGroup[],
  duplicateRowsA: Set<number>,
  duplicateRowsB: Set<number>,
): Alignment {
  const nA = matchOfA.length
  const nB = matchOfB.length
  // anchor + 1 per unmatched row of a (0 = before every row of b)
  const perAnchor = new Int32Array(nB + 2)
  const anchorOf = new Int32Array(nA)
  let anchor = -1
  let unmatched = 0
  for (let r = 0; r < nA; r++) {
    const m = matchOfA[r]!
    if (m >= 0) {
      anchor = m
      anchorOf[r] = -2
    } else {
      anchorOf[r] = anchor
      perAnchor[anchor + 2]!++
      unmatched++
    }
  }
  for (let k = 1; k < perAnchor.length; k++) perAnchor[k]! += perAnchor[k - 1]!
  const byAnchor = new Int32Array(unmatched)
  const fill = perAnchor.slice()
  for (let r = 0; r < nA; r++) if (anchorOf[r] !== -2) byAnchor[fill[anchorOf[r]! + 1]!++] = r
  const n = nB + unmatched
  const alignedA = new Int32Array(n)
  const alignedB = new Int32Array(n)
  let k = 0
  const emitRemoved = (anchorPlusOne: number): void => {
    for (let p = perAnchor[anchorPlusOne]!; p < perAnchor[anchorPlusOne + 1]!; p++) {
      alignedA[k] = byAnchor[p]!
      alignedB[k++] = -1
    }
  }
  emitRemoved(0)
  for (let j = 0; j < nB; j++) {
    alignedA[k] = matchOfB[j]!
    alignedB[k++] = j
    emitRemoved(j + 1)
  }
  return { alignedA, alignedB, duplicates, duplicateRowsA, duplicateRowsB }
}
