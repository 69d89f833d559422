// The one description of a column, read from its Arrow field: its unit, what the grid
// calls its kind, what values may be written into it, and whether it holds a depth.
// The grid, draft edits, pasting and import all read these, so a column is never shown
// as metres while feet are stored in it, nor offered for editing where a save would
// refuse the value.
import { type DataType, type Field, Precision, type Schema, Type } from 'apache-arrow'

import type { Cell, ColumnInfo } from '../../shared/ipc/contract'
import { isLengthColumn } from '../../shared/units'

/** The values a column takes; 'other' columns (dates, lists...) are read-only in a draft. */
export type EditKind = 'float' | 'int' | 'int64' | 'text' | 'bool' | 'other'

/** Units from the column name suffix, the borelog schema's convention (depth_top_m, ...). */
const UNIT_SUFFIXES: Array<[RegExp, string]> = [
  [/_mm$/, 'mm'],
  [/_m$/, 'm'],
  [/_kpa$/i, 'kPa'],
  [/_mpa$/i, 'MPa'],
  [/_deg$/, '°'],
  [/_pct$/, '%'],
]

/**
 * A column's unit: its field metadata, else its name's suffix. The one definition both
 * for what the grid shows (ColumnInfo.unit) and for which pasted or imported values
 * convert from feet: the two disagreeing would store feet in a column shown as metres.
 */
export function unitOf(field: Field): string | null {
  const fromMetadata = field.metadata.get('unit')
  if (fromMetadata) return fromMetadata
  for (const [pattern, unit] of UNIT_SUFFIXES) if (pattern.test(field.name)) return unit
  return null
}

/** The grid's kind of a column (how it aligns and formats its cells). */
export function columnKindOf(type: DataType): ColumnInfo['kind'] {
  switch (type.typeId) {
    case Type.Int:
    case Type.Float:
    case Type.Decimal:
      return 'number'
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'text'
    case Type.Bool:
      return 'boolean'
    default:
      return 'other'
  }
}

function isHalfFloat(type: DataType): boolean {
  return (
    type.typeId === Type.Float &&
    (type as unknown as { precision: Precision }).precision === Precision.HALF
  )
}

/** The values an imported column is filled with: any float width takes numbers. */
export function valueKindOf(type: DataType): EditKind {
  switch (type.typeId) {
    case Type.Float:
      return 'float'
    case Type.Int:
      return (type as unknown as { bitWidth: number }).bitWidth === 64 ? 'int64' : 'int'
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'text'
    case Type.Bool:
      return 'bool'
    default:
      return 'other'
  }
}

/**
 * What may be typed into a column in a draft. float16 is read-only there: its cells are
 * raw half-precision bits that the draft's typed-array columns do not convert.
 */
export function editKindOf(type: DataType): EditKind {
  return isHalfFloat(type) ? 'other' : valueKindOf(type)
}

/** The smallest and largest value of an integer type narrower than 64 bits. */
export function intRangeOf(type: DataType): [number, number] {
  const { bitWidth, isSigned } = type as unknown as { bitWidth: number; isSigned: boolean }
  return isSigned ? [-(2 ** (bitWidth - 1)), 2 ** (bitWidth - 1) - 1] : [0, 2 ** bitWidth - 1]
}

/**
 * A depth column: numbers in metres, shown and typed in the user's units (m or ft) and
 * always stored in metres. Only a float column can take a depth converted from feet.
 */
export function isDepthField(field: Field): boolean {
  return (
    valueKindOf(field.type) === 'float' &&
    isLengthColumn({ kind: columnKindOf(field.type), unit: unitOf(field) })
  )
}

/** The columns as the grid is told of them (contract ColumnInfo). */
export function describeColumns(schema: Schema, keyColumns: readonly string[]): ColumnInfo[] {
  return schema.fields.map((field) => ({
    name: field.name,
    type: String(field.type),
    kind: columnKindOf(field.type),
    unit: unitOf(field),
    isKey: keyColumns.includes(field.name),
  }))
}

/**
 * A value as a JSON cell: int64 travels as a decimal string (a JS number would silently
 * round past 2^53); NaN, infinities and missing values are null; dates are ISO text.
 */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (value instanceof Date) return value.toISOString()
  return String(value)
}
