// What sync costs against S3, on a local Ceph RGW started here (or
// BORELOG_S3_BENCH_ENDPOINT + _BUCKET + AWS credentials from the environment):
// 1. push and pull of RECORDS records x ROWS rows: MB/s of version files, and the time
//    ratio to what `aws s3 cp --recursive` does with the same files, in the same run, with
//    the same number of requests in flight (goal: at most 1.3x):
//    - push: PutObject of every object the push creates (the version files and
//      metadata.json under records/, and the change events under changes/), and, for
//      reference, of records/ alone;
//    - pull: GetObject of every object the pull reads (records/), each written to a file.
// 2. an incremental pull of 1 changed record out of MANY: the requests it makes (counted
//    per object-store operation; each is one S3 request, barring retries).
//
//   npx tsx bench/sync.bench.ts [records=100] [rows=10000] [many=10000] [inFlight=8]   (many=0: part 1 only)
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'

import { LocalFolderStore, S3Store, type ObjectStore } from '../src-main/object-store/index'
import { generateBorelogTable } from '../src-main/schema/index'
import { VersionedStore } from '../src-main/store/index'
import { pull, push } from '../src-main/sync/index'
import { emptyPrefix, openBenchS3, pooled } from './s3-target'
import { median, printTable } from './support'

const RECORDS = Number(process.argv[2] ?? 100)
const ROWS = Number(process.argv[3] ?? 10_000)
const MANY = Number(process.argv[4] ?? 10_000)
const IN_FLIGHT = Number(process.argv[5] ?? 8)
const ROUNDS = 5
const DATA = path.resolve('.bench-data', `sync-${Date.now()}`)

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return (performance.now() - start) / 1000
}

/** Counts object-store operations by kind (one S3 request each, barring retries). */
class CountingStore implements ObjectStore {
  readonly counts = new Map<string, number>()
  constructor(private readonly inner: ObjectStore) {}
  get location(): string {
    return this.inner.location
  }
  private count(op: string): void {
    this.counts.set(op, (this.counts.get(op) ?? 0) + 1)
  }
  get(key: string) {
    this.count('GET')
    return this.inner.get(key)
  }
  head(key: string) {
    this.count('HEAD')
    return this.inner.head(key)
  }
  putIfAbsent(key: string, bytes: Uint8Array) {
    this.count('PUT')
    return this.inner.putIfAbsent(key, bytes)
  }
  putIfMatch(key: string, bytes: Uint8Array, etag: string) {
    this.count('PUT')
    return this.inner.putIfMatch(key, bytes, etag)
  }
  list(prefix: string, options?: { startAfter?: string; limit?: number }) {
    this.count('LIST')
    return this.inner.list(prefix, options)
  }
  listChildren(prefix: string) {
    this.count('LIST')
    return this.inner.listChildren(prefix)
  }
  delete(key: string) {
    this.count('DELETE')
    return this.inner.delete(key)
  }
}

async function localStore(name: string): Promise<VersionedStore> {
  const dir = path.join(DATA, name)
  await fs.mkdir(dir, { recursive: true })
  return VersionedStore.open(new LocalFolderStore(dir))
}

/** Every object under `prefix` of a local store, with its bytes. */
async function objectsUnder(
  store: VersionedStore,
  prefix: string,
): Promise<{ key: string; bytes: Uint8Array }[]> {
  const out: { key: string; bytes: Uint8Array }[] = []
  for await (const info of store.objects.list(prefix))
    out.push({ key: info.key, bytes: (await store.objects.get(info.key))!.bytes })
  return out
}

async function main(): Promise<void> {
  const { endpoint, bucket, credentials, client, close } = await openBenchS3()
  const stores: S3Store[] = []
  const remoteAt = async (
    prefix: string,
    wrap?: (o: ObjectStore) => ObjectStore,
  ): Promise<VersionedStore> => {
    const objects = new S3Store({ bucket, prefix, endpoint, credentials })
    stores.push(objects)
    return VersionedStore.open(wrap ? wrap(objects) : objects)
  }
  const run = `bench-sync-${Date.now()}`
  try {
    // ---- 1. throughput -------------------------------------------------------
    const laptop = await localStore('laptop')
    for (let i = 0; i < RECORDS; i++) {
      const id = `BH${String(i + 1).padStart(4, '0')}`
      await laptop.createRecord({
        recordId: id,
        table: generateBorelogTable(ROWS, i + 1),
        tableName: 'borelog',
        createdBy: 'bench',
      })
    }
    const records = await objectsUnder(laptop, 'records/')
    const everything = [...records, ...(await objectsUnder(laptop, 'changes/'))]
    const versionBytes = records
      .filter((f) => f.key.endsWith('.parquet'))
      .reduce((n, f) => n + f.bytes.byteLength, 0)
    const mb = versionBytes / 1e6
    console.log(
      `${RECORDS} records x ${ROWS} rows: ${mb.toFixed(1)} MB of version files; ${records.length} objects under records/, ` +
        `${everything.length} with changes/; ${IN_FLIGHT} in flight; median of ${ROUNDS} rounds`,
    )
    const rawPut = (
      objects: { key: string; bytes: Uint8Array }[],
      prefix: string,
    ): Promise<number> =>
      timed(() =>
        pooled(objects.length, IN_FLIGHT, (i) =>
          client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: `${prefix}/${objects[i]!.key}`,
              Body: objects[i]!.bytes,
            }),
          ),
        ),
      )
    const times = {
      rawPutAll: [] as number[],
      rawPutRecords: [] as number[],
      push: [] as number[],
      rawGet: [] as number[],
      pull: [] as number[],
    }
    for (let round = 0; round < ROUNDS; round++) {
      times.rawPutAll.push(await rawPut(everything, `${run}/raw-all-${round}`))
      times.rawPutRecords.push(await rawPut(records, `${run}/raw-records-${round}`))
      const remote = await remoteAt(`${run}/store-${round}`)
      await (remote.objects as S3Store).conditionalWriteSupport() // the one-off probe is not sync's cost
      times.push.push(await timed(() => push(laptop, remote, { concurrency: IN_FLIGHT })))

      const copyDir = path.join(DATA, `raw-copy-${round}`)
      times.rawGet.push(
        await timed(() =>
          pooled(records.length, IN_FLIGHT, async (i) => {
            const key = records[i]!.key
            const got = await client.send(
              new GetObjectCommand({ Bucket: bucket, Key: `${run}/raw-records-${round}/${key}` }),
            )
            const file = path.join(copyDir, key)
            await fs.mkdir(path.dirname(file), { recursive: true })
            await fs.writeFile(file, await got.Body!.transformToByteArray())
          }),
        ),
      )
      const other = await localStore(`other-${round}`)
      times.pull.push(await timed(() => pull(other, remote, { concurrency: IN_FLIGHT })))
      await emptyPrefix(client, bucket, `${run}/`)
    }
    // Rounds are interleaved, so each round's ratio compares runs made under the same load
    // (a shared machine's load drifts); the median of those ratios is the figure.
    const row = (what: string, raw: number[], ours: number[]): string[] => [
      what,
      `${(mb / median(raw)).toFixed(1)} MB/s`,
      `${(mb / median(ours)).toFixed(1)} MB/s`,
      `${median(ours.map((t, i) => t / raw[i]!)).toFixed(2)}x`,
      ours.map((t, i) => (t / raw[i]!).toFixed(2)).join(', '),
    ]
    printTable(
      ['sync vs aws-s3-cp equivalent', 'raw S3', 'sync', 'median time ratio', 'per round'],
      [
        row('push / PutObject records/ + changes/', times.rawPutAll, times.push),
        row('push / PutObject records/ only', times.rawPutRecords, times.push),
        row('pull / GetObject records/ to files', times.rawGet, times.pull),
      ],
    )

    // ---- 2. incremental pull: 1 changed record out of MANY ---------------------
    if (MANY < 1) return
    console.log(`\nIncremental pull, 1 changed record out of ${MANY}:`)
    const team = await localStore('team')
    const setup = await timed(async () => {
      await pooled(MANY, 8, (i) =>
        team.createRecord({
          recordId: `R${String(i).padStart(5, '0')}`,
          table: generateBorelogTable(5, i + 1),
          tableName: 'borelog',
          createdBy: 'bench',
        }),
      )
    })
    const manyPrefix = `${run}/many`
    const remote = await remoteAt(manyPrefix)
    const firstPush = await timed(() => push(team, remote, { concurrency: 16 }))
    const field = await localStore('field')
    const firstPull = await timed(() => pull(field, remote, { concurrency: 16 }))
    console.log(
      `  set-up: ${MANY} records made locally in ${setup.toFixed(1)} s, first push ${firstPush.toFixed(1)} s, first pull ${firstPull.toFixed(1)} s`,
    )
    await team.updateRecord({
      recordId: `R${String(Math.floor(MANY / 2)).padStart(5, '0')}`,
      table: generateBorelogTable(5, 99),
      updatedBy: 'bench',
    })
    await push(team, remote)
    let counting: CountingStore | undefined
    const counted = await remoteAt(manyPrefix, (o) => (counting = new CountingStore(o)))
    let pulledRecords = 0
    const seconds = await timed(async () => {
      const res = await pull(field, counted)
      pulledRecords = res.pulled.length
    })
    const counts = [...counting!.counts].map(([op, n]) => `${op} ${n}`).join(', ')
    const total = [...counting!.counts.values()].reduce((a, b) => a + b, 0)
    console.log(
      `  incremental pull: ${pulledRecords} record pulled, ${total} S3 requests (${counts}) in ${(seconds * 1000).toFixed(0)} ms`,
    )
    await emptyPrefix(client, bucket, `${run}/`)
  } finally {
    for (const s of stores) s.close()
    await fs.rm(DATA, { recursive: true, force: true })
    await close()
  }
}

await main()
