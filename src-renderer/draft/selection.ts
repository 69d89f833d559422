// The draft grid's cell cursor and range selection as a pure model, so keyboard
// navigation is tested without a DOM. `focus` is the cursor (the cell edited and
// scrolled to); `anchor` is where a Shift-extended range started. Rows and columns are
// 0-based positions in the draft; every result is clamped to the grid, so a cursor
// never points past a row that a delete or an undo took away.

export interface CellPos {
  row: number
  col: number
}

export interface Selection {
  anchor: CellPos
  focus: CellPos
}

export interface Range {
  top: number
  bottom: number
  left: number
  right: number
}

export interface GridShape {
  rowCount: number
  colCount: number
  /** Rows one PageUp/PageDown moves: what fits on screen. */
  pageRows: number
}

export type Move =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'page-up'
  | 'page-down'
  | 'row-start'
  | 'row-end'
  | 'grid-start'
  | 'grid-end'
  | 'next-cell'
  | 'previous-cell'

export function cursorAt(row: number, col: number): Selection {
  return { anchor: { row, col }, focus: { row, col } }
}

export function rangeOf(selection: Selection): Range {
  const { anchor, focus } = selection
  return {
    top: Math.min(anchor.row, focus.row),
    bottom: Math.max(anchor.row, focus.row),
    left: Math.min(anchor.col, focus.col),
    right: Math.max(anchor.col, focus.col),
  }
}

export function isInRange(range: Range, row: number, col: number): boolean {
  return row >= range.top && row <= range.bottom && col >= range.left && col <= range.right
}

export function rangeSize(range: Range): { rows: number; cols: number } {
  return { rows: range.bottom - range.top + 1, cols: range.right - range.left + 1 }
}

function clamp(value: number, max: number): number {
  return Math.max(0, Math.min(value, Math.max(0, max)))
}

/** The selection fitted to a grid whose rows or columns changed. */
export function clampSelection(selection: Selection, shape: GridShape): Selection {
  const fit = (p: CellPos): CellPos => ({
    row: clamp(p.row, shape.rowCount - 1),
    col: clamp(p.col, shape.colCount - 1),
  })
  return { anchor: fit(selection.anchor), focus: fit(selection.focus) }
}

function movedCell(p: CellPos, move: Move, shape: GridShape): CellPos {
  const lastRow = shape.rowCount - 1
  const lastCol = shape.colCount - 1
  switch (move) {
    case 'up':
      return { row: clamp(p.row - 1, lastRow), col: p.col }
    case 'down':
      return { row: clamp(p.row + 1, lastRow), col: p.col }
    case 'left':
      return { row: p.row, col: clamp(p.col - 1, lastCol) }
    case 'right':
      return { row: p.row, col: clamp(p.col + 1, lastCol) }
    case 'page-up':
      return { row: clamp(p.row - shape.pageRows, lastRow), col: p.col }
    case 'page-down':
      return { row: clamp(p.row + shape.pageRows, lastRow), col: p.col }
    case 'row-start':
      return { row: p.row, col: 0 }
    case 'row-end':
      return { row: p.row, col: clamp(lastCol, lastCol) }
    case 'grid-start':
      return { row: 0, col: 0 }
    case 'grid-end':
      return { row: clamp(lastRow, lastRow), col: clamp(lastCol, lastCol) }
    // Tab walks the cells in reading order, wrapping to the next row as spreadsheets do.
    case 'next-cell':
      if (p.col < lastCol) return { row: p.row, col: p.col + 1 }
      return p.row < lastRow ? { row: p.row + 1, col: 0 } : p
    case 'previous-cell':
      if (p.col > 0) return { row: p.row, col: p.col - 1 }
      return p.row > 0 ? { row: p.row - 1, col: clamp(lastCol, lastCol) } : p
  }
}

/** The cursor moved; with `extend` (Shift held) the anchor stays and the range grows. */
export function moveSelection(
  selection: Selection,
  move: Move,
  shape: GridShape,
  extend: boolean,
): Selection {
  const focus = movedCell(selection.focus, move, shape)
  return extend ? { anchor: selection.anchor, focus } : { anchor: focus, focus }
}

/** What a key press means to the grid when no cell is being edited; null: not the grid's key. */
export function moveForKey(key: {
  key: string
  ctrlKey: boolean
  shiftKey: boolean
  altKey: boolean
}): { move: Move; extend: boolean } | null {
  if (key.altKey) return null
  const extend = key.shiftKey
  switch (key.key) {
    case 'ArrowUp':
      return key.ctrlKey ? { move: 'grid-start', extend } : { move: 'up', extend }
    case 'ArrowDown':
      return key.ctrlKey ? { move: 'grid-end', extend } : { move: 'down', extend }
    case 'ArrowLeft':
      return { move: key.ctrlKey ? 'row-start' : 'left', extend }
    case 'ArrowRight':
      return { move: key.ctrlKey ? 'row-end' : 'right', extend }
    case 'PageUp':
      return { move: 'page-up', extend }
    case 'PageDown':
      return { move: 'page-down', extend }
    case 'Home':
      return { move: key.ctrlKey ? 'grid-start' : 'row-start', extend }
    case 'End':
      return { move: key.ctrlKey ? 'grid-end' : 'row-end', extend }
    case 'Tab':
      return key.ctrlKey
        ? null
        : { move: key.shiftKey ? 'previous-cell' : 'next-cell', extend: false }
    default:
      return null
  }
}
