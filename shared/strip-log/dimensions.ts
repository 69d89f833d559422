// The sheet's fixed dimensions, and the two helpers every part of the model draws with
// (depth text to two decimals, the dogleg of a leader line). One place for them keeps the
// header, columns, labels and marks on the same grid.
import type { ScaleLinear } from 'd3-scale'

import type { Point } from './model-types'

export const FT_PER_M = 3.280839895
export const MARGIN = 10
export const TITLE_HEIGHT = 30
export const HEADER_ROW_HEIGHT = 27
export const COLUMN_HEADER_HEIGHT = 30
export const DESCRIPTION_FONT_SIZES = [10, 9] as const
export const BOUNDARY_FONT_SIZE = 8.5
export const SAMPLE_FONT_SIZE = 8
export const LEADER_WIDTH = 12
/** A description starts this far below its stratum's top line. */
export const DESCRIPTION_OFFSET = 1.5
export const MIN_WIDTH = 560
export const HOLE_ID_BOX_WIDTH = 150
export const HOLE_ID_BOX = { y: MARGIN, width: HOLE_ID_BOX_WIDTH, height: TITLE_HEIGHT }

/** The drawing is an A4 sheet less 10 mm margins (190 mm) at 96 px to the inch. */
export const DEFAULT_WIDTH = 718
export const PX_PER_MM = 96 / 25.4
/** Vertical scales offered, as 1:n; the first is the default. */
export const SCALES = [50, 25, 100] as const
export const DEFAULT_SCALE = 50

export type DepthScale = ScaleLinear<number, number>

export function fixed(n: number, digits = 2): string {
  return (Object.is(n, -0) ? 0 : n).toFixed(digits)
}

export function dogleg(
  fromX: number,
  fromY: number,
  toX: number,
  toY: number,
  direction: 1 | -1,
): Point[] {
  const bend = direction * 3
  return [
    [fromX, fromY],
    [fromX + bend, fromY],
    [toX - bend, toY],
    [toX, toY],
  ]
}
