// How screens reach main: one IpcClient in context (the Electron bridge when the
// preload exposed it, else the browser host), and a hook that turns a call into
// loading / value / error state. Screens branch on error codes, never on text.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { Channel, IpcClient, RequestOf, ResponseOf } from '../../shared/ipc/contract'
import { watchForToken } from './host-token'
import { HttpIpcClient } from './http-client'

declare global {
  interface Window {
    /** Set by the preload under Electron; absent in the browser host. */
    borelog?: IpcClient
  }
}

/** Call once at start-up, before the router reads the hash (it may hold the host's token). */
export function createIpcClient(): { client: IpcClient; host: 'electron' | 'browser' } {
  if (window.borelog) return { client: window.borelog, host: 'electron' }
  watchForToken()
  return { client: new HttpIpcClient(), host: 'browser' }
}

const IpcContext = createContext<IpcClient | null>(null)
export const IpcProvider = IpcContext.Provider

export function useIpc(): IpcClient {
  const client = useContext(IpcContext)
  if (!client) throw new Error('useIpc outside IpcProvider')
  return client
}

export type CallState<T> =
  | { status: 'loading'; value?: T }
  | { status: 'ok'; value: T }
  | { status: 'error'; error: ErrorPayload; value?: T }

interface Answer<T> {
  forKey: string
  value?: T
  error?: ErrorPayload
}

/**
 * Calls `channel` whenever `key` changes (key: a stable string of the request) and when
 * reload() is called; keeps the previous value while reloading so screens do not flash.
 */
export function useCall<C extends Channel>(
  channel: C,
  request: RequestOf<C> | null,
  key: string,
): CallState<ResponseOf<C>> & { reload: () => void } {
  const ipc = useIpc()
  const [answer, setAnswer] = useState<Answer<ResponseOf<C>>>({ forKey: '' })
  const [generation, setGeneration] = useState(0)
  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  // A request that turns from null (not yet known) to a value must be sent even if `key` stayed.
  const callKey = `${channel}:${key}#${generation}${request === null ? ':off' : ''}`
  const requestRef = useRef(request)
  useEffect(() => {
    requestRef.current = request
  })

  useEffect(() => {
    const req = requestRef.current
    if (req === null) return
    let isCurrent = true
    void ipc.invoke(channel, req).then((res) => {
      if (!isCurrent) return
      setAnswer((a) =>
        res.ok
          ? { forKey: callKey, value: res.value }
          : { forKey: callKey, value: a.value, error: res.error },
      )
    })
    return () => {
      isCurrent = false
    }
  }, [ipc, channel, callKey])

  const value = answer.value
  if (answer.forKey !== callKey || request === null) {
    return { status: 'loading', ...(value !== undefined ? { value } : {}), reload }
  }
  if (answer.error)
    return {
      status: 'error',
      error: answer.error,
      ...(value !== undefined ? { value } : {}),
      reload,
    }
  return value !== undefined ? { status: 'ok', value, reload } : { status: 'loading', reload }
}

/** Reload when the store changes (this window, another window or another process via main). */
export function useStoreChanged(onChanged: (recordIds: string[]) => void): void {
  const ipc = useIpc()
  useEffect(() => ipc.on('store.changed', (p) => onChanged(p.recordIds)), [ipc, onChanged])
}
