// The loopback browser host: the same contract and the same
// built renderer, served over HTTP so the app runs in a normal browser where no
// Electron binary exists (and e2e runs in Debian's Chromium). Never reachable from
// another machine and never usable by another web page:
// - it listens on 127.0.0.1 only;
// - every request needs the random per-run token (Authorization: Bearer, or the
//   HttpOnly SameSite=Strict cookie set when the printed URL is opened) or is refused;
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

export const TOKEN_COOKIE = 'borelog_token'
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
  /** Open this in a browser: it carries the token once, then the cookie takes over. */
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

function cookieToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie
  if (!header) return null
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === TOKEN_COOKIE) return rest.join('=')
  }
  return null
}

function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null
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
async function serveStatic(
  res: ServerResponse,
  rendererRoot: string,
  pathname: string,
): Promise<void> {
  const relative = pathname === '/' ? 'index.html' : decodePath(pathname.slice(1))
  const file = normalize(join(rendererRoot, relative ?? ''))
  if (
    relative === null ||
    relative.includes('\0') ||
    (file !== rendererRoot && !file.startsWith(rendererRoot + sep))
  ) {
    refuse(res, 404, { code: 'NOT_FOUND', message: `No such file: ${pathname}` })
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
        pathname === '/'
          ? `The renderer is not built (${file} is missing). Run \`npm run build\` first.`
          : `No such file: ${pathname}`,
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
 * Lets a request through only when it comes from this loopback host, from no other
 * origin, with the per-run token. Answers (and returns null for) every other request,
 * and trades the printed URL's token for the cookie.
 */
function admit(req: IncomingMessage, res: ServerResponse, token: string, port: number): URL | null {
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
  const url = new URL(req.url ?? '/', `http://${host}`)
  const queryToken = url.searchParams.get('token')

  // The printed URL carries the token once; trade it for a cookie and drop it from the address bar.
  if (req.method === 'GET' && url.pathname === '/' && queryToken !== null) {
    if (!sameSecret(queryToken, token)) {
      refuse(res, 401, {
        code: 'UNAUTHORIZED',
        message: 'Refused: wrong token. Use the URL printed at start.',
      })
      return null
    }
    res.writeHead(303, {
      ...SECURITY_HEADERS,
      'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      Location: '/',
    })
    res.end()
    return null
  }

  const presented = bearerToken(req) ?? cookieToken(req)
  if (presented === null || !sameSecret(presented, token)) {
    refuse(res, 401, {
      code: 'UNAUTHORIZED',
      message: 'Refused: this host needs its per-run token. Open the URL printed at start.',
    })
    return null
  }
  return url
}

/** POST /ipc/<channel>: one contract call, its JSON body bounded by the channel's limit. */
async function serveCall(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
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
  const raw = url.pathname.slice('/ipc/'.length)
  // A malformed escape names no channel: dispatch refuses it as an unknown one.
  const channel = decodePath(raw) ?? raw
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
    const url = admit(req, res, token, port)
    if (url === null) return
    if (url.pathname.startsWith('/ipc/')) await serveCall(req, res, url, options.dispatch)
    else if (url.pathname === '/events' && req.method === 'GET')
      openEventStream(req, res, options.events, SECURITY_HEADERS, streams)
    else if (req.method === 'GET' || req.method === 'HEAD')
      await serveStatic(res, rendererRoot, url.pathname)
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
    url: `${origin}/?token=${token}`,
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
