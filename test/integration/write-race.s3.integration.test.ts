// No acknowledged write is lost on S3 either: 16 CLI commands race on one draft
// (updates, approvals, rejections) against the S3 server the setup starts (Ceph RGW);
// the server's conditional writes decide who wins. Every command that exited 0 must be
// in the final history, every other must have exited 3. Fewer rounds than on a folder:
// each S3 request is a network round trip. BORELOG_S3_RACE_ROUNDS sets them.
// See docs/ARCHITECTURE.md, "Invariants".
import { randomBytes } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { s3Target } from '../setup/s3-target'
import { tempDir } from '../support/borelog-fixtures'
import { buildCli } from '../support/build-cli'
import { CliWorkerPool } from '../support/cli-workers'
import { RACERS, judgeRound, runRound, writeRaceFiles } from '../support/write-race'

const ROUNDS = Number(process.env.BORELOG_S3_RACE_ROUNDS ?? 8)

let dir: string
let pool: CliWorkerPool
let cleanup: () => Promise<void>

function s3Env(): NodeJS.ProcessEnv {
  const target = s3Target()
  return {
    ...process.env,
    ...(target.credentials
      ? {
          AWS_ACCESS_KEY_ID: target.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
        }
      : {}),
    ...(target.profile ? { AWS_PROFILE: target.profile } : {}),
  }
}

function s3Flags(): string[] {
  const target = s3Target()
  return [
    '--store',
    `s3://${target.bucket}/${target.runPrefix}/race-${randomBytes(4).toString('hex')}`,
    ...(target.endpoint ? ['--endpoint', target.endpoint] : []),
    ...(target.region ? ['--region', target.region] : []),
    ...(target.forcePathStyle ? ['--path-style'] : []),
  ]
}

// Starting 16 Node processes that load the CLI bundle takes seconds alone, minutes on a
// busy machine.
beforeAll(async () => {
  const bin = await buildCli()
  ;({ dir, cleanup } = await tempDir('borelog-race-s3-'))
  await writeRaceFiles(dir)
  pool = await CliWorkerPool.start(bin, RACERS, s3Env())
}, 300_000)
afterAll(async () => {
  await pool?.stop()
  await cleanup()
})

describe('racing writers on S3', () => {
  it(
    `${ROUNDS} rounds of ${RACERS} racing updates, approvals and rejections: no acknowledged write lost, every loser exits 3`,
    async () => {
      const store = s3Flags()
      const exitCodes: Record<number, number> = {}
      let acknowledged = 0
      for (let round = 0; round < ROUNDS; round++) {
        const outcome = await runRound({
          round,
          recordId: `R${round}`,
          dir,
          store,
          setup: (racer, args) => pool.run(racer, args),
          run: (racer, args) => pool.run(racer, args),
        })
        const judged = judgeRound(outcome)
        expect(judged.lost, `round ${round}`).toEqual([])
        expect(judged.unexpected, `round ${round}`).toEqual([])
        expect(judged.unacknowledgedEntries, `round ${round}`).toBe(0)
        expect(judged.chainProblems, `round ${round}`).toEqual([])
        expect(judged.acknowledged, `round ${round}`).toBeGreaterThan(0)
        for (const [code, n] of Object.entries(judged.exitCodes))
          exitCodes[Number(code)] = (exitCodes[Number(code)] ?? 0) + n
        acknowledged += judged.acknowledged
      }
      const verify = await pool.run(0, ['verify', ...store])
      expect(verify.code, verify.stdout + verify.stderr).toBe(0)
      console.info(
        `write race on S3: ${ROUNDS} rounds, ${acknowledged} acknowledged writes, 0 lost, ` +
          `exit codes ${JSON.stringify(exitCodes)}`,
      )
    },
    120_000 + ROUNDS * 10_000,
  )
})
