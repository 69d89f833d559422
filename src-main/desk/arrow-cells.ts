// Arrow values to the JSON cells and column descriptions the grid shows. int64
// travels as a decimal string (a JS number would silently round past 2^53); NaN
// and missing values are null; dates are ISO text.
import { DataType, type Field, type Table, type Vector } from 'apache-arrow'

import type { Cell, ColumnInfo } from '../../shared/ipc/contract'

/** Units from the column name suffix, the borelog schema's convention (depth_top_m, ...). */
const UNIT_SUFFIXES: Array<[RegExp, string]> = [
  [/_mm$/, 'mm'],
  [/_m$/, 'm'],
  [/_kpa$/i, 'kPa'],
  [/_mpa$/i, 'MPa'],
  [/_deg$/, '°'],
  [/_pct$/, '%'],
]

function unitOf(field: Field): string | null {
  const fromMetadata = field.metadata.get('unit')
  if (fromMetadata) return fromMetadata
  for (const [pattern, unit] of UNIT_SUFFIXES) if (pattern.test(field.name)) return unit
  return null
}

function kindOf(type: DataType): ColumnInfo['kind'] {
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) return 'number'
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return 'text'
  if (DataType.isBool(type)) return 'boolean'
  return 'other'
}

export function describeColumns(table: Table, keyColumns: readonly string[]): ColumnInfo[] {
  return table.schema.fields.map((field) => ({
    name: field.name,
    type: String(field.type),
    kind: kindOf(field.type),
    unit: unitOf(field),
    isKey: keyColumns.includes(field.name),
  }))
}

export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (value instanceof Date) return value.toISOString()
  return String(value)
}

/** Cells of the given rows (positions in `table`), in column order. */
export function rowsOf(table: Table, rowPositions: ArrayLike<number>): Cell[][] {
  const columns: Vector[] = table.schema.fields.map((_, i) => table.getChildAt(i) as Vector)
  const rows: Cell[][] = []
  for (let r = 0; r < rowPositions.length; r++) {
    const position = rowPositions[r] as number
    rows.push(columns.map((column) => toCell(column.get(position))))
  }
  return rows
}
