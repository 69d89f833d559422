// Column readers for validation and conversion. Validation must handle a
// 1,000,000-row version in well under a second, so rules read whole
// columns as typed arrays instead of calling Vector.get per cell: numbers become a
// Float64Array plus a validity mask; strings become integer codes, interned by
// hashing the UTF-8 bytes, so only each distinct value is ever decoded to a JS string.
// Arrow layout facts relied on (apache-arrow 21): a chunk's value and offset buffers
// are already sliced to the chunk, while its null bitmap is shared and indexed
// from `chunk.offset`.
import { type Data, type DataType, type Vector, Precision, Type, makeVector } from 'apache-arrow'

export interface NumberColumn {
  values: Float64Array
  /** 1 where the row holds a value; null when no row is null. */
  valid: Uint8Array | null
}

export interface StringCodes {
  /** Per row: index into `values`, or -1 for null. */
  codes: Int32Array
  /** Distinct values in order of first appearance. */
  values: string[]
}

export function isNumericType(type: DataType): boolean {
  return type.typeId === Type.Int || type.typeId === Type.Float || type.typeId === Type.Null
}

export function isStringType(type: DataType): boolean {
  switch (type.typeId) {
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
      return true
    case Type.Dictionary:
      return isStringType((type as unknown as { dictionary: DataType }).dictionary)
    default:
      return false
  }
}

/** The chunk's null bitmap when it has nulls, else null (every row valid). */
function nullBitmapOf(chunk: Data): Uint8Array | null {
  return chunk.nullCount > 0 && chunk.nullBitmap && chunk.nullBitmap.length > 0
    ? chunk.nullBitmap
    : null
}

function isValidBit(bitmap: Uint8Array, pos: number): boolean {
  return ((bitmap[pos >> 3]! >> (pos & 7)) & 1) === 1
}

/** Per-row validity of a whole column (1 = value present), or null when no row is null. */
export function readValidity(vector: Vector): Uint8Array | null {
  if (vector.type.typeId === Type.Null)
    return vector.length === 0 ? null : new Uint8Array(vector.length)
  if (vector.nullCount === 0) return null
  const valid = new Uint8Array(vector.length)
  let row = 0
  for (const chunk of vector.data) {
    const bitmap = nullBitmapOf(chunk)
    if (!bitmap) valid.fill(1, row, row + chunk.length)
    else
      for (let i = 0; i < chunk.length; i++)
        valid[row + i] = isValidBit(bitmap, chunk.offset + i) ? 1 : 0
    row += chunk.length
  }
  return valid
}

/** Any Int/Float/Null column as float64 values plus validity. int64 beyond 2^53 loses precision. */
export function readNumbers(vector: Vector): NumberColumn {
  const only = vector.data.length === 1 ? vector.data[0] : undefined
  if (only && only.values instanceof Float64Array) {
    // One float64 chunk: its buffer already is the column; readers never write to it.
    return { values: only.values.subarray(0, only.length), valid: readValidity(vector) }
  }
  const values = new Float64Array(vector.length)
  let row = 0
  for (const chunk of vector.data) {
    const n = chunk.length
    const type = chunk.type
    if (type.typeId === Type.Null) {
      // values stay 0; validity below marks every row null
    } else if (
      type.typeId === Type.Float &&
      (type as unknown as { precision: Precision }).precision === Precision.HALF
    ) {
      // float16 is stored as raw half-precision bits; let Arrow convert them.
      const v = makeVector(chunk)
      for (let i = 0; i < n; i++) values[row + i] = (v.get(i) as number | null) ?? 0
    } else {
      const src = chunk.values as ArrayLike<number | bigint>
      if (src instanceof BigInt64Array || src instanceof BigUint64Array) {
        for (let i = 0; i < n; i++) values[row + i] = Number(src[i]!)
      } else {
        values.set((src as Float64Array).subarray(0, n), row)
      }
    }
    row += n
  }
  return { values, valid: readValidity(vector) }
}

/** FNV-1a over bytes; open addressing on a power-of-two table. */
class ByteInterner {
  private slots = new Int32Array(1024).fill(-1)
  private mask = 1023
  private readonly hashes: number[] = []
  private readonly keys: Uint8Array[] = []
  readonly values: string[] = []
  private readonly decoder = new TextDecoder()

  intern(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193)
    h >>>= 0
    let slot = h & this.mask
    for (;;) {
      const code = this.slots[slot]!
      if (code === -1) break
      if (this.hashes[code] === h && sameBytes(this.keys[code]!, bytes, start, end)) return code
      slot = (slot + 1) & this.mask
    }
    const code = this.values.length
    const key = bytes.slice(start, end)
    this.keys.push(key)
    this.hashes.push(h)
    this.values.push(this.decoder.decode(key))
    this.slots[slot] = code
    if (this.values.length * 2 > this.mask) this.grow()
    return code
  }

  private grow(): void {
    const size = (this.mask + 1) * 2
    this.slots = new Int32Array(size).fill(-1)
    this.mask = size - 1
    for (let code = 0; code < this.hashes.length; code++) {
      let slot = this.hashes[code]! & this.mask
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask
      this.slots[slot] = code
    }
  }
}

function sameBytes(key: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (key.length !== end - start) return false
  for (let i = 0; i < key.length; i++) if (key[i] !== bytes[start + i]) return false
  return true
}

type Offsets = Int32Array | BigInt64Array

function offsetAt(offsets: Offsets, i: number): number {
  return Number(offsets[i]!)
}

/** Codes for one utf8/large-utf8 chunk, written into `codes` from `row`. */
function internUtf8Chunk(
  chunk: Data,
  interner: ByteInterner,
  codes: Int32Array,
  row: number,
): void {
  const bytes = chunk.values as Uint8Array
  const offsets = chunk.valueOffsets as unknown as Offsets
  const bitmap = nullBitmapOf(chunk)
  const n = chunk.length
  let prevStart = -1
  let prevEnd = -1
  let prevCode = -1
  for (let i = 0; i < n; i++) {
    if (bitmap && !isValidBit(bitmap, chunk.offset + i)) {
      codes[row + i] = -1
      continue
    }
    const start = offsetAt(offsets, i)
    const end = offsetAt(offsets, i + 1)
    // Runs of one value (a borehole's hole_id) are the common case: compare with the
    // previous row before hashing.
    if (
      prevCode >= 0 &&
      end - start === prevEnd - prevStart &&
      rangesEqual(bytes, start, prevStart, end - start)
    ) {
      codes[row + i] = prevCode
      continue
    }
    const code = interner.intern(bytes, start, end)
    codes[row + i] = code
    prevStart = start
    prevEnd = end
    prevCode = code
  }
}

function rangesEqual(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false
  return true
}

/** Interned codes of a string column (utf8, large utf8, utf8 view, dictionary of those). */
export function internStrings(vector: Vector): StringCodes {
  const interner = new ByteInterner()
  const codes = new Int32Array(vector.length)
  const encoder = new TextEncoder()
  let row = 0
  for (const chunk of vector.data) {
    const typeId = chunk.type.typeId
    if (typeId === Type.Utf8 || typeId === Type.LargeUtf8) {
      internUtf8Chunk(chunk, interner, codes, row)
    } else if (typeId === Type.Dictionary && chunk.dictionary) {
      const dictionary = internStringsInto(chunk.dictionary, interner, encoder)
      const indices = chunk.values as ArrayLike<number | bigint>
      const bitmap = nullBitmapOf(chunk)
      for (let i = 0; i < chunk.length; i++) {
        codes[row + i] =
          bitmap && !isValidBit(bitmap, chunk.offset + i)
            ? -1
            : (dictionary[Number(indices[i]!)] ?? -1)
      }
    } else {
      const v = makeVector(chunk)
      for (let i = 0; i < chunk.length; i++) {
        const value = v.get(i) as unknown
        if (value === null || value === undefined) codes[row + i] = -1
        else {
          const bytes = encoder.encode(String(value))
          codes[row + i] = interner.intern(bytes, 0, bytes.length)
        }
      }
    }
    row += chunk.length
  }
  return { codes, values: interner.values }
}

function internStringsInto(
  vector: Vector,
  interner: ByteInterner,
  encoder: { encode(text: string): Uint8Array },
): Int32Array {
  const codes = new Int32Array(vector.length)
  let row = 0
  for (const chunk of vector.data) {
    if (chunk.type.typeId === Type.Utf8 || chunk.type.typeId === Type.LargeUtf8) {
      internUtf8Chunk(chunk, interner, codes, row)
    } else {
      const v = makeVector(chunk)
      for (let i = 0; i < chunk.length; i++) {
        const value = v.get(i) as unknown
        const bytes = encoder.encode(value === null || value === undefined ? '' : String(value))
        codes[row + i] =
          value === null || value === undefined ? -1 : interner.intern(bytes, 0, bytes.length)
      }
    }
    row += chunk.length
  }
  return codes
}

function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)
}

/** 1 where the row is null, empty or only whitespace. */
export function readBlankStrings(vector: Vector): Uint8Array {
  const blank = new Uint8Array(vector.length)
  let row = 0
  for (const chunk of vector.data) {
    const typeId = chunk.type.typeId
    const bitmap = nullBitmapOf(chunk)
    if (typeId === Type.Utf8 || typeId === Type.LargeUtf8) {
      const bytes = chunk.values as Uint8Array
      const offsets = chunk.valueOffsets as unknown as Offsets
      for (let i = 0; i < chunk.length; i++) {
        if (bitmap && !isValidBit(bitmap, chunk.offset + i)) {
          blank[row + i] = 1
          continue
        }
        const end = offsetAt(offsets, i + 1)
        let p = offsetAt(offsets, i)
        while (p < end && isAsciiSpace(bytes[p]!)) p++
        blank[row + i] = p === end ? 1 : 0
      }
    } else {
      const v = makeVector(chunk)
      for (let i = 0; i < chunk.length; i++) {
        const value = v.get(i) as unknown
        blank[row + i] =
          value === null || value === undefined || String(value).trim() === '' ? 1 : 0
      }
    }
    row += chunk.length
  }
  return blank
}

/**
 * Any column as comparable float64 codes for key checks: numbers as themselves,
 * strings (and other types, via their text) as interned codes. Equal codes in one
 * column mean equal values.
 */
export function readKeyCodes(vector: Vector, interned?: StringCodes): NumberColumn {
  const type = vector.type
  if (
    isNumericType(type) &&
    !(type.typeId === Type.Int && (type as unknown as { bitWidth: number }).bitWidth === 64)
  ) {
    return readNumbers(vector)
  }
  const { codes } = interned ?? internStrings(vector)
  const values = new Float64Array(codes)
  let valid: Uint8Array | null = null
  for (let i = 0; i < codes.length; i++) {
    if (codes[i]! >= 0) continue
    valid ??= new Uint8Array(codes.length).fill(1)
    valid[i] = 0
  }
  return { values, valid }
}
