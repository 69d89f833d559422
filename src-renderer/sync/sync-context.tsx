// Sync as every part of the window sees it (the status bar shows it always): the status
// from main, polled every 10 s and after anything that may change it (a commit, the
// settings or store changed, a sync run), and one sync run at a time, started from the
// menu, the status bar or the sync screen, whose result the sync screen shows.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { ResponseOf, SyncStatusView } from '../../shared/ipc/contract'
import { useIpc } from '../ipc/client'
import { newTaskId } from '../progress'

const SYNC_POLL_MS = 10_000

type SyncRunResult = ResponseOf<'sync.run'>

interface SyncValue {
  status: SyncStatusView | null
  /** Why the status could not be read (main down, store unreadable). */
  statusError: ErrorPayload | null
  /** Task id of the run in progress, for Cancel; null when idle. */
  runningTaskId: string | null
  lastResult: SyncRunResult | null
  lastError: ErrorPayload | null
  run(): Promise<SyncRunResult | null>
  refresh(): void
}

const SyncContext = createContext<SyncValue | null>(null)

export function SyncProvider({ children }: { children: ReactNode }) {
  const ipc = useIpc()
  const [status, setStatus] = useState<SyncStatusView | null>(null)
  const [statusError, setStatusError] = useState<ErrorPayload | null>(null)
  const [runningTaskId, setRunningTaskId] = useState<string | null>(null)
  const [lastResult, setLastResult] = useState<SyncRunResult | null>(null)
  const [lastError, setLastError] = useState<ErrorPayload | null>(null)
  const [generation, setGeneration] = useState(0)
  const refresh = useCallback(() => setGeneration((g) => g + 1), [])
  const isRunning = useRef(false)

  useEffect(() => {
    let isCurrent = true
    const read = () =>
      void ipc.invoke('sync.status', {}).then((res) => {
        if (!isCurrent) return
        if (res.ok) {
          setStatus(res.value)
          setStatusError(null)
        } else setStatusError(res.error)
      })
    read()
    const timer = setInterval(read, SYNC_POLL_MS)
    const offStore = ipc.on('store.changed', read)
    const offSettings = ipc.on('settings.changed', read)
    return () => {
      isCurrent = false
      clearInterval(timer)
      offStore()
      offSettings()
    }
  }, [ipc, generation])

  const run = useCallback(async (): Promise<SyncRunResult | null> => {
    if (isRunning.current) return null
    isRunning.current = true
    const taskId = newTaskId('sync')
    setRunningTaskId(taskId)
    setLastError(null)
    setStatus((s) => (s && s.isConfigured ? { ...s, state: 'syncing' } : s))
    try {
      const res = await ipc.invoke('sync.run', { taskId })
      if (res.ok) {
        setLastResult(res.value)
        setStatus(res.value.status)
        return res.value
      }
      setLastError(res.error)
      return null
    } finally {
      isRunning.current = false
      setRunningTaskId(null)
      refresh()
    }
  }, [ipc, refresh])

  const value = useMemo(
    () => ({ status, statusError, runningTaskId, lastResult, lastError, run, refresh }),
    [status, statusError, runningTaskId, lastResult, lastError, run, refresh],
  )
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>
}

export function useSync(): SyncValue {
  const value = useContext(SyncContext)
  if (!value) throw new Error('useSync outside SyncProvider')
  return value
}
