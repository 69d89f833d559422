// The draft grid's keyboard, mouse and clipboard, when no cell is being edited. The grid
// element is also the scroller; it handles keys in the capture phase and marks them
// handled, so the scroller's own key handling (huge grids) leaves them alone. Commands
// (commands.ts), copy and paste go to the screen, which turns them into draft edits.
import {
  useEffect,
  useRef,
  type ClipboardEvent,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react'

import type { Cell, ColumnInfo, Units } from '../../shared/ipc/contract'
import { formatCount } from '../format'
import { copyBlock } from './cell-values'
import { commandForKey, type DraftCommand } from './commands'
import {
  cursorAt,
  moveForKey,
  moveSelection,
  rangeOf,
  type CellPos,
  type GridShape,
  type Selection,
} from './selection'
import { formatTsv } from './tsv'
import type { CellEditor } from './use-cell-editor'

export interface GridInput {
  onKeyDownCapture(e: KeyboardEvent<HTMLDivElement>): void
  onCopy(e: ClipboardEvent<HTMLDivElement>): void
  onCut(e: ClipboardEvent<HTMLDivElement>): void
  onPaste(e: ClipboardEvent<HTMLDivElement>): void
  onCellMouseDown(e: MouseEvent, at: CellPos): void
  /** The pointer entered a cell: a drag with the button held extends the selection. */
  onCellMouseEnter(e: MouseEvent, at: CellPos): void
  onRowHeaderMouseDown(e: MouseEvent, row: number): void
}

export function useGridInput(options: {
  gridRef: RefObject<HTMLDivElement | null>
  columns: ColumnInfo[]
  rowCount: number
  units: Units
  getRow: (row: number) => Cell[] | undefined
  selection: Selection
  shape: () => GridShape
  editor: CellEditor
  onSelectionChange: (selection: Selection) => void
  onCommand: (command: DraftCommand) => void
  onPaste: (text: string) => void
  onNotice: (message: string) => void
  onDismissError: () => void
}): GridInput {
  const { gridRef, columns, rowCount, selection, editor, onSelectionChange, onCommand } = options
  const { editing } = editor
  const focus = selection.focus
  const isDragging = useRef(false)

  useEffect(() => {
    const stop = () => {
      isDragging.current = false
    }
    window.addEventListener('mouseup', stop)
    return () => window.removeEventListener('mouseup', stop)
  }, [])

  function onKeyDownCapture(e: KeyboardEvent<HTMLDivElement>): void {
    if (editing || e.target !== gridRef.current) return
    const command = commandForKey(e)
    if (rowCount === 0) {
      if (command && command !== 'clear') {
        e.preventDefault()
        onCommand(command)
      }
      return
    }
    if (command) {
      e.preventDefault()
      onCommand(command)
      return
    }
    const navigation = moveForKey(e)
    if (navigation) {
      const next = moveSelection(selection, navigation.move, options.shape(), navigation.extend)
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
      editor.start(focus, null)
      return
    }
    if (e.key === 'Escape') {
      onSelectionChange(cursorAt(focus.row, focus.col))
      options.onDismissError()
      return
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault()
      editor.start(focus, e.key)
    }
  }

  function copy(e: ClipboardEvent<HTMLDivElement>, isCut: boolean): void {
    if (editing || e.target !== gridRef.current || rowCount === 0) return
    e.preventDefault()
    const block = copyBlock(
      rangeOf(selection),
      columns,
      (row, col) => options.getRow(row)?.[col],
      options.units,
    )
    if (!block) {
      options.onNotice(
        'Copy needs every selected row loaded: scroll through the selection and copy again.',
      )
      return
    }
    e.clipboardData.setData('text/plain', formatTsv(block))
    if (isCut) onCommand('clear')
    options.onNotice(
      `Copied ${formatCount(block.length)} × ${formatCount(block[0]?.length ?? 0)} cells`,
    )
  }

  return {
    onKeyDownCapture,
    onCopy: (e) => copy(e, false),
    onCut: (e) => copy(e, true),
    onPaste: (e) => {
      if (editing || e.target !== gridRef.current) return
      e.preventDefault()
      options.onPaste(e.clipboardData.getData('text/plain'))
    },
    onCellMouseDown: (e, at) => {
      if (e.button !== 0) return
      if (editing && (editing.row !== at.row || editing.col !== at.col)) editor.commit(null)
      e.preventDefault()
      gridRef.current?.focus()
      isDragging.current = true
      onSelectionChange(
        e.shiftKey ? { anchor: selection.anchor, focus: at } : cursorAt(at.row, at.col),
      )
    },
    onCellMouseEnter: (e, at) => {
      if (isDragging.current && e.buttons === 1)
        onSelectionChange({ anchor: selection.anchor, focus: at })
    },
    onRowHeaderMouseDown: (e, row) => {
      if (e.button !== 0) return
      e.preventDefault()
      gridRef.current?.focus()
      const lastCol = Math.max(0, columns.length - 1)
      onSelectionChange(
        e.shiftKey
          ? { anchor: { row: selection.anchor.row, col: 0 }, focus: { row, col: lastCol } }
          : { anchor: { row, col: 0 }, focus: { row, col: lastCol } },
      )
    },
  }
}
