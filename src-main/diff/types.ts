// The shapes the diff and merge hand out. Summary keys are snake_case because
// `borelog-desk diff --summary --json` prints them as they are.

/** Header properties or Parquet key-value metadata of one version. */
export type StringMap = ReadonlyMap<string, string> | Readonly<Record<string, string>>

/** Borelog interval columns: the depth-aware diff relates intervals of one hole by overlap. */
export interface DepthColumns {
  holeColumn: string
  topColumn: string
  baseColumn: string
}

export interface DiffOptions {
  /** Columns that identify a row; none (or empty) matches rows by position. */
  keyColumns?: readonly string[]
  depthAware?: DepthColumns
  /** Header properties of the two versions (borelog header: project, easting, ...). */
  headers?: { a: StringMap; b: StringMap }
  /** Parquet key-value metadata of the two version files. */
  metadata?: { a: StringMap; b: StringMap }
}

export type SchemaChange =
  | { kind: 'column_added'; column: string; type: string }
  | { kind: 'column_removed'; column: string; type: string }
  | { kind: 'column_renamed'; from: string; to: string; type: string }
  | { kind: 'type_changed'; column: string; from: string; to: string }
  | { kind: 'nullability_changed'; column: string; from: boolean; to: boolean }
  | { kind: 'columns_reordered'; from: string[]; to: string[] }

export interface MapChange {
  key: string
  change: 'added' | 'removed' | 'changed'
  old: string | null
  new: string | null
}

export interface DiffSummary {
  added: number
  removed: number
  changed: number
  unchanged: number
  changed_cells: number
  schema_changes: SchemaChange[]
  /** Changed cells per compared column (named as in b). */
  perColumn: Record<string, number>
  /** Keys that occur more than once in a or b; their rows count as removed/added. */
  duplicate_keys: number
}

export type RowChange = 'added' | 'removed' | 'changed' | 'unchanged'

export interface CellChange {
  column: string
  old: unknown
  new: unknown
}

/** One row of the aligned diff, materialised on demand (page, rows, row). */
export interface DiffRow {
  /** Index in the aligned diff (0 .. rowCount-1): the row number of the diff view. */
  row: number
  change: RowChange
  rowA: number | null
  rowB: number | null
  /** Key column values (from b, or from a for a removed row); empty when matched by position. */
  key: Record<string, unknown>
  /** Changed cells of a changed row, in b's column order. */
  cells: CellChange[]
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  /** The row's key occurs more than once in a or b, so it was not paired. */
  duplicateKey: boolean
}

export interface DuplicateKey {
  key: Record<string, unknown>
  rowsA: number[]
  rowsB: number[]
}

export interface DepthInterval {
  /** Row in its table (a for `from`, b for `to`). */
  row: number
  /** Row of the aligned diff, for "jump to". */
  diffRow: number
  topM: number
  baseM: number
}

/**
 * How intervals of one hole relate across versions, by depth overlap:
 * boundary_moved 1 -> 1 (top and/or base changed), split 1 -> n, merged n -> 1, and
 * rearranged n -> m when several boundaries moved at once and no simpler reading fits.
 */
export interface DepthEvent {
  kind: 'boundary_moved' | 'split' | 'merged' | 'rearranged'
  hole: string
  from: DepthInterval[]
  to: DepthInterval[]
}

export type ConflictKind =
  /** Both sides changed one cell to different values. */
  | 'cell'
  /** Both sides added a row with this key, and this cell differs. */
  | 'add_add'
  /** One side deleted the row, the other edited it. */
  | 'delete_edit'
  /** Incompatible column changes (types, removed while edited). */
  | 'schema'

export interface Conflict {
  /** Stable within one merge result; the key of `resolveConflicts`' resolutions. */
  id: string
  kind: ConflictKind
  /** Key column values of the row; null for a schema conflict. */
  key: Record<string, unknown> | null
  /** The column, or null for a whole-row (delete/edit) conflict. */
  column: string | null
  base: unknown
  ours: unknown
  theirs: unknown
  /** Rows in each table, where the row exists there. */
  rows: { base: number | null; ours: number | null; theirs: number | null }
  /** For delete_edit: the side that deleted the row. */
  deletedBy?: 'ours' | 'theirs'
  message: string
}

export type Resolution = 'ours' | 'theirs' | { value: unknown }

export interface MergeOptions {
  keyColumns: readonly string[]
}
