// Store benchmark. Prints figures; asserts nothing. DuckDB is measured in
// the same run on the same data as the yardstick. Medians of RUNS runs.
//   npx tsx bench/store.bench.ts            (npm run bench runs every bench)
import { spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { DuckDBInstance } from '@duckdb/node-api'

import { openBorelogStore } from '../src-main/catalog/index'
import { decodeParquet } from '../src-main/parquet/index'
import { generateBorelogTable } from '../src-main/schema/index'
import { sampleHole } from '../test/support/borelog-fixtures'
import { median, printTable, time } from './support'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000)
const RUNS = 5
const root = path.resolve('.bench-data/store')

type Row = [string, string, string, string]

async function main(): Promise<void> {
  if (process.argv[2] === 'rss-child') return rssChild(process.argv[3]!)
  await fs.rm(root, { recursive: true, force: true })
  await fs.mkdir(root, { recursive: true })
  const rows: Row[] = [...(await benchVersion()), ...(await benchCatalog())]
  console.log(
    `\nStore benchmark on ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, medians of ${RUNS}\n`,
  )
  printTable(['measure', 'ours', 'yardstick', 'ratio / goal'], rows)
}

/** One ROWS-row version: save and load, against DuckDB. */
async function benchVersion(): Promise<Row[]> {
  const rows: Row[] = []
  const table = generateBorelogTable(ROWS, 7)
  const big = path.join(root, 'big')
  const { store } = await openBorelogStore(big)
  await store.createRecord({ recordId: 'BIG', table, tableName: 'borelog', createdBy: 'bench' })
  const saveMs: number[] = []
  for (let i = 0; i < RUNS; i++) {
    saveMs.push(
      await time(() => store.updateRecord({ recordId: 'BIG', table, updatedBy: 'bench' })),
    )
  }
  const file = path.join(big, 'records/BIG/versions/v2.parquet')
  const db = await (await DuckDBInstance.create(':memory:')).connect()
  await db.run(`CREATE TABLE t AS SELECT * FROM read_parquet('${file}')`)
  const duckCopyMs: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const out = path.join(root, `duck-${i}.parquet`)
    duckCopyMs.push(
      await time(() => db.run(`COPY t TO '${out}' (FORMAT parquet, COMPRESSION zstd)`)),
    )
  }
  const save = median(saveMs)
  const duckSave = median(duckCopyMs)
  rows.push([
    `save ${ROWS.toLocaleString('en')}-row version`,
    ms(save),
    `DuckDB COPY TO parquet ${ms(duckSave)}`,
    ratio(save, duckSave, 1.5),
  ])

  const bytes = new Uint8Array(await fs.readFile(file))
  const loadMs: number[] = []
  const freshLoadMs: number[] = []
  for (let i = 0; i < RUNS; i++) {
    loadMs.push(await time(async () => decodeParquet(bytes, file)))
    const fresh = (await openBorelogStore(big)).store
    freshLoadMs.push(await time(() => fresh.getSpecificVersion('BIG', 2)))
  }
  const duckLoadMs: number[] = []
  for (let i = 0; i < RUNS; i++) {
    duckLoadMs.push(
      await time(() =>
        db.run(`CREATE OR REPLACE TABLE l AS SELECT * FROM read_parquet('${file}')`),
      ),
    )
  }
  const load = median(loadMs)
  const duckLoad = median(duckLoadMs)
  rows.push([
    'load version to Arrow (decode)',
    ms(load),
    `DuckDB read_parquet into a table ${ms(duckLoad)}`,
    ratio(load, duckLoad, 1.2),
  ])
  rows.push(['load via store (read + sha256 + decode)', ms(median(freshLoadMs)), '', ''])

  const pageMs: number[] = []
  await store.readVersion('BIG', 2, { offset: 0, limit: 100 })
  for (let i = 0; i < 20; i++)
    pageMs.push(await time(() => store.readVersion('BIG', 2, { offset: 0, limit: 100 })))
  rows.push([
    `first 100 rows of the ${ROWS.toLocaleString('en')}-row version, warm`,
    ms(median(pageMs)),
    'goal < 30 ms',
    median(pageMs) < 30 ? 'ok' : 'MISSED',
  ])

  const rss = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/store.bench.ts', 'rss-child', file],
    { encoding: 'utf8' },
  )
  const peakMb = Number(rss.stdout.trim())
  rows.push([
    `peak RSS loading the ${ROWS.toLocaleString('en')}-row version (child)`,
    `${peakMb.toFixed(0)} MB`,
    'goal < 500 MB',
    peakMb < 500 ? 'ok' : 'MISSED',
  ])
  return rows
}

/** A RECORDS-record store: opening it and listing by status. */
async function benchCatalog(): Promise<Row[]> {
  const rows: Row[] = []
  const many = path.join(root, 'many')
  const { store: manyStore } = await openBorelogStore(many)
  const hole = sampleHole('BH')
  const statuses = ['draft', 'approved', 'rejected'] as const
  for (let start = 0; start < RECORDS; start += 500) {
    const ids = Array.from(
      { length: Math.min(500, RECORDS - start) },
      (_, k) => `BH${String(start + k).padStart(5, '0')}`,
    )
    await manyStore.createRecords(
      ids.map((recordId) => ({
        recordId,
        table: hole,
        tableName: 'borelog',
        createdBy: `user${start % 7}`,
      })),
    )
    const approve = ids
      .filter((_, k) => statuses[(start + k) % 3] === 'approved')
      .map((recordId) => ({ recordId, version: 1, by: 'rev' }))
    const reject = ids
      .filter((_, k) => statuses[(start + k) % 3] === 'rejected')
      .map((recordId) => ({ recordId, version: 1, by: 'rev', reason: 'bench' }))
    await manyStore.approveRecords(approve)
    await manyStore.rejectRecords(reject)
  }
  const coldMs: number[] = []
  let opened = await openBorelogStore(many)
  await opened.store.listRecords({ limit: 1 }) // writes the snapshot
  // Cold: a fresh process-level open, until the first filtered page is listed.
  for (let i = 0; i < RUNS; i++) {
    coldMs.push(
      await time(async () => {
        opened = await openBorelogStore(many)
        await opened.store.listRecords({ status: ['draft'], limit: 100 })
      }),
    )
  }
  await fs.rm(path.join(many, 'catalog'), { recursive: true, force: true })
  const withoutSnapshot = await time(async () => {
    opened = await openBorelogStore(many)
    await opened.store.listRecords({ status: ['draft'], limit: 100 })
  })
  const listMs: number[] = []
  for (let i = 0; i < 20; i++)
    listMs.push(await time(() => opened.store.listRecords({ status: ['draft'], limit: 100 })))
  rows.push([
    `open a ${RECORDS.toLocaleString('en')}-record store cold + first list (snapshot)`,
    ms(median(coldMs)),
    'goal < 2 s',
    median(coldMs) < 2000 ? 'ok' : 'MISSED',
  ])
  rows.push([
    `the same without a snapshot (reads every metadata.json)`,
    ms(withoutSnapshot),
    'goal < 2 s',
    withoutSnapshot < 2000 ? 'ok' : 'MISSED',
  ])
  rows.push([
    `listRecords status=draft over ${RECORDS.toLocaleString('en')}, warm`,
    ms(median(listMs)),
    'goal < 50 ms',
    median(listMs) < 50 ? 'ok' : 'MISSED',
  ])
  return rows
}

async function rssChild(file: string): Promise<void> {
  const bytes = new Uint8Array(await fs.readFile(file))
  const table = decodeParquet(bytes, file)
  if (table.numRows === 0) throw new Error('empty')
  // VmHWM, not resourceUsage().maxRSS: Linux carries maxRSS over from the parent at fork.
  const hwm = /VmHWM:\s+(\d+)/.exec(await fs.readFile('/proc/self/status', 'utf8'))
  process.stdout.write(String(Number(hwm?.[1] ?? Number.NaN) / 1024))
}

function ms(v: number): string {
  return `${v.toFixed(v < 10 ? 2 : 0)} ms`
}

function ratio(ours: number, theirs: number, goal: number): string {
  const r = ours / theirs
  return `${r.toFixed(2)}x (goal <= ${goal}x) ${r <= goal ? 'ok' : 'MISSED'}`
}

await main()
