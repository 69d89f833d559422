// The version grid (issue 5): @tanstack/react-table owns the columns and the sort
// state, @tanstack/react-virtual renders only the rows on screen, and the rows come
// from main a page at a time as they scroll into view. Sorting is done by main over
// the whole version (manualSorting): a page of the sorted order is what we fetch.
// Findings are highlighted by their row in the stored version (rowIndexes), so they
// stay on the right cells under any sort.
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table'
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { Cell, ColumnInfo, GridSort, Units } from '../../shared/ipc/contract'
import type { Finding } from '../../shared/metadata'
import { RowsWindow, useBigVirtualizer } from '../grid/big-scroll'
import { formatCount, formatShownCell } from '../format'
import { useIpc } from '../ipc/client'
import { usePagedRows, type FetchPage } from '../paged-rows'
import { useUnits } from '../settings'
import { shownUnit } from '../units'

export const GRID_ROW_HEIGHT_PX = 26
/** The sticky column header's height (styles.css .grid-header). */
const GRID_HEADER_PX = 40
const PAGE_SIZE = 250
const ROW_NUMBER_WIDTH_PX = 78
/** Rows are drawn from the page cache by the virtualizer; the table model owns columns and sort only. */
const NO_ROWS: GridRow[] = []

export interface SelectedRow {
  index: number
  cells: Cell[]
  columns: ColumnInfo[]
}

interface GridRow {
  /** Row in the stored version. */
  index: number
  cells: Cell[]
}

function columnWidthPx(column: ColumnInfo): number {
  if (column.name === 'description') return 380
  if (column.name === 'remarks') return 220
  if (column.kind === 'number') return 132
  return 140
}

interface GridRowViewProps {
  /** Position in the (sorted) view. */
  position: number
  startPx: number
  row: GridRow | undefined
  columns: ColumnInfo[]
  template: string
  findings: Finding[] | undefined
  isFocus: boolean
  isSelected: boolean
  onSelectRow: ((row: SelectedRow) => void) | undefined
  /** Depth columns show in these; stored metres are untouched. */
  units: Units
}

/**
 * One grid row. Memoised: while scrolling, rows already on screen keep their props
 * (only their position moves with the virtualizer), so a frame renders only the rows
 * that scrolled in.
 */
const GridRowView = memo(function GridRowView({
  position,
  startPx,
  row,
  columns,
  template,
  findings,
  isFocus,
  isSelected,
  onSelectRow,
  units,
}: GridRowViewProps) {
  const severity = findings?.some((f) => f.severity === 'error')
    ? 'error'
    : findings
      ? 'warning'
      : null
  return (
    <div
      role="row"
      aria-rowindex={position + 2}
      className={`grid-row${position % 2 === 1 ? ' grid-row-alt' : ''}${severity ? ` grid-row-${severity}` : ''}${isFocus ? ' grid-row-focus' : ''}${
        isSelected ? ' grid-row-selected' : ''
      }`}
      aria-selected={row ? isSelected : undefined}
      onClick={
        row && onSelectRow
          ? () => onSelectRow({ index: row.index, cells: row.cells, columns })
          : undefined
      }
      style={{
        gridTemplateColumns: template,
        height: GRID_ROW_HEIGHT_PX,
        top: startPx,
      }}
      data-row={row?.index}
    >
      <div role="rowheader" className="grid-rownum">
        {row ? formatCount(row.index + 1) : ''}
      </div>
      {row
        ? columns.map((c, i) => {
            const cellFindings = findings?.filter((f) => f.column === c.name)
            const cellSeverity = cellFindings?.length
              ? cellFindings.some((f) => f.severity === 'error')
                ? 'error'
                : 'warning'
              : null
            return (
              <div
                key={c.name}
                role="gridcell"
                className={`grid-cell${c.kind === 'number' ? ' num' : ''}${cellSeverity ? ` cell-${cellSeverity}` : ''}`}
                title={cellFindings?.map((f) => f.message).join('\n') || undefined}
              >
                {formatShownCell(row.cells[i], c, units)}
              </div>
            )
          })
        : null}
    </div>
  )
})

export interface VersionGridProps {
  recordId: string
  version: number
  findings: Finding[]
  /** Row (in the stored version) to bring into view and mark, e.g. from a finding link. */
  focusRow: number | null
  onColumns?: (columns: ColumnInfo[], rowCount: number) => void
  /** Row (in the stored version) shown in the detail panel. */
  selectedRow?: number | null
  onSelectRow?: (row: SelectedRow) => void
  /** The version could not be opened (its first page failed); null once it opens. */
  onOpenError?: (error: ErrorPayload | null) => void
}

export function VersionGrid({
  recordId,
  version,
  findings,
  focusRow,
  selectedRow = null,
  onSelectRow,
  onColumns,
  onOpenError,
}: VersionGridProps) {
  const ipc = useIpc()
  const units = useUnits()
  const [sorting, setSorting] = useState<SortingState>([])
  const [columns, setColumns] = useState<ColumnInfo[]>([])
  const sort: GridSort | undefined = sorting[0]
    ? { column: sorting[0].id, direction: sorting[0].desc ? 'desc' : 'asc' }
    : undefined

  const fetchPage = useCallback<FetchPage<GridRow>>(
    async (offset, limit) => {
      const res = await ipc.invoke('version.page', {
        recordId,
        version,
        offset,
        limit,
        ...(sort ? { sort } : {}),
      })
      if (!res.ok) return res
      const page = res.value
      if (offset === 0) {
        setColumns(page.columns)
        onColumns?.(page.columns, page.rowCount)
      }
      return {
        ok: true,
        value: {
          rows: page.rows.map((cells, i) => ({ index: page.rowIndexes[i] ?? offset + i, cells })),
          total: page.rowCount,
        },
      }
    },
    // sort is derived from sorting; listing its fields keeps the fetcher stable between renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ipc, recordId, version, sort?.column, sort?.direction, onColumns],
  )
  const key = `${recordId}@${version}:${sort ? `${sort.column}:${sort.direction}` : ''}`
  const paged = usePagedRows(fetchPage, key, PAGE_SIZE)

  const columnDefs = useMemo<Array<ColumnDef<GridRow>>>(
    () =>
      columns.map((c, i) => ({
        id: c.name,
        header: c.name,
        accessorFn: (row: GridRow) => row.cells[i],
        size: columnWidthPx(c),
        sortDescFirst: false,
        meta: c,
      })),
    [columns],
  )
  // Table and virtualizer state change every scroll frame: this component is not memoised by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable<GridRow>({
    data: NO_ROWS,
    columns: columnDefs,
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
  })

  const findingsByRow = useMemo(() => {
    const map = new Map<number, Finding[]>()
    for (const f of findings) {
      if (f.row === null) continue
      const list = map.get(f.row) ?? []
      list.push(f)
      map.set(f.row, list)
    }
    return map
  }, [findings])

  const scrollRef = useRef<HTMLDivElement>(null)
  const total = paged.total ?? 0
  const big = useBigVirtualizer({
    count: total,
    rowHeightPx: GRID_ROW_HEIGHT_PX,
    scrollRef,
    headerPx: GRID_HEADER_PX,
  })
  const items = big.rows
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  const { ensureRange } = paged
  useEffect(() => ensureRange(first, last), [ensureRange, first, last])

  // A finding link names a stored row; with no sort the stored row is also the position.
  useEffect(() => {
    if (focusRow === null || total === 0) return
    if (sorting.length > 0) {
      setSorting([])
      return
    }
    big.scrollToIndex(Math.min(focusRow, total - 1), 'center')
    // Only a new focus row (or a reset sort) scrolls; big.scrollToIndex changes every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRow, total, sorting.length])

  const openError = paged.total === null ? paged.error : null
  useEffect(() => onOpenError?.(openError), [onOpenError, openError])

  const headers = table.getHeaderGroups()[0]?.headers ?? []
  const widths = headers.map((h) => `${h.getSize()}px`)
  const template = `${ROW_NUMBER_WIDTH_PX}px ${widths.join(' ')}`
  const totalWidth = ROW_NUMBER_WIDTH_PX + headers.reduce((s, h) => s + h.getSize(), 0)

  return (
    <div className="grid-wrap" hidden={openError !== null}>
      <div
        className="grid"
        role="grid"
        aria-label={`${recordId} v${version} intervals`}
        aria-rowcount={total + 1}
        aria-colcount={columns.length + 1}
        data-testid="version-grid"
        data-row-count={paged.total ?? ''}
        ref={scrollRef}
        tabIndex={0}
      >
        <div
          className="grid-header"
          role="row"
          aria-rowindex={1}
          style={{ gridTemplateColumns: template, width: totalWidth }}
        >
          <div role="columnheader" className="grid-rownum-head">
            #
          </div>
          {headers.map((header) => {
            const info = header.column.columnDef.meta as ColumnInfo
            const sorted = header.column.getIsSorted()
            return (
              <div
                key={header.id}
                role="columnheader"
                aria-sort={
                  sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'
                }
                className={info.kind === 'number' ? 'num' : undefined}
              >
                <button
                  type="button"
                  className="grid-sort"
                  onClick={header.column.getToggleSortingHandler()}
                  title={`Sort by ${info.name} (${info.type})`}
                >
                  <span className="grid-col-name">
                    {info.name}
                    {info.isKey && (
                      <span className="key-mark" title="Key column">
                        {' '}
                        ⚷
                      </span>
                    )}
                  </span>
                  <span className="grid-col-type">
                    {info.type}
                    {shownUnit(info, units) ? ` · ${shownUnit(info, units)}` : ''}
                  </span>
                  <span className="sort-arrow" aria-hidden="true">
                    {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                  </span>
                </button>
              </div>
            )
          })}
        </div>
        <div
          style={{ height: big.spacerPx, width: totalWidth, position: 'relative' }}
          role="rowgroup"
        >
          <RowsWindow big={big} headerPx={GRID_HEADER_PX}>
            {items.map((item) => {
              const row = paged.getRow(item.index)
              return (
                <GridRowView
                  key={item.key}
                  position={item.index}
                  startPx={big.rowTop(item.start)}
                  row={row}
                  columns={columns}
                  template={template}
                  findings={row ? findingsByRow.get(row.index) : undefined}
                  isFocus={row !== undefined && row.index === focusRow}
                  isSelected={row !== undefined && row.index === selectedRow}
                  onSelectRow={onSelectRow}
                  units={units}
                />
              )
            })}
          </RowsWindow>
        </div>
      </div>
      <p className="grid-footer muted small" aria-live="polite">
        {paged.error && paged.total !== null && (
          <span className="field-error" role="alert" data-error-code={paged.error.code}>
            Rows could not be loaded: {paged.error.message}{' '}
          </span>
        )}
        {paged.total === null
          ? 'Opening version…'
          : `${formatCount(paged.total)} rows${sort ? ` · sorted by ${sort.column} ${sort.direction === 'asc' ? '▲' : '▼'} (in main)` : ''}`}
      </p>
    </div>
  )
}
