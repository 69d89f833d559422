// The loopback browser host: the same contract and the same
// built renderer, served over HTTP so the app runs in a normal browser where no
// Electron binary exists (and e2e runs in Debian's Chromium). Never reachable from
// another machine and never usable by another web page:
// - it listens on 127.0.0.1 only;
// - every call and the event stream need the random per-run token in an
//   `Authorization: Bearer` header, or are refused (exports need nothing more: the file
//   comes back in its call). The token is never a cookie:
//   browsers send a cookie to every port of 127.0.0.1, so any local listener would get
//   it. The printed URL carries it in the fragment (`/#token=...`), which the browser
//   never sends to a server; the page keeps it in sessionStorage (src-renderer/ipc/
//   host-token.ts). The static files (HTML, JS, CSS) hold no secret and need no token;
// - malformed requests (a bad %-escape, an overlong path, a body that is not JSON or
//   too big) are the caller's mistake: 400 (413 for size), never a failure of the host;
// - the Host header must be 127.0.0.1:port or localhost:port (defeats DNS rebinding),
//   and a cross-origin Origin header is refused;
// - no CORS headers are ever sent, and calls need Content-Type application/json, so a
//   foreign page cannot even send a call without a preflight we never answer.
// See docs/SECURITY.md.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'

import type { ErrorPayload } from '../../shared/errors'
import type { IpcResult } from '../../shared/ipc/contract'
import { contentSecurityPolicy } from './content-security-policy'
import { decodePath } from './decode-path'
import type { EventHub } from '../desk/index'
import type { Dispatch } from './dispatch'
import { openEventStream } from './event-stream'

/**
 * Longer paths are refused before any decoding: no path of ours comes near, and the
 * cap bounds what one request makes the host decode and compare.
 */
export const MAX_PATH_CHARS = 2048
const MAX_BODY_BYTES = 1024 * 1024
/**
 * Calls that carry a whole file (base64, up to the contract's 200 MiB) get room for it;
 * every other call stays small, so a stray request cannot make the host buffer much.
 */
const FILE_BODY_BYTES = 300 * 1024 * 1024
const FILE_CHANNELS: ReadonlySet<string> = new Set(['import.preview', 'import.apply'])

export function maxBodyBytes(channel: string): number {
  return FILE_CHANNELS.has(channel) ? FILE_BODY_BYTES : MAX_BODY_BYTES
}

export interface BrowserHostOptions {
  dispatch: Dispatch
  events: EventHub
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string
  /** 0 (default) picks a free port. */
  port?: number
  /** Fixed token for tests; a fresh random one per run by default. */
  token?: string
}

export interface BrowserHost {
  /** Open this in a browser: the token rides in the fragment, never sent to a server. */
  readonly url: string
  readonly origin: string
  readonly port: number
  readonly token: string
  close(): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy({ allowSameOriginFetch: true }),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function sendJson(res: ServerResponse, status: number, body: IpcResult<unknown>): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  })
  res.end(text)
}

function refuse(res: ServerResponse, status: number, error: ErrorPayload): void {
  sendJson(res, status, { ok: false, error })
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  // Past the limit the rest is read and dropped, not buffered: answering before the
  // client finished sending would reset its connection and hide the 413 from it.
  for await (const chunk of req) {
    const buf = chunk as Buffer
    size += buf.length
    if (size <= limit) chunks.push(buf)
  }
  return size > limit ? null : Buffer.concat(chunks).toString('utf8')
}

/** Serves a file of the built renderer; nothing outside its folder is ever read. */
async function serveStatic(res: ServerResponse, rendererRoot: string, path: string): Promise<void> {
  const relative = path === '/' ? 'index.html' : path.slice(1)
  const file = normalize(join(rendererRoot, relative))
  if (relative.includes('\0') || (file !== rendererRoot && !file.startsWith(rendererRoot + sep))) {
    refuse(res, 404, { code: 'NOT_FOUND', message: `No such file: ${path}` })
    return
  }
  const info = await stat(file).catch((e: unknown) => {
    // A path that names no file is answered below (404); any other failure is the host's (500).
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw e
  })
  if (!info?.isFile()) {
    refuse(res, 404, {
      code: 'NOT_FOUND',
      message:
        path === '/'
          ? `The renderer is not built (${file} is missing). Run \`npm run build\` first.`
          : `No such file: ${path}`,
    })
    return
  }
  const body = await readFile(file)
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': body.length,
  })
  res.end(body)
}

/**
 * The request's path, %-decoded, when it comes from this loopback host and no other
 * origin and is well formed. Answers (and returns null for) every other request.
 */
function admit(req: IncomingMessage, res: ServerResponse, port: number): string | null {
  const host = req.headers.host ?? ''
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    refuse(res, 421, {
      code: 'UNAUTHORIZED',
      message: `Refused: Host ${JSON.stringify(host)} is not this loopback host.`,
    })
    return null
  }
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `http://${host}`) {
    refuse(res, 403, {
      code: 'UNAUTHORIZED',
      message: `Refused: cross-origin request from ${origin}.`,
    })
    return null
  }
  const target = req.url ?? ''
  if (target.length > MAX_PATH_CHARS || !target.startsWith('/')) {
    refuse(res, 400, {
      code: 'BAD_INPUT',
      message: `Refused: the request path is not a path of this host (over ${MAX_PATH_CHARS} characters, or not starting with /).`,
    })
    return null
  }
  // Prefixing the origin keeps a target like //other/x a path here, never another host.
  const path = decodePath(new URL(`http://${host}${target}`).pathname)
  if (path === null) {
    refuse(res, 400, {
      code: 'BAD_INPUT',
      message: 'Refused: the request path has a malformed %-escape.',
    })
    return null
  }
  return path
}

/** The per-run token, compared in constant time, from the Authorization header only. */
function hasToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization
  const presented = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null
  return presented !== null && sameSecret(presented, token)
}

/** The renderer's own files: GETs outside the call and event routes. */
function isStaticRequest(req: IncomingMessage, path: string): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    !path.startsWith('/ipc/') &&
    path !== '/events'
  )
}

/** POST /ipc/<channel>: one contract call, its JSON body bounded by the channel's limit. */
async function serveCall(
  req: IncomingMessage,
  res: ServerResponse,
  channel: string,
  dispatch: Dispatch,
): Promise<void> {
  if (
    req.method !== 'POST' ||
    !(req.headers['content-type'] ?? '').startsWith('application/json')
  ) {
    refuse(res, 405, {
      code: 'BAD_INPUT',
      message: 'Calls are POST with Content-Type application/json.',
    })
    return
  }
  const limit = maxBodyBytes(channel)
  const text = await readBody(req, limit)
  if (text === null) {
    refuse(res, 413, {
      code: 'BAD_INPUT',
      message: `The ${channel} request is over ${limit} bytes${FILE_CHANNELS.has(channel) ? ' (files up to 200 MiB can be imported)' : ''}. Nothing was changed.`,
    })
    return
  }
  let payload: unknown
  try {
    payload = JSON.parse(text)
  } catch (e) {
    // Not JSON (JSON.parse's one failure) is the caller's mistake; nothing reached the desk.
    if (!(e instanceof SyntaxError)) throw e
    refuse(res, 400, {
      code: 'BAD_INPUT',
      message: 'Request body is not valid JSON. Nothing was changed.',
    })
    return
  }
  sendJson(res, 200, await dispatch(channel, payload))
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise<number>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolveListen((server.address() as AddressInfo).port))
  })
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url')
  const rendererRoot = resolve(options.rendererDir)
  const streams = new Set<ServerResponse>()
  let port = 0

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = admit(req, res, port)
    if (path === null) return
    if (isStaticRequest(req, path)) return serveStatic(res, rendererRoot, path)
    if (!hasToken(req, token)) {
      refuse(res, 401, {
        code: 'UNAUTHORIZED',
        message: 'Refused: this host needs its per-run token. Open the URL printed at start.',
      })
      return
    }
    if (path.startsWith('/ipc/'))
      await serveCall(req, res, path.slice('/ipc/'.length), options.dispatch)
    else if (path === '/events' && req.method === 'GET')
      openEventStream(req, res, options.events, SECURITY_HEADERS, streams)
    else refuse(res, 405, { code: 'BAD_INPUT', message: `${req.method ?? ''} is not served here.` })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('Browser host request failed', e)
      if (!res.headersSent)
        refuse(res, 500, { code: 'INTERNAL', message: 'The host failed on this request.' })
      else res.end()
    })
  })
  port = await listen(server, options.port ?? 0)
  const origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of streams) stream.end()
        server.closeAllConnections()
        server.close(() => resolveClose())
      }),
  }
}
