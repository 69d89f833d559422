// The network cut mid-sync: the gateway of a real Ceph RGW of this file's own is
// SIGKILLed while a push or a pull is moving records, and started again. The run stops
// with STORE_UNAVAILABLE; a retry continues where it stopped, duplicates nothing, and
// leaves both stores verifying; a third laptop's incremental pull still sees every record.
import { randomBytes } from 'node:crypto'

import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startFaultProxy } from '../../test/setup/fault-proxy'
import { type RgwCluster, killGateway, startGateway, startRgw, stopRgw } from '../../test/setup/rgw'
import { tempDir } from '../../test/support/borelog-fixtures'
import { LocalFolderStore, S3Store, type S3StoreOptions } from '../object-store/index'
import { generateBorelogTable } from '../schema/index'
import { VersionedStore, verifyStore } from '../store/index'
import { pull, push, sync, syncStatus, type SyncProgress } from './index'

const BUCKET = 'sync-cuts'
const RECORDS = 24

let cluster: RgwCluster
const cleanups: (() => Promise<void> | void)[] = []

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
  for (const c of cleanups) await c()
  if (cluster) await stopRgw(cluster.dir)
})

async function remoteAt(
  prefix: string,
  retry?: S3StoreOptions['retry'],
  endpoint = cluster.endpoint,
): Promise<VersionedStore> {
  const objects = new S3Store({
    bucket: BUCKET,
    prefix,
    endpoint,
    credentials: { accessKeyId: cluster.accessKeyId, secretAccessKey: cluster.secretAccessKey },
    ...(retry ? { retry } : {}),
  })
  cleanups.push(() => objects.close())
  return VersionedStore.open(objects)
}

/** A client that gives up fast: the cut must stop the run, not be ridden out by retries. */
const IMPATIENT = { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 50 }

async function laptop(): Promise<VersionedStore> {
  const { dir, cleanup } = await tempDir('borelog-laptop-')
  cleanups.push(cleanup)
  return VersionedStore.open(new LocalFolderStore(dir))
}

const ids = Array.from({ length: RECORDS }, (_, i) => `BH${String(i + 1).padStart(3, '0')}`)

async function fieldWork(store: VersionedStore): Promise<void> {
  for (const [i, id] of ids.entries()) {
    await store.createRecord({
      recordId: id,
      table: generateBorelogTable(20_000, i + 1),
      tableName: 'borelog',
      createdBy: 'ann',
    })
    await store.updateRecord({
      recordId: id,
      table: generateBorelogTable(20_000, 1000 + i),
      updatedBy: 'ann',
    })
  }
}

/** Kills the gateway once `after` records are done; `restarted` resolves when it is back. */
function cutAfter(after: number): {
  onProgress: (p: SyncProgress) => void
  restarted: () => Promise<void>
} {
  let killing: Promise<void> | null = null
  return {
    onProgress(p) {
      if (p.phase === 'records' && p.recordsDone >= after && !killing)
        killing = killGateway(cluster.dir)
    },
    async restarted() {
      await killing
      await startGateway(cluster.dir)
    },
  }
}

async function expectSameHistories(a: VersionedStore, b: VersionedStore): Promise<void> {
  for (const id of ids) {
    const [ma, mb] = await Promise.all([a.getMetadata(id), b.getMetadata(id)])
    expect(mb.history, id).toEqual(ma.history)
    expect(mb.current_version, id).toBe(2)
  }
}

describe('network cut mid-sync', () => {
  it('a push cut by the gateway going down mid-upload, three times, resumes each time: nothing duplicated, the remote verifies', async () => {
    const prefix = `push-${randomBytes(4).toString('hex')}`
    const a = await laptop()
    const c = await laptop()
    await fieldWork(a)
    await pull(c, await remoteAt(prefix)) // c holds a cursor from before the push
    let totalBytes = 0
    for (const id of ids)
      for (const v of [1, 2]) totalBytes += (await a.getVersionFile(id, v)).byteLength

    // Through a proxy that counts the bytes going up, so the gateway dies mid-upload.
    const proxy = await startFaultProxy(Number(new URL(cluster.endpoint).port))
    cleanups.push(() => proxy.close())
    let cuts = 0
    for (let cycle = 0; cycle < 3; cycle++) {
      let killing: Promise<void> | null = null
      proxy.whenUploaded(Math.floor(totalBytes * 0.25), () => {
        killing = killGateway(cluster.dir)
      })
      const outcome = await push(a, await remoteAt(prefix, IMPATIENT, proxy.endpoint), {
        concurrency: 4,
      }).then(
        () => 'OK',
        (e: { code?: string }) => e.code ?? String(e),
      )
      if (killing) {
        await killing
        await startGateway(cluster.dir)
        expect(outcome).toBe('STORE_UNAVAILABLE')
        cuts++
        // What a cut leaves (version files whose metadata.json never came) is only ever
        // an interrupted write, which the next push finishes.
        const { problems } = await verifyStore(await remoteAt(prefix))
        for (const p of problems) expect(p.repairable, p.message).toBe(true)
      }
    }
    expect(cuts).toBeGreaterThan(0)

    const remote = await remoteAt(prefix)
    const resumed = await push(a, remote)
    expect(resumed.upToDate).toBe(true)
    await expectSameHistories(a, remote)
    expect((await verifyStore(remote)).problems).toEqual([])
    expect((await syncStatus(a, remote)).toPush).toBe(0)

    // Another laptop's incremental pull, from a cursor taken before the cuts, sees every record.
    const seen = await pull(c, remote)
    expect(seen.pulled.map((p) => p.recordId).sort()).toEqual(ids)
    await expectSameHistories(remote, c)
  })

  it('a pull cut by the gateway going down resumes after it is back: nothing duplicated, the laptop verifies', async () => {
    const prefix = `pull-${randomBytes(4).toString('hex')}`
    const a = await laptop()
    await fieldWork(a)
    await push(a, await remoteAt(prefix))

    const b = await laptop()
    const cut = cutAfter(6)
    await expect(
      pull(b, await remoteAt(prefix, IMPATIENT), { onProgress: cut.onProgress, concurrency: 4 }),
    ).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    })
    await cut.restarted()

    const remote = await remoteAt(prefix)
    const partly = await Promise.all(
      ids.map((id) =>
        b.getMetadata(id).then(
          () => true,
          () => false,
        ),
      ),
    )
    expect(partly.filter(Boolean).length).toBeGreaterThan(0)
    expect(partly.filter(Boolean).length).toBeLessThan(RECORDS)
    const resumed = await pull(b, remote)
    expect(resumed.upToDate).toBe(true)
    await expectSameHistories(remote, b)
    expect((await verifyStore(b)).problems).toEqual([])
    // And nothing comes back the other way: the copies are recognised as the remote's.
    expect((await sync(b, remote)).pushed).toEqual([])
  })
})
