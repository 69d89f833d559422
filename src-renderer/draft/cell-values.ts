// Cell values between what the engineer types or sees and what a draft stores
// (type-aware editors; depths stored in metres, shown and typed in the user's
// units). A value that cannot be read for its column is refused here with a
// message for the cell, before anything is sent to main.
import type { Cell, ColumnInfo, DraftEdit, Units } from '../../shared/ipc/contract'
import { DECIMAL_NUMBER, booleanOfWord } from '../../shared/text-values'
import { formatCell } from '../format'
import { isLengthColumn, metresToShown, shownToMetres } from '../units'
import type { Range } from './selection'

export type ParsedValue = { ok: true; value: Cell } | { ok: false; message: string }

/** Arrow integer types that JSON numbers hold exactly; 64-bit ones travel as decimal strings. */
const SMALL_INTEGER = /^U?Int(8|16|32)$/i
const BIG_INTEGER = /^U?Int64$/i

/** Text typed in a cell, as the value to store; empty text clears the cell. */
export function parseTyped(text: string, column: ColumnInfo, units: Units): ParsedValue {
  const trimmed = text.trim()
  if (column.kind === 'text' || column.kind === 'other')
    return { ok: true, value: text === '' ? null : text }
  if (trimmed === '') return { ok: true, value: null }
  if (column.kind === 'boolean') {
    const value = booleanOfWord(trimmed)
    if (value !== null) return { ok: true, value }
    return { ok: false, message: `'${trimmed}' is not true or false` }
  }
  // A decimal comma is refused as main refuses it in a paste: '1,5' could as well mean
  // fifteen hundred, and typed and pasted text must read the same.
  if (!DECIMAL_NUMBER.test(trimmed)) return { ok: false, message: `'${trimmed}' is not a number` }
  const value = Number(trimmed)
  if (SMALL_INTEGER.test(column.type) || BIG_INTEGER.test(column.type)) {
    if (!Number.isInteger(value))
      return { ok: false, message: `'${trimmed}' is not a whole number` }
    return { ok: true, value: BIG_INTEGER.test(column.type) ? String(value) : value }
  }
  return { ok: true, value: isLengthColumn(column) ? shownToMetres(value, units) : value }
}

/** A stored value as the grid shows it (rounded for reading). */
export function shownText(cell: Cell | undefined, column: ColumnInfo, units: Units): string {
  if (typeof cell === 'number' && isLengthColumn(column))
    return formatCell(metresToShown(cell, units))
  return formatCell(cell)
}

/** A stored value as the editor and the clipboard carry it: full precision, shown units. */
export function exactText(cell: Cell | undefined, column: ColumnInfo, units: Units): string {
  if (typeof cell === 'number')
    return String(isLengthColumn(column) ? metresToShown(cell, units) : cell)
  if (cell === null || cell === undefined) return ''
  return String(cell)
}

export type GetCell = (row: number, col: number) => Cell | undefined

/**
 * Ctrl+D as in spreadsheets: the top row of the selection copied into the rows below it,
 * or, when one row is selected, the row above copied into it. Null when there is nothing
 * to copy from or the source row is not loaded.
 */
export function fillDownEdit(
  range: Range,
  columns: ColumnInfo[],
  getCell: GetCell,
): DraftEdit | null {
  const source = range.bottom === range.top ? range.top - 1 : range.top
  const first = range.bottom === range.top ? range.top : range.top + 1
  if (source < 0) return null
  const cells: Array<{ row: number; column: string; value: Cell }> = []
  for (let col = range.left; col <= range.right; col++) {
    const column = columns[col]
    const value = getCell(source, col)
    if (!column || value === undefined) return null
    for (let row = first; row <= range.bottom; row++)
      cells.push({ row, column: column.name, value })
  }
  return cells.length > 0 ? { kind: 'set', cells } : null
}

/** Delete on a selection: every selected cell emptied, as one undoable edit. */
export function clearEdit(range: Range, columns: ColumnInfo[]): DraftEdit | null {
  const cells: Array<{ row: number; column: string; value: Cell }> = []
  for (let row = range.top; row <= range.bottom; row++) {
    for (let col = range.left; col <= range.right; col++) {
      const column = columns[col]
      if (column) cells.push({ row, column: column.name, value: null })
    }
  }
  return cells.length > 0 ? { kind: 'set', cells } : null
}

/** The selection as clipboard cells (shown units, so pasting back gives the same values); null if a row is not loaded. */
export function copyBlock(
  range: Range,
  columns: ColumnInfo[],
  getCell: GetCell,
  units: Units,
): string[][] | null {
  const rows: string[][] = []
  for (let row = range.top; row <= range.bottom; row++) {
    const cells: string[] = []
    for (let col = range.left; col <= range.right; col++) {
      const column = columns[col]
      const value = getCell(row, col)
      if (!column || value === undefined) return null
      cells.push(exactText(value, column, units))
    }
    rows.push(cells)
  }
  return rows
}
