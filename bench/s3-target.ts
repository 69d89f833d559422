// Where the S3 benchmarks run: a Ceph RGW started for the run on 127.0.0.1, or an
// endpoint from BORELOG_S3_BENCH_ENDPOINT + _BUCKET with AWS credentials from the
// environment. Shared by s3.bench.ts and sync.bench.ts.
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3'

import { startRgw, stopRgw } from '../test/setup/rgw'

export interface BenchS3 {
  endpoint: string
  bucket: string
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined
  /** A raw SDK client, configured as S3Store configures its own. */
  client: S3Client
  close(): Promise<void>
}

export async function openBenchS3(): Promise<BenchS3> {
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
  const close = async (): Promise<void> => {
    client.destroy()
    if (cluster) await stopRgw(cluster.dir)
  }
  if (cluster) {
    console.log(`Ceph RGW ready at ${endpoint} in ${cluster.readySeconds}s`)
    try {
      await client.send(new CreateBucketCommand({ Bucket: bucket }))
    } catch (e) {
      await close()
      throw e
    }
  }
  return { endpoint, bucket, credentials, client, close }
}

export async function emptyPrefix(client: S3Client, bucket: string, prefix: string): Promise<void> {
  for (;;) {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))
    const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []))
    if (keys.length === 0) return
    await client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }),
    )
  }
}

/** Runs `count` jobs with at most `width` in flight. */
export async function pooled(
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
