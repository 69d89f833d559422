// One draft column: the base version's values flattened once into typed arrays (so a
// row of a 1,000,000-row version is read in O(1) without copying the version per edit),
// the typing rules for what may be written into it (set and paste), and the gather that
// builds a fresh Arrow column from a row order plus overridden cells.
import {
  type Data,
  type DataType,
  type Field,
  Precision,
  Type,
  type Vector,
  makeBuilder,
  makeData,
} from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import type { Cell } from '../../shared/ipc/contract'
import { feetToMetres } from '../../shared/units'
import {
  type EditKind,
  booleanOfWord,
  editKindOf,
  intRangeOf,
  isDepthField,
  toCell,
} from '../schema/index'

/** A cell as a draft holds it: int64 as bigint, everything else as JSON can carry it. */
export type Value = string | number | boolean | bigint | null

export { toCell }

/**
 * A number as the column keeps it: a float32 column cannot hold 0.3, so the draft holds
 * (and the grid shows) the float32 value the saved version will hold.
 */
function asFloat(type: DataType, n: number): number {
  return (type as unknown as { precision: Precision }).precision === Precision.SINGLE
    ? Math.fround(n)
    : n
}

/** Names the cell an edit is about, 1-based as the user sees it. */
function where(row: number, column: string): string {
  return `row ${row + 1}, column ${column}`
}

function refuse(row: number, column: string, why: string): BadInputError {
  return new BadInputError(`Cannot edit ${where(row, column)}: ${why}. Nothing was changed.`, {
    row,
    column,
  })
}

/**
 * The value to store for a typed cell (set edits), or BadInputError naming the cell.
 * Types are never coerced: a string into a number column is refused, not parsed.
 */
export function typedValue(field: Field, row: number, value: Cell): Value {
  const kind = editKindOf(field.type)
  if (kind === 'other')
    throw refuse(row, field.name, `${String(field.type)} cells cannot be edited`)
  if (value === null) return null
  switch (kind) {
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw refuse(row, field.name, `expected a number, got ${JSON.stringify(value)}`)
      return asFloat(field.type, value)
    case 'int': {
      const [min, max] = intRangeOf(field.type)
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        throw refuse(
          row,
          field.name,
          `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
        )
      return value
    }
    case 'int64':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value)
      if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) return BigInt(value)
      throw refuse(row, field.name, `expected a whole number, got ${JSON.stringify(value)}`)
    case 'text':
      if (typeof value !== 'string')
        throw refuse(row, field.name, `expected text, got ${JSON.stringify(value)}`)
      return value
    case 'bool':
      if (typeof value !== 'boolean')
        throw refuse(row, field.name, `expected true or false, got ${JSON.stringify(value)}`)
      return value
  }
}

/**
 * A pasted spreadsheet cell parsed by column type: '' is empty (null), numbers must
 * parse whole, depths (unit 'm') typed in feet are stored in metres.
 */
export function parsedValue(field: Field, row: number, text: string, units: 'm' | 'ft'): Value {
  const kind = editKindOf(field.type)
  if (kind === 'other')
    throw refuse(row, field.name, `${String(field.type)} cells cannot be edited`)
  const trimmed = text.trim()
  if (kind === 'text') return text === '' ? null : text
  if (trimmed === '') return null
  switch (kind) {
    case 'float': {
      const n = Number(trimmed)
      if (!Number.isFinite(n)) throw refuse(row, field.name, `"${text}" is not a number`)
      if (units === 'ft' && isDepthField(field)) {
        return asFloat(field.type, feetToMetres(n))
      }
      return asFloat(field.type, n)
    }
    case 'int': {
      const n = Number(trimmed)
      if (!Number.isInteger(n)) throw refuse(row, field.name, `"${text}" is not a whole number`)
      return typedValue(field, row, n)
    }
    case 'int64':
      return typedValue(field, row, trimmed)
    case 'bool': {
      const value = booleanOfWord(trimmed)
      if (value === null) throw refuse(row, field.name, `"${text}" is not true or false`)
      return value
    }
  }
}

function validityOf(chunk: Data, out: Uint8Array, at: number): boolean {
  const bitmap = chunk.nullCount > 0 ? chunk.nullBitmap : undefined
  if (!bitmap || bitmap.length === 0) {
    out.fill(1, at, at + chunk.length)
    return false
  }
  for (let i = 0; i < chunk.length; i++) {
    const bit = chunk.offset + i
    out[at + i] = (bitmap[bit >> 3]! >> (bit & 7)) & 1
  }
  return true
}

type FixedArray =
  | Float64Array
  | Float32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array

/** A base column readable by row in O(1), and the gather that makes a draft column of it. */
export interface BaseColumn {
  readonly field: Field
  readonly kind: EditKind
  /** The base column as one Arrow chunk: reused as is while no row order or cell changed. */
  readonly data: Data
  get(ref: number): Value
  /** A column of `order` (refs >= 0 base rows; others only from `overrides`), overrides on top. */
  gather(order: Int32Array, overrides: ReadonlyMap<number, Value>): Data
}

function fixedColumn(field: Field, vector: Vector): BaseColumn {
  const n = vector.length
  const ArrayType = field.type.ArrayType as unknown as new (n: number) => FixedArray
  const values = new ArrayType(n)
  const valid = new Uint8Array(n)
  let hasNull = false
  let at = 0
  for (const chunk of vector.data) {
    values.set((chunk.values as FixedArray).subarray(0, chunk.length) as never, at)
    hasNull = validityOf(chunk, valid, at) || hasNull
    at += chunk.length
  }
  const isBig = values instanceof BigInt64Array || values instanceof BigUint64Array
  const build = (out: FixedArray, outValid: Uint8Array | null, length: number): Data =>
    makeData({
      type: field.type,
      length,
      nullCount: outValid ? -1 : 0,
      nullBitmap: outValid ? packBits(outValid) : undefined,
      data: out,
    } as never) as Data
  const data = build(values, hasNull ? valid : null, n)
  return {
    field,
    kind: editKindOf(field.type),
    data,
    get: (ref) => (ref >= 0 && ref < n && valid[ref] ? (values[ref] as number | bigint) : null),
    gather(order, overrides) {
      const length = order.length
      const out = new ArrayType(length)
      const outValid = new Uint8Array(length)
      for (let i = 0; i < length; i++) {
        const ref = order[i]!
        if (ref >= 0 && valid[ref]) {
          out[i] = values[ref]!
          outValid[i] = 1
        }
      }
      if (overrides.size > 0) {
        for (let i = 0; i < length; i++) {
          const ref = order[i]!
          if (!overrides.has(ref)) continue
          const v = overrides.get(ref)!
          if (v === null) {
            outValid[i] = 0
            out[i] = (isBig ? 0n : 0) as never
          } else {
            out[i] = (isBig ? BigInt(v as number | bigint) : Number(v)) as never
            outValid[i] = 1
          }
        }
      }
      return build(out, outValid, length)
    },
  }
}

function packBits(valid: Uint8Array): Uint8Array {
  const bitmap = new Uint8Array((valid.length + 7) >> 3)
  for (let i = 0; i < valid.length; i++) if (valid[i]) bitmap[i >> 3]! |= 1 << (i & 7)
  return bitmap
}

function utf8Column(field: Field, vector: Vector): BaseColumn {
  const n = vector.length
  const isLarge = field.type.typeId === Type.LargeUtf8
  const only = vector.data.length === 1 && !isLarge ? vector.data[0] : undefined
  let bytes: Uint8Array
  let starts: Int32Array | Float64Array
  let valid: Uint8Array
  let data: Data
  if (only) {
    // One utf8 chunk (a version decoded whole): its buffers already are the flat column.
    bytes = only.values as Uint8Array
    starts = only.valueOffsets as Int32Array
    valid = new Uint8Array(n)
    validityOf(only, valid, 0)
    data = only
  } else {
    let byteLength = 0
    for (const chunk of vector.data) {
      const offsets = chunk.valueOffsets as unknown as ArrayLike<number | bigint>
      byteLength += Number(offsets[chunk.length]!) - Number(offsets[0]!)
    }
    bytes = new Uint8Array(byteLength)
    starts = isLarge || byteLength > 0x7fffffff ? new Float64Array(n + 1) : new Int32Array(n + 1)
    valid = new Uint8Array(n)
    let hasNull = false
    let at = 0
    let end = 0
    for (const chunk of vector.data) {
      const offsets = chunk.valueOffsets as unknown as ArrayLike<number | bigint>
      const first = Number(offsets[0]!)
      const last = Number(offsets[chunk.length]!)
      bytes.set((chunk.values as Uint8Array).subarray(first, last), end)
      const shift = end - first
      if (offsets instanceof Int32Array) {
        for (let i = 0; i < chunk.length; i++) starts[at + i] = offsets[i]! + shift
      } else {
        for (let i = 0; i < chunk.length; i++) starts[at + i] = Number(offsets[i]!) + shift
      }
      end += last - first
      hasNull = validityOf(chunk, valid, at) || hasNull
      at += chunk.length
    }
    starts[n] = end
    data = buildUtf8(field.type, bytes, starts, hasNull ? valid : null, n)
  }
  const decoder = new TextDecoder()
  const encoder = new TextEncoder()
  return {
    field,
    kind: editKindOf(field.type),
    data,
    get: (ref) =>
      ref >= 0 && ref < n && valid[ref]
        ? decoder.decode(bytes.subarray(starts[ref]!, starts[ref + 1]!))
        : null,
    gather(order, overrides) {
      const length = order.length
      const hasOverrides = overrides.size > 0
      const encoded = new Map<number, Uint8Array>()
      let size = 0
      for (let i = 0; i < length; i++) {
        const ref = order[i]!
        if (hasOverrides && overrides.has(ref)) {
          const v = overrides.get(ref)
          if (typeof v === 'string') {
            const e = encoder.encode(v)
            encoded.set(ref, e)
            size += e.length
          }
        } else if (ref >= 0 && valid[ref]) size += starts[ref + 1]! - starts[ref]!
      }
      const out = new Uint8Array(size)
      const outOffsets = new Int32Array(length + 1)
      const outValid = new Uint8Array(length)
      let pos = 0
      let i = 0
      while (i < length) {
        const ref = order[i]!
        if (hasOverrides && overrides.has(ref)) {
          const own = encoded.get(ref)
          if (own) {
            out.set(own, pos)
            pos += own.length
            outValid[i] = 1
          }
          outOffsets[++i] = pos
        } else if (ref < 0) {
          outOffsets[++i] = pos
        } else {
          // A run of consecutive base rows (most of a draft) is one byte copy.
          let j = i
          while (
            j + 1 < length &&
            order[j + 1] === order[j]! + 1 &&
            !(hasOverrides && overrides.has(order[j + 1]!))
          )
            j++
          const first = starts[ref]!
          const last = starts[order[j]! + 1]!
          out.set(bytes.subarray(first, last), pos)
          for (let k = i; k <= j; k++) {
            const r = order[k]!
            outValid[k] = valid[r]!
            outOffsets[k + 1] = pos + starts[r + 1]! - first
          }
          pos += last - first
          i = j + 1
        }
      }
      return buildUtf8(field.type, out, outOffsets, outValid, length)
    },
  }
}

function buildUtf8(
  type: DataType,
  bytes: Uint8Array,
  offsets: Int32Array | Float64Array,
  valid: Uint8Array | null,
  length: number,
): Data {
  return makeData({
    type,
    length,
    nullCount: valid ? -1 : 0,
    nullBitmap: valid ? packBits(valid) : undefined,
    valueOffsets:
      type.typeId === Type.LargeUtf8
        ? BigInt64Array.from(offsets, (o) => BigInt(o))
        : offsets instanceof Int32Array
          ? offsets
          : Int32Array.from(offsets),
    data: bytes,
  } as never) as Data
}

/** Booleans, dates, lists...: read through Arrow, rebuilt with Arrow's builder (rare, small). */
function genericColumn(field: Field, vector: Vector): BaseColumn {
  const n = vector.length
  const normalize = (v: unknown): Value => {
    if (v === null || v === undefined) return null
    if (
      typeof v === 'number' ||
      typeof v === 'string' ||
      typeof v === 'boolean' ||
      typeof v === 'bigint'
    )
      return v
    if (v instanceof Date) return v.toISOString()
    return String(v)
  }
  const raw = (ref: number): unknown => (ref >= 0 && ref < n ? vector.get(ref) : null)
  const buildFrom = (length: number, at: (i: number) => unknown): Data => {
    const builder = makeBuilder({ type: field.type, nullValues: [null, undefined] })
    for (let i = 0; i < length; i++) builder.append(at(i) as never)
    return builder.finish().flush() as Data
  }
  const data = vector.data.length === 1 ? vector.data[0]! : buildFrom(n, (i) => vector.get(i))
  return {
    field,
    kind: editKindOf(field.type),
    data,
    get: (ref) => normalize(raw(ref)),
    gather: (order, overrides) =>
      buildFrom(order.length, (i) => {
        const ref = order[i]!
        return overrides.has(ref) ? overrides.get(ref) : raw(ref)
      }),
  }
}

export function baseColumn(field: Field, vector: Vector): BaseColumn {
  switch (field.type.typeId) {
    case Type.Int:
      return fixedColumn(field, vector)
    case Type.Float:
      return editKindOf(field.type) === 'float'
        ? fixedColumn(field, vector)
        : genericColumn(field, vector)
    case Type.Utf8:
    case Type.LargeUtf8:
      return utf8Column(field, vector)
    default:
      return genericColumn(field, vector)
  }
}
