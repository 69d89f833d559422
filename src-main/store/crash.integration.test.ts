// Crash safety: a child process writes versions and approvals
// in a loop and is killed with SIGKILL at random instants. After each kill, repair
// then verify must pass and every acknowledged operation must be there, byte-equal.
// TORTURE_KILLS sets the number of kills (npm run torture: 2,000).
// See docs/ARCHITECTURE.md, "Invariants".
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { tempDir } from '../../test/support/borelog-fixtures'
import { buildStoreChild } from '../../test/support/build-child'
import { LocalFolderStore } from '../object-store/index'
import { VersionedStore, repairStore, verifyRecord, verifyStore } from './index'

const KILLS = Number(process.env.TORTURE_KILLS ?? 200)

let childScript: string
let dir: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  childScript = await buildStoreChild()
  ;({ dir, cleanup } = await tempDir('borelog-crash-'))
})
afterAll(() => cleanup())

interface Ack {
  op: string
  recordId: string
  version: number
  sha?: string
  entry?: string
}

/**
 * Runs the writer and SIGKILLs it at a random instant: usually measured from its first
 * ack (so kills land across the update/approve protocol), sometimes from spawn (so
 * they land in start-up and in the create).
 */
function runAndKill(recordId: string, killAfterMs: number, fromSpawn: boolean): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, 'crash', dir, recordId], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const acks: Ack[] = []
    let buffer = ''
    let stderr = ''
    let timer: NodeJS.Timeout | undefined = fromSpawn
      ? setTimeout(() => child.kill('SIGKILL'), killAfterMs)
      : undefined
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) if (line) acks.push(JSON.parse(line) as Ack)
      // Start the clock at the first ack, so kills land across the whole write protocol
      // rather than mostly in start-up.
      if (!timer && acks.length > 0) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    })
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer)
      if (signal === 'SIGKILL') resolve(acks)
      else reject(new Error(`writer exited by itself (code ${code}): ${stderr}`))
    })
  })
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random instants: repair + verify pass, every acknowledged write reads back`, async () => {
    const store = await VersionedStore.open(new LocalFolderStore(dir))
    let seed = 42
    const random = (): number => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    let acknowledged = 0
    for (let kill = 0; kill < KILLS; kill++) {
      const recordId = `crash-${kill}`
      const fromSpawn = random() < 0.25
      const acks = await runAndKill(
        recordId,
        fromSpawn ? 100 + random() * 400 : random() * 60,
        fromSpawn,
      )
      acknowledged += acks.length
      const repaired = await repairStore(store, { recordIds: [recordId] }).catch((e: unknown) => {
        throw new Error(`repair failed after kill ${kill}: ${(e as Error).message}`)
      })
      expect(repaired.remaining, `after kill ${kill}`).toEqual([])
      // The crash child writes without a signer: its unsigned entries are warnings.
      const { problems } = await verifyRecord(store, recordId)
      const errors = problems.filter((p) => p.severity === 'error')
      expect(errors, `after kill ${kill}`).toEqual([])
      if (acks.length === 0) continue
      const meta = await store.getMetadata(recordId)
      for (const a of acks) {
        if (a.op === 'create' || a.op === 'update') {
          const bytes = await store.getVersionFile(recordId, a.version)
          expect(createHash('sha256').update(bytes).digest('hex')).toBe(a.sha)
        } else {
          expect(meta.history.some((e) => e.entry_sha256 === a.entry)).toBe(true)
        }
      }
    }
    // Most runs commit something before the kill: the kills land mid-protocol, not only in start-up.
    expect(acknowledged).toBeGreaterThan(KILLS / 2)
    const report = await verifyStore(store)
    expect(report.problems).toEqual([])
    expect(report.recordsChecked).toBeLessThanOrEqual(KILLS)
    expect(report.recordsChecked).toBeGreaterThan(KILLS / 2)
  }, 900_000)
})
