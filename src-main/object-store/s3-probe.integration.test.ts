// Some S3-compatible servers (s3rver, older MinIO, some appliances) accept If-None-Match
// and If-Match and then ignore them. This test runs a tiny real HTTP server that behaves
// that way and checks that the store finds out before writing anything of ours.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, it } from 'vitest'

import { S3Store } from './index'

interface Lax {
  endpoint: string
  putPaths: string[]
  objects: Map<string, string>
  close(): Promise<void>
}

/** Stores every PUT; honours If-None-Match only when asked to, and never If-Match. */
async function startLaxServer(honourIfNoneMatch: boolean): Promise<Lax> {
  const objects = new Map<string, string>()
  const putPaths: string[] = []
  let etagCounter = 0
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? ''
      if (req.method === 'PUT') {
        putPaths.push(path)
        if (honourIfNoneMatch && req.headers['if-none-match'] === '*' && objects.has(path)) {
          res.writeHead(412, { 'content-type': 'application/xml' })
          res.end(
            '<?xml version="1.0"?><Error><Code>PreconditionFailed</Code><Message>exists</Message></Error>',
          )
          return
        }
        const etag = `"etag${++etagCounter}"`
        objects.set(path, etag)
        res.writeHead(200, { etag })
        res.end()
      } else if (req.method === 'DELETE') {
        objects.delete(path)
        res.writeHead(204)
        res.end()
      } else {
        res.writeHead(404, { 'content-type': 'application/xml' })
        res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>none</Message></Error>')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    putPaths,
    objects,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

describe('S3Store refuses endpoints that ignore conditional writes', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()))
  })

  for (const honourIfNoneMatch of [false, true]) {
    const ignored = honourIfNoneMatch ? 'If-Match' : 'If-None-Match'
    it(`a server that ignores ${ignored} gets CONDITIONAL_WRITES_UNSUPPORTED and none of our data`, async () => {
      const lax = await startLaxServer(honourIfNoneMatch)
      const store = new S3Store({
        bucket: 'lax-bucket',
        prefix: 'team',
        endpoint: lax.endpoint,
        credentials: { accessKeyId: 'AKIAFAKEFAKEFAKE', secretAccessKey: 'fake-secret' },
      })
      cleanups.push(async () => {
        store.close()
        await lax.close()
      })
      const bytes = new TextEncoder().encode('{"v":1}')
      for (const write of [
        () => store.putIfAbsent('records/BH-01/metadata.json', bytes),
        () => store.putIfMatch('records/BH-01/metadata.json', bytes, 'etag1'),
      ]) {
        await expect(write()).rejects.toMatchObject({ code: 'CONDITIONAL_WRITES_UNSUPPORTED' })
      }
      expect(lax.putPaths.filter((p) => !p.includes('/.tmp-probe-'))).toEqual([])
      // The probe cleans up after itself, and its verdict sticks: one probe, not one per write.
      expect(lax.objects.size).toBe(0)
      expect(new Set(lax.putPaths).size).toBe(1)
    })
  }
})
