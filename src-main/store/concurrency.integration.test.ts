// Many writers: 16 processes race updates and approvals, on
// one record and on several. No version is lost, no file is overwritten, and the
// history holds exactly the operations that were acknowledged: no more, no fewer.
// See docs/ARCHITECTURE.md, "Invariants".
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { buildStoreChild } from '../../test/support/build-child'
import { LocalFolderStore } from '../object-store/index'
import { VersionedStore, verifyStore } from './index'

const PROCESSES = 16
const OPS_PER_PROCESS = 12

let childScript: string
const cleanups: (() => Promise<void>)[] = []

beforeAll(async () => {
  childScript = await buildStoreChild()
})
afterAll(async () => {
  for (const c of cleanups) await c()
})

interface Ack {
  op: 'update' | 'approve' | 'refused'
  recordId: string
  version?: number
  sha?: string
  entry?: string
  code?: string
}

function racer(dir: string, ids: string[], seed: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [childScript, 'race', dir, ids.join(','), String(OPS_PER_PROCESS), String(seed)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
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

async function race(recordIds: string[]): Promise<void> {
  const { dir, cleanup } = await tempDir('borelog-race-')
  cleanups.push(cleanup)
  const store = await VersionedStore.open(new LocalFolderStore(dir))
  for (const id of recordIds)
    await store.createRecord({
      recordId: id,
      table: sampleHole(id),
      tableName: 'borelog',
      createdBy: 'setup',
    })

  const acks = (
    await Promise.all(Array.from({ length: PROCESSES }, (_, i) => racer(dir, recordIds, i + 1)))
  ).flat()
  const done = acks.filter((a) => a.op !== 'refused')
  expect(done.length).toBeGreaterThan(0)
  // Refusals are conflicts, stale reviews or transitions: never anything else.
  for (const a of acks.filter((x) => x.op === 'refused')) {
    expect(['VERSION_CONFLICT', 'STALE_REVIEW', 'INVALID_TRANSITION']).toContain(a.code)
  }

  expect((await verifyStore(store)).problems).toEqual([])
  for (const id of recordIds) {
    const meta = await store.getMetadata(id)
    const mine = done.filter((a) => a.recordId === id)
    // Exactly the acknowledged operations, after the create.
    expect(meta.history.length).toBe(1 + mine.length)
    const inHistory = new Set(meta.history.map((e) => e.entry_sha256))
    for (const a of mine) expect(inHistory.has(a.entry)).toBe(true)
    const updates = mine.filter((a) => a.op === 'update')
    expect(meta.current_version).toBe(1 + updates.length)
    expect(new Set(updates.map((a) => a.version)).size).toBe(updates.length)
    for (const a of updates) {
      const bytes = await store.getVersionFile(id, a.version!)
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(a.sha)
    }
  }
}

describe('concurrent writers', () => {
  it(`${PROCESSES} processes racing on one record lose nothing and overwrite nothing`, async () => {
    await race(['BH01'])
  }, 300_000)

  it(`${PROCESSES} processes racing on many records lose nothing and overwrite nothing`, async () => {
    await race(['BH01', 'BH02', 'BH03', 'BH04', 'BH05', 'BH06'])
  }, 300_000)
})
