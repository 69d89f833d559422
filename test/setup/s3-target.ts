// What the S3 tests run against: the local Ceph RGW the global setup starts, or an
// external endpoint (MinIO, AWS) named by environment variables. Tests read it with
// `inject('s3')` and open stores under a per-run prefix so runs never see each other.
import { randomBytes } from 'node:crypto'

import { S3Client } from '@aws-sdk/client-s3'
import { inject } from 'vitest'

import { S3Store, type S3StoreOptions } from '../../src-main/object-store/index'

export interface S3TestTarget {
  endpoint: string | undefined
  region: string | undefined
  bucket: string
  /** Per-run prefix in the bucket; every test store lives below it. */
  runPrefix: string
  /** Explicit keys for the local RGW; undefined: the SDK's default chain (env, profile). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined
  profile: string | undefined
  forcePathStyle: boolean | undefined
}

declare module 'vitest' {
  export interface ProvidedContext {
    s3: S3TestTarget
  }
}

export function s3Target(): S3TestTarget {
  return inject('s3')
}

/** A fresh, empty store on the target, in its own folder of the bucket. */
export function newS3Store(overrides: Partial<S3StoreOptions> = {}): S3Store {
  const target = s3Target()
  return new S3Store({
    bucket: target.bucket,
    prefix: `${target.runPrefix}/${randomBytes(6).toString('hex')}`,
    endpoint: target.endpoint,
    region: target.region,
    credentials: target.credentials,
    profile: target.profile,
    forcePathStyle: target.forcePathStyle,
    ...overrides,
  })
}

/** A bare SDK client on the target, for tests that look at the bucket behind the store's back. */
export function rawS3Client(): S3Client {
  const target = s3Target()
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
