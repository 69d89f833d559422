import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { MAX_PATH_CHARS, startBrowserHost, type BrowserHost } from './browser-host'
import type { Dispatch } from './dispatch'
import { EventHub } from '../desk/index'

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** node:http rather than fetch: fetch will not let a test forge the Host header. */
function raw(
  host: BrowserHost,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('browser host', () => {
  let dir: string
  let host: BrowserHost
  const events = new EventHub()
  const calls: Array<[unknown, unknown]> = []
  const dispatch: Dispatch = async (channel, payload) => {
    calls.push([channel, payload])
    return { ok: true, value: { echoed: payload } }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'borelog-host-'))
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>t</title>')
    await writeFile(join(dir, 'app.js'), 'console.log(1)')
    host = await startBrowserHost({ dispatch, events, rendererDir: dir })
  })
  afterAll(async () => {
    await host.close()
    await rm(dir, { recursive: true, force: true })
  })

  const auth = () => ({ authorization: `Bearer ${host.token}`, host: `127.0.0.1:${host.port}` })
  const call = (headers: Record<string, string>, body = '{"recordId":"BH1"}') =>
    raw(host, '/ipc/record.get', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    })

  it('a file import may carry megabytes; any other call over 1 MiB is refused undispatched', async () => {
    const big = JSON.stringify({ fileName: 'big.csv', contentBase64: 'A'.repeat(3 * 1024 * 1024) })
    const post = (channel: string) =>
      raw(host, `/ipc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth() },
        body: big,
      })
    const before = calls.length
    const refused = await post('record.get')
    expect(refused.status).toBe(413)
    expect(JSON.parse(refused.body).error.code).toBe('BAD_INPUT')
    expect(calls.length).toBe(before)
    const imported = await post('import.preview')
    expect(imported.status).toBe(200)
    expect(calls.at(-1)?.[0]).toBe('import.preview')
  })

  it('listens on the loopback address only', () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`)
    // The fragment is never sent to a server: the token leaves the host only in the printed URL.
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`)
  })

  it('a call without the token is refused and never dispatched', async () => {
    const before = calls.length
    const res = await call({ host: `127.0.0.1:${host.port}` })
    expect(res.status).toBe(401)
    expect(JSON.parse(res.body).error.code).toBe('UNAUTHORIZED')
    expect(calls.length).toBe(before)
  })

  it('a call with a wrong token is refused', async () => {
    const res = await call({ host: `127.0.0.1:${host.port}`, authorization: 'Bearer nope' })
    expect(res.status).toBe(401)
  })

  it('static files are served without the token, and hold no secret', async () => {
    for (const path of ['/', '/app.js']) {
      const res = await raw(host, path, { headers: { host: `127.0.0.1:${host.port}` } })
      expect(res.status).toBe(200)
      expect(res.body).not.toContain(host.token)
      expect(res.headers['set-cookie']).toBeUndefined()
    }
  })

  it('the token in a cookie or in the query is no credential', async () => {
    const before = calls.length
    const cookie = await call({
      host: `127.0.0.1:${host.port}`,
      cookie: `borelog_token=${host.token}`,
    })
    expect(cookie.status).toBe(401)
    const query = await raw(host, `/ipc/record.get?token=${host.token}`, {
      method: 'POST',
      headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(query.status).toBe(401)
    expect(calls.length).toBe(before)
  })

  it('the event stream without the token is refused', async () => {
    const res = await raw(host, '/events', { headers: { host: `127.0.0.1:${host.port}` } })
    expect(res.status).toBe(401)
    expect(JSON.parse(res.body).error.code).toBe('UNAUTHORIZED')
  })

  it('a call with the bearer token is dispatched with its channel and payload', async () => {
    const res = await call(auth())
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { echoed: { recordId: 'BH1' } } })
    expect(calls.at(-1)).toEqual(['record.get', { recordId: 'BH1' }])
  })

  it('a foreign Host header is refused (DNS rebinding)', async () => {
    const res = await call({ ...auth(), host: `evil.example:${host.port}` })
    expect(res.status).toBe(421)
  })

  it('localhost:port is an accepted Host', async () => {
    const res = await call({ ...auth(), host: `localhost:${host.port}` })
    expect(res.status).toBe(200)
  })

  it('a cross-origin Origin is refused', async () => {
    const res = await call({ ...auth(), origin: 'http://evil.example' })
    expect(res.status).toBe(403)
  })

  it('never sends CORS headers', async () => {
    const res = await call({ ...auth(), origin: `http://127.0.0.1:${host.port}` })
    expect(res.status).toBe(200)
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
    const preflight = await raw(host, '/ipc/record.get', {
      method: 'OPTIONS',
      headers: { ...auth(), 'access-control-request-method': 'POST' },
    })
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual(
      [],
    )
  })

  it('calls need Content-Type application/json (forces a preflight cross-origin)', async () => {
    const res = await raw(host, '/ipc/record.get', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/plain' },
      body: '{}',
    })
    expect(res.status).toBe(405)
  })

  it('malformed JSON is a BAD_INPUT result', async () => {
    const res = await call(auth(), '{not json')
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body).error.code).toBe('BAD_INPUT')
  })

  it('the host never sets a cookie, even for a URL that carries the token', async () => {
    const res = await raw(host, `/?token=${host.token}`, {
      headers: { host: `127.0.0.1:${host.port}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
  })

  it('paths outside the renderer folder are not served', async () => {
    const res = await raw(host, '/..%2f..%2fetc%2fpasswd', { headers: auth() })
    expect(res.status).toBe(404)
  })

  describe('malformed requests', () => {
    const logged: string[] = []
    const record = (...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? String(a.stack) : String(a))).join(' '))
    }
    beforeAll(() => {
      for (const level of ['error', 'warn', 'log', 'info'] as const)
        vi.spyOn(console, level).mockImplementation(record)
    })
    afterAll(() => vi.restoreAllMocks())
    afterEach(() => {
      // A stack frame in the log means the host took the caller's mistake for its own failure.
      expect(logged.filter((line) => /^\s+at /m.test(line))).toEqual([])
      expect(logged).toEqual([])
    })

    it.each(['/%E0%A4%A', '/%c0%ae%c0%ae/', '/%E0%A4%A.js', '/ipc/%E0%A4%A'])(
      'GET %s (a malformed %%-escape) is 400 BAD_INPUT',
      async (path) => {
        const res = await raw(host, path, { headers: auth() })
        expect(res.status).toBe(400)
        expect(JSON.parse(res.body).error.code).toBe('BAD_INPUT')
      },
    )

    it('a malformed %-escape in a call channel is 400 and never dispatched', async () => {
      const before = calls.length
      const res = await raw(host, '/ipc/record.g%E0%A4%At', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth() },
        body: '{}',
      })
      expect(res.status).toBe(400)
      expect(calls.length).toBe(before)
    })

    it('an overlong path is 400', async () => {
      const res = await raw(host, `/${'a'.repeat(MAX_PATH_CHARS)}`, { headers: auth() })
      expect(res.status).toBe(400)
      expect(JSON.parse(res.body).error.code).toBe('BAD_INPUT')
      const call = await raw(host, `/ipc/${'x'.repeat(4000)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth() },
        body: '{}',
      })
      expect(call.status).toBe(400)
    })

    it('a body that is not JSON is 400', async () => {
      for (const body of ['{not json', '', '\u0000\u0001', '{"recordId": "BH1"'])
        expect((await call(auth(), body)).status).toBe(400)
    })

    it('an oversized body is 413', async () => {
      const res = await call(auth(), `"${'x'.repeat(2 * 1024 * 1024)}"`)
      expect(res.status).toBe(413)
      expect(JSON.parse(res.body).error.code).toBe('BAD_INPUT')
    })
  })

  it('events reach an open event stream', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: host.port, path: '/events', headers: auth() },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (c: string) => {
            text += c
            if (text.includes(': connected')) events.emit('store.changed', { recordIds: ['BH1'] })
            if (text.includes('event: store.changed')) {
              req.destroy()
              resolve(text)
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(received).toContain('data: {"recordIds":["BH1"]}')
  })
})
