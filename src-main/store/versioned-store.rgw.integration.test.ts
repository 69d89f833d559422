// A gateway killed mid-write: a writer saves and approves versions of a record on
// a real Ceph RGW of this file's own while the gateway is SIGKILLed at random instants and
// then restarted. The writer gives up fast (a small retry budget), so kills land between
// its version-file PUT and its metadata.json compare-and-swap as well as inside either.
// After each restart, repair and then verify pass, and every acknowledged write reads back.
import { createHash, randomBytes } from 'node:crypto'

import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import { startFaultProxy } from '../../test/setup/fault-proxy'
import { type RgwCluster, killGateway, startGateway, startRgw, stopRgw } from '../../test/setup/rgw'
import { S3Store, type S3StoreOptions } from '../object-store/index'
import { generateBorelogTable } from '../schema/index'
import { VersionedStore, repairStore, verifyRecord, verifyStore } from './index'

const BUCKET = 'kills'
const KILLS = 6
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')

let cluster: RgwCluster
const prefix = `store-${randomBytes(4).toString('hex')}`
const stores: S3Store[] = []

function openObjects(retry?: S3StoreOptions['retry'], endpoint = cluster.endpoint): S3Store {
  const store = new S3Store({
    bucket: BUCKET,
    prefix,
    endpoint,
    credentials: { accessKeyId: cluster.accessKeyId, secretAccessKey: cluster.secretAccessKey },
    ...(retry ? { retry } : {}),
  })
  stores.push(store)
  return store
}

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
})

afterAll(async () => {
  for (const store of stores) store.close()
  if (cluster) await stopRgw(cluster.dir)
})

interface Ack {
  op: 'create' | 'update' | 'approve'
  version: number
  sha?: string
  entry?: string
}

/** Writes until the store fails (the gateway is gone); returns what was acknowledged. */
async function writeUntilFailure(
  store: VersionedStore,
  recordId: string,
  acks: Ack[],
): Promise<string> {
  try {
    const created = await store.createRecord({
      recordId,
      table: generateBorelogTable(20_000, 1),
      tableName: 'borelog',
      createdBy: 'field',
    })
    acks.push({ op: 'create', version: 1, sha: created.history[0]!.file_sha256! })
    for (let i = 1; ; i++) {
      if (i % 3 === 0) {
        const m = await store.approveRecord({ recordId, version: i, by: 'rev' })
        acks.push({
          op: 'approve',
          version: i,
          entry: m.history[m.history.length - 1]!.entry_sha256!,
        })
      }
      const m = await store.updateRecord({
        recordId,
        table: generateBorelogTable(20_000, i + 1),
        updatedBy: 'field',
        baseVersion: i,
      })
      acks.push({
        op: 'update',
        version: i + 1,
        sha: m.history[m.history.length - 1]!.file_sha256!,
      })
    }
  } catch (e) {
    if (e instanceof BorelogError) return e.code
    throw e
  }
}

describe('gateway killed mid-write', () => {
  it(`after ${KILLS} kills at random instants, repair + verify pass and every acknowledged write reads back`, async () => {
    let seed = 7
    const random = (): number => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    const failures: string[] = []
    let acknowledged = 0
    for (let kill = 0; kill < KILLS; kill++) {
      const recordId = `kill-${kill}`
      // A fresh client per round: some kills land in its conditional-write probe.
      const writer = await VersionedStore.open(
        openObjects({ maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 50 }),
      )
      const acks: Ack[] = []
      const writing = writeUntilFailure(writer, recordId, acks)
      await sleep(random() * 1800)
      await killGateway(cluster.dir)
      failures.push(await writing)
      await startGateway(cluster.dir)

      const store = await VersionedStore.open(openObjects())
      const repaired = await repairStore(store, { recordIds: [recordId] })
      expect(repaired.remaining, `after kill ${kill}`).toEqual([])
      // Written without a signer: unsigned entries are warnings, not problems.
      const errors = (await verifyRecord(store, recordId)).problems.filter(
        (p) => p.severity === 'error',
      )
      expect(errors, `after kill ${kill}`).toEqual([])
      acknowledged += acks.length
      if (acks.length === 0) continue
      const meta = await store.getMetadata(recordId)
      for (const a of acks) {
        if (a.op === 'approve')
          expect(meta.history.some((e) => e.entry_sha256 === a.entry)).toBe(true)
        else expect(sha256(await store.getVersionFile(recordId, a.version))).toBe(a.sha)
      }
    }
    // The writer saw the outage as an outage, never as something else.
    expect(new Set(failures)).toEqual(new Set(['STORE_UNAVAILABLE']))
    // Most rounds commit something first: the kills land across the write protocol.
    expect(acknowledged).toBeGreaterThan(KILLS)
    const report = await verifyStore(await VersionedStore.open(openObjects()))
    expect(report.problems).toEqual([])
    expect(report.recordsChecked).toBeGreaterThan(0)
    expect(report.recordsChecked).toBeLessThanOrEqual(KILLS)
  }, 600_000)
})

describe('outage during the first write', () => {
  it('a connection lost inside the conditional-write probe is STORE_UNAVAILABLE, and the next write probes again', async () => {
    const proxy = await startFaultProxy(Number(new URL(cluster.endpoint).port))
    try {
      const store = await VersionedStore.open(openObjects({ maxAttempts: 1 }, proxy.endpoint))
      // The probe's only POST is its CreateMultipartUpload: the server acts, the answer is lost.
      proxy.loseAnswers('POST', 1)
      const first = await store
        .createRecord({
          recordId: 'probe-1',
          table: generateBorelogTable(10, 1),
          tableName: 'borelog',
          createdBy: 'a',
        })
        .then(
          () => 'OK',
          (e: unknown) => (e instanceof BorelogError ? e.code : `raw ${String(e)}`),
        )
      expect(first).toBe('STORE_UNAVAILABLE')
      const meta = await store.createRecord({
        recordId: 'probe-1',
        table: generateBorelogTable(10, 1),
        tableName: 'borelog',
        createdBy: 'a',
      })
      expect(meta.current_version).toBe(1)
    } finally {
      await proxy.close()
    }
  })
})
