// The diff grid's columns: which are shown and how wide, in either layout. Side by side
// doubles every column, so by default it shows the keys, the description and what
// changed (both versions then fit on one screen); "All columns" shows the rest.
import type { DiffSummaryView } from '../../shared/ipc/contract'

export type DiffMode = 'split' | 'unified'

/** A column on screen, with its position in the summary's columns (the cells' order). */
export type ShownColumn = DiffSummaryView['columns'][number] & { at: number }

/** The change mark column, then each side's row-number column. */
export const MARK_WIDTH_PX = 28
export const ROW_NUMBER_WIDTH_PX = 56

/** Side by side halves the room per column: text columns get narrower there. */
export function cellWidthPx(column: ShownColumn, mode: DiffMode): number {
  if (column.name === 'description') return mode === 'split' ? 190 : 420
  if (column.name === 'remarks') return mode === 'split' ? 140 : 250
  if (column.kind === 'number') return mode === 'split' ? 100 : 140
  return mode === 'split' ? 96 : 160
}

export function shownColumns(
  view: DiffSummaryView | undefined,
  mode: DiffMode,
  showAllColumns: boolean,
): ShownColumn[] {
  const all = (view?.columns ?? []).map((c, at) => ({ ...c, at }))
  if (mode !== 'split' || showAllColumns || !view) return all
  return all.filter(
    (c) =>
      c.isKey ||
      c.name === 'description' ||
      c.presence !== 'both' ||
      (view.perColumn[c.name] ?? 0) > 0,
  )
}

/** Widths of every grid column, in order: the mark, then each side's row number and cells. */
export function diffGridWidths(cellWidths: readonly number[], mode: DiffMode): number[] {
  return mode === 'split'
    ? [MARK_WIDTH_PX, ROW_NUMBER_WIDTH_PX, ...cellWidths, ROW_NUMBER_WIDTH_PX, ...cellWidths]
    : [MARK_WIDTH_PX, ROW_NUMBER_WIDTH_PX, ROW_NUMBER_WIDTH_PX, ...cellWidths]
}
