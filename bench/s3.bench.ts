// What the S3 backend's safety costs: raw PutObject (what `aws s3 cp` does) against
// S3Store.putIfAbsent (If-None-Match, content hash metadata, Content-MD5) of the same
// bytes, in the same run, on a local Ceph RGW started here (or BORELOG_S3_BENCH_ENDPOINT
// + _BUCKET + AWS credentials from the environment).
//
//   npx tsx bench/s3.bench.ts [objects=100] [sizeMiB=1] [inFlight=8]
//
// Each kind runs 3 times, interleaved; medians are printed.
import { randomBytes } from 'node:crypto'

import { PutObjectCommand } from '@aws-sdk/client-s3'

import { S3Store } from '../src-main/object-store/index'
import { emptyPrefix, openBenchS3, pooled } from './s3-target'
import { median } from './support'

const objects = Number(process.argv[2] ?? 100)
const sizeMiB = Number(process.argv[3] ?? 1)
const inFlight = Number(process.argv[4] ?? 8)
const ROUNDS = 3

async function main(): Promise<void> {
  const { endpoint, bucket, credentials, client, close } = await openBenchS3()
  try {
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
    await close()
  }
}

await main()
