// Virtual scrolling for a million rows and more (a 1,000,000-row version must scroll
// smoothly). At 26 px a row, 1M rows are 26,000,000 px; far beyond ~4,000,000 px
// the browser paints with float precision of a pixel or worse and rows visibly overlap.
// Up to MAX_SCROLL_PX, @tanstack/react-virtual does the work as usual. Beyond it, the
// scroll range is capped and mapped onto the rows' offset (the scrollbar stays
// proportional), wheel and keys move the rows pixel-exact, and the rows are drawn in a
// sticky window relative to a nearby chunk boundary, so every painted coordinate stays small.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react'

const MAX_SCROLL_PX = 2_000_000
/** Rows are placed relative to a multiple of this, keeping their `top` small. */
const CHUNK_PX = 100_000

export interface VirtualRow {
  index: number
  key: number
  /** Offset of the row from the first row, in px. */
  start: number
}

export interface BigVirtualizer {
  rows: VirtualRow[]
  /** The capped scroll range is in use: draw the rows in the sticky window. */
  isCompressed: boolean
  /** Height of the element that gives the scroll range. */
  spacerPx: number
  /** Height of the sticky window (compressed only). */
  windowPx: number
  /** Translate of the rows' layer inside the sticky window (compressed only). */
  layerShiftPx: number
  /** `top` of a row, relative to its container. */
  rowTop: (startPx: number) => number
  scrollToIndex: (index: number, align: 'start' | 'center') => void
}

export function useBigVirtualizer(options: {
  count: number
  rowHeightPx: number
  scrollRef: RefObject<HTMLDivElement | null>
  /** Height of the sticky header above the rows. */
  headerPx: number
  overscan?: number
}): BigVirtualizer {
  const { count, rowHeightPx, scrollRef, headerPx } = options
  const overscan = options.overscan ?? 20
  const totalPx = count * rowHeightPx
  const isCompressed = totalPx > MAX_SCROLL_PX

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer changes every scroll frame by design
  const virtualizer = useVirtualizer({
    count: isCompressed ? 0 : count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeightPx,
    overscan,
  })

  const [offset, setOffset] = useState(0)
  const [viewportPx, setViewportPx] = useState(0)
  const state = useRef({ offset: 0, expectedScrollTop: 0 })

  const geometry = useCallback(() => {
    const el = scrollRef.current
    const rowsViewport = Math.max(0, (el?.clientHeight ?? 0) - headerPx)
    const maxOffset = Math.max(0, totalPx - rowsViewport)
    const maxScrollTop = Math.max(1, (el?.scrollHeight ?? 0) - (el?.clientHeight ?? 0))
    return { el, rowsViewport, maxOffset, ratio: maxOffset / maxScrollTop }
  }, [scrollRef, headerPx, totalPx])

  const apply = useCallback(
    (next: number) => {
      const { el, maxOffset, ratio } = geometry()
      const s = state.current
      s.offset = Math.min(Math.max(0, next), maxOffset)
      s.expectedScrollTop = Math.round(s.offset / ratio)
      if (el && Math.abs(el.scrollTop - s.expectedScrollTop) >= 1)
        el.scrollTop = s.expectedScrollTop
      setOffset(s.offset)
    },
    [geometry],
  )

  useEffect(() => {
    const el = scrollRef.current
    if (!isCompressed || !el) return
    const s = state.current
    const measure = () => setViewportPx(Math.max(0, el.clientHeight - headerPx))
    // The scrollbar, a drag or a script moved scrollTop: map it back onto the rows.
    const onScroll = () => {
      if (Math.abs(el.scrollTop - s.expectedScrollTop) < 1) return
      const { maxOffset, ratio } = geometry()
      s.offset = Math.min(maxOffset, el.scrollTop * ratio)
      s.expectedScrollTop = el.scrollTop
      setOffset(s.offset)
    }
    // Wheel and keys move rows, not the capped scrollbar (which would jump many rows a tick).
    const onWheel = (e: WheelEvent) => {
      if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) return
      e.preventDefault()
      const unit = e.deltaMode === 1 ? rowHeightPx : e.deltaMode === 2 ? geometry().rowsViewport : 1
      apply(s.offset + e.deltaY * unit)
    }
    const onKey = (e: KeyboardEvent) => {
      // A grid with a cell cursor handles its keys first and marks them handled.
      if (e.target !== el || e.defaultPrevented) return
      const page = geometry().rowsViewport - rowHeightPx
      const moves: Record<string, number> = {
        ArrowDown: rowHeightPx,
        ArrowUp: -rowHeightPx,
        PageDown: page,
        PageUp: -page,
        ' ': page,
      }
      if (e.key === 'Home') apply(0)
      else if (e.key === 'End') apply(Number.MAX_SAFE_INTEGER)
      else if (moves[e.key] !== undefined) apply(s.offset + (moves[e.key] as number))
      else return
      e.preventDefault()
    }
    const resize = new ResizeObserver(measure)
    resize.observe(el)
    measure()
    onScroll()
    el.addEventListener('scroll', onScroll, { passive: true })
    el.addEventListener('wheel', onWheel, { passive: false })
    el.addEventListener('keydown', onKey)
    return () => {
      resize.disconnect()
      el.removeEventListener('scroll', onScroll)
      el.removeEventListener('wheel', onWheel)
      el.removeEventListener('keydown', onKey)
    }
  }, [scrollRef, isCompressed, headerPx, rowHeightPx, geometry, apply])

  if (!isCompressed) {
    return {
      rows: virtualizer
        .getVirtualItems()
        .map((item) => ({ index: item.index, key: Number(item.key), start: item.start })),
      isCompressed,
      spacerPx: virtualizer.getTotalSize(),
      windowPx: 0,
      layerShiftPx: 0,
      rowTop: (startPx) => startPx,
      scrollToIndex: (index, align) => virtualizer.scrollToIndex(index, { align }),
    }
  }

  const first = Math.max(0, Math.floor(offset / rowHeightPx) - overscan)
  const last = Math.min(count - 1, Math.ceil((offset + viewportPx) / rowHeightPx) + overscan)
  const rows: VirtualRow[] = []
  for (let index = first; index <= last; index++)
    rows.push({ index, key: index, start: index * rowHeightPx })
  const chunkBase = Math.floor(offset / CHUNK_PX) * CHUNK_PX
  return {
    rows,
    isCompressed,
    spacerPx: MAX_SCROLL_PX,
    windowPx: viewportPx,
    layerShiftPx: chunkBase - offset,
    rowTop: (startPx) => startPx - chunkBase,
    scrollToIndex: (index, align) =>
      apply(index * rowHeightPx - (align === 'center' ? (viewportPx - rowHeightPx) / 2 : 0)),
  }
}

/** Where the rows go: straight in the spacer, or (compressed) in the sticky window's layer. */
export function RowsWindow({
  big,
  headerPx,
  children,
}: {
  big: BigVirtualizer
  headerPx: number
  children: ReactNode
}) {
  if (!big.isCompressed) return children
  return (
    <div className="grid-window" style={{ height: big.windowPx, top: headerPx }}>
      <div className="grid-layer" style={{ transform: `translateY(${big.layerShiftPx}px)` }}>
        {children}
      </div>
    </div>
  )
}
