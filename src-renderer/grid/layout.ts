// The grid kit's geometry and class names, shared by every grid (the version grid, the
// draft editor and the diff): one row height and header height, so the capped virtual
// scroller and the stylesheet (styles.css, .grid-header and .grid-row) agree on where
// each row is painted.

export const GRID_ROW_HEIGHT_PX = 26
/** The sticky column header's height (styles.css .grid-header). */
export const GRID_HEADER_PX = 40

export interface GridLayout {
  /** CSS grid-template-columns shared by the header and every row. */
  template: string
  totalWidth: number
  /** Left edge of each column, in px from the grid's left edge. */
  lefts: number[]
}

/** Lays columns of these widths side by side (leading row-number columns included). */
export function gridLayout(widthsPx: readonly number[]): GridLayout {
  const lefts: number[] = []
  let x = 0
  for (const w of widthsPx) {
    lefts.push(x)
    x += w
  }
  return { template: widthsPx.map((w) => `${w}px`).join(' '), totalWidth: x, lefts }
}

/** A class attribute from the names that apply. */
export function classes(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ')
}

/** A data cell's class: numbers align right in every grid. */
export function cellClass(
  column: { kind: string },
  ...extra: Array<string | false | null | undefined>
): string {
  return classes('grid-cell', column.kind === 'number' && 'num', ...extra)
}
