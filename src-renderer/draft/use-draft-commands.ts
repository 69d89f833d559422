// The draft editor's commands (undo, redo, insert, delete, move, fill down, clear),
// typed values, and paste, turned into draft edits for the session's queue. Sizes the
// contract refuses are refused here with a message, before anything is sent: cutting a
// block down to a cap would store part of it as if it were whole.
import type { ColumnInfo, Units } from '../../shared/ipc/contract'
import { formatCount } from '../format'
import { clearEdit, fillDownEdit, parseTyped } from './cell-values'
import type { DraftCommand } from './commands'
import { cursorAt, rangeOf, rangeSize, type CellPos, type Selection } from './selection'
import { parseTsv } from './tsv'
import type { DraftSession } from './use-draft-session'

/** Cells one set edit may carry (the contract's cap): a bigger clear or fill is refused here. */
const MAX_SET_CELLS = 100_000
/** Paste edits are capped by the contract (rows × 200 columns). */
const MAX_PASTE_ROWS = 100_000
const MAX_PASTE_COLUMNS = 200

export interface DraftEditing {
  columns: ColumnInfo[]
  units: Units
  selection: Selection
  setSelection: (selection: Selection) => void
  setNotice: (message: string) => void
}

/** Tab-separated text pasted at the selection's top left cell. */
export function pasteText(session: DraftSession, ctx: DraftEditing, text: string): void {
  const { columns } = ctx
  const range = rangeOf(ctx.selection)
  const values = parseTsv(text)
  const column = columns[range.left]
  if (values.length === 0 || !column) {
    ctx.setNotice('Nothing to paste: the clipboard holds no text.')
    return
  }
  const width = Math.max(...values.map((r) => r.length))
  if (values.length > MAX_PASTE_ROWS || width > MAX_PASTE_COLUMNS) {
    ctx.setNotice(
      `Nothing pasted: the clipboard holds ${formatCount(values.length)} × ${formatCount(width)} cells, and one paste takes at most ${formatCount(MAX_PASTE_ROWS)} rows × ${formatCount(MAX_PASTE_COLUMNS)} columns. Paste it in parts.`,
    )
    return
  }
  const at = { row: Math.min(range.top, session.rowCount), col: range.left }
  void session
    .edit({ kind: 'paste', row: at.row, column: column.name, values, units: ctx.units }, at)
    .then((ok) => {
      if (!ok) return
      ctx.setSelection({
        anchor: at,
        focus: {
          row: at.row + values.length - 1,
          col: Math.min(columns.length - 1, at.col + width - 1),
        },
      })
      ctx.setNotice(`Pasted ${formatCount(values.length)} × ${formatCount(width)} cells`)
    })
}

/** A cell's typed text, parsed for its column and sent; false when it cannot be stored. */
export function commitText(
  session: DraftSession,
  ctx: DraftEditing,
  at: CellPos,
  text: string,
): boolean {
  const column = ctx.columns[at.col]
  if (!column) return false
  const parsed = parseTyped(text, column, ctx.units)
  if (!parsed.ok) {
    session.reportCellError({ ...at, message: parsed.message, code: null })
    return false
  }
  void session.edit(
    { kind: 'set', cells: [{ row: at.row, column: column.name, value: parsed.value }] },
    at,
    [{ row: at.row, col: at.col, value: parsed.value }],
  )
  return true
}

function insertRows(session: DraftSession, ctx: DraftEditing, isAbove: boolean): void {
  const range = rangeOf(ctx.selection)
  const hasRows = session.rowCount > 0
  const count = hasRows ? rangeSize(range).rows : 1
  const at = !hasRows ? 0 : isAbove ? range.top : range.bottom + 1
  const col = ctx.selection.focus.col
  // The new rows show at once (the session counts them): keys typed next go there.
  void session.edit({ kind: 'insert', at, count }, null)
  ctx.setSelection({ anchor: { row: at, col }, focus: { row: at + count - 1, col } })
}

function moveRows(session: DraftSession, ctx: DraftEditing, step: -1 | 1): void {
  const range = rangeOf(ctx.selection)
  const { anchor, focus } = ctx.selection
  if (range.top + step < 0 || range.bottom + step >= session.rowCount) return
  void session.edit(
    { kind: 'move', from: range.top, count: rangeSize(range).rows, to: range.top + step },
    null,
  )
  ctx.setSelection({
    anchor: { row: anchor.row + step, col: anchor.col },
    focus: { row: focus.row + step, col: focus.col },
  })
}

function fillDown(session: DraftSession, ctx: DraftEditing): void {
  const range = rangeOf(ctx.selection)
  const size = rangeSize(range)
  if (size.rows * size.cols > MAX_SET_CELLS) {
    ctx.setNotice(`Fill down changes at most ${formatCount(MAX_SET_CELLS)} cells at a time.`)
    return
  }
  const edit = fillDownEdit(range, ctx.columns, (row, col) => session.getRow(row)?.[col])
  if (edit) void session.edit(edit, null)
  else
    ctx.setNotice(
      range.top === 0 && size.rows === 1
        ? 'Fill down copies the row above into the selection: select the rows to fill below a filled row.'
        : 'Fill down needs the top row loaded: scroll to it and try again.',
    )
}

function clear(session: DraftSession, ctx: DraftEditing): void {
  const range = rangeOf(ctx.selection)
  const size = rangeSize(range)
  if (size.rows * size.cols > MAX_SET_CELLS) {
    ctx.setNotice(
      `Clear empties at most ${formatCount(MAX_SET_CELLS)} cells at a time; to remove whole rows, delete them (Ctrl+-).`,
    )
    return
  }
  const edit = clearEdit(range, ctx.columns)
  if (edit) void session.edit(edit, null)
}

/** Runs a command on the selection; `onSave` opens the save dialog. */
export function runDraftCommand(
  session: DraftSession,
  ctx: DraftEditing,
  command: DraftCommand,
  onSave: () => void,
): void {
  const { state } = session
  if (!state) return
  const hasRows = session.rowCount > 0
  const range = rangeOf(ctx.selection)
  switch (command) {
    // With edits still on their way the state's flags are not yet theirs: main decides.
    case 'undo':
      if (state.canUndo || session.pending > 0) void session.undo()
      return
    case 'redo':
      if (state.canRedo || session.pending > 0) void session.redo()
      return
    case 'save':
      onSave()
      return
    case 'insert-above':
    case 'insert-below':
      insertRows(session, ctx, command === 'insert-above')
      return
    case 'delete-rows': {
      if (!hasRows) return
      const rows = Array.from({ length: rangeSize(range).rows }, (_, i) => range.top + i)
      void session.edit({ kind: 'delete', rows }, null)
      ctx.setSelection(cursorAt(range.top, ctx.selection.focus.col))
      return
    }
    case 'move-up':
    case 'move-down':
      if (hasRows) moveRows(session, ctx, command === 'move-up' ? -1 : 1)
      return
    case 'fill-down':
      if (hasRows) fillDown(session, ctx)
      return
    case 'clear':
      if (hasRows) clear(session, ctx)
      return
  }
}
