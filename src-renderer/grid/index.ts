// The grid kit: one virtualised grid (the capped scroller for a million rows, the
// react-table column model, the header, spacer and row shell, cell and finding marks)
// that the version grid, the draft editor and the diff are built on.
export { useBigVirtualizer, RowsWindow, type BigVirtualizer, type VirtualRow } from './big-scroll'
export { useGridColumns, type GridColumn, type GridSorting, type SortingState } from './columns'
export { findingsAt, findingsTitle, severityOf, useFindingsByRow, type Severity } from './findings'
export {
  ColumnLabel,
  columnTypeText,
  GridRow,
  GridScroller,
  RowNumberHead,
  type GridRowProps,
  type GridScrollerProps,
} from './Grid'
export {
  cellClass,
  classes,
  GRID_HEADER_PX,
  GRID_ROW_HEIGHT_PX,
  gridLayout,
  type GridLayout,
} from './layout'
export { useGridRows, type GridRows } from './use-grid-rows'
