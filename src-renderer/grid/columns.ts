// The grid kit's column model: @tanstack/react-table owns the columns, their widths and
// (where a grid sorts) the sort state. No grid hands rows to the table: rows are drawn
// from a page cache by the virtual scroller, and a sort is done by main over the whole
// table (manualSorting), so the table model never holds a million rows.
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type SortingState,
} from '@tanstack/react-table'
import { useMemo } from 'react'

export type { SortingState } from '@tanstack/react-table'

export interface GridColumn<C> {
  info: C
  widthPx: number
  sorted: false | 'asc' | 'desc'
  /** Click handler cycling the sort: ascending, descending, none. */
  toggleSort: ((event: unknown) => void) | undefined
}

export interface GridSorting {
  sorting: SortingState
  onSortingChange: OnChangeFn<SortingState>
}

const NO_ROWS: never[] = []
const NO_SORTING: SortingState = []
const IGNORE_SORTING: OnChangeFn<SortingState> = () => {}

/** The columns as laid out (and, given `sort`, as sorted); widthPx must be stable between renders. */
export function useGridColumns<C extends { name: string }>(
  columns: readonly C[],
  widthPx: (column: C) => number,
  sort?: GridSorting,
): Array<GridColumn<C>> {
  const columnDefs = useMemo<Array<ColumnDef<never>>>(
    () =>
      columns.map((c) => ({
        id: c.name,
        header: c.name,
        // An accessor makes the column sortable; the table has no rows to read.
        accessorFn: () => null,
        size: widthPx(c),
        sortDescFirst: false,
        meta: c,
      })),
    [columns, widthPx],
  )
  // The table's state changes with every sort: the grids using it are not memoised by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable<never>({
    data: NO_ROWS,
    columns: columnDefs,
    state: { sorting: sort?.sorting ?? NO_SORTING },
    onSortingChange: sort?.onSortingChange ?? IGNORE_SORTING,
    enableSorting: sort !== undefined,
    manualSorting: true,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
  })
  const headers = table.getHeaderGroups()[0]?.headers ?? []
  return headers.map((header) => ({
    info: header.column.columnDef.meta as C,
    widthPx: header.getSize(),
    sorted: header.column.getIsSorted(),
    toggleSort: header.column.getToggleSortingHandler(),
  }))
}
