// The draft grid (issue 8): a spreadsheet over a working draft. A cell cursor and a
// range selection (draft/selection.ts) move with the keyboard and the mouse; Enter,
// F2 or typing opens a type-aware editor in the cell; commands (draft/commands.ts),
// copy and paste go to the screen, which turns them into draft edits. Rows are drawn
// by the same capped virtual scroller as the version grid (big-scroll.tsx), so a
// draft of a 1M-row version scrolls the same way.
// The grid element is also the scroller; it handles keys in the capture phase and
// marks them handled, so the scroller's own key handling (huge grids) leaves them alone.
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react'

import type { Cell, ColumnInfo, Units } from '../../shared/ipc/contract'
import type { Finding } from '../../shared/metadata'
import { RowsWindow, useBigVirtualizer } from '../grid/big-scroll'
import { commandForKey, type DraftCommand } from './commands'
import { copyBlock, exactText, shownText } from './cell-values'
import { COMMON_LEGEND_CODES } from './legend-codes'
import {
  cursorAt,
  isInRange,
  moveForKey,
  moveSelection,
  rangeOf,
  type CellPos,
  type Selection,
} from './selection'
import { formatTsv } from './tsv'
import { formatCount } from '../format'
import { shownUnit } from '../units'
import { GRID_ROW_HEIGHT_PX } from '../components/VersionGrid'
import './editable-grid.css'

const HEADER_PX = 40
const ROW_NUMBER_WIDTH_PX = 64

function columnWidthPx(column: ColumnInfo): number {
  if (column.name === 'description') return 360
  if (column.name === 'remarks' || column.name === 'sample_refs') return 200
  if (column.kind === 'number') return 118
  return 130
}

interface Editing extends CellPos {
  text: string
  /** The text the editor opened with: committing it unchanged sends nothing. */
  initial: string
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

function findingKey(row: number, column: string | null): string {
  return `${row}:${column ?? ''}`
}

function severityOf(findings: readonly Finding[] | undefined): 'error' | 'warning' | null {
  if (!findings?.length) return null
  return findings.some((f) => f.severity === 'error') ? 'error' : 'warning'
}

export function EditableGrid({
  label,
  gridRef,
  columns,
  rowCount,
  units,
  findings,
  getRow,
  ensureRows,
  refreshKey,
  selection,
  onSelectionChange,
  onCommit,
  onCommand,
  onPaste,
  onNotice,
  cellError,
  onDismissError,
  onAppendRow,
}: EditableGridProps) {
  const gridId = useId().replace(/[^a-zA-Z0-9_-]/g, '')
  const scrollRef = gridRef
  const [editing, setEditingState] = useState<Editing | null>(null)
  // The editor being committed: moving focus back to the grid blurs the input, whose
  // blur would otherwise commit the same text a second time.
  const editingRef = useRef<Editing | null>(null)
  const setEditing = (next: Editing | null) => {
    editingRef.current = next
    setEditingState(next)
  }
  const isDragging = useRef(false)

  const big = useBigVirtualizer({
    count: rowCount,
    rowHeightPx: GRID_ROW_HEIGHT_PX,
    scrollRef,
    headerPx: HEADER_PX,
  })
  const items = big.rows
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? -1
  useEffect(() => ensureRows(first, last), [ensureRows, first, last, refreshKey])

  const widths = useMemo(() => columns.map(columnWidthPx), [columns])
  const lefts = useMemo(() => {
    const out: number[] = []
    let x = ROW_NUMBER_WIDTH_PX
    for (const w of widths) {
      out.push(x)
      x += w
    }
    return out
  }, [widths])
  const template = `${ROW_NUMBER_WIDTH_PX}px ${widths.map((w) => `${w}px`).join(' ')}`
  const totalWidth = ROW_NUMBER_WIDTH_PX + widths.reduce((s, w) => s + w, 0)

  const findingsByCell = useMemo(() => {
    const map = new Map<string, Finding[]>()
    for (const f of findings) {
      if (f.row === null) continue
      const key = findingKey(f.row, f.column)
      const list = map.get(key) ?? []
      list.push(f)
      map.set(key, list)
    }
    return map
  }, [findings])

  const range = rangeOf(selection)
  const focus = selection.focus
  const shape = () => ({
    rowCount,
    colCount: columns.length,
    pageRows: Math.max(
      1,
      Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_PX) / GRID_ROW_HEIGHT_PX) - 1,
    ),
  })

  // The cursor is always on screen: scrolled to the nearest edge, as spreadsheets do.
  useEffect(() => {
    const el = scrollRef.current
    if (!el || rowCount === 0) return
    const row = focus.row
    if (big.isCompressed) {
      if (row < first + 20 || row > last - 20) big.scrollToIndex(row, 'center')
    } else {
      const top = row * GRID_ROW_HEIGHT_PX
      const viewport = el.clientHeight - HEADER_PX
      if (top < el.scrollTop) el.scrollTop = top
      else if (top + GRID_ROW_HEIGHT_PX > el.scrollTop + viewport)
        el.scrollTop = top + GRID_ROW_HEIGHT_PX - viewport
    }
    const left = lefts[focus.col] ?? 0
    const right = left + (widths[focus.col] ?? 0)
    if (left - ROW_NUMBER_WIDTH_PX < el.scrollLeft) el.scrollLeft = left - ROW_NUMBER_WIDTH_PX
    else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth
    // Only a cursor move scrolls; the virtualizer's functions change every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus.row, focus.col, rowCount])

  function cellValue(row: number, col: number): Cell | undefined {
    return getRow(row)?.[col]
  }

  function startEditing(at: CellPos, typed: string | null): void {
    const column = columns[at.col]
    if (!column || at.row >= rowCount) return
    // An editor on a row not yet loaded would open empty, and its text would replace
    // the stored value unseen.
    const cells = getRow(at.row)
    if (cells === undefined) {
      onNotice(`Row ${formatCount(at.row + 1)} is still loading: edit it once it shows.`)
      return
    }
    const initial = exactText(cells[at.col], column, units)
    setEditing({ ...at, initial, text: typed ?? initial })
  }

  /**
   * Sends the editor's text and closes it; false when the text was refused (with
   * `keepOnRefusal` the editor then stays open with the text, nothing lost).
   */
  function commit(
    then: Parameters<typeof moveSelection>[1] | null,
    keepOnRefusal = false,
  ): boolean {
    if (!editing || editingRef.current !== editing) return true
    const isAccepted =
      editing.text === editing.initial ||
      onCommit({ row: editing.row, col: editing.col }, editing.text)
    if (!isAccepted && keepOnRefusal) return false
    setEditing(null)
    gridRef.current?.focus()
    // Tab past the last cell of the log starts the next interval, as in a table being typed.
    if (
      then === 'next-cell' &&
      editing.row === rowCount - 1 &&
      editing.col === columns.length - 1
    ) {
      onAppendRow()
      return isAccepted
    }
    if (then)
      onSelectionChange(moveSelection(cursorAt(editing.row, editing.col), then, shape(), false))
    return isAccepted
  }

  function cancel(): void {
    if (editingRef.current === null) return
    setEditing(null)
    gridRef.current?.focus()
  }

  function onGridKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    if (editing || e.target !== gridRef.current) return
    if (rowCount === 0) {
      const command = commandForKey(e)
      if (command && command !== 'clear') {
        e.preventDefault()
        onCommand(command)
      }
      return
    }
    const command = commandForKey(e)
    if (command) {
      e.preventDefault()
      onCommand(command)
      return
    }
    const navigation = moveForKey(e)
    if (navigation) {
      const next = moveSelection(selection, navigation.move, shape(), navigation.extend)
      // Tab off the last cell (Shift+Tab off the first) leaves the grid, so keyboard users are never trapped.
      if (e.key === 'Tab' && next.focus.row === focus.row && next.focus.col === focus.col) return
      e.preventDefault()
      onSelectionChange(next)
      return
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault()
      onSelectionChange({
        anchor: { row: 0, col: 0 },
        focus: { row: rowCount - 1, col: columns.length - 1 },
      })
      return
    }
    if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault()
      startEditing(focus, null)
      return
    }
    if (e.key === 'Escape') {
      onSelectionChange(cursorAt(focus.row, focus.col))
      onDismissError()
      return
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault()
      startEditing(focus, e.key)
    }
  }

  function onEditorKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    // The editor owns its keys: arrows move the caret, not the cursor.
    e.stopPropagation()
    if (e.key === 'Enter') {
      e.preventDefault()
      commit(e.shiftKey ? 'up' : 'down')
    } else if (e.key === 'Tab') {
      e.preventDefault()
      commit(e.shiftKey ? 'previous-cell' : 'next-cell')
    } else if (e.key === 'Escape') {
      e.preventDefault()
      cancel()
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      // Save from inside a cell: what was typed is committed first, then saved with the
      // rest; text that cannot be stored stays in the editor, and nothing is saved.
      e.preventDefault()
      if (commit(null, true)) onCommand('save')
    }
  }

  function onCellMouseDown(e: MouseEvent, at: CellPos): void {
    if (e.button !== 0) return
    if (editing && (editing.row !== at.row || editing.col !== at.col)) commit(null)
    e.preventDefault()
    gridRef.current?.focus()
    isDragging.current = true
    onSelectionChange(
      e.shiftKey ? { anchor: selection.anchor, focus: at } : cursorAt(at.row, at.col),
    )
  }

  function onRowHeaderMouseDown(e: MouseEvent, row: number): void {
    if (e.button !== 0) return
    e.preventDefault()
    gridRef.current?.focus()
    const lastCol = Math.max(0, columns.length - 1)
    onSelectionChange(
      e.shiftKey
        ? { anchor: { row: selection.anchor.row, col: 0 }, focus: { row, col: lastCol } }
        : { anchor: { row, col: 0 }, focus: { row, col: lastCol } },
    )
  }

  useEffect(() => {
    const stop = () => {
      isDragging.current = false
    }
    window.addEventListener('mouseup', stop)
    return () => window.removeEventListener('mouseup', stop)
  }, [])

  function onCopy(e: ClipboardEvent<HTMLDivElement>, isCut: boolean): void {
    if (editing || e.target !== gridRef.current || rowCount === 0) return
    e.preventDefault()
    const block = copyBlock(range, columns, (row, col) => cellValue(row, col), units)
    if (!block) {
      onNotice('Copy needs every selected row loaded: scroll through the selection and copy again.')
      return
    }
    e.clipboardData.setData('text/plain', formatTsv(block))
    if (isCut) onCommand('clear')
    onNotice(`Copied ${formatCount(block.length)} × ${formatCount(block[0]?.length ?? 0)} cells`)
  }

  const activeId =
    rowCount > 0 && items.some((i) => i.index === focus.row)
      ? `${gridId}-r${focus.row}-c${focus.col}`
      : undefined
  const legendListId = `${gridId}-legend-codes`
  const errorAt = cellError && cellError.row < rowCount ? cellError : null

  return (
    <div
      ref={gridRef}
      className="grid editable-grid"
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={editing ? undefined : activeId}
      tabIndex={0}
      data-testid="draft-grid"
      data-row-count={rowCount}
      data-cursor={`${focus.row}:${focus.col}`}
      onKeyDownCapture={onGridKeyDown}
      onCopy={(e) => onCopy(e, false)}
      onCut={(e) => onCopy(e, true)}
      onPaste={(e) => {
        if (editing || e.target !== gridRef.current) return
        e.preventDefault()
        onPaste(e.clipboardData.getData('text/plain'))
      }}
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
        {columns.map((c, col) => {
          const unit = shownUnit(c, units)
          return (
            <div
              key={c.name}
              role="columnheader"
              aria-colindex={col + 2}
              className={`editable-grid-head${c.kind === 'number' ? ' num' : ''}${
                col >= range.left && col <= range.right ? ' editable-grid-head-selected' : ''
              }`}
              title={`${c.name} (${c.type}${unit ? `, ${unit}` : ''})`}
            >
              <span className="grid-col-name">{c.name}</span>
              <span className="grid-col-type">
                {c.type}
                {unit ? ` · ${unit}` : ''}
              </span>
            </div>
          )
        })}
      </div>
      <div
        style={{ height: big.spacerPx, width: totalWidth, position: 'relative' }}
        role="rowgroup"
      >
        <RowsWindow big={big} headerPx={HEADER_PX}>
          {items.map((item) => {
            const row = item.index
            const cells = getRow(row)
            const rowFindings = findingsByCell.get(findingKey(row, null))
            const rowSeverity =
              severityOf(rowFindings) ??
              severityOf(columns.flatMap((c) => findingsByCell.get(findingKey(row, c.name)) ?? []))
            const isRowSelected = row >= range.top && row <= range.bottom
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={row + 2}
                className={`grid-row${row % 2 === 1 ? ' grid-row-alt' : ''}${
                  rowSeverity ? ` grid-row-${rowSeverity}` : ''
                }`}
                style={{
                  gridTemplateColumns: template,
                  height: GRID_ROW_HEIGHT_PX,
                  top: big.rowTop(item.start),
                }}
                data-row={row}
              >
                <div
                  role="rowheader"
                  className={`grid-rownum${isRowSelected ? ' editable-grid-rownum-selected' : ''}`}
                  title={rowFindings?.map((f) => f.message).join('\n')}
                  onMouseDown={(e) => onRowHeaderMouseDown(e, row)}
                >
                  {formatCount(row + 1)}
                  {rowFindings && (
                    <span className="sr-only">
                      {rowFindings.map((f) => `${f.severity}: ${f.message}`).join('. ')}
                    </span>
                  )}
                </div>
                {columns.map((c, col) => {
                  const cellFindings = findingsByCell.get(findingKey(row, c.name))
                  const severity = severityOf(cellFindings)
                  const isCursor = row === focus.row && col === focus.col
                  const isSelected = isInRange(range, row, col)
                  const isEditing = editing !== null && editing.row === row && editing.col === col
                  const isRefused = errorAt !== null && errorAt.row === row && errorAt.col === col
                  return (
                    <div
                      key={c.name}
                      id={`${gridId}-r${row}-c${col}`}
                      role="gridcell"
                      aria-colindex={col + 2}
                      aria-selected={isSelected}
                      aria-invalid={severity === 'error' || isRefused ? true : undefined}
                      className={`grid-cell editable-cell${c.kind === 'number' ? ' num' : ''}${
                        severity ? ` cell-${severity}` : ''
                      }${isSelected ? ' editable-cell-selected' : ''}${
                        isCursor ? ' editable-cell-cursor' : ''
                      }${cells === undefined ? ' editable-cell-loading' : ''}${
                        isRefused ? ' editable-cell-refused' : ''
                      }`}
                      title={cellFindings?.map((f) => f.message).join('\n')}
                      data-column={c.name}
                      onMouseDown={(e) => onCellMouseDown(e, { row, col })}
                      onMouseEnter={(e) => {
                        if (isDragging.current && e.buttons === 1)
                          onSelectionChange({ anchor: selection.anchor, focus: { row, col } })
                      }}
                      onDoubleClick={() => startEditing({ row, col }, null)}
                    >
                      {isEditing ? (
                        <input
                          className="editable-cell-editor"
                          aria-label={`${c.name}, row ${row + 1}`}
                          ref={(input) => {
                            // Opened by typing or F2: the caret goes after the text, as in spreadsheets.
                            if (input && document.activeElement !== input) {
                              input.focus()
                              input.setSelectionRange(input.value.length, input.value.length)
                            }
                          }}
                          value={editing.text}
                          inputMode={c.kind === 'number' ? 'decimal' : undefined}
                          list={c.name === 'legend_code' ? legendListId : undefined}
                          spellCheck={c.kind === 'text'}
                          onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                          onKeyDown={onEditorKeyDown}
                          onBlur={() => commit(null)}
                          onMouseDown={(e) => e.stopPropagation()}
                        />
                      ) : (
                        <span className="editable-cell-value">
                          {shownText(cells?.[col], c, units)}
                        </span>
                      )}
                      {cellFindings && (
                        <span className="sr-only">
                          {cellFindings.map((f) => `${f.severity}: ${f.message}`).join('. ')}
                        </span>
                      )}
                    </div>
                  )
                })}
              </div>
            )
          })}
          {errorAt && items.some((i) => i.index === errorAt.row) && (
            <div
              className="editable-cell-error"
              role="alert"
              style={{
                top: big.rowTop(errorAt.row * GRID_ROW_HEIGHT_PX) + GRID_ROW_HEIGHT_PX,
                left: lefts[errorAt.col] ?? 0,
              }}
              data-testid="cell-error"
            >
              {errorAt.message}
            </div>
          )}
        </RowsWindow>
      </div>
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
    </div>
  )
}
