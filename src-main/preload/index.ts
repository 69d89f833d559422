// The sandboxed preload bridge: exposes exactly two typed
// functions, invoke(channel, request) and on(event, listener), for the contract's
// listed names only. Never ipcRenderer itself: the page could otherwise send on any
// channel. It imports electron and zod-free name lists only, so it bundles to one
// small file that runs under the sandbox.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'

import type { IpcClient } from '../../shared/ipc/contract'
import {
  BRIDGE_INVOKE_CHANNEL,
  bridgeEventChannel,
  isChannel,
  isEventName,
} from '../../shared/ipc/names'

const bridge: IpcClient = {
  invoke(channel, request) {
    if (!isChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: {
          code: 'BAD_INPUT',
          message: `Unknown channel ${String(channel)}. The request was not sent.`,
        },
      })
    }
    return ipcRenderer.invoke(BRIDGE_INVOKE_CHANNEL, channel, request)
  },
  on(event, listener) {
    if (!isEventName(event)) throw new TypeError(`Unknown event ${String(event)}`)
    const channel = bridgeEventChannel(event)
    // Only the payload crosses into the page, never the IpcRendererEvent (it exposes `sender`).
    const forward = (_e: IpcRendererEvent, payload: unknown): void => listener(payload as never)
    ipcRenderer.on(channel, forward)
    return () => {
      ipcRenderer.removeListener(channel, forward)
    }
  },
}

contextBridge.exposeInMainWorld('borelog', bridge)
