// The version grid, built on the grid kit (grid/): the kit's react-table model owns the
// columns and the sort state, its virtual scroller renders only the rows on screen, and
// the rows come from main a page at a time as they scroll into view. Sorting is done by
// main over the whole version (manualSorting): a page of the sorted order is what we
// fetch. Findings are highlighted by their row in the stored version (rowIndexes), so
// they stay on the right cells under any sort.
import { memo, useCallback, useEffect, useRef, useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { Cell, ColumnInfo, GridSort, Units } from '../../shared/ipc/contract'
import type { Finding } from '../../shared/metadata'
import { columnTypeInWords, formatCount, formatShownCell } from '../format'
import {
  cellClass,
  classes,
  ColumnLabel,
  columnTypeText,
  findingsAt,
  findingsTitle,
  GridRow,
  gridLayout,
  GridScroller,
  RowNumberHead,
  severityOf,
  useFindingsByRow,
  useGridColumns,
  useGridRows,
  type GridColumn,
  type SortingState,
} from '../grid'
import { useIpc } from '../ipc/client'
import { usePagedRows, type FetchPage, type PagedRows } from '../paged-rows'
import { useUnits } from '../settings'

const PAGE_SIZE = 250
const ROW_NUMBER_WIDTH_PX = 78

export interface SelectedRow {
  index: number
  cells: Cell[]
  columns: ColumnInfo[]
}

interface GridRowData {
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

interface VersionRowProps {
  /** Position in the (sorted) view. */
  position: number
  startPx: number
  row: GridRowData | undefined
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
const VersionRow = memo(function VersionRow({
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
}: VersionRowProps) {
  const severity = severityOf(findings)
  return (
    <GridRow
      position={position}
      startPx={startPx}
      template={template}
      className={classes(
        'grid-row',
        position % 2 === 1 && 'grid-row-alt',
        severity && `grid-row-${severity}`,
        isFocus && 'grid-row-focus',
        isSelected && 'grid-row-selected',
      )}
      aria-selected={row ? isSelected : undefined}
      onClick={
        row && onSelectRow
          ? () => onSelectRow({ index: row.index, cells: row.cells, columns })
          : undefined
      }
      data-row={row?.index}
    >
      <div role="rowheader" className="grid-rownum">
        {row ? formatCount(row.index + 1) : ''}
      </div>
      {row
        ? columns.map((c, i) => {
            const cellFindings = findingsAt(findings, c.name)
            const cellSeverity = severityOf(cellFindings)
            return (
              <div
                key={c.name}
                role="gridcell"
                className={cellClass(c, cellSeverity && `cell-${cellSeverity}`)}
                title={findingsTitle(cellFindings)}
              >
                {formatShownCell(row.cells[i], c, units)}
              </div>
            )
          })
        : null}
    </GridRow>
  )
})

/** A sortable column header: a click cycles ascending, descending, none (sorted in main). */
function SortHeader({ column, units }: { column: GridColumn<ColumnInfo>; units: Units }) {
  const { info, sorted } = column
  return (
    <div
      role="columnheader"
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
      className={info.kind === 'number' ? 'num' : undefined}
    >
      <button
        type="button"
        className="grid-sort"
        onClick={column.toggleSort}
        title={`Sort by ${info.name} (${columnTypeInWords(info)})`}
      >
        <ColumnLabel
          name={info.name}
          mark={
            info.isKey && (
              <span className="key-mark" title="Key column">
                {' '}
                ⚷
              </span>
            )
          }
          detail={columnTypeText(info, units)}
        />
        <span className="sort-arrow" aria-hidden="true">
          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
        </span>
      </button>
    </div>
  )
}

/** The version's rows in the current sort, a page at a time; columns arrive with the first page. */
function useVersionRows(
  recordId: string,
  version: number,
  sort: GridSort | undefined,
  onColumns: ((columns: ColumnInfo[], rowCount: number) => void) | undefined,
): { paged: PagedRows<GridRowData>; columns: ColumnInfo[] } {
  const ipc = useIpc()
  const [columns, setColumns] = useState<ColumnInfo[]>([])
  const fetchPage = useCallback<FetchPage<GridRowData>>(
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
  return { paged: usePagedRows(fetchPage, key, PAGE_SIZE), columns }
}

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
  const units = useUnits()
  const [sorting, setSorting] = useState<SortingState>([])
  const sort: GridSort | undefined = sorting[0]
    ? { column: sorting[0].id, direction: sorting[0].desc ? 'desc' : 'asc' }
    : undefined
  const { paged, columns } = useVersionRows(recordId, version, sort, onColumns)
  const gridColumns = useGridColumns(columns, columnWidthPx, {
    sorting,
    onSortingChange: setSorting,
  })
  const findingsByRow = useFindingsByRow(findings)

  const scrollRef = useRef<HTMLDivElement>(null)
  const total = paged.total ?? 0
  const { big } = useGridRows({ count: total, scrollRef, ensureRange: paged.ensureRange })

  // A finding link names a stored row; with no sort the stored row is also the position.
  useEffect(() => {
    if (focusRow === null || total === 0) return
    if (sorting.length > 0) {
      // The link needs the stored order: the sort resets now and this effect scrolls on the
      // render that follows (one extra render per finding link, by design).
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setSorting([])
      return
    }
    big.scrollToIndex(Math.min(focusRow, total - 1), 'center')
    // Only a new focus row (or a reset sort) scrolls; big.scrollToIndex changes every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRow, total, sorting.length])

  const openError = paged.total === null ? paged.error : null
  useEffect(() => onOpenError?.(openError), [onOpenError, openError])

  const layout = gridLayout([ROW_NUMBER_WIDTH_PX, ...gridColumns.map((c) => c.widthPx)])

  return (
    <div className="grid-wrap" hidden={openError !== null}>
      <GridScroller
        className="grid"
        aria-label={`${recordId} v${version} intervals`}
        aria-rowcount={total + 1}
        aria-colcount={columns.length + 1}
        data-testid="version-grid"
        data-row-count={paged.total ?? ''}
        scrollRef={scrollRef}
        big={big}
        layout={layout}
        head={
          <>
            <RowNumberHead>#</RowNumberHead>
            {gridColumns.map((column) => (
              <SortHeader key={column.info.name} column={column} units={units} />
            ))}
          </>
        }
      >
        {big.rows.map((item) => {
          const row = paged.getRow(item.index)
          return (
            <VersionRow
              key={item.key}
              position={item.index}
              startPx={big.rowTop(item.start)}
              row={row}
              columns={columns}
              template={layout.template}
              findings={row ? findingsByRow.get(row.index) : undefined}
              isFocus={row !== undefined && row.index === focusRow}
              isSelected={row !== undefined && row.index === selectedRow}
              onSelectRow={onSelectRow}
              units={units}
            />
          )
        })}
      </GridScroller>
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
