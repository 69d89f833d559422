// conformTable: a table in its registered shape before it is written as a version
// Registered columns come first, in registered order and type; compatible
// columns are cast (int64 -> float64, dictionary<utf8> -> utf8, float 3.0 -> int32
// 3); missing optional columns become nulls; extra columns are kept after them. A
// cast that would change a value (3.5 -> int32, text -> float64) is refused with a
// SchemaMismatchError naming the column, the types and, when one value is at fault,
// the row: the store never silently rounds or drops data.
import {
  type Data,
  type DataType,
  Field,
  type Float32,
  type Float64,
  Precision,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Type,
  type Utf8,
  makeData,
  makeVector,
} from 'apache-arrow'

import { SchemaMismatchError } from '../../shared/errors'
import { Utf8Writer, nullData } from './build'
import { internStrings, isNumericType, isStringType } from './columns'
import type { TableDefinition } from './definition'
import { typeToString } from './schema-json'

export type CastKind = 'same' | 'cast' | 'incompatible'

function isIntType(type: DataType): boolean {
  return type.typeId === Type.Int
}

function isFloatType(type: DataType): boolean {
  return type.typeId === Type.Float
}

function isPlainStringTarget(type: DataType): boolean {
  return type.typeId === Type.Utf8
}

/**
 * Whether a column of type `from` can be stored as `to`. 'cast' may still fail on
 * a single value (a fraction into an int column), which conformTable reports.
 */
export function castKind(from: DataType, to: DataType): CastKind {
  if (typeToString(from) === typeToString(to)) return 'same'
  if (from.typeId === Type.Null) return 'cast'
  if (isFloatType(to) && (to as Float64).precision !== Precision.HALF && isNumericType(from))
    return 'cast'
  if (isIntType(to) && isNumericType(from)) return 'cast'
  if (isPlainStringTarget(to) && (isStringType(from) || isNumericType(from))) return 'cast'
  return 'incompatible'
}

interface IntTarget {
  min: number
  max: number
  bits: number
  signed: boolean
}

function intTarget(type: DataType): IntTarget {
  const { bitWidth, isSigned } = type as unknown as { bitWidth: number; isSigned: boolean }
  if (bitWidth === 64) {
    return isSigned
      ? { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, bits: 64, signed: true }
      : { min: 0, max: Number.MAX_SAFE_INTEGER, bits: 64, signed: false }
  }
  return isSigned
    ? { min: -(2 ** (bitWidth - 1)), max: 2 ** (bitWidth - 1) - 1, bits: bitWidth, signed: true }
    : { min: 0, max: 2 ** bitWidth - 1, bits: bitWidth, signed: false }
}

interface CastContext {
  tableName: string
  column: string
  /** Rows before this chunk, so a message can name the row in the whole table. */
  rowBase: number
}

function valueError(
  ctx: CastContext,
  from: DataType,
  to: DataType,
  row: number,
  value: unknown,
  why: string,
): SchemaMismatchError {
  return new SchemaMismatchError(
    `Cannot store column "${ctx.column}" (${typeToString(from)}) as ${typeToString(to)} for table "${ctx.tableName}": ` +
      `row ${ctx.rowBase + row + 1} holds ${String(value)}, ${why}. Fix the value or the column.`,
    {
      column: ctx.column,
      expected: typeToString(to),
      actual: typeToString(from),
      row: ctx.rowBase + row,
      value: String(value),
    },
  )
}

/** Reads a numeric chunk's value i as a JS number or bigint (valid rows only). */
function numericReader(chunk: Data): (i: number) => number | bigint {
  if (chunk.type.typeId === Type.Float && (chunk.type as Float32).precision === Precision.HALF) {
    const v = makeVector(chunk)
    return (i) => v.get(i) as number
  }
  const values = chunk.values as ArrayLike<number | bigint>
  return (i) => values[i]!
}

function isValidAt(chunk: Data, i: number): boolean {
  return chunk.getValid(i)
}

function castToFloat(chunk: Data, to: DataType): Data {
  const n = chunk.length
  const out =
    (to as Float64).precision === Precision.SINGLE ? new Float32Array(n) : new Float64Array(n)
  const src = chunk.values as ArrayLike<number | bigint>
  if (src instanceof BigInt64Array || src instanceof BigUint64Array) {
    for (let i = 0; i < n; i++) out[i] = Number(src[i]!)
  } else if (
    chunk.type.typeId === Type.Float &&
    (chunk.type as Float32).precision === Precision.HALF
  ) {
    const read = numericReader(chunk)
    for (let i = 0; i < n; i++) out[i] = isValidAt(chunk, i) ? Number(read(i)) : 0
  } else {
    out.set((src as Float64Array).subarray(0, n))
  }
  // Same offset and null bitmap as the source: Arrow reads validity at offset + i.
  return makeData({
    type: to,
    offset: chunk.offset,
    length: n,
    nullCount: chunk.nullCount,
    nullBitmap: chunk.nullBitmap,
    data: out,
  } as never)
}

function castToInt(chunk: Data, to: DataType, ctx: CastContext): Data {
  const n = chunk.length
  const target = intTarget(to)
  const ArrayType = to.ArrayType as unknown as new (
    n: number,
  ) => ArrayLike<number | bigint> & { [i: number]: number | bigint }
  const out = new ArrayType(n)
  const read = numericReader(chunk)
  for (let i = 0; i < n; i++) {
    if (!isValidAt(chunk, i)) continue
    const raw = read(i)
    if (typeof raw === 'bigint') {
      const ok =
        target.bits === 64
          ? target.signed || raw >= 0n
          : raw >= BigInt(target.min) && raw <= BigInt(target.max)
      if (!ok)
        throw valueError(
          ctx,
          chunk.type,
          to,
          i,
          raw,
          `which is outside the range of ${typeToString(to)}`,
        )
      out[i] = target.bits === 64 ? raw : Number(raw)
      continue
    }
    if (!Number.isInteger(raw))
      throw valueError(ctx, chunk.type, to, i, raw, 'which is not a whole number')
    if (raw < target.min || raw > target.max) {
      throw valueError(
        ctx,
        chunk.type,
        to,
        i,
        raw,
        `which is outside the range of ${typeToString(to)}`,
      )
    }
    out[i] = target.bits === 64 ? BigInt(raw) : raw
  }
  return makeData({
    type: to,
    offset: chunk.offset,
    length: n,
    nullCount: chunk.nullCount,
    nullBitmap: chunk.nullBitmap,
    data: out,
  } as never)
}

function castToUtf8(chunk: Data, to: DataType): Data {
  const n = chunk.length
  const writer = new Utf8Writer(n)
  if (isStringType(chunk.type)) {
    const { codes, values } = internStrings(makeVector(chunk))
    for (let i = 0; i < n; i++) {
      const code = codes[i]!
      writer.push(code < 0 ? null : values[code])
    }
  } else {
    const read = numericReader(chunk)
    for (let i = 0; i < n; i++) writer.push(isValidAt(chunk, i) ? String(read(i)) : null)
  }
  return writer.finish(to as Utf8)
}

function castChunk(chunk: Data, to: DataType, ctx: CastContext): Data {
  if (chunk.type.typeId === Type.Null) return nullData(to, chunk.length)
  if (isFloatType(to)) return castToFloat(chunk, to)
  if (isIntType(to)) return castToInt(chunk, to, ctx)
  return castToUtf8(chunk, to)
}

interface ColumnPlan {
  field: Field
  /** Index in the input table, or -1 for a missing optional column. */
  index: number
  kind: CastKind
}

function incompatible(
  def: TableDefinition,
  column: string,
  from: DataType,
  to: DataType,
): SchemaMismatchError {
  const hint = isNumericType(to)
    ? 'Convert the column to numbers (look for text or units typed into it)'
    : `Convert the column to ${typeToString(to)}`
  return new SchemaMismatchError(
    `Column "${column}" is ${typeToString(from)}, but table "${def.tableName}" defines it as ${typeToString(to)}. ${hint} and try again.`,
    { column, expected: typeToString(to), actual: typeToString(from) },
  )
}

/**
 * The table in the definition's column order and types, extra columns appended.
 * Throws SchemaMismatchError for a missing required column or a type that cannot be
 * stored without changing values.
 */
export function conformTable(table: Table, def: TableDefinition): Table {
  const inputFields = table.schema.fields
  const plans: ColumnPlan[] = def.schema.fields.map((field) => {
    const index = inputFields.findIndex((f) => f.name === field.name)
    const input = inputFields[index]
    if (!input) {
      if (def.required.includes(field.name)) {
        throw new SchemaMismatchError(
          `Table "${def.tableName}" requires column "${field.name}" (${typeToString(field.type)}), which is missing. ` +
            `Columns present: ${inputFields.map((f) => f.name).join(', ') || 'none'}.`,
          { column: field.name, expected: typeToString(field.type), actual: null },
        )
      }
      return { field, index: -1, kind: 'cast' }
    }
    const kind = castKind(input.type, field.type)
    if (kind === 'incompatible') throw incompatible(def, field.name, input.type, field.type)
    // 'same' keeps the input's type object (dictionary ids must match its data).
    const type = kind === 'same' ? input.type : field.type
    return { field: new Field(field.name, type, true, field.metadata), index, kind }
  })
  const registered = new Set(def.schema.fields.map((f) => f.name))
  inputFields.forEach((f, index) => {
    if (!registered.has(f.name)) plans.push({ field: f, index, kind: 'same' })
  })

  const schema = new Schema(
    plans.map((p) => p.field),
    table.schema.metadata,
  )
  const struct = new Struct(schema.fields)
  let rowBase = 0
  const batches = table.batches.map((batch) => {
    const children = plans.map((plan) => {
      if (plan.index < 0) return nullData(plan.field.type, batch.numRows)
      const chunk = batch.data.children[plan.index]!
      if (plan.kind === 'same') return chunk
      return castChunk(chunk, plan.field.type, {
        tableName: def.tableName,
        column: plan.field.name,
        rowBase,
      })
    })
    const data = makeData({ type: struct, length: batch.numRows, nullCount: 0, children })
    rowBase += batch.numRows
    return new RecordBatch(schema, data)
  })
  return new Table(schema, batches)
}
