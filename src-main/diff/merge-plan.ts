// What every step of a three-way merge shares: the side numbers, and the plan the steps
// fill in. The plan names each output cell by the table and row it comes from (only a
// resolution gives a value), so the merged table is gathered once, when every conflict
// has an answer.
import type { Field, Table } from 'apache-arrow'

import type { Column } from './columns'

export const BASE = 0
export const OURS = 1
export const THEIRS = 2
export const LITERAL = 3

export type Side = typeof OURS | typeof THEIRS
export type ColumnMode = 'merge' | 'ours' | 'theirs' | 'drop'
export type Columns = [Map<string, Column>, Map<string, Column>, Map<string, Column>]

export interface PlannedColumn {
  name: string
  mode: ColumnMode
  /** Fields on each side (null where the column is absent). */
  fields: [Field | null, Field | null, Field | null]
  /** Cells not taken from the candidate row's default side: candidate row -> [source, row]. */
  overrides: Map<number, [number, number]>
  schemaConflict: string | null
}

export interface MergePlan {
  tables: [Table, Table, Table]
  /** Candidate output rows: the row of base / ours / theirs each comes from (-1: none). */
  rowBase: Int32Array
  rowOurs: Int32Array
  rowTheirs: Int32Array
  columns: PlannedColumn[]
  cellConflicts: Map<string, { column: number; row: number }>
  /** delete_edit conflict id -> candidate row, and the side that deleted it. */
  rowConflicts: Map<string, { row: number; deletedBy: Side }>
  schemaConflicts: Map<string, number>
}
