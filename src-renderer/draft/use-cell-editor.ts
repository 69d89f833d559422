// The draft grid's in-cell editor: which cell is being typed in, with what text, and
// committing it (the screen parses and sends the text) or cancelling it. Enter, F2 or
// typing opens it; Enter, Tab or a click elsewhere commits; Escape cancels.
import { useRef, useState, type KeyboardEvent, type RefObject } from 'react'

import type { Cell, ColumnInfo, Units } from '../../shared/ipc/contract'
import { formatCount } from '../format'
import { exactText } from './cell-values'
import type { DraftCommand } from './commands'
import {
  cursorAt,
  moveSelection,
  type CellPos,
  type GridShape,
  type Move,
  type Selection,
} from './selection'

export interface Editing extends CellPos {
  text: string
  /** The text the editor opened with: committing it unchanged sends nothing. */
  initial: string
}

export interface CellEditor {
  editing: Editing | null
  setText(text: string): void
  /** Opens the editor at a cell, with typed text or (null) the cell's exact value. */
  start(at: CellPos, typed: string | null): void
  /**
   * Sends the editor's text and closes it; false when the text was refused (with
   * `keepOnRefusal` the editor then stays open with the text, nothing lost).
   */
  commit(then: Move | null, keepOnRefusal?: boolean): boolean
  onEditorKeyDown(e: KeyboardEvent<HTMLInputElement>): void
}

export function useCellEditor(options: {
  gridRef: RefObject<HTMLDivElement | null>
  columns: ColumnInfo[]
  rowCount: number
  units: Units
  getRow: (row: number) => Cell[] | undefined
  shape: () => GridShape
  onSelectionChange: (selection: Selection) => void
  onCommit: (at: CellPos, text: string) => boolean
  onCommand: (command: DraftCommand) => void
  onNotice: (message: string) => void
  onAppendRow: () => void
}): CellEditor {
  const { gridRef, columns, rowCount, units, getRow, shape, onSelectionChange } = options
  const [editing, setEditingState] = useState<Editing | null>(null)
  // The editor being committed: moving focus back to the grid blurs the input, whose
  // blur would otherwise commit the same text a second time.
  const editingRef = useRef<Editing | null>(null)
  const setEditing = (next: Editing | null) => {
    editingRef.current = next
    setEditingState(next)
  }

  function start(at: CellPos, typed: string | null): void {
    const column = columns[at.col]
    if (!column || at.row >= rowCount) return
    // An editor on a row not yet loaded would open empty, and its text would replace
    // the stored value unseen.
    const cells = getRow(at.row)
    if (cells === undefined) {
      options.onNotice(`Row ${formatCount(at.row + 1)} is still loading: edit it once it shows.`)
      return
    }
    const initial = exactText(cells[at.col], column, units)
    setEditing({ ...at, initial, text: typed ?? initial })
  }

  function commit(then: Move | null, keepOnRefusal = false): boolean {
    if (!editing || editingRef.current !== editing) return true
    const isAccepted =
      editing.text === editing.initial ||
      options.onCommit({ row: editing.row, col: editing.col }, editing.text)
    if (!isAccepted && keepOnRefusal) return false
    setEditing(null)
    gridRef.current?.focus()
    // Tab past the last cell of the log starts the next interval, as in a table being typed.
    if (
      then === 'next-cell' &&
      editing.row === rowCount - 1 &&
      editing.col === columns.length - 1
    ) {
      options.onAppendRow()
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
      if (commit(null, true)) options.onCommand('save')
    }
  }

  return {
    editing,
    setText: (text) => {
      if (editing) setEditing({ ...editing, text })
    },
    start,
    commit,
    onEditorKeyDown,
  }
}
