// No acknowledged write is ever lost, even when the last writer was killed holding the
// record's lock: each round plants a stale lock on metadata.json (a dead pid, an empty
// file, an old lock of another host, in turn), then 16 CLI commands race on one draft
// (updates, approvals, rejections). Every command that exited 0 must be in the final
// history, every other must have exited 3, and nothing else may be there.
// BORELOG_RACE_ROUNDS sets the rounds (npm run torture: 1,000). Most rounds run the
// commands in 16 CLI worker processes (test/support/cli-workers.ts); every
// SPAWNED_EVERY-th round starts 16 `borelog-desk` processes instead, to hold the exit
// codes of whole processes to the same rule. See docs/ARCHITECTURE.md, "Invariants".
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { isAlive } from '../../src-main/object-store/lock-file'
import { tempDir } from '../support/borelog-fixtures'
import { buildCli } from '../support/build-cli'
import { CliWorkerPool } from '../support/cli-workers'
import { runCliProcess } from '../support/run-cli'
import {
  STALE_LOCK_KINDS,
  exitedPid,
  plantStaleLock,
  type StaleLockKind,
} from '../support/stale-lock'
import { RACERS, judgeRound, runRound, writeRaceFiles } from '../support/write-race'

const ROUNDS = Number(process.env.BORELOG_RACE_ROUNDS ?? 50)
const SPAWNED_EVERY = 50

let bin: string
let dir: string
let store: string
let pool: CliWorkerPool
let cleanup: () => Promise<void>

// Starting 16 Node processes that load the CLI bundle takes seconds alone, minutes on a
// busy machine.
beforeAll(async () => {
  bin = await buildCli()
  ;({ dir, cleanup } = await tempDir('borelog-race-'))
  store = path.join(dir, 'store')
  await writeRaceFiles(dir)
  pool = await CliWorkerPool.start(bin, RACERS)
}, 300_000)
afterAll(async () => {
  await pool?.stop()
  await cleanup()
})

let deadPid = 0
async function aDeadPid(): Promise<number> {
  if (deadPid === 0 || isAlive(deadPid)) deadPid = await exitedPid()
  return deadPid
}

describe('racing writers over a stale lock', () => {
  it(
    `${ROUNDS} rounds of ${RACERS} racing updates, approvals and rejections: no acknowledged write lost, every loser exits 3`,
    async () => {
      const planted: Record<StaleLockKind, number> = {
        'dead pid': 0,
        empty: 0,
        'old, other host': 0,
      }
      const exitCodes: Record<number, number> = {}
      const raceMs: number[] = []
      let acknowledged = 0
      let spawnedRounds = 0
      for (let round = 0; round < ROUNDS; round++) {
        const recordId = `R${round}`
        const kind = STALE_LOCK_KINDS[round % STALE_LOCK_KINDS.length]!
        const spawned = round % SPAWNED_EVERY === SPAWNED_EVERY - 1
        const metadataFile = path.join(store, 'records', recordId, 'metadata.json')
        const outcome = await runRound({
          round,
          recordId,
          dir,
          store: ['--store', store],
          setup: (racer, args) => pool.run(racer, args),
          run: spawned
            ? (_, args) => runCliProcess(bin, args)
            : (racer, args) => pool.run(racer, args),
          beforeRace: async () => {
            await plantStaleLock(metadataFile, kind, await aDeadPid())
            planted[kind]++
          },
        })
        const judged = judgeRound(outcome)
        expect(judged.lost, `round ${round} (${kind})`).toEqual([])
        expect(judged.unexpected, `round ${round} (${kind})`).toEqual([])
        expect(judged.unacknowledgedEntries, `round ${round} (${kind})`).toBe(0)
        expect(judged.chainProblems, `round ${round} (${kind})`).toEqual([])
        expect(
          judged.acknowledged,
          `round ${round}: the stale lock was taken over`,
        ).toBeGreaterThan(0)
        // The stale lock and every lock of the round are gone: nothing but the record.
        expect((await fs.readdir(path.dirname(metadataFile))).sort()).toEqual([
          'metadata.json',
          'versions',
        ])
        for (const [code, n] of Object.entries(judged.exitCodes))
          exitCodes[Number(code)] = (exitCodes[Number(code)] ?? 0) + n
        acknowledged += judged.acknowledged
        raceMs.push(outcome.raceMs)
        if (spawned) spawnedRounds++
      }
      const verify = await pool.run(0, ['verify', '--store', store])
      expect(verify.code, verify.stdout + verify.stderr).toBe(0)
      raceMs.sort((a, b) => a - b)
      console.info(
        `write race: ${ROUNDS} rounds (${spawnedRounds} with spawned CLI processes), ` +
          `stale locks planted: ${JSON.stringify(planted)}, ` +
          `${acknowledged} acknowledged writes, 0 lost, exit codes ${JSON.stringify(exitCodes)}, ` +
          `race per round: median ${raceMs[Math.floor(raceMs.length / 2)]!.toFixed(0)} ms, ` +
          `max ${raceMs[raceMs.length - 1]!.toFixed(0)} ms`,
      )
    },
    // Generous for a loaded two-core machine; a spawned round starts 16 Node processes.
    60_000 + ROUNDS * 3_000 + Math.floor(ROUNDS / SPAWNED_EVERY) * 60_000,
  )
})
