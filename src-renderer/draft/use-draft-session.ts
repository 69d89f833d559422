// One record's working draft as the editor sees it: the DraftState main returned last,
// the rows (paged, patched as typed), and the edit queue. Every change goes through
// the queue (edits are sent one at a time, in order), and every answer replaces
// the state, so findings, undo labels and the row count always describe the draft
// main holds on disk, never a guess of the renderer's.
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type Dispatch,
  type SetStateAction,
} from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { Cell, DraftEdit, DraftState, IpcClient, IpcResult } from '../../shared/ipc/contract'
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

/**
 * An edit refused (by main, or before sending) since the last save: kept until the user
 * dismisses it, so a save never goes ahead as if the refused text had been stored.
 */
export interface RefusedEdit {
  at: CellPos | null
  message: string
  code: ErrorPayload['code'] | null
}

export interface DraftSession {
  state: DraftState | null
  openError: ErrorPayload | null
  /** The draft's rows, counting rows whose insert is queued but not yet answered. */
  rowCount: number
  /** Edits sent or waiting: the screen says "Saving edits…" while above zero. */
  pending: number
  /** The same, read at once (e.g. while the window is closing, between renders). */
  hasPendingEdits(): boolean
  /** The last refusal of an edit, undo or redo that is not about one cell. */
  actionError: ErrorPayload | null
  cellError: CellError | null
  clearErrors(): void
  /** A value refused before sending (e.g. not a number), shown like main's refusals. */
  reportCellError(error: CellError): void
  /** Edits refused since the last save (or the last dismissal). */
  refused: RefusedEdit[]
  /** The user has read the refusals and accepts that those edits were not made. */
  dismissRefused(): void
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
  /** A header property changed; resolves to the refusal (shown at the field), or null. */
  editHeader(key: string, value: string | null): Promise<ErrorPayload | null>
  undo(): Promise<boolean>
  redo(): Promise<boolean>
  /**
   * Waits for every queued edit, then saves; the metadata of the saved version, or the
   * error. Refused while `refused` is not empty (code BAD_INPUT, nothing saved).
   */
  save(comment: string): Promise<IpcResult<MetadataJson>>
  discard(): Promise<IpcResult<object>>
}

/** The edits refused since the last save; read through `current` between renders. */
function useRefusals() {
  const [refused, setRefusedState] = useState<RefusedEdit[]>([])
  // Save reads the refusals after the queue drains, before React has re-rendered.
  const refusedRef = useRef<RefusedEdit[]>([])
  const set = useCallback((next: RefusedEdit[]) => {
    refusedRef.current = next
    setRefusedState(next)
  }, [])
  const add = useCallback((error: RefusedEdit) => set([...refusedRef.current, error]), [set])
  /** A value stored (or a refusal read) at a cell settles what was refused there before. */
  const settle = useCallback(
    (at: CellPos) =>
      set(refusedRef.current.filter((r) => r.at?.row !== at.row || r.at.col !== at.col)),
    [set],
  )
  const current = useCallback(() => refusedRef.current, [])
  return { refused, set, add, settle, current }
}

/** The draft as main last answered, or why it could not be opened. */
function useOpenDraft(ipc: IpcClient, recordId: string) {
  const [state, setState] = useState<DraftState | null>(null)
  const [openError, setOpenError] = useState<ErrorPayload | null>(null)
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
  return { state, setState, openError }
}

/** The draft's rows, fetched a page at a time and held back while edits are on their way. */
function useDraftRows(
  ipc: IpcClient,
  recordId: string,
  queue: SerialQueue,
  onError: (error: ErrorPayload) => void,
) {
  const [rowsVersion, setRowsVersion] = useState(0)
  const cache = useMemo(() => new RowCache(PAGE_SIZE), [])
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
              onError(res.error)
              return
            }
            if (cache.accept(page, revision, res.value.rows)) setRowsVersion((v) => v + 1)
          })
      }
    },
    [ipc, recordId, cache, queue, onError],
  )
  const rowsChanged = useCallback(() => setRowsVersion((v) => v + 1), [])
  const getRow = useCallback((row: number) => cache.getRow(row), [cache])
  return { cache, rowsVersion, rowsChanged, ensureRows, getRow }
}

/** The refusal of the last edit, undo or redo: at its cell, or for the whole draft. */
function useEditErrors() {
  const [actionError, setActionError] = useState<ErrorPayload | null>(null)
  const [cellError, setCellError] = useState<CellError | null>(null)
  const clear = useCallback(() => {
    setCellError(null)
    setActionError(null)
  }, [])
  return { actionError, setActionError, cellError, setCellError, clear }
}

function useQueuedEdits(
  ipc: IpcClient,
  recordId: string,
  setState: Dispatch<SetStateAction<DraftState | null>>,
  columnCount: number,
) {
  const [pending, setPending] = useState(0)
  const [queuedRows, setQueuedRows] = useState(0)
  const queue = useMemo(() => new SerialQueue(setPending), [])
  const errors = useEditErrors()
  const rows = useDraftRows(ipc, recordId, queue, errors.setActionError)
  const refusals = useRefusals()
  const { cache, rowsChanged } = rows
  const { setCellError, setActionError, clear: clearErrors } = errors
  const { add: refuse, settle } = refusals

  const apply = useCallback(
    (res: IpcResult<DraftState>, at: CellPos | null): boolean => {
      // Stale after any answer: on success the draft changed, on failure the patched value must go.
      cache.invalidate()
      rowsChanged()
      if (res.ok) {
        setState(res.value)
        return true
      }
      if (at) setCellError({ ...at, message: res.error.message, code: res.error.code })
      else setActionError(res.error)
      return false
    },
    [cache, rowsChanged, setState, setCellError, setActionError],
  )

  const edit = useCallback<DraftSession['edit']>(
    (draftEdit, at, patch) => {
      clearErrors()
      // An insert shows at once (typing straight after Tab or Insert below goes into the
      // new row); the edits typed there queue behind it, so main applies them to the
      // same row.
      const inserted = draftEdit.kind === 'insert' ? draftEdit.count : 0
      if (draftEdit.kind === 'insert') {
        cache.insertRows(draftEdit.at, inserted, columnCount)
        setQueuedRows((n) => n + inserted)
        rowsChanged()
      }
      if (patch) {
        cache.invalidate()
        for (const p of patch) cache.patch(p.row, p.col, p.value)
        rowsChanged()
      }
      return queue.run(async () => {
        const res = await ipc.invoke('draft.edit', { recordId, edit: draftEdit })
        if (inserted > 0) setQueuedRows((n) => n - inserted)
        if (!res.ok) refuse({ at, message: res.error.message, code: res.error.code })
        else if (at) settle(at)
        return apply(res, at)
      })
    },
    [ipc, recordId, queue, cache, apply, rowsChanged, columnCount, clearErrors, refuse, settle],
  )

  const travel = useCallback(
    (channel: 'draft.undo' | 'draft.redo') => {
      clearErrors()
      return queue.run(async () => apply(await ipc.invoke(channel, { recordId }), null))
    },
    [ipc, recordId, queue, apply, clearErrors],
  )

  return { queue, pending, queuedRows, errors, rows, refusals, edit, travel }
}

export function useDraftSession(recordId: string): DraftSession {
  const ipc = useIpc()
  const { state, setState, openError } = useOpenDraft(ipc, recordId)
  const edits = useQueuedEdits(ipc, recordId, setState, state?.columns.length ?? 0)
  const { queue, errors, refusals, rows, travel } = edits
  const { cellError, setCellError, setActionError } = errors
  const { add: refuse, settle, set: setRefused, current: currentRefusals } = refusals

  const reportCellError = useCallback(
    (error: CellError) => {
      setCellError(error)
      refuse({ at: { row: error.row, col: error.col }, message: error.message, code: error.code })
    },
    [setCellError, refuse],
  )

  const editHeader = useCallback(
    (key: string, value: string | null) => {
      setActionError(null)
      return queue.run(async () => {
        const res = await ipc.invoke('draft.edit', {
          recordId,
          edit: { kind: 'header', key, value },
        })
        if (!res.ok) {
          refuse({ at: null, message: res.error.message, code: res.error.code })
          return res.error
        }
        setState(res.value)
        return null
      })
    },
    [ipc, recordId, queue, refuse, setActionError, setState],
  )

  const save = useCallback(
    async (comment: string) => {
      await queue.idle()
      const refusedCount = currentRefusals().length
      if (refusedCount > 0)
        return {
          ok: false as const,
          error: {
            code: 'BAD_INPUT' as const,
            message: `${refusedCount === 1 ? '1 edit was' : `${refusedCount} edits were`} refused and not kept. Fix them, or dismiss them to save without them.`,
          },
        }
      const res = await ipc.invoke('draft.save', { recordId, comment })
      if (res.ok) setRefused([])
      return res.ok ? { ok: true as const, value: res.value.metadata } : res
    },
    [ipc, recordId, queue, currentRefusals, setRefused],
  )

  const discard = useCallback(async () => {
    await queue.idle()
    return ipc.invoke('draft.discard', { recordId })
  }, [ipc, recordId, queue])

  // Escape on a shown refusal: the user has read it, so it no longer holds up a save.
  const { clear } = errors
  const clearErrors = useCallback(() => {
    if (cellError) settle(cellError)
    clear()
  }, [cellError, settle, clear])

  return {
    reportCellError,
    refused: refusals.refused,
    dismissRefused: useCallback(() => {
      setRefused([])
      setCellError(null)
    }, [setRefused, setCellError]),
    state,
    openError,
    rowCount: (state?.rowCount ?? 0) + edits.queuedRows,
    pending: edits.pending,
    hasPendingEdits: useCallback(() => queue.pending > 0, [queue]),
    actionError: errors.actionError,
    cellError,
    clearErrors,
    rowsVersion: rows.rowsVersion,
    getRow: rows.getRow,
    ensureRows: rows.ensureRows,
    edit: edits.edit,
    editHeader,
    undo: useCallback(() => travel('draft.undo'), [travel]),
    redo: useCallback(() => travel('draft.redo'), [travel]),
    save,
    discard,
  }
}
