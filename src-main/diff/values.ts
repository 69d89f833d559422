// Cell value semantics shared by diff, merge and the renderers. One rule for
// every path (typed kernels and this slow path agree, tests hold them to it):
// - null equals null only;
// - NaN equals NaN (any payload), so a NaN that survives a round trip is no change;
// - -0 equals 0 (SQL and every spreadsheet agree; a depth of -0 m is 0 m), so a writer
//   that normalises the sign of zero creates no false change;
// - no tolerance: floats are equal when they are the same number, and a Parquet round trip
//   is bitwise, so it never creates a change;
// - strings compare by their exact UTF-8 bytes (no Unicode normalisation: NFC vs NFD is
//   a real edit of the file);
// - a bigint and a number are equal when they denote the same integer (a column whose
//   type changed from int64 to float64 keeps its unchanged cells unchanged).
import { Vector } from 'apache-arrow'

function isNullish(x: unknown): x is null | undefined {
  return x === null || x === undefined
}

/** Arrow nested values (List vectors, struct and map rows) as plain arrays and objects. */
export function plainValue(x: unknown): unknown {
  if (x instanceof Vector) return Array.from(x as Iterable<unknown>, plainValue)
  if (x !== null && typeof x === 'object' && !ArrayBuffer.isView(x) && !(x instanceof Date)) {
    if (Array.isArray(x)) return x.map(plainValue)
    const toJSON = (x as { toJSON?: () => unknown }).toJSON
    const obj = typeof toJSON === 'function' ? toJSON.call(x) : x
    if (obj instanceof Map)
      return Object.fromEntries([...obj].map(([k, v]) => [String(k), plainValue(v)]))
    if (obj !== null && typeof obj === 'object') {
      return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, plainValue(v)]))
    }
    return obj
  }
  return x
}

function bytesEqual(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
  return true
}

/** Equality of two cell values under the rules at the top of this file. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (isNullish(a) || isNullish(b)) return isNullish(a) && isNullish(b)
  if (typeof a === 'number' && typeof b === 'number') return a === b || (a !== a && b !== b)
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    if (typeof a === 'bigint' && typeof b === 'bigint') return a === b
    const n = typeof a === 'number' ? a : b
    const big = typeof a === 'bigint' ? a : (b as bigint)
    return typeof n === 'number' && Number.isInteger(n) && BigInt(n) === big
  }
  if (typeof a !== 'object' || typeof b !== 'object') return a === b
  if (a instanceof Date && b instanceof Date) return valuesEqual(a.getTime(), b.getTime())
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) return bytesEqual(a, b)
  const x = plainValue(a)
  const y = plainValue(b)
  if (Array.isArray(x) && Array.isArray(y)) {
    return x.length === y.length && x.every((v, i) => valuesEqual(v, y[i]))
  }
  if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object') {
    if (Array.isArray(x) || Array.isArray(y)) return false
    const kx = Object.keys(x)
    const ky = Object.keys(y)
    return (
      kx.length === ky.length &&
      kx.every(
        (k) =>
          Object.prototype.hasOwnProperty.call(y, k) &&
          valuesEqual((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]),
      )
    )
  }
  return x === y
}

/**
 * A cell as JSON can carry it: NaN and infinities as strings (JSON has no such numbers),
 * bigints as decimal strings (no precision lost), bytes as hex, dates as ISO-8601.
 */
export function jsonValue(x: unknown): unknown {
  if (isNullish(x)) return null
  if (typeof x === 'number') return Number.isFinite(x) ? x : String(x)
  if (typeof x === 'bigint') return x.toString()
  if (x instanceof Date) return x.toISOString()
  if (ArrayBuffer.isView(x)) {
    const bytes = new Uint8Array(x.buffer, x.byteOffset, x.byteLength)
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  }
  const plain = plainValue(x)
  if (Array.isArray(plain)) return plain.map(jsonValue)
  if (plain !== null && typeof plain === 'object') {
    return Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, jsonValue(v)]))
  }
  return plain
}
