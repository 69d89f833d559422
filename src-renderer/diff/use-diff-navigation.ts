// Moving through a diff: the rows come from main a page at a time as they scroll into
// view, and next/previous change asks main for the next changed row (main holds the
// whole diff), then scrolls the grid to it.
import { useCallback, useRef, useState, type RefObject } from 'react'

import type { DiffPageRow } from '../../shared/ipc/contract'
import { useGridRows, type GridRows } from '../grid'
import { useIpc } from '../ipc/client'
import { usePagedRows, type FetchPage, type PagedRows } from '../paged-rows'

const PAGE_SIZE = 250

/** A changed row gone to: its aligned row, and which change it is (from 1). */
export interface DiffPosition {
  row: number
  ordinal: number
}

export interface DiffNavigation {
  scrollRef: RefObject<HTMLDivElement | null>
  paged: PagedRows<DiffPageRow>
  rows: GridRows
  current: DiffPosition | null
  /** Forget the position (the rows shown changed, so its ordinal no longer places it). */
  resetCurrent(): void
  step(direction: 'next' | 'previous'): Promise<void>
  /** Bring an aligned row into view and mark it (the view shows every row). */
  showRow(row: number): void
}

export function useDiffNavigation(options: {
  recordId: string
  from: number
  to: number
  onlyChanges: boolean
  /** Aligned rows in the whole diff (where "previous" starts with no position yet). */
  rowCount: number | undefined
}): DiffNavigation {
  const { recordId, from, to, onlyChanges, rowCount } = options
  const ipc = useIpc()
  const [current, setCurrent] = useState<DiffPosition | null>(null)
  const fetchPage = useCallback<FetchPage<DiffPageRow>>(
    async (offset, limit) => {
      const res = await ipc.invoke('diff.page', { recordId, from, to, offset, limit, onlyChanges })
      return res.ok ? { ok: true, value: { rows: res.value.rows, total: res.value.rowCount } } : res
    },
    [ipc, recordId, from, to, onlyChanges],
  )
  const paged = usePagedRows(fetchPage, `${recordId}@${from}..${to}:${onlyChanges}`, PAGE_SIZE)
  const scrollRef = useRef<HTMLDivElement>(null)
  const rows = useGridRows({ count: paged.total ?? 0, scrollRef, ensureRange: paged.ensureRange })
  const { big } = rows

  const step = useCallback(
    async (direction: 'next' | 'previous') => {
      const at = current?.row ?? (direction === 'next' ? -1 : (rowCount ?? 0))
      const res = await ipc.invoke('diff.seek', { recordId, from, to, at, direction })
      if (!res.ok || res.value.row === null) return
      const found = { row: res.value.row, ordinal: res.value.ordinal }
      setCurrent(found)
      big.scrollToIndex(onlyChanges ? found.ordinal - 1 : found.row, 'center')
    },
    [ipc, recordId, from, to, current, rowCount, onlyChanges, big],
  )

  return {
    scrollRef,
    paged,
    rows,
    current,
    resetCurrent: () => setCurrent(null),
    step,
    showRow: (row) => {
      setCurrent({ row, ordinal: current?.ordinal ?? 0 })
      big.scrollToIndex(row, 'center')
    },
  }
}
