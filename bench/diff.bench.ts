// Diff and merge benchmark. Prints figures; asserts nothing. DuckDB is measured
// in the same run on the same data as the yardstick. Medians of RUNS runs after a warm-up.
//   npx tsx bench/diff.bench.ts           (npm run bench runs every bench)
// Data: two 1,000,000-row x 11-column borelog versions (seeded): 1% of rows changed in 2-4
// columns, 0.1% added, 0.1% removed; a third version edits other rows for the merge.
import { spawnSync } from 'node:child_process'
import { promises as fs, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'

import {
  diffParquet,
  diffTables,
  firstChangesFromParquet,
  mergeTables,
} from '../src-main/diff/index'
import { encodeParquet, readParquetTable } from '../src-main/parquet/index'
import {
  BENCH_DEPTH,
  BENCH_KEY,
  EDITABLE,
  editVersion,
  generateBase,
  seededRandom,
  toTable,
  type BenchColumns,
} from './diff-data'
import { median, printTable, time } from './support'

const HOLES = Number(process.env.BENCH_HOLES ?? 10_000)
const INTERVALS = 100
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const root = path.resolve('.bench-data/diff')
const file = (name: string): string => path.join(root, `${name}.parquet`)
const COMPARED = EDITABLE

async function generate(): Promise<void> {
  const spec = JSON.stringify({ HOLES, INTERVALS, seed: 1, v: 3 })
  const marker = path.join(root, 'spec.json')
  if ((await fs.readFile(marker, 'utf8').catch(() => '')) === spec) return
  await fs.mkdir(root, { recursive: true })
  const rows = HOLES * INTERVALS
  const base = generateBase(HOLES, INTERVALS, 1)
  const plan = { changed: rows / 100, added: rows / 1000, removed: rows / 1000 }
  const ours = editVersion(base, plan, 2)
  const theirs = editVersion(base, { ...plan, avoidRows: ours.touchedRows }, 3)
  await fs.writeFile(file('a'), encodeParquet(toTable(base)))
  await fs.writeFile(file('b'), encodeParquet(toTable(ours.version)))
  await fs.writeFile(file('c'), encodeParquet(toTable(theirs.version)))
  await fs.writeFile(file('b-shuffled'), encodeParquet(toTable(shuffle(ours.version, 7))))
  await fs.writeFile(marker, spec)
}

/** The rows in a seeded random order, so keys no longer ascend (the hash-join path). */
function shuffle(cols: BenchColumns, seed: number): BenchColumns {
  const rand = seededRandom(seed)
  const n = cols.hole_id.length
  const order = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const out = {} as Record<string, unknown[]>
  for (const [name, values] of Object.entries(cols) as [string, unknown[]][])
    out[name] = order.map((i) => values[i])
  return out as unknown as BenchColumns
}

/** The keyed FULL OUTER JOIN with per-column comparison: change counts per column. */
function duckSummarySql(a: string, b: string): string {
  const both = 'a.hole_id IS NOT NULL AND b.hole_id IS NOT NULL'
  const distinct = COMPARED.map((c) => `a.${c} IS DISTINCT FROM b.${c}`)
  return `SELECT count(*) FILTER (WHERE b.hole_id IS NULL) AS removed, count(*) FILTER (WHERE a.hole_id IS NULL) AS added,
    count(*) FILTER (WHERE ${both} AND (${distinct.join(' OR ')})) AS changed,
    ${COMPARED.map((c, i) => `count(*) FILTER (WHERE ${both} AND ${distinct[i]}) AS ${c}`).join(', ')}
    FROM ${a} a FULL OUTER JOIN ${b} b ON a.hole_id = b.hole_id AND a.depth_top_m = b.depth_top_m`
}

/** The same join keeping the changed rows with a flag per column (what our diff holds). */
function duckChangesSql(a: string, b: string): string {
  const distinct = COMPARED.map((c) => `a.${c} IS DISTINCT FROM b.${c}`)
  return `CREATE OR REPLACE TEMP TABLE changes AS SELECT a.hole_id AS hole_a, a.depth_top_m AS top_a, b.hole_id AS hole_b, b.depth_top_m AS top_b,
    ${COMPARED.map((c, i) => `${distinct[i]} AS changed_${c}`).join(', ')}
    FROM ${a} a FULL OUTER JOIN ${b} b ON a.hole_id = b.hole_id AND a.depth_top_m = b.depth_top_m
    WHERE a.hole_id IS NULL OR b.hole_id IS NULL OR ${distinct.join(' OR ')}`
}

/**
 * Medians of RUNS runs of each function, the runs interleaved (ours, DuckDB, ours, ...), so
 * both see the same load on a shared machine and their ratio is fair.
 */
async function paired<const T extends (() => unknown)[]>(
  ...fns: T
): Promise<{ [K in keyof T]: number }> {
  for (const fn of fns) await fn()
  const ms: number[][] = fns.map(() => [])
  for (let i = 0; i < RUNS; i++) for (const [j, fn] of fns.entries()) ms[j]!.push(await time(fn))
  return ms.map(median) as { [K in keyof T]: number }
}

async function source(name: string): Promise<{ bytes: Uint8Array; where: string }> {
  return { bytes: new Uint8Array(await fs.readFile(file(name))), where: `${name}.parquet` }
}

/** One file diff in a fresh process: its peak RSS is the figure (goal: under 800 MB). */
async function rssChild(mode: string): Promise<void> {
  const start = performance.now()
  if (mode === 'ours') {
    const d = await diffParquet(await source('a'), await source('b'), { keyColumns: BENCH_KEY })
    d.page(0, 100)
  } else {
    const db = await (await DuckDBInstance.create(':memory:')).connect()
    await db.runAndReadAll(
      duckSummarySql(`read_parquet('${file('a')}')`, `read_parquet('${file('b')}')`),
    )
  }
  const ms = performance.now() - start
  process.stdout.write(JSON.stringify({ ms, maxRssMB: peakRssMB() }))
}

/**
 * This process's peak RSS. Linux's VmHWM belongs to the process's own address space;
 * getrusage's maxRSS (resourceUsage) starts at the parent's peak after a fork, so a child
 * of this 1.5 GB bench would report at least that.
 */
function peakRssMB(): number {
  let status: RegExpMatchArray | null = null
  try {
    status = readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+) kB/)
  } catch {
    // not Linux: fall back to getrusage, exact for a child of a small parent
  }
  return status ? Number(status[1]) / 1024 : process.resourceUsage().maxRSS / 1024
}

function childRss(mode: string): { ms: number; maxRssMB: number } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/diff.bench.ts', 'rss-child', mode],
    { encoding: 'utf8' },
  )
  if (r.status !== 0) throw new Error(`rss child (${mode}) failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as { ms: number; maxRssMB: number }
}

const ms = (x: number): string => `${x.toFixed(0)} ms`
function verdict(value: number, limit: number): string {
  return value <= limit ? 'ok' : 'MISSED'
}

async function main(): Promise<void> {
  if (process.argv[2] === 'rss-child') return rssChild(process.argv[3]!)
  await generate()
  const [fa, fb, fc, fs2] = [
    await source('a'),
    await source('b'),
    await source('c'),
    await source('b-shuffled'),
  ]
  const [a, b, c, shuffled] = [
    await readParquetTable(fa),
    await readParquetTable(fb),
    await readParquetTable(fc),
    await readParquetTable(fs2),
  ]
  console.log(
    `${a.numRows.toLocaleString('en')} x ${a.numCols} columns; b: ${b.numRows.toLocaleString('en')} rows; ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}; medians of ${RUNS}`,
  )

  const db: DuckDBConnection = await (await DuckDBInstance.create(':memory:')).connect()
  const threads = (
    await db.runAndReadAll(`SELECT current_setting('threads') AS t`)
  ).getRowObjectsJson()[0]!.t
  await db.run(`CREATE TABLE a AS SELECT * FROM read_parquet('${file('a')}')`)
  await db.run(`CREATE TABLE b AS SELECT * FROM read_parquet('${file('b')}')`)
  await db.run(`CREATE TABLE bs AS SELECT * FROM read_parquet('${file('b-shuffled')}')`)

  const ours = diffTables(a, b, { keyColumns: BENCH_KEY })
  const duckCounts = (await db.runAndReadAll(duckSummarySql('a', 'b'))).getRowObjectsJson()[0]!
  const agree =
    Number(duckCounts.added) === ours.summary.added &&
    Number(duckCounts.removed) === ours.summary.removed &&
    Number(duckCounts.changed) === ours.summary.changed
  console.log(
    `summary: ${JSON.stringify({ added: ours.summary.added, removed: ours.summary.removed, changed: ours.summary.changed, changed_cells: ours.summary.changed_cells })}; DuckDB agrees: ${agree}`,
  )

  const diffAB = () => diffTables(a, b, { keyColumns: BENCH_KEY })
  const [memOurs, memDuck, memDuckRows] = await paired(
    diffAB,
    () => db.runAndReadAll(duckSummarySql('a', 'b')),
    () => db.run(duckChangesSql('a', 'b')),
  )
  const [depthOurs] = await paired(() =>
    diffTables(a, b, { keyColumns: BENCH_KEY, depthAware: BENCH_DEPTH }),
  )
  const [shuffledOurs, shuffledDuck] = await paired(
    () => diffTables(a, shuffled, { keyColumns: BENCH_KEY }),
    () => db.runAndReadAll(duckSummarySql('a', 'bs')),
  )
  const [fileOurs, fileDuck] = await paired(
    () => diffParquet(fa, fb, { keyColumns: BENCH_KEY }),
    () =>
      db.runAndReadAll(
        duckSummarySql(`read_parquet('${file('a')}')`, `read_parquet('${file('b')}')`),
      ),
  )
  const [firstPage] = await paired(() =>
    firstChangesFromParquet(fa, fb, { keyColumns: BENCH_KEY, limit: 100 }),
  )
  const [merge, mergeDiff] = await paired(
    () => mergeTables(a, b, c, { keyColumns: BENCH_KEY }),
    diffAB,
  )
  const merged = mergeTables(a, b, c, { keyColumns: BENCH_KEY })
  const rssOurs = childRss('ours')
  const rssDuck = childRss('duckdb')

  console.log(
    `DuckDB threads: ${threads}; merge: ${merged.conflicts.length} conflicts, ${merged.merged?.numRows.toLocaleString('en')} rows\n`,
  )
  const rows = `${a.numRows.toLocaleString('en')} rows`
  printTable(
    ['figure', 'ours', 'DuckDB', 'ratio', 'target', ''],
    [
      vsDuck('in-memory diff (sorted keys)', memOurs, memDuck, 1),
      vsDuck('  vs DuckDB keeping changed rows', memOurs, memDuckRows),
      vsDuck('  with depth-aware events', depthOurs, memDuck),
      vsDuck('in-memory diff (b shuffled: hash join)', shuffledOurs, shuffledDuck),
      vsDuck('diff from two Parquet files', fileOurs, fileDuck, 1.5),
      [
        'first 100 changes from the files',
        ms(firstPage),
        '',
        '',
        '< 300 ms',
        verdict(firstPage, 300),
      ],
      [
        `three-way merge, ${rows}`,
        ms(merge),
        '',
        `${(merge / mergeDiff).toFixed(2)}x diff`,
        '< 2x diff',
        verdict(merge / mergeDiff, 2),
      ],
      ['  the in-memory diff it is set against', ms(mergeDiff), '', '', '', ''],
      [
        'peak RSS, file diff (fresh process)',
        `${rssOurs.maxRssMB.toFixed(0)} MB`,
        `${rssDuck.maxRssMB.toFixed(0)} MB`,
        (rssOurs.maxRssMB / rssDuck.maxRssMB).toFixed(2),
        '< 800 MB',
        verdict(rssOurs.maxRssMB, 800),
      ],
      vsDuck('  cold file diff in that process', rssOurs.ms, rssDuck.ms),
    ],
  )
}

/** A row of ours against DuckDB's time, with a verdict when the ratio has a target. */
function vsDuck(figure: string, ours: number, duck: number, maxRatio?: number): string[] {
  const ratio = ours / duck
  return [
    figure,
    ms(ours),
    ms(duck),
    ratio.toFixed(2),
    maxRatio === undefined ? '' : `<= ${maxRatio.toFixed(1)}x`,
    maxRatio === undefined ? '' : verdict(ratio, maxRatio),
  ]
}

await main()
