// The diff grid, built on the grid kit (grid/): aligned rows of two versions, side by
// side (each side with its row numbers) or unified (old and new values in one cell),
// marked added, removed or changed. Rows are paged from main, where the diff is
// computed; only the rows on screen are drawn.
import { Fragment, memo, useCallback, type RefObject } from 'react'

import type { DiffPageRow, DiffSummaryView } from '../../shared/ipc/contract'
import { columnTypeInWords, formatCount, formatShownCell, plural } from '../format'
import {
  cellClass,
  classes,
  ColumnLabel,
  GridRow,
  gridLayout,
  GridScroller,
  RowNumberHead,
  useGridColumns,
  type GridRows,
} from '../grid'
import type { PagedRows } from '../paged-rows'
import { useUnits } from '../settings'
import { shownUnit } from '../units'
import { cellWidthPx, diffGridWidths, type DiffMode, type ShownColumn } from './diff-columns'

const CHANGE_MARK: Record<DiffPageRow['change'], string> = {
  added: '+',
  removed: '−',
  changed: '~',
  unchanged: '',
}

function rowNumber(n: number | null): string {
  return n === null ? '' : formatCount(n + 1)
}

interface DiffRowProps {
  row: DiffPageRow | undefined
  position: number
  startPx: number
  columns: ShownColumn[]
  mode: DiffMode
  template: string
  isCurrent: boolean
}

/** One aligned row; memoised, so a scroll frame renders only the rows that scrolled in. */
const DiffRow = memo(function DiffRow({
  row,
  position,
  startPx,
  columns,
  mode,
  template,
  isCurrent,
}: DiffRowProps) {
  const shell = { position, startPx, template }
  if (!row) return <GridRow {...shell} className="grid-row" />
  const changed = new Set(row.changed)
  return (
    <GridRow
      {...shell}
      className={classes('grid-row diff-row', `diff-${row.change}`, isCurrent && 'diff-current')}
      data-diff-row={row.row}
      data-change={row.change}
    >
      <div role="rowheader" className="grid-rownum diff-mark" aria-label={row.change}>
        {CHANGE_MARK[row.change]}
      </div>
      {mode === 'unified' ? (
        <UnifiedCells row={row} columns={columns} changed={changed} />
      ) : (
        (['before', 'after'] as const).map((side) => (
          <DiffSide key={side} side={side} row={row} columns={columns} changed={changed} />
        ))
      )}
    </GridRow>
  )
})

function UnifiedCells({
  row,
  columns,
  changed,
}: {
  row: DiffPageRow
  columns: ShownColumn[]
  changed: Set<string>
}) {
  const units = useUnits()
  return (
    <>
      <div role="gridcell" className="grid-rownum">
        {rowNumber(row.rowA)}
      </div>
      <div role="gridcell" className="grid-rownum">
        {rowNumber(row.rowB)}
      </div>
      {columns.map((c) => {
        const before = formatShownCell(row.before?.[c.at], c, units)
        const after = formatShownCell(row.after?.[c.at], c, units)
        const isChanged = changed.has(c.name)
        return (
          <div
            key={c.name}
            role="gridcell"
            className={cellClass(c, isChanged && 'diff-cell-changed')}
            title={isChanged ? `${c.name}: ${before} → ${after}` : undefined}
          >
            {isChanged ? (
              <>
                <del className="diff-old">{before}</del> <ins className="diff-new">{after}</ins>
              </>
            ) : row.after ? (
              after
            ) : (
              before
            )}
          </div>
        )
      })}
    </>
  )
}

function DiffSide({
  side,
  row,
  columns,
  changed,
}: {
  side: 'before' | 'after'
  row: DiffPageRow
  columns: ShownColumn[]
  changed: Set<string>
}) {
  const units = useUnits()
  const values = row[side]
  return (
    <>
      <div role="gridcell" className={`grid-rownum diff-side-start diff-side-${side}`}>
        {rowNumber(side === 'before' ? row.rowA : row.rowB)}
      </div>
      {columns.map((c) => (
        <div
          key={c.name}
          role="gridcell"
          className={cellClass(
            c,
            values === null && 'diff-absent',
            changed.has(c.name) && (side === 'before' ? 'diff-cell-old' : 'diff-cell-new'),
          )}
        >
          {values === null ? '' : formatShownCell(values[c.at], c, units)}
        </div>
      ))}
    </>
  )
}

function DiffColumnHeader({ column, count }: { column: ShownColumn; count: number }) {
  const units = useUnits()
  return (
    <div
      role="columnheader"
      className={classes('diff-col-head', column.kind === 'number' && 'num')}
    >
      <ColumnLabel
        name={column.name}
        detail={
          column.presence !== 'both'
            ? `column ${column.presence}`
            : count > 0
              ? plural(count, 'change')
              : (shownUnit(column, units) ?? columnTypeInWords(column))
        }
      />
    </div>
  )
}

function DiffHead({
  mode,
  from,
  to,
  columns,
  perColumn,
}: {
  mode: DiffMode
  from: number
  to: number
  columns: ShownColumn[]
  perColumn: Record<string, number>
}) {
  const headers = columns.map((c) => (
    <DiffColumnHeader key={c.name} column={c} count={perColumn[c.name] ?? 0} />
  ))
  return (
    <>
      <RowNumberHead aria-label="Change" />
      {mode === 'split' ? (
        (['from', 'to'] as const).map((side) => (
          <Fragment key={side}>
            <RowNumberHead className={`diff-side-start diff-side-${side}`}>
              v{side === 'from' ? from : to}
            </RowNumberHead>
            {headers}
          </Fragment>
        ))
      ) : (
        <>
          <RowNumberHead>v{from}</RowNumberHead>
          <RowNumberHead>v{to}</RowNumberHead>
          {headers}
        </>
      )}
    </>
  )
}

export function DiffGrid({
  from,
  to,
  view,
  columns,
  mode,
  paged,
  rows,
  scrollRef,
  currentRow,
}: {
  from: number
  to: number
  view: DiffSummaryView
  columns: ShownColumn[]
  mode: DiffMode
  paged: PagedRows<DiffPageRow>
  rows: GridRows
  scrollRef: RefObject<HTMLDivElement | null>
  /** The aligned row N / P last went to. */
  currentRow: number | null
}) {
  const widthPx = useCallback((c: ShownColumn) => cellWidthPx(c, mode), [mode])
  const gridColumns = useGridColumns(columns, widthPx)
  const layout = gridLayout(
    diffGridWidths(
      gridColumns.map((c) => c.widthPx),
      mode,
    ),
  )
  const { big } = rows
  return (
    <GridScroller
      className="grid diff-grid"
      aria-label={`Differences between v${from} and v${to}`}
      aria-rowcount={(paged.total ?? 0) + 1}
      data-testid="diff-grid"
      data-mode={mode}
      scrollRef={scrollRef}
      big={big}
      layout={layout}
      head={
        <DiffHead mode={mode} from={from} to={to} columns={columns} perColumn={view.perColumn} />
      }
    >
      {big.rows.map((item) => {
        const row = paged.getRow(item.index)
        return (
          <DiffRow
            key={item.key}
            row={row}
            position={item.index}
            startPx={big.rowTop(item.start)}
            columns={columns}
            mode={mode}
            template={layout.template}
            isCurrent={row !== undefined && row.row === currentRow}
          />
        )
      })}
    </GridScroller>
  )
}
