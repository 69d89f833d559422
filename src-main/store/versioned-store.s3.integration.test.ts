// The store's behaviour on S3: the shared suite of test/store-contract.ts, the
// same one the local folder passes, against the real server the S3 setup starts; plus
// 32 processes racing on one record, each its own client with its own connections.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'

import { PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { newS3Store, rawS3Client, s3Target } from '../../test/setup/s3-target'
import { describeStoreContract } from '../../test/store-contract'
import { buildStoreChild } from '../../test/support/build-child'
import { sampleHole } from '../../test/support/borelog-fixtures'
import type { S3Store } from '../object-store/index'
import { VersionedStore, verifyStore } from './index'

const raw = rawS3Client()
afterAll(() => raw.destroy())

function prefixOf(store: S3Store): string {
  return store.location.slice(`s3://${store.bucket}/`.length)
}

describeStoreContract('S3', async () => {
  const objects = newS3Store()
  const prefix = prefixOf(objects)
  const others: S3Store[] = []
  return {
    objects,
    reopen: () => {
      const other = newS3Store({ prefix })
      others.push(other)
      return other
    },
    rawWrite: async (key, bytes) => {
      await raw.send(
        new PutObjectCommand({ Bucket: objects.bucket, Key: `${prefix}/${key}`, Body: bytes }),
      )
    },
    dispose: async () => {
      for (const s of [objects, ...others]) s.close()
    },
  }
})

const PROCESSES = 32
const OPS_PER_PROCESS = 6

interface Ack {
  op: 'update' | 'approve' | 'refused'
  recordId: string
  version?: number
  sha?: string
  entry?: string
  code?: string
}

describe('many processes on one S3 store', () => {
  let childScript: string
  beforeAll(async () => {
    childScript = await buildStoreChild()
  })

  function racer(location: string, recordId: string, seed: number): Promise<Ack[]> {
    const target = s3Target()
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BORELOG_CHILD_S3: JSON.stringify({
        ...(target.endpoint ? { endpoint: target.endpoint } : {}),
        ...(target.region ? { region: target.region } : {}),
        ...(target.profile ? { profile: target.profile } : {}),
        ...(target.forcePathStyle !== undefined ? { forcePathStyle: target.forcePathStyle } : {}),
      }),
      ...(target.credentials
        ? {
            AWS_ACCESS_KEY_ID: target.credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
          }
        : {}),
    }
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [childScript, 'race', location, recordId, String(OPS_PER_PROCESS), String(seed)],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
          env,
        },
      )
      let out = ''
      let err = ''
      child.stdout.on('data', (c: Buffer) => (out += c.toString()))
      child.stderr.on('data', (c: Buffer) => (err += c.toString()))
      child.on('exit', (code) => {
        if (code !== 0) reject(new Error(`racer ${seed} exited ${code}: ${err}`))
        else
          resolve(
            out
              .split('\n')
              .filter(Boolean)
              .map((l) => JSON.parse(l) as Ack),
          )
      })
    })
  }

  it(`${PROCESSES} processes racing on one record lose nothing and overwrite nothing`, async () => {
    const objects = newS3Store()
    try {
      const store = await VersionedStore.open(objects)
      await store.createRecord({
        recordId: 'BH01',
        table: sampleHole(),
        tableName: 'borelog',
        createdBy: 'setup',
      })
      const acks = (
        await Promise.all(
          Array.from({ length: PROCESSES }, (_, i) => racer(objects.location, 'BH01', i + 1)),
        )
      ).flat()
      const done = acks.filter((a) => a.op !== 'refused')
      expect(done.length).toBeGreaterThan(0)
      // Refusals are conflicts, stale reviews or transitions: never an outage or anything else.
      for (const a of acks.filter((x) => x.op === 'refused')) {
        expect(['VERSION_CONFLICT', 'STALE_REVIEW', 'INVALID_TRANSITION']).toContain(a.code)
      }
      expect((await verifyStore(store)).problems).toEqual([])
      const meta = await store.getMetadata('BH01')
      // Exactly the acknowledged operations after the create: none lost, none invented.
      expect(meta.history.length).toBe(1 + done.length)
      const inHistory = new Set(meta.history.map((e) => e.entry_sha256))
      for (const a of done) expect(inHistory.has(a.entry)).toBe(true)
      const updates = done.filter((a) => a.op === 'update')
      expect(meta.current_version).toBe(1 + updates.length)
      expect(new Set(updates.map((a) => a.version)).size).toBe(updates.length)
      for (const a of updates) {
        const bytes = await store.getVersionFile('BH01', a.version!)
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(a.sha)
      }
    } finally {
      objects.close()
    }
  }, 600_000)
})
