// The browser host transport: the same IpcClient as the Electron bridge, over POST
// /ipc/<channel> and a server-sent event stream. Every request carries the per-run
// token as an Authorization header (host-token.ts), never as a cookie. The event stream
// is read with fetch, not EventSource: EventSource cannot send a header, and a token
// in its URL would sit in logs and history. fetch streaming keeps one rule for every
// request, at the cost of parsing the few lines of the stream here.
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
import { EventStreamParser } from './event-stream-parser'
import { authorizationHeader } from './host-token'

type AnyListener = (payload: unknown) => void

/** How soon a dropped event stream is opened again (EventSource's default is about 3 s). */
const RECONNECT_MS = 2000
/** A refused stream (the host restarted with another token) is retried less eagerly. */
const REFUSED_RETRY_MS = 10_000

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export class HttpIpcClient implements IpcClient {
  private readonly listeners = new Map<EventName, Set<AnyListener>>()
  private isStreaming = false

  async invoke<C extends Channel>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<IpcResult<ResponseOf<C>>> {
    let response: Response
    try {
      response = await fetch(`/ipc/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...authorizationHeader() },
        body: JSON.stringify(request),
        credentials: 'omit',
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
    if (this.isStreaming) return
    this.isStreaming = true
    void this.stream()
  }

  /** Reads the event stream for the life of the page, reopening it when it drops. */
  private async stream(): Promise<void> {
    for (;;) {
      let waitMs = RECONNECT_MS
      try {
        const response = await fetch('/events', {
          headers: authorizationHeader(),
          credentials: 'omit',
          cache: 'no-store',
        })
        if (response.ok && response.body) await this.readEvents(response.body)
        else waitMs = REFUSED_RETRY_MS
      } catch (e) {
        // TypeError is fetch's network failure (the host stopped, the stream was cut):
        // reconnect, as EventSource would. Anything else is a bug here.
        if (!(e instanceof TypeError)) throw e
      }
      await sleep(waitMs)
    }
  }

  private async readEvents(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader()
    const decoder = new TextDecoder()
    const parser = new EventStreamParser()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      for (const event of parser.push(decoder.decode(value, { stream: true })))
        this.deliver(event.name, event.data)
    }
  }

  private deliver(name: string, data: string): void {
    if (!(EVENT_NAMES as readonly string[]).includes(name)) return
    let payload: unknown
    try {
      payload = JSON.parse(data)
    } catch (error) {
      // No listener can use an event that is not JSON; the next one still arrives.
      if (error instanceof SyntaxError) return
      throw error
    }
    for (const listener of this.listeners.get(name as EventName) ?? []) listener(payload)
  }
}
