// Rows of a long list fetched from main in pages as they scroll into view, never as
// one giant JSON. Pages are cached per query key; a page is requested once even when
// many rows of it render at once, and an answer for an older key is dropped (a slow
// page never shows under a new sort).
import { useCallback, useEffect, useRef, useState } from 'react'

import type { ErrorPayload } from '../shared/errors'
import type { IpcResult } from '../shared/ipc/contract'

export interface Page<Row> {
  rows: Row[]
  total: number
}

export type FetchPage<Row> = (offset: number, limit: number) => Promise<IpcResult<Page<Row>>>

export interface PagedRows<Row> {
  /** null until the first page of the current key answered. */
  total: number | null
  getRow(index: number): Row | undefined
  /** Ask for the pages covering [start, end]; cheap when they are cached or pending. */
  ensureRange(start: number, end: number): void
  error: ErrorPayload | null
  /** Pages fetched so far for this key (a new page landing renders again). */
  loadedPages: number
}

interface LoadState {
  key: string
  total: number | null
  error: ErrorPayload | null
  loadedPages: number
}

export function usePagedRows<Row>(
  fetchPage: FetchPage<Row>,
  key: string,
  pageSize: number,
): PagedRows<Row> {
  const cache = useRef({ key: '', pages: new Map<number, Row[]>(), pending: new Set<number>() })
  const [state, setState] = useState<LoadState>({
    key: '',
    total: null,
    error: null,
    loadedPages: 0,
  })

  const load = useCallback(
    (page: number) => {
      const c = cache.current
      if (c.pages.has(page) || c.pending.has(page)) return
      c.pending.add(page)
      const mine = c.key
      void fetchPage(page * pageSize, pageSize).then((res) => {
        if (cache.current.key !== mine) return
        c.pending.delete(page)
        if (!res.ok) {
          setState((s) => ({
            ...(s.key === mine ? s : { key: mine, total: null, loadedPages: 0 }),
            error: res.error,
          }))
          return
        }
        c.pages.set(page, res.value.rows)
        setState((s) => ({
          key: mine,
          total: res.value.total,
          error: null,
          loadedPages: (s.key === mine ? s.loadedPages : 0) + 1,
        }))
      })
    },
    [fetchPage, pageSize],
  )

  useEffect(() => {
    // The fetcher changes exactly when the query does; `key` names that query.
    cache.current = { key, pages: new Map(), pending: new Set() }
    load(0)
  }, [key, load])

  const ensureRange = useCallback(
    (start: number, end: number) => {
      if (end < start || cache.current.key !== key) return
      const first = Math.floor(Math.max(0, start) / pageSize)
      const last = Math.floor(end / pageSize)
      for (let p = first; p <= last; p++) load(p)
    },
    [load, pageSize, key],
  )

  const getRow = useCallback(
    (index: number) =>
      cache.current.key === key
        ? cache.current.pages.get(Math.floor(index / pageSize))?.[index % pageSize]
        : undefined,
    [pageSize, key],
  )

  const current = state.key === key ? state : { total: null, error: null, loadedPages: 0 }
  return {
    total: current.total,
    error: current.error,
    loadedPages: current.loadedPages,
    getRow,
    ensureRange,
  }
}
