// Arrow rows to the JSON cells the grid shows. Columns are described, and values
// turned into cells, by the schema layer's one column description.
import type { Table, Vector } from 'apache-arrow'

import type { Cell, ColumnInfo } from '../../shared/ipc/contract'
import { describeColumns as describeSchemaColumns, toCell } from '../schema/index'

export { toCell }

export function describeColumns(table: Table, keyColumns: readonly string[]): ColumnInfo[] {
  return describeSchemaColumns(table.schema, keyColumns)
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
