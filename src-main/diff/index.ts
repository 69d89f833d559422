// Diff and merge of table versions (see docs/ARCHITECTURE.md, "Diff and merge"). Owns: the keyed row and cell
// diff of two Arrow tables (by position when there is no key, and it says so), schema,
// header and key-value metadata diffs, the depth-aware reading of borelog diffs (layers
// split, merged, boundaries moved), paging and "jump to next change" over a diff of any
// size, diffs straight from two Parquet files (first page early), applying a diff, and the
// three-way merge with typed conflicts and their resolution. Guarantees: one equality for
// every cell (values.ts: NaN = NaN, -0 = 0, exact floats, bytes for strings, so a Parquet
// round trip changes nothing); duplicate keys are reported, never paired; a merge with
// conflicts yields no table until each conflict is resolved.
export { diffTables, DiffResult } from './table-diff'
export { applyDiff } from './apply'
export { mergeTables, resolveConflicts, MergeResult } from './merge'
export { valuesEqual, jsonValue } from './values'
export { diffParquet, firstChangesFromParquet, type FirstChanges } from './parquet-diff'
// Readers moved to the parquet layer; re-exported until the decode pool imports them there.
export {
  diffJson,
  diffRowJson,
  diffSummaryJson,
  renderDiffText,
  type DiffSummaryJson,
} from './render'
export type { ComparedColumn } from './schema-diff'
export type {
  CellChange,
  Conflict,
  ConflictKind,
  DepthColumns,
  DepthEvent,
  DepthInterval,
  DiffOptions,
  DiffRow,
  DiffSummary,
  DuplicateKey,
  MapChange,
  MergeOptions,
  Resolution,
  RowChange,
  SchemaChange,
  StringMap,
} from './types'
