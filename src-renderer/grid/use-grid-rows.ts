// The grid kit's virtualisation: which rows are on screen (through the capped scroller,
// so a million rows scroll the same in every grid), and asking the grid's row source
// for exactly those as they scroll into view.
import { useEffect, type RefObject } from 'react'

import { useBigVirtualizer, type BigVirtualizer } from './big-scroll'
import { GRID_HEADER_PX, GRID_ROW_HEIGHT_PX } from './layout'

export interface GridRows {
  big: BigVirtualizer
  /** First and last row on screen (last is -1 when none is). */
  first: number
  last: number
  isOnScreen(index: number): boolean
}

export function useGridRows(options: {
  count: number
  scrollRef: RefObject<HTMLDivElement | null>
  /** Fetches rows [first, last]; must be cheap for rows cached or on their way. */
  ensureRange: (first: number, last: number) => void
  /** Changes when fetched rows went stale: the rows on screen are asked for again. */
  refreshKey?: string
}): GridRows {
  const { count, scrollRef, ensureRange, refreshKey } = options
  const big = useBigVirtualizer({
    count,
    rowHeightPx: GRID_ROW_HEIGHT_PX,
    scrollRef,
    headerPx: GRID_HEADER_PX,
  })
  const first = big.rows[0]?.index ?? 0
  const last = big.rows[big.rows.length - 1]?.index ?? -1
  useEffect(() => ensureRange(first, last), [ensureRange, first, last, refreshKey])
  return { big, first, last, isOnScreen: (index) => big.rows.some((r) => r.index === index) }
}
