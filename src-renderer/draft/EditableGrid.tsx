// The draft grid: a spreadsheet over a working draft, built on the grid kit (grid/) like
// the version grid, so a draft of a 1M-row version scrolls the same way. A cell cursor
// and a range selection (selection.ts) move with the keyboard and the mouse
// (use-grid-input.ts); Enter, F2 or typing opens a type-aware editor in the cell
// (use-cell-editor.ts); commands, copy and paste go to the screen, which turns them into
// draft edits.
import { useEffect, useId, type RefObject } from 'react'

import type { Cell, ColumnInfo, Units } from '../../shared/ipc/contract'
import type { Finding } from '../../shared/metadata'
import {
  classes,
  ColumnLabel,
  columnTypeText,
  GRID_HEADER_PX,
  GRID_ROW_HEIGHT_PX,
  gridLayout,
  GridScroller,
  RowNumberHead,
  useFindingsByRow,
  useGridColumns,
  useGridRows,
  type GridColumn,
  type GridLayout,
  type GridRows,
} from '../grid'
import { columnTypeInWords } from '../format'
import { shownUnit } from '../units'
import type { DraftCommand } from './commands'
import { cellId, EditableRow } from './EditableRow'
import { COMMON_LEGEND_CODES } from '../../shared/legend-codes'
import { rangeOf, type CellPos, type Range, type Selection } from './selection'
import { useCellEditor } from './use-cell-editor'
import { useGridInput } from './use-grid-input'
import './editable-grid.css'

const ROW_NUMBER_WIDTH_PX = 64

function columnWidthPx(column: ColumnInfo): number {
  if (column.name === 'description') return 360
  if (column.name === 'remarks' || column.name === 'sample_refs') return 200
  if (column.kind === 'number') return 118
  return 130
}

export interface EditableGridProps {
  label: string
  /** The focusable grid element (the screen focuses it after a finding or toolbar click). */
  gridRef: RefObject<HTMLDivElement | null>
  columns: ColumnInfo[]
  rowCount: number
  units: Units
  findings: Finding[]
  getRow: (row: number) => Cell[] | undefined
  ensureRows: (first: number, last: number) => void
  /** Changes whenever rows land or the edit queue drains: fetch what is on screen again. */
  refreshKey: string
  selection: Selection
  onSelectionChange: (selection: Selection) => void
  /** A cell's editor committed changed text (the screen parses and sends it); false: refused. */
  onCommit: (at: CellPos, text: string) => boolean
  onCommand: (command: DraftCommand) => void
  /** Tab-separated text pasted at the selection. */
  onPaste: (text: string) => void
  /** A message for the status line (e.g. copy of rows not yet loaded). */
  onNotice: (message: string) => void
  cellError: (CellPos & { message: string }) | null
  /** Escape: the refused edit's message has been read. */
  onDismissError: () => void
  /** Tab past the last cell: a new interval at the end, with the cursor in its first cell. */
  onAppendRow: () => void
}

/** The cursor is always on screen: scrolled to the nearest edge, as spreadsheets do. */
function useCursorInView(
  gridRef: RefObject<HTMLDivElement | null>,
  rows: GridRows,
  layout: GridLayout,
  focus: CellPos,
  rowCount: number,
): void {
  useEffect(() => {
    const el = gridRef.current
    if (!el || rowCount === 0) return
    const row = focus.row
    if (rows.big.isCompressed) {
      if (row < rows.first + 20 || row > rows.last - 20) rows.big.scrollToIndex(row, 'center')
    } else {
      const top = row * GRID_ROW_HEIGHT_PX
      const viewport = el.clientHeight - GRID_HEADER_PX
      if (top < el.scrollTop) el.scrollTop = top
      else if (top + GRID_ROW_HEIGHT_PX > el.scrollTop + viewport)
        el.scrollTop = top + GRID_ROW_HEIGHT_PX - viewport
    }
    // Data columns start after the row numbers, which stay in view on their own.
    const left = layout.lefts[focus.col + 1] ?? 0
    const right = layout.lefts[focus.col + 2] ?? layout.totalWidth
    if (left - ROW_NUMBER_WIDTH_PX < el.scrollLeft) el.scrollLeft = left - ROW_NUMBER_WIDTH_PX
    else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth
    // Only a cursor move scrolls; the virtualizer's functions change every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus.row, focus.col, rowCount])
}

function EditableHead({
  columns,
  units,
  range,
}: {
  columns: Array<GridColumn<ColumnInfo>>
  units: Units
  range: Range
}) {
  return (
    <>
      <RowNumberHead>#</RowNumberHead>
      {columns.map(({ info }, col) => {
        const unit = shownUnit(info, units)
        return (
          <div
            key={info.name}
            role="columnheader"
            aria-colindex={col + 2}
            className={classes(
              'editable-grid-head',
              info.kind === 'number' && 'num',
              col >= range.left && col <= range.right && 'editable-grid-head-selected',
            )}
            title={`${info.name} (${columnTypeInWords(info)}${unit ? `, ${unit}` : ''})`}
          >
            <ColumnLabel name={info.name} detail={columnTypeText(info, units)} />
          </div>
        )
      })}
    </>
  )
}

export function EditableGrid(props: EditableGridProps) {
  const { label, gridRef, columns, rowCount, units, getRow, selection } = props
  const gridId = useId().replace(/[^a-zA-Z0-9_-]/g, '')
  const rows = useGridRows({
    count: rowCount,
    scrollRef: gridRef,
    ensureRange: props.ensureRows,
    refreshKey: props.refreshKey,
  })
  const { big } = rows
  const gridColumns = useGridColumns(columns, columnWidthPx)
  const layout = gridLayout([ROW_NUMBER_WIDTH_PX, ...gridColumns.map((c) => c.widthPx)])
  const findingsByRow = useFindingsByRow(props.findings)
  const range = rangeOf(selection)
  const focus = selection.focus
  const shape = () => ({
    rowCount,
    colCount: columns.length,
    pageRows: Math.max(
      1,
      Math.floor(((gridRef.current?.clientHeight ?? 400) - GRID_HEADER_PX) / GRID_ROW_HEIGHT_PX) -
        1,
    ),
  })
  useCursorInView(gridRef, rows, layout, focus, rowCount)
  const editor = useCellEditor({ ...props, shape })
  const input = useGridInput({ ...props, shape, editor })

  const { editing } = editor
  const activeId = rowCount > 0 && rows.isOnScreen(focus.row) ? cellId(gridId, focus) : undefined
  const legendListId = `${gridId}-legend-codes`
  const errorAt = props.cellError && props.cellError.row < rowCount ? props.cellError : null

  return (
    <GridScroller
      scrollRef={gridRef}
      big={big}
      layout={layout}
      className="grid editable-grid"
      aria-label={label}
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={editing ? undefined : activeId}
      data-testid="draft-grid"
      data-focus-first
      data-row-count={rowCount}
      data-cursor={`${focus.row}:${focus.col}`}
      onKeyDownCapture={input.onKeyDownCapture}
      onCopy={input.onCopy}
      onCut={input.onCut}
      onPaste={input.onPaste}
      head={<EditableHead columns={gridColumns} units={units} range={range} />}
      after={
        <>
          {rowCount === 0 && (
            <p className="editable-grid-empty muted">
              No intervals yet. Insert a row (Ctrl+I) or paste a block from a spreadsheet (Ctrl+V).
            </p>
          )}
          <datalist id={legendListId}>
            {COMMON_LEGEND_CODES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </datalist>
        </>
      }
    >
      {big.rows.map((item) => (
        <EditableRow
          key={item.key}
          row={item.index}
          startPx={big.rowTop(item.start)}
          template={layout.template}
          columns={columns}
          units={units}
          cells={getRow(item.index)}
          findings={findingsByRow.get(item.index)}
          range={range}
          focus={focus}
          refusedAt={errorAt}
          gridId={gridId}
          legendListId={legendListId}
          editor={editor}
          input={input}
        />
      ))}
      {errorAt && rows.isOnScreen(errorAt.row) && (
        <div
          className="editable-cell-error"
          role="alert"
          style={{
            top: big.rowTop(errorAt.row * GRID_ROW_HEIGHT_PX) + GRID_ROW_HEIGHT_PX,
            left: layout.lefts[errorAt.col + 1] ?? 0,
          }}
          data-testid="cell-error"
        >
          {errorAt.message}
        </div>
      )}
    </GridScroller>
  )
}
