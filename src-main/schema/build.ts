// Building Arrow column data directly from typed arrays. Conversions, CSV import and
// the benchmark generator make millions of cells; Arrow's per-value builders cost
// several times more than filling a typed array once and wrapping it.
import type { Field } from 'apache-arrow'
import {
  type DataType,
  Data,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Type,
  type Utf8,
  makeBuilder,
  makeData,
} from 'apache-arrow'

/** A validity bitmap (bit i = row i present) from per-row flags; null when nothing is null. */
export function bitmapFromValid(
  valid: Uint8Array | null,
  length: number,
): { bitmap: Uint8Array | null; nullCount: number } {
  if (!valid) return { bitmap: null, nullCount: 0 }
  const bitmap = new Uint8Array((length + 7) >> 3)
  let nullCount = 0
  for (let i = 0; i < length; i++) {
    if (valid[i]) bitmap[i >> 3]! |= 1 << (i & 7)
    else nullCount++
  }
  return nullCount === 0 ? { bitmap: null, nullCount: 0 } : { bitmap, nullCount }
}

/** Fixed-width column data (ints, floats, dates, timestamps) from a filled typed array. */
export function fixedWidthData(
  type: DataType,
  values: ArrayBufferView,
  valid: Uint8Array | null,
  length: number,
): Data {
  const { bitmap, nullCount } = bitmapFromValid(valid, length)
  return new Data(type, 0, length, nullCount, [
    undefined,
    values as never,
    bitmap ?? new Uint8Array(0),
  ])
}

/** Appends strings as UTF-8 into one growing buffer: one encodeInto per value, no builder. */
export class Utf8Writer {
  private bytes: Uint8Array
  private readonly offsets: Int32Array
  private readonly valid: Uint8Array
  private row = 0
  private end = 0
  private hasNull = false
  private readonly encoder = new TextEncoder()

  constructor(length: number, bytesHint = length * 16) {
    this.bytes = new Uint8Array(Math.max(64, bytesHint))
    this.offsets = new Int32Array(length + 1)
    this.valid = new Uint8Array(length)
  }

  private ensure(extra: number): void {
    if (this.end + extra <= this.bytes.length) return
    let size = this.bytes.length * 2
    while (size < this.end + extra) size *= 2
    const next = new Uint8Array(size)
    next.set(this.bytes.subarray(0, this.end))
    this.bytes = next
  }

  push(value: string | null | undefined): void {
    if (value === null || value === undefined) {
      this.pushNull()
      return
    }
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    this.ensure(value.length * 3)
    this.end += this.encoder.encodeInto(value, this.bytes.subarray(this.end)).written
    this.valid[this.row] = 1
    this.offsets[++this.row] = this.end
  }

  /** Appends already-encoded UTF-8 (the generator's vocabulary). */
  pushBytes(utf8: Uint8Array): void {
    this.ensure(utf8.length)
    this.bytes.set(utf8, this.end)
    this.end += utf8.length
    this.valid[this.row] = 1
    this.offsets[++this.row] = this.end
  }

  pushNull(): void {
    this.hasNull = true
    this.offsets[++this.row] = this.end
  }

  finish(type: Utf8): Data<Utf8> {
    const { bitmap, nullCount } = bitmapFromValid(this.hasNull ? this.valid : null, this.row)
    return makeData({
      type,
      length: this.row,
      nullCount,
      nullBitmap: bitmap ?? undefined,
      valueOffsets: this.offsets.subarray(0, this.row + 1),
      data: this.bytes.subarray(0, this.end),
    })
  }
}

/** An all-null column of `type`, with full-length buffers so any Parquet/IPC writer accepts it. */
export function nullData(type: DataType, length: number): Data {
  const nullBitmap = new Uint8Array((length + 7) >> 3)
  switch (type.typeId) {
    case Type.Null:
      return makeData({ type, length } as never)
    case Type.Utf8:
    case Type.Binary:
      return new Data(type, 0, length, length, [
        new Int32Array(length + 1),
        new Uint8Array(0),
        nullBitmap,
      ])
    case Type.LargeUtf8:
    case Type.LargeBinary:
      return new Data(type, 0, length, length, [
        new BigInt64Array(length + 1),
        new Uint8Array(0),
        nullBitmap,
      ])
    case Type.Bool:
      return new Data(type, 0, length, length, [
        undefined,
        new Uint8Array((length + 7) >> 3),
        nullBitmap,
      ])
    case Type.Int:
    case Type.Float:
    case Type.Date:
    case Type.Timestamp:
    case Type.Time:
    case Type.Duration:
    case Type.Decimal: {
      const ArrayType = type.ArrayType as unknown as new (n: number) => ArrayBufferView
      // Decimals are stored as 32-bit words, bitWidth / 32 per value; the rest one element per value.
      const stride =
        type.typeId === Type.Decimal ? (type as unknown as { bitWidth: number }).bitWidth / 32 : 1
      return new Data(type, 0, length, length, [
        undefined,
        new ArrayType(length * stride) as never,
        nullBitmap,
      ])
    }
    default: {
      const builder = makeBuilder({ type, nullValues: [null, undefined] })
      for (let i = 0; i < length; i++) builder.append(null)
      return builder.finish().flush()
    }
  }
}

/** One record batch from aligned column data (all of the same length). */
export function tableFromData(fields: Field[], columns: Data[], length: number): Table {
  const schema = new Schema(fields)
  const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children: columns })
  return new Table(schema, new RecordBatch(schema, struct))
}
