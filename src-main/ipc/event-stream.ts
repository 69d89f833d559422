// Contract events (store.changed, progress, settings.changed) delivered to a browser-host
// window as a server-sent event stream: one `event:` / `data:` pair per event, in the
// order the desk emitted them. (Electron windows get the same events over IPC, wired by
// src-main/app.)
import type { IncomingMessage, ServerResponse } from 'node:http'

import type { EventHub } from '../desk/index'

/** Comments keep idle proxies and the browser from dropping a quiet stream. */
const KEEP_ALIVE_MS = 15_000

/** Streams every event to `res` until the client goes away. */
export function openEventStream(
  req: IncomingMessage,
  res: ServerResponse,
  events: EventHub,
  headers: Record<string, string>,
  streams: Set<ServerResponse>,
): void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    Connection: 'keep-alive',
  })
  res.write(': connected\n\n')
  streams.add(res)
  const unsubscribe = events.subscribe((event, payload) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
  })
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS)
  req.on('close', () => {
    clearInterval(keepAlive)
    unsubscribe()
    streams.delete(res)
  })
}
