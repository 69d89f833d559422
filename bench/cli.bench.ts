// Whole-process CLI benchmark against DuckDB. Prints figures; asserts nothing. Every
// measure is a fresh process (start-up included), ours the built CLI (bin/borelog-desk.mjs,
// rebuilt here first), DuckDB a child node process with @duckdb/node-api doing the same
// work, same machine, same run. Compare the two columns, not absolute numbers, on a
// shared machine.
//   npx tsx bench/cli.bench.ts                       (npm run bench cli)
//   BENCH_CLI_ROWS=100000 npx tsx bench/cli.bench.ts (a quick run)
//   BENCH_RUNS=3                                     (medians of 3; default 1)
//   BENCH_CLI_BIN=out/old-cli/borelog-desk.mjs       (another build of ours, e.g. before a change)
// Peak RSS is process.resourceUsage().maxRSS reported at exit by bench/max-rss-hook.mjs.
import { spawnSync } from 'node:child_process'
import { promises as fs, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { encodeParquet } from '../src-main/parquet/index'
import { BENCH_KEY, EDITABLE, editVersion, generateBase, toTable } from './diff-data'
import { median, printTable } from './support'

const ROWS = Number(process.env.BENCH_CLI_ROWS ?? 1_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 1)
const STARTUP_RUNS = 7
const INTERVALS = 100
const BIN = path.resolve(process.env.BENCH_CLI_BIN ?? 'bin/borelog-desk.mjs')
const root = path.resolve('.bench-data/cli')
const at = (name: string): string => path.join(root, name)
const RSS_HOOK = pathToFileURL(path.resolve('bench/max-rss-hook.mjs')).href
const DUCKDB = path.resolve('bench/duckdb-child.mjs')

interface Run {
  ms: number
  rssMb: number
  stdout: string
}

/** One whole process: wall time and peak RSS. Fails the bench if the process fails. */
function run(args: string[], withRss = true): Run {
  const rssFile = at(`rss-${process.pid}.txt`)
  const env = withRss
    ? { ...process.env, BENCH_MAX_RSS_FILE: rssFile, NODE_OPTIONS: `--import=${RSS_HOOK}` }
    : process.env
  const start = performance.now()
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 })
  const ms = performance.now() - start
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr}`)
  const rssMb = withRss ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN
  return { ms, rssMb, stdout: r.stdout }
}

function ours(...args: string[]): string[] {
  return [BIN, ...args]
}

/** Medians over RUNS; `before` resets state (a fresh store) outside the timing. */
async function measure(args: string[], before?: () => Promise<void>): Promise<Run> {
  const runs: Run[] = []
  for (let i = 0; i < RUNS; i++) {
    await before?.()
    runs.push(run(args))
  }
  return {
    ms: median(runs.map((r) => r.ms)),
    rssMb: median(runs.map((r) => r.rssMb)),
    stdout: runs[0]!.stdout,
  }
}

async function generate(): Promise<void> {
  const spec = JSON.stringify({ ROWS, INTERVALS, seed: 1, v: 1 })
  const marker = at('spec.json')
  if ((await fs.readFile(marker, 'utf8').catch(() => '')) === spec) return
  await fs.mkdir(root, { recursive: true })
  const base = generateBase(ROWS / INTERVALS, INTERVALS, 1)
  const plan = { changed: ROWS / 100, added: ROWS / 1000, removed: ROWS / 1000 }
  await fs.writeFile(at('v1.parquet'), encodeParquet(toTable(base)))
  await fs.writeFile(at('v2.parquet'), encodeParquet(toTable(editVersion(base, plan, 2).version)))
  await fs.writeFile(marker, spec)
}

const store = at('store')
const fresh = async (): Promise<void> => fs.rm(store, { recursive: true, force: true })
const create = ours(...['create', 'B1', '--table', 'borelog', '--by', 'bench'])
const storedV1 = (): string => path.join(store, 'records', 'B1', 'versions', 'v1.parquet')
const mb = (file: string): string => (statSync(file).size / 1e6).toFixed(1)

interface Row {
  measure: string
  ours: number
  duckdb: number
  goal: number
  unit: 'ms' | 'MB' | 'ratio'
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('npm run build:cli failed')
  await generate()
  const rows: Row[] = []
  const v1 = at('v1.parquet')
  const v2 = at('v2.parquet')

  const created = await measure([...create, '--from', v1, '--store', store], fresh)
  const duckCreate = await measure([DUCKDB, 'copy', v1, at('duck-v1.parquet')])
  rows.push({
    measure: 'create --from v1.parquet',
    ours: created.ms,
    duckdb: duckCreate.ms,
    goal: 1.5,
    unit: 'ratio',
  })
  rows.push({
    measure: 'create peak RSS',
    ours: created.rssMb,
    duckdb: duckCreate.rssMb,
    goal: 500,
    unit: 'MB',
  })

  const updateArgs = ours('update', 'B1', '--by', 'bench', '--from', v2, '--store', store)
  const updated = await measure(updateArgs, async () => {
    await fresh()
    run([...create, '--from', v1, '--store', store], false)
  })
  const duckUpdate = await measure([DUCKDB, 'copy', v2, at('duck-v2.parquet')])
  rows.push({
    measure: 'update --from v2.parquet',
    ours: updated.ms,
    duckdb: duckUpdate.ms,
    goal: 1.5,
    unit: 'ratio',
  })

  const got = await measure(
    ours('get', 'B1', '--version', '1', '--out', at('x.parquet'), '--store', store),
  )
  const duckGet = await measure([DUCKDB, 'copy', storedV1(), at('duck-x.parquet')])
  rows.push({
    measure: 'get --version 1 --out x.parquet',
    ours: got.ms,
    duckdb: duckGet.ms,
    goal: 1.2,
    unit: 'ratio',
  })

  const diffed = await measure(
    ours('diff', 'B1', '1', '2', '--summary', '--json', '--store', store),
  )
  const duckDiff = await measure([DUCKDB, 'diff', v1, v2, BENCH_KEY.join(','), EDITABLE.join(',')])
  rows.push({
    measure: 'diff B1 1 2 --summary --json',
    ours: diffed.ms,
    duckdb: duckDiff.ms,
    goal: 1.5,
    unit: 'ratio',
  })
  rows.push({
    measure: 'diff peak RSS',
    ours: diffed.rssMb,
    duckdb: duckDiff.rssMb,
    goal: 600,
    unit: 'MB',
  })

  rows.push(...(await startup()))
  printRows(rows)
  console.log(
    `\nFiles: v1 stored by us ${mb(storedV1())} MB, by DuckDB COPY (zstd) ${mb(at('duck-v1.parquet'))} MB.`,
  )
  console.log(`diff --summary: ours ${diffed.stdout.replace(/\s+/g, ' ').slice(0, 300)}`)
  console.log(`DuckDB: ${duckDiff.stdout.trim()}`)
}

/** Start-up on a small store: medians of STARTUP_RUNS, against `node -e ''`. */
async function startup(): Promise<Row[]> {
  const small = at('small-store')
  const csv = at('small.csv')
  await fs.rm(small, { recursive: true, force: true })
  await fs.writeFile(csv, 'hole_id,depth_top_m,depth_base_m,description\nBH01,0,1.5,Firm CLAY\n')
  run(
    ours('create', 'S1', '--table', 'borelog', '--by', 'bench', '--from', csv, '--store', small),
    false,
  )
  const timeOf = (args: string[]): number => {
    run(args, false)
    return median(Array.from({ length: STARTUP_RUNS }, () => run(args, false).ms))
  }
  const empty = timeOf(['-e', ''])
  const commands: [string, string[]][] = [
    ['list --json', ['list', '--json', '--store', small]],
    ['meta S1', ['meta', 'S1', '--store', small]],
    ['versions S1', ['versions', 'S1', '--store', small]],
    ['--help', ['--help']],
  ]
  return commands.map(([name, args]) => ({
    measure: `start-up: ${name} (DuckDB column: node -e '')`,
    ours: timeOf(ours(...args)),
    duckdb: empty,
    goal: 150,
    unit: 'ms' as const,
  }))
}

function printRows(rows: Row[]): void {
  const fmt = (v: number, unit: Row['unit']): string =>
    unit === 'MB' ? `${v.toFixed(0)} MB` : `${(v / 1000).toFixed(2)} s`
  printTable(
    ['measure', 'ours', 'DuckDB', 'ratio', 'goal', 'met?'],
    rows.map((r) => {
      const ratio = r.ours / r.duckdb
      const goal =
        r.unit === 'ratio'
          ? `<= ${r.goal}x`
          : r.unit === 'MB'
            ? `< ${r.goal} MB`
            : `<= ${(r.goal / 1000).toFixed(2)} s`
      const met = r.unit === 'ratio' ? ratio <= r.goal : r.ours <= r.goal
      return [
        r.measure,
        fmt(r.ours, r.unit),
        fmt(r.duckdb, r.unit),
        `${ratio.toFixed(2)}x`,
        goal,
        met ? 'yes' : 'NO',
      ]
    }),
  )
  console.log(
    `\n${ROWS.toLocaleString('en')} rows x 11 columns, medians of ${RUNS} run(s); start-up medians of ${STARTUP_RUNS}.`,
  )
}

await main()
