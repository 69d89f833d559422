// Failures between a laptop and S3, on a real Ceph RGW of this file's own (its gateway is
// killed and restarted here, so no other test file shares it): answers lost after the
// server acted, gateway outages, and a gateway killed mid-upload. In every case what a
// reader can see afterwards is the old object or the whole new one, and a writer is told
// the truth: written, conflict, or unavailable.
import { createHash, randomBytes } from 'node:crypto'

import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type FaultProxy, startFaultProxy } from '../../test/setup/fault-proxy'
import { type RgwCluster, killGateway, startGateway, startRgw, stopRgw } from '../../test/setup/rgw'
import { S3Store, type S3StoreOptions } from './index'

const BUCKET = 'faults'
const MIB = 1024 * 1024
const text = (s: string): Uint8Array => new TextEncoder().encode(s)
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

let cluster: RgwCluster
let proxy: FaultProxy
const stores: S3Store[] = []

beforeAll(async () => {
  cluster = await startRgw()
  const client = new S3Client({
    endpoint: cluster.endpoint,
    region: cluster.region,
    forcePathStyle: true,
    credentials: { accessKeyId: cluster.accessKeyId, secretAccessKey: cluster.secretAccessKey },
  })
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }))
  client.destroy()
  proxy = await startFaultProxy(Number(new URL(cluster.endpoint).port))
})

afterAll(async () => {
  for (const store of stores) store.close()
  await proxy?.close()
  if (cluster) await stopRgw(cluster.dir)
})

/** A store on a fresh prefix, talking to RGW through the fault proxy, already probed. */
async function openStore(overrides: Partial<S3StoreOptions> = {}): Promise<S3Store> {
  const store = new S3Store({
    bucket: BUCKET,
    prefix: `t-${randomBytes(5).toString('hex')}`,
    endpoint: proxy.endpoint,
    credentials: { accessKeyId: cluster.accessKeyId, secretAccessKey: cluster.secretAccessKey },
    ...overrides,
  })
  stores.push(store)
  await store.conditionalWriteSupport()
  return store
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'OK'
  } catch (e) {
    return (e as { code?: string }).code ?? `uncoded: ${String(e)}`
  }
}

async function keys(store: S3Store): Promise<string[]> {
  const out: string[] = []
  for await (const info of store.list('')) out.push(info.key)
  return out
}

/** Kills the gateway once `bytes` more request bytes went through; restarts it `downMs` later. */
function crashGatewayAfter(bytes: number, downMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    proxy.whenUploaded(bytes, () => {
      killGateway(cluster.dir)
        .then(() => sleep(downMs))
        .then(() => startGateway(cluster.dir))
        .then(resolve, reject)
    })
  })
}

describe('lost answers are settled by re-reading, never guessed', () => {
  it('a putIfAbsent whose answer is lost is reported written, and written once', async () => {
    const store = await openStore()
    proxy.loseAnswers('PUT', 1)
    const put = await store.putIfAbsent('records/BH-01/versions/v1.parquet', text('v1 bytes'))
    const got = await store.get('records/BH-01/versions/v1.parquet')
    expect(new TextDecoder().decode(got!.bytes)).toBe('v1 bytes')
    expect(put.etag).toBe(got!.etag)
  })

  it('a putIfMatch whose answer is lost is reported written, with the new etag', async () => {
    const store = await openStore()
    const v1 = await store.putIfAbsent('records/BH-01/metadata.json', text('{"v":1}'))
    proxy.loseAnswers('PUT', 1)
    const v2 = await store.putIfMatch('records/BH-01/metadata.json', text('{"v":2}'), v1.etag)
    const got = await store.get('records/BH-01/metadata.json')
    expect(new TextDecoder().decode(got!.bytes)).toBe('{"v":2}')
    expect(v2.etag).toBe(got!.etag)
  })

  it('a losing putIfAbsent whose answer is lost is still ALREADY_EXISTS', async () => {
    const store = await openStore()
    await store.putIfAbsent('records/BH-01/versions/v2.parquet', text('theirs'))
    proxy.loseAnswers('PUT', 1)
    expect(
      await outcome(store.putIfAbsent('records/BH-01/versions/v2.parquet', text('ours'))),
    ).toBe('ALREADY_EXISTS')
    expect(
      new TextDecoder().decode((await store.get('records/BH-01/versions/v2.parquet'))!.bytes),
    ).toBe('theirs')
  })

  it('a losing putIfMatch whose answer is lost is still VERSION_CONFLICT', async () => {
    const store = await openStore()
    const v1 = await store.putIfAbsent('m.json', text('1'))
    await store.putIfMatch('m.json', text('2 (theirs)'), v1.etag)
    proxy.loseAnswers('PUT', 1)
    expect(await outcome(store.putIfMatch('m.json', text('2 (ours)'), v1.etag))).toBe(
      'VERSION_CONFLICT',
    )
    expect(new TextDecoder().decode((await store.get('m.json'))!.bytes)).toBe('2 (theirs)')
  })
})

describe('gateway outages', () => {
  it('an outage shorter than the retry budget is ridden out by reads and writes', async () => {
    const store = await openStore()
    await store.putIfAbsent('before', text('before the outage'))
    await killGateway(cluster.dir)
    const read = store.get('before')
    const write = store.putIfAbsent('during', text('during the outage'))
    await sleep(700)
    await startGateway(cluster.dir)
    expect(new TextDecoder().decode((await read)!.bytes)).toBe('before the outage')
    await write
    expect(new TextDecoder().decode((await store.get('during'))!.bytes)).toBe('during the outage')
  })

  it('a longer outage is STORE_UNAVAILABLE, for reads and writes, and nothing is written', async () => {
    const store = await openStore({ retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 } })
    await killGateway(cluster.dir)
    try {
      expect(await outcome(store.get('x'))).toBe('STORE_UNAVAILABLE')
      expect(await outcome(store.putIfAbsent('x', text('x')))).toBe('STORE_UNAVAILABLE')
      expect(await outcome(keys(store))).toBe('STORE_UNAVAILABLE')
    } finally {
      await startGateway(cluster.dir)
    }
    expect(await store.get('x')).toBeNull()
  })
})

describe('gateway killed mid-upload', () => {
  // Where in the upload the gateway dies; the write may then be retried to success or
  // fail, but a reader never sees a partial object.
  for (const fraction of [0.1, 0.5, 0.95]) {
    it(`a version file cut at ${fraction * 100}% is afterwards absent or whole, never partial`, async () => {
      const store = await openStore()
      const bytes = new Uint8Array(randomBytes(32 * MIB))
      const crash = crashGatewayAfter(fraction * bytes.byteLength, 300)
      const result = await outcome(store.putIfAbsent('records/BH-09/versions/v1.parquet', bytes))
      await crash
      expect(['OK', 'STORE_UNAVAILABLE']).toContain(result)
      const visible = await keys(store)
      const got = await store.get('records/BH-09/versions/v1.parquet')
      if (result === 'OK') expect(got).not.toBeNull()
      if (got) {
        expect(visible).toEqual(['records/BH-09/versions/v1.parquet'])
        expect(got.bytes.byteLength).toBe(bytes.byteLength)
        expect(sha256(got.bytes)).toBe(sha256(bytes))
      } else {
        expect(visible).toEqual([])
      }
    })
  }

  it('a write that gives up mid-upload leaves nothing visible', async () => {
    const store = await openStore({ retry: { maxAttempts: 1 } })
    const bytes = new Uint8Array(randomBytes(32 * MIB))
    const crash = crashGatewayAfter(bytes.byteLength / 2, 1500)
    expect(await outcome(store.putIfAbsent('records/BH-10/versions/v1.parquet', bytes))).toBe(
      'STORE_UNAVAILABLE',
    )
    await crash
    expect(await keys(store)).toEqual([])
    expect(await store.head('records/BH-10/versions/v1.parquet')).toBeNull()
  })

  it('a metadata compare-and-swap cut mid-upload leaves the old or the new object, whole', async () => {
    const store = await openStore()
    const oldBytes = new Uint8Array(randomBytes(16 * MIB))
    const newBytes = new Uint8Array(randomBytes(16 * MIB))
    const v1 = await store.putIfAbsent('records/BH-11/metadata.json', oldBytes)
    const crash = crashGatewayAfter(newBytes.byteLength / 2, 300)
    const result = await outcome(store.putIfMatch('records/BH-11/metadata.json', newBytes, v1.etag))
    await crash
    expect(['OK', 'STORE_UNAVAILABLE']).toContain(result)
    const got = await store.get('records/BH-11/metadata.json')
    expect([sha256(oldBytes), sha256(newBytes)]).toContain(sha256(got!.bytes))
    if (result === 'OK') expect(sha256(got!.bytes)).toBe(sha256(newBytes))
  })

  it('a multipart upload cut mid-way completes whole or leaves nothing visible', async () => {
    const store = await openStore({
      multipartThresholdBytes: 6 * MIB,
      partSizeBytes: 5 * MIB,
      assumeConditionalWrites: { ifMatchQuoted: false, conditionalMultipartCompletion: true },
    })
    const bytes = new Uint8Array(randomBytes(30 * MIB))
    const crash = crashGatewayAfter(bytes.byteLength / 2, 300)
    const result = await outcome(store.putIfAbsent('records/BH-12/versions/v1.parquet', bytes))
    await crash
    expect(['OK', 'STORE_UNAVAILABLE']).toContain(result)
    const got = await store.get('records/BH-12/versions/v1.parquet')
    if (result === 'OK') expect(got).not.toBeNull()
    if (got) expect(sha256(got.bytes)).toBe(sha256(bytes))
    else expect(await keys(store)).toEqual([])
  })
})
