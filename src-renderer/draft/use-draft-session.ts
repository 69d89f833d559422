// One record's working draft as the editor sees it: the DraftState main returned last,
// the rows (paged, patched as typed), and the edit queue. Every change goes through
// the queue (issue 8: edits sent one at a time, in order), and every answer replaces
// the state, so findings, undo labels and the row count always describe the draft
// main holds on disk, never a guess of the renderer's.
import { useCallback, useEffect, useMemo, useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { Cell, DraftEdit, DraftState, IpcResult } from '../../shared/ipc/contract'
import type { MetadataJson } from '../../shared/metadata'
import { useIpc } from '../ipc/client'
import { RowCache } from './row-cache'
import { SerialQueue } from './serial-queue'
import type { CellPos } from './selection'

const PAGE_SIZE = 200

/** An edit main refused, shown beside the cell it was made at. */
export interface CellError extends CellPos {
  message: string
  code: ErrorPayload['code'] | null
}

export interface DraftSession {
  state: DraftState | null
  openError: ErrorPayload | null
  /** Edits sent or waiting: the screen says "Saving edits…" while above zero. */
  pending: number
  /** The last refusal of an edit, undo or redo that is not about one cell. */
  actionError: ErrorPayload | null
  cellError: CellError | null
  clearErrors(): void
  /** A value refused before sending (e.g. not a number), shown like main's refusals. */
  reportCellError(error: CellError): void
  /** Changes each time rows land or change, for rendering. */
  rowsVersion: number
  getRow(row: number): Cell[] | undefined
  ensureRows(first: number, last: number): void
  /** Sends an edit; `at` is the cell it is shown against if refused; `patch` shows typed values at once. */
  edit(
    edit: DraftEdit,
    at: CellPos | null,
    patch?: Array<{ row: number; col: number; value: Cell }>,
  ): Promise<boolean>
  undo(): Promise<boolean>
  redo(): Promise<boolean>
  /** Waits for every queued edit, then saves; the metadata of the saved version, or the error. */
  save(comment: string): Promise<IpcResult<MetadataJson>>
  discard(): Promise<IpcResult<object>>
}

export function useDraftSession(recordId: string): DraftSession {
  const ipc = useIpc()
  const [state, setState] = useState<DraftState | null>(null)
  const [openError, setOpenError] = useState<ErrorPayload | null>(null)
  const [pending, setPending] = useState(0)
  const [actionError, setActionError] = useState<ErrorPayload | null>(null)
  const [cellError, setCellError] = useState<CellError | null>(null)
  const [rowsVersion, setRowsVersion] = useState(0)
  const queue = useMemo(() => new SerialQueue(setPending), [])
  const cache = useMemo(() => new RowCache(PAGE_SIZE), [])

  useEffect(() => {
    let isCurrent = true
    void ipc.invoke('draft.open', { recordId }).then((res) => {
      if (!isCurrent) return
      if (res.ok) setState(res.value)
      else setOpenError(res.error)
    })
    return () => {
      isCurrent = false
    }
  }, [ipc, recordId])

  const ensureRows = useCallback(
    (first: number, last: number) => {
      // While edits are on their way the rows on screen are the truth plus what was typed;
      // pages fetched now would be stale on arrival.
      if (queue.pending > 0) return
      for (const page of cache.pagesToFetch(first, last)) {
        const revision = cache.markRequested(page)
        void ipc
          .invoke('draft.page', { recordId, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
          .then((res) => {
            if (!res.ok) {
              cache.forget(page, revision)
              setActionError(res.error)
              return
            }
            if (cache.accept(page, revision, res.value.rows)) setRowsVersion((v) => v + 1)
          })
      }
    },
    [ipc, recordId, cache, queue],
  )

  const apply = useCallback(
    (res: IpcResult<DraftState>, at: CellPos | null): boolean => {
      // Stale after any answer: on success the draft changed, on failure the patched value must go.
      cache.invalidate()
      setRowsVersion((v) => v + 1)
      if (res.ok) {
        setState(res.value)
        return true
      }
      if (at) setCellError({ ...at, message: res.error.message, code: res.error.code })
      else setActionError(res.error)
      return false
    },
    [cache],
  )

  const edit = useCallback<DraftSession['edit']>(
    (draftEdit, at, patch) => {
      setCellError(null)
      setActionError(null)
      if (patch) {
        cache.invalidate()
        for (const p of patch) cache.patch(p.row, p.col, p.value)
        setRowsVersion((v) => v + 1)
      }
      return queue.run(async () =>
        apply(await ipc.invoke('draft.edit', { recordId, edit: draftEdit }), at),
      )
    },
    [ipc, recordId, queue, cache, apply],
  )

  const undo = useCallback(() => {
    setCellError(null)
    setActionError(null)
    return queue.run(async () => apply(await ipc.invoke('draft.undo', { recordId }), null))
  }, [ipc, recordId, queue, apply])

  const redo = useCallback(() => {
    setCellError(null)
    setActionError(null)
    return queue.run(async () => apply(await ipc.invoke('draft.redo', { recordId }), null))
  }, [ipc, recordId, queue, apply])

  const save = useCallback(
    async (comment: string) => {
      await queue.idle()
      const res = await ipc.invoke('draft.save', { recordId, comment })
      return res.ok ? { ok: true as const, value: res.value.metadata } : res
    },
    [ipc, recordId, queue],
  )

  const discard = useCallback(async () => {
    await queue.idle()
    return ipc.invoke('draft.discard', { recordId })
  }, [ipc, recordId, queue])

  const getRow = useCallback((row: number) => cache.getRow(row), [cache])
  const clearErrors = useCallback(() => {
    setCellError(null)
    setActionError(null)
  }, [])

  return {
    reportCellError: setCellError,
    state,
    openError,
    pending,
    actionError,
    cellError,
    clearErrors,
    rowsVersion,
    getRow,
    ensureRows,
    edit,
    undo,
    redo,
    save,
    discard,
  }
}
