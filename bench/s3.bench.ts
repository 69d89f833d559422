// What the S3 backend's safety costs: raw PutObject (what `aws s3 cp` does) against
// S3Store.putIfAbsent (If-None-Match, content hash metadata, Content-MD5) of the same
// bytes, in the same run, on a local Ceph RGW started here (or BORELOG_S3_BENCH_ENDPOINT
// + _BUCKET + AWS credentials from the environment).
//
//   npx tsx bench/s3.bench.ts [objects=100] [sizeMiB=1] [inFlight=8]
//
// Each kind runs 3 times, interleaved; medians are printed.
import { randomBytes } from 'node:crypto'

import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'

import { S3Store } from '../src-main/object-store/index'
import { startRgw, stopRgw } from '../test/setup/rgw'

const objects = Number(process.argv[2] ?? 100)
const sizeMiB = Number(process.argv[3] ?? 1)
const inFlight = Number(process.argv[4] ?? 8)
const ROUNDS = 3

async function pooled(
  count: number,
  width: number,
  job: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count) await job(next++)
  }
  await Promise.all(Array.from({ length: width }, worker))
}

async function emptyPrefix(client: S3Client, bucket: string, prefix: string): Promise<void> {
  for (;;) {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))
    const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []))
    if (keys.length === 0) return
    await client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }),
    )
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main(): Promise<void> {
  const externalEndpoint = process.env.BORELOG_S3_BENCH_ENDPOINT
  const cluster = externalEndpoint ? null : await startRgw()
  const endpoint = externalEndpoint ?? cluster!.endpoint
  const bucket = process.env.BORELOG_S3_BENCH_BUCKET ?? 'borelog-bench'
  const credentials = cluster
    ? { accessKeyId: cluster.accessKeyId, secretAccessKey: cluster.secretAccessKey }
    : undefined
  const client = new S3Client({
    endpoint,
    region: cluster?.region ?? process.env.AWS_REGION ?? 'us-east-1',
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  try {
    if (cluster) {
      console.log(`Ceph RGW ready at ${endpoint} in ${cluster.readySeconds}s`)
      await client.send(new CreateBucketCommand({ Bucket: bucket }))
    }
    const payloads = Array.from(
      { length: objects },
      () => new Uint8Array(randomBytes(sizeMiB * 1024 * 1024)),
    )
    const totalMiB = objects * sizeMiB
    const prefix = `bench-${Date.now()}`
    const store = new S3Store({ bucket, prefix: `${prefix}/store`, endpoint, credentials })
    const probeStart = performance.now()
    await store.conditionalWriteSupport()
    const probeMs = performance.now() - probeStart

    const raw: number[] = []
    const ours: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      let start = performance.now()
      await pooled(objects, inFlight, (i) =>
        client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: `${prefix}/raw/${round}/${i}`,
            Body: payloads[i],
          }),
        ),
      )
      raw.push(totalMiB / ((performance.now() - start) / 1000))
      start = performance.now()
      await pooled(objects, inFlight, (i) =>
        store.putIfAbsent(`records/R${round}-${i}/versions/v1.parquet`, payloads[i]!),
      )
      ours.push(totalMiB / ((performance.now() - start) / 1000))
      await emptyPrefix(client, bucket, `${prefix}/`)
    }
    store.close()
    const rawMBs = median(raw)
    const oursMBs = median(ours)
    console.log(
      `${objects} objects x ${sizeMiB} MiB, ${inFlight} in flight, median of ${ROUNDS} rounds:`,
    )
    console.log(
      `  raw PutObject          ${rawMBs.toFixed(1)} MiB/s   (rounds: ${raw.map((x) => x.toFixed(1)).join(', ')})`,
    )
    console.log(
      `  S3Store.putIfAbsent    ${oursMBs.toFixed(1)} MiB/s   (rounds: ${ours.map((x) => x.toFixed(1)).join(', ')})`,
    )
    console.log(
      `  time ratio putIfAbsent / raw: ${(rawMBs / oursMBs).toFixed(2)}x   (one-off probe on first write: ${probeMs.toFixed(0)} ms)`,
    )
  } finally {
    client.destroy()
    if (cluster) await stopRgw(cluster.dir)
  }
}

await main()
