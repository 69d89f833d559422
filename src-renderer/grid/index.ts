// The grid kit: one virtualised grid (the capped scroller for a million rows, the
// react-table column model, the header, spacer and row shell, cell and finding marks)
// that the version grid, the draft editor and the diff are built on.
export { useGridColumns, type GridColumn, type SortingState } from './columns'
export { findingsAt, findingsTitle, severityOf, useFindingsByRow } from './findings'
export { ColumnLabel, columnTypeText, GridRow, GridScroller, RowNumberHead } from './Grid'
export {
  cellClass,
  classes,
  GRID_HEADER_PX,
  GRID_ROW_HEIGHT_PX,
  gridLayout,
  type GridLayout,
} from './layout'
export { useGridRows, type GridRows } from './use-grid-rows'
