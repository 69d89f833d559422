import { createHash } from 'node:crypto'

import {
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3'
import { afterAll, describe, expect, it } from 'vitest'

import { newS3Store, rawS3Client, s3Target } from '../../test/setup/s3-target'
import type { S3Store } from './index'

const text = (s: string): Uint8Array => new TextEncoder().encode(s)
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')
const raw = rawS3Client()
afterAll(() => raw.destroy())

async function rawKeys(prefix: string): Promise<string[]> {
  const res = await raw.send(
    new ListObjectsV2Command({ Bucket: s3Target().bucket, Prefix: prefix }),
  )
  return (res.Contents ?? []).map((o) => o.Key ?? '')
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'OK'
  } catch (e) {
    return (e as { code?: string }).code ?? `uncoded: ${String(e)}`
  }
}

function storePrefix(store: S3Store): string {
  return store.location.slice(`s3://${store.bucket}/`.length) + '/'
}

describe('S3Store on a real S3 server', () => {
  it('keeps the local layout under bucket/prefix/, byte for byte, with the content hash as metadata', async () => {
    const store = newS3Store()
    const bytes = text('{"record_id":"BH-01"}')
    await store.putIfAbsent('records/BH-01/metadata.json', bytes)
    const key = storePrefix(store) + 'records/BH-01/metadata.json'
    const got = await raw.send(new GetObjectCommand({ Bucket: store.bucket, Key: key }))
    expect(await got.Body!.transformToByteArray()).toEqual(bytes)
    const head = await raw.send(new HeadObjectCommand({ Bucket: store.bucket, Key: key }))
    expect(head.Metadata?.sha256).toBe(sha256(bytes))
    store.close()
  })

  it('the conditional-write probe passes here and leaves no object behind', async () => {
    const store = newS3Store()
    const support = await store.probeConditionalWrites()
    expect(Object.keys(support).sort()).toEqual(['conditionalMultipartCompletion', 'ifMatchQuoted'])
    expect(await rawKeys(storePrefix(store))).toEqual([])
    const uploads = await raw.send(
      new ListMultipartUploadsCommand({ Bucket: store.bucket, Prefix: storePrefix(store) }),
    )
    expect(uploads.Uploads ?? []).toEqual([])
    store.close()
  })

  it('multipart create-if-absent uploads in parts and completes whole, leaving no upload open', async () => {
    // RGW 16 does not honour If-None-Match on completion, so the store never picks this
    // path there by itself; this test checks the upload mechanics on a fresh key only.
    const store = newS3Store({
      multipartThresholdBytes: 6 * 1024 * 1024,
      partSizeBytes: 5 * 1024 * 1024,
      assumeConditionalWrites: { ifMatchQuoted: false, conditionalMultipartCompletion: true },
    })
    const bytes = new Uint8Array(17 * 1024 * 1024).map((_, i) => (i * 7) % 251)
    const put = await store.putIfAbsent('records/BIG/versions/v1.parquet', bytes)
    expect(put.etag).toMatch(/-4$/)
    const got = await store.get('records/BIG/versions/v1.parquet')
    expect(got?.bytes.byteLength).toBe(bytes.byteLength)
    expect(sha256(got!.bytes)).toBe(sha256(bytes))
    const head = await raw.send(
      new HeadObjectCommand({
        Bucket: store.bucket,
        Key: storePrefix(store) + 'records/BIG/versions/v1.parquet',
      }),
    )
    expect(head.Metadata?.sha256).toBe(sha256(bytes))
    const uploads = await raw.send(
      new ListMultipartUploadsCommand({ Bucket: store.bucket, Prefix: storePrefix(store) }),
    )
    expect(uploads.Uploads ?? []).toEqual([])
    store.close()
  })

  it('a missing bucket is NOT_FOUND', async () => {
    const store = newS3Store({ bucket: 'borelog-no-such-bucket-4f1c' })
    expect(await codeOf(store.get('records/x/metadata.json'))).toBe('NOT_FOUND')
    expect(await codeOf(store.putIfAbsent('records/x/metadata.json', text('{}')))).toBe('NOT_FOUND')
    store.close()
  })
})

describe('S3Store credentials', () => {
  const target = s3Target()
  // Only meaningful with explicit keys (the local RGW); with the default chain there is
  // no secret in this process to leak, and the wrong-key case is built from a fake one.
  const accessKeyId = target.credentials?.accessKeyId ?? 'AKIABORELOGTESTFAKE01'
  const wrongSecret = 'wrongSecretKeyForBorelogDeskTestsOnly0123'

  it('wrong keys are UNAUTHORIZED, and no error carries a key or secret', async () => {
    const store = newS3Store({ credentials: { accessKeyId, secretAccessKey: wrongSecret } })
    const errors: unknown[] = []
    for (const op of [
      () => store.get('records/x/metadata.json'),
      () => store.head('records/x/metadata.json'),
      () => store.putIfAbsent('records/x/metadata.json', text('{}')),
      () => store.listChildren('records/'),
    ]) {
      try {
        await op()
        errors.push(null)
      } catch (e) {
        errors.push(e)
      }
    }
    expect(errors.map((e) => (e as { code?: string } | null)?.code)).toEqual([
      'UNAUTHORIZED',
      'UNAUTHORIZED',
      'UNAUTHORIZED',
      'UNAUTHORIZED',
    ])
    for (const e of errors) {
      const err = e as Error & { details?: unknown; cause?: unknown }
      const everything = [
        err.message,
        err.stack,
        JSON.stringify(err.details),
        String(err.cause),
      ].join('\n')
      expect(everything).not.toContain(wrongSecret)
      expect(everything).not.toContain(accessKeyId)
    }
    store.close()
  })
})
