// The browser host transport: the same IpcClient as the Electron bridge, over POST
// /ipc/<channel> and a server-sent event stream. The per-run token travels in the
// HttpOnly cookie the host set when its URL was opened, so page scripts never see it.
import {
  EVENT_NAMES,
  type Channel,
  type EventName,
  type EventOf,
  type IpcClient,
  type IpcResult,
  type RequestOf,
  type ResponseOf,
} from '../../shared/ipc/contract'

type AnyListener = (payload: unknown) => void

export class HttpIpcClient implements IpcClient {
  private readonly listeners = new Map<EventName, Set<AnyListener>>()
  private source: EventSource | null = null

  async invoke<C extends Channel>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<IpcResult<ResponseOf<C>>> {
    let response: Response
    try {
      response = await fetch(`/ipc/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        credentials: 'same-origin',
      })
    } catch (e) {
      // fetch rejects only when no answer came at all: the host is down or unreachable.
      return {
        ok: false,
        error: {
          code: 'STORE_UNAVAILABLE',
          message: `The app's host did not answer (${e instanceof Error ? e.message : String(e)}). Is it still running?`,
        },
      }
    }
    try {
      return (await response.json()) as IpcResult<ResponseOf<C>>
    } catch (e) {
      // Callers handle results, never throws: a body that is not JSON is the host's bug; a
      // body cut off (the host stopped mid-answer) is an outage.
      return {
        ok: false,
        error:
          e instanceof SyntaxError
            ? {
                code: 'INTERNAL',
                message: `The host answered ${response.status} without a result.`,
              }
            : {
                code: 'STORE_UNAVAILABLE',
                message: `The host stopped answering (${e instanceof Error ? e.message : String(e)}). Is it still running?`,
              },
      }
    }
  }

  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    this.connect()
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    const anyListener = listener as AnyListener
    set.add(anyListener)
    return () => set.delete(anyListener)
  }

  private connect(): void {
    if (this.source) return
    const source = new EventSource('/events')
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (e) => {
        let payload: unknown
        try {
          payload = JSON.parse((e as MessageEvent<string>).data)
        } catch (error) {
          // No listener can use an event that is not JSON; the next one still arrives.
          if (error instanceof SyntaxError) return
          throw error
        }
        for (const listener of this.listeners.get(name) ?? []) listener(payload)
      })
    }
    this.source = source
  }
}
