// One round of the write race the race tests run on a folder and on S3: a fresh draft,
// then 16 CLI commands at once on it (updates from v1, approvals and rejections of v1),
// then the final history judged against the exit codes. An exit 0 is an acknowledged
// write: its entry must be in the history. Everything else must be a conflict (exit 3).
// See docs/ARCHITECTURE.md, "Invariants".
import { promises as fs } from 'node:fs'
import path from 'node:path'

import type { MetadataJson } from '../../shared/metadata'
import { checkChain } from '../../src-main/store/index'
import type { CliResult } from './run-cli'

export const RACERS = 16
export type RaceOp = 'update' | 'approve' | 'reject'
/** Runs one CLI command (argv after the program name) as racer `racer`. */
export type RunCli = (racer: number, args: string[]) => Promise<CliResult>

const CSV_HEADER =
  'hole_id,depth_top_m,depth_base_m,description,legend_code,geology_code,spt_n,sample_refs,water_strike_m,remarks\n'

function csvOf(description: string): string {
  return (
    CSV_HEADER +
    'BH01,0,0.4,"MADE GROUND: brown sandy gravel, brick",601,MG,,,,\n' +
    `BH01,0.4,2.1,${description},201,,12,D1 @ 1.0,,\n` +
    'BH01,2.1,5.0,Dense SAND,401,,35,,3.2,\n'
  )
}

/** Writes v1.csv and one update file per racer into `dir`. */
export async function writeRaceFiles(dir: string): Promise<void> {
  await fs.writeFile(path.join(dir, 'v1.csv'), csvOf('Firm brown CLAY'))
  for (let i = 0; i < RACERS; i++) {
    await fs.writeFile(path.join(dir, `u${i}.csv`), csvOf(`Firm brown CLAY (racer ${i})`))
  }
}

/** What racer `racer` does in `round`: 4 updates, 6 approvals, 6 rejections, turning. */
export function opOf(racer: number, round: number): RaceOp {
  const slot = (racer + round) % RACERS
  return slot < 4 ? 'update' : slot < 10 ? 'approve' : 'reject'
}

function racerName(racer: number): string {
  return `racer-${racer}`
}

function argsOf(op: RaceOp, recordId: string, racer: number, dir: string, store: string[]) {
  const by = ['--by', racerName(racer)]
  switch (op) {
    case 'update':
      return [
        'update',
        recordId,
        ...by,
        '--from',
        path.join(dir, `u${racer}.csv`),
        '--base-version',
        '1',
        ...store,
      ]
    case 'approve':
      return ['approve', recordId, ...by, '--version', '1', ...store]
    case 'reject':
      return ['reject', recordId, ...by, '--version', '1', '--reason', 'SPT at 2 m', ...store]
  }
}

export interface RacerResult extends CliResult {
  racer: number
  op: RaceOp
}

export interface RoundResult {
  metadata: MetadataJson
  results: RacerResult[]
  raceMs: number
}

/**
 * Creates `recordId` (v1, a draft), calls `beforeRace` (to plant a stale lock), runs the
 * 16 racers at once and reads the final metadata.json back through the CLI.
 */
export async function runRound(options: {
  round: number
  recordId: string
  dir: string
  store: string[]
  run: RunCli
  setup: RunCli
  beforeRace?: () => Promise<void>
}): Promise<RoundResult> {
  const { round, recordId, dir, store, run, setup } = options
  const created = await setup(0, [
    'create',
    recordId,
    '--table',
    'borelog',
    '--by',
    'creator',
    '--from',
    path.join(dir, 'v1.csv'),
    ...store,
  ])
  if (created.code !== 0) throw new Error(`create ${recordId} failed: ${created.stderr}`)
  await options.beforeRace?.()
  const started = performance.now()
  const results = await Promise.all(
    Array.from({ length: RACERS }, async (_, racer) => {
      const op = opOf(racer, round)
      const result = await run(racer, argsOf(op, recordId, racer, dir, store))
      return { ...result, racer, op }
    }),
  )
  const raceMs = performance.now() - started
  const meta = await setup(0, ['meta', recordId, ...store])
  if (meta.code !== 0) throw new Error(`meta ${recordId} failed: ${meta.stderr}`)
  return { metadata: JSON.parse(meta.stdout) as MetadataJson, results, raceMs }
}

export interface RoundJudgement {
  /** Racers that exited 0. */
  acknowledged: number
  /** Racers that exited 0 but whose entry is not in the final history: must be none. */
  lost: string[]
  /** Racers that exited with anything but 0 or 3 (a conflict): must be none. */
  unexpected: string[]
  /** History entries after v1's that no racer acknowledged: must be none. */
  unacknowledgedEntries: number
  /** The chain check of the final history: must be empty. */
  chainProblems: unknown[]
  exitCodes: Record<number, number>
}

export function judgeRound({ metadata, results }: RoundResult): RoundJudgement {
  const history = metadata.history
  const entryOf = (r: RacerResult) =>
    history.find(
      (e) =>
        e.created_by === racerName(r.racer) &&
        e.action === r.op &&
        e.version === (r.op === 'update' ? 2 : 1),
    )
  const exitCodes: Record<number, number> = {}
  for (const r of results) exitCodes[r.code] = (exitCodes[r.code] ?? 0) + 1
  const winners = results.filter((r) => r.code === 0)
  return {
    acknowledged: winners.length,
    lost: winners.filter((r) => !entryOf(r)).map((r) => `${racerName(r.racer)} (${r.op})`),
    unexpected: results
      .filter((r) => r.code !== 0 && r.code !== 3)
      .map((r) => `${racerName(r.racer)} (${r.op}) exited ${r.code}: ${r.stderr.trim()}`),
    unacknowledgedEntries: history.length - 1 - winners.length,
    chainProblems: checkChain(history),
    exitCodes,
  }
}
