// Vitest global setup of the S3 tests (vitest.s3.config.ts): starts one Ceph RGW on
// 127.0.0.1 for the whole run, makes the test bucket, provides the target to the tests
// (inject('s3')) and stops the cluster at teardown. With BORELOG_S3_TEST_ENDPOINT set
// it starts nothing and runs the same tests against that endpoint (README: MinIO, AWS).
import { randomBytes } from 'node:crypto'

import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3'
import type { TestProject } from 'vitest/node'

import { startRgw, stopRgw } from './rgw'
import type { S3TestTarget } from './s3-target'

const BUCKET = 'borelog-test'

function clientFor(target: S3TestTarget): S3Client {
  return new S3Client({
    endpoint: target.endpoint,
    region: target.region ?? 'us-east-1',
    forcePathStyle: target.forcePathStyle ?? target.endpoint !== undefined,
    credentials: target.credentials,
    profile: target.profile,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}

/** Test objects on a shared external bucket are removed; the local cluster just goes away. */
async function deleteRunPrefix(client: S3Client, target: S3TestTarget): Promise<void> {
  let token: string | undefined
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: target.bucket,
        Prefix: target.runPrefix + '/',
        ContinuationToken: token,
      }),
    )
    const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []))
    if (keys.length > 0) {
      await client.send(
        new DeleteObjectsCommand({ Bucket: target.bucket, Delete: { Objects: keys, Quiet: true } }),
      )
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runPrefix = `test-run-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`
  const externalEndpoint = process.env.BORELOG_S3_TEST_ENDPOINT
  const externalBucket = process.env.BORELOG_S3_TEST_BUCKET
  if (externalEndpoint !== undefined || externalBucket !== undefined) {
    if (!externalBucket) {
      throw new Error(
        'BORELOG_S3_TEST_ENDPOINT is set but BORELOG_S3_TEST_BUCKET is not: name an existing bucket.',
      )
    }
    const target: S3TestTarget = {
      endpoint: externalEndpoint || undefined,
      region: process.env.BORELOG_S3_TEST_REGION ?? process.env.AWS_REGION,
      bucket: externalBucket,
      runPrefix,
      credentials: undefined,
      profile: process.env.BORELOG_S3_TEST_PROFILE,
      forcePathStyle: process.env.BORELOG_S3_TEST_PATH_STYLE
        ? process.env.BORELOG_S3_TEST_PATH_STYLE === '1'
        : undefined,
    }
    console.log(
      `S3 tests against ${externalEndpoint || 'AWS S3'}, bucket ${externalBucket}, prefix ${runPrefix}/. ` +
        'The gateway crash tests (*.rgw.integration.test.ts) need a local Ceph RGW and are not part of this run.',
    )
    project.provide('s3', target)
    return async () => {
      const client = clientFor(target)
      await deleteRunPrefix(client, target)
      client.destroy()
    }
  }

  const cluster = await startRgw()
  console.log(`Ceph RGW ready at ${cluster.endpoint} in ${cluster.readySeconds}s (${cluster.dir})`)
  const target: S3TestTarget = {
    endpoint: cluster.endpoint,
    region: cluster.region,
    bucket: BUCKET,
    runPrefix,
    credentials: { accessKeyId: cluster.accessKeyId, secretAccessKey: cluster.secretAccessKey },
    profile: undefined,
    forcePathStyle: true,
  }
  try {
    const client = clientFor(target)
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }))
    client.destroy()
  } catch (e) {
    await stopRgw(cluster.dir)
    throw e
  }
  project.provide('s3', target)
  return async () => {
    await stopRgw(cluster.dir)
  }
}
