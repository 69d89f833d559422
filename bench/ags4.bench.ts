// AGS4 import speed: read + check + convert of the largest real file and of a
// generated 100,000-row AGS4 file, as rows per second and as a multiple of the time a
// plain line split of the same bytes takes in the same run (the floor any reader pays).
// Medians of several runs after a warm-up. Run: npx tsx bench/ags4.bench.ts
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

import { checkAgs, convertAgs, exportAgs, holeTable, readAgs } from '../src-main/ags4/index'
import { REAL_DIR, realFileNames } from '../src-main/ags4/test-fixtures'

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

function time(runs: number, fn: () => void): number {
  fn() // warm-up: JIT and dictionary loading are not what we measure
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    ms.push(performance.now() - t0)
  }
  return median(ms)
}

// Deterministic data: the same file every run (mulberry32).
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const q = (v: string) => `"${v.replaceAll('"', '""')}"`
const line = (d: string, vals: string[]) => [q(d), ...vals.map(q)].join(',')

/** An AGS4 4.1 file with `holes` holes and about `rows` DATA rows (GEOL, SAMP, ISPT). */
function generate(rows: number, holes: number): string {
  const r = rng(7)
  const out: string[] = []
  const group = (
    name: string,
    headings: string[],
    units: string[],
    types: string[],
    data: string[][],
  ) => {
    out.push(
      line('GROUP', [name]),
      line('HEADING', headings),
      line('UNIT', units),
      line('TYPE', types),
    )
    for (const d of data) out.push(line('DATA', d))
    out.push('')
  }
  const legends = ['101', '102', '201', '202', '203', '401', '402', '501', '805']
  const descs = [
    'Soft brown slightly sandy CLAY with rare roots',
    'Firm grey silty CLAY, "fissured"',
    'Medium dense brown fine to coarse SAND, gravel is subangular flint',
    'MADE GROUND: brick, concrete and ash',
    'Weak white CHALK recovered as gravel',
  ]
  group(
    'PROJ',
    ['PROJ_ID', 'PROJ_NAME', 'PROJ_LOC'],
    ['', '', ''],
    ['ID', 'X', 'X'],
    [['BENCH', 'Generated bench project', 'Nowhere']],
  )
  group(
    'ABBR',
    ['ABBR_HDNG', 'ABBR_CODE', 'ABBR_DESC'],
    ['', '', ''],
    ['X', 'X', 'X'],
    [
      ['LOCA_TYPE', 'CP', 'Cable percussion'],
      ...legends.map((l) => ['GEOL_LEG', l, `Legend ${l}`]),
      ['SAMP_TYPE', 'B', 'Bulk disturbed sample'],
      ['SAMP_TYPE', 'D', 'Small disturbed sample'],
      ['ISPT_TYPE', 'S', 'SPT split spoon'],
    ],
  )
  group(
    'TRAN',
    [
      'TRAN_ISNO',
      'TRAN_DATE',
      'TRAN_PROD',
      'TRAN_STAT',
      'TRAN_AGS',
      'TRAN_RECV',
      'TRAN_DLIM',
      'TRAN_RCON',
    ],
    ['', 'yyyy-mm-dd', '', '', '', '', '', ''],
    ['X', 'DT', 'X', 'X', 'X', 'X', 'X', 'X'],
    [['1', '2025-01-01', 'bench', 'Final', '4.1', 'bench', '|', '+']],
  )
  group(
    'TYPE',
    ['TYPE_TYPE', 'TYPE_DESC'],
    ['', ''],
    ['X', 'X'],
    ['ID', 'X', 'PA', 'DT', '2DP', '0DP'].map((t) => [t, t]),
  )
  group(
    'UNIT',
    ['UNIT_UNIT', 'UNIT_DESC'],
    ['', ''],
    ['X', 'X'],
    [
      ['m', 'metre'],
      ['yyyy-mm-dd', 'date'],
    ],
  )
  const ids = Array.from({ length: holes }, (_, i) => `BH${String(i + 1).padStart(4, '0')}`)
  group(
    'LOCA',
    ['LOCA_ID', 'LOCA_TYPE', 'LOCA_NATE', 'LOCA_NATN', 'LOCA_GL', 'LOCA_FDEP', 'LOCA_STAR'],
    ['', '', 'm', 'm', 'm', 'm', 'yyyy-mm-dd'],
    ['ID', 'PA', '2DP', '2DP', '2DP', '2DP', 'DT'],
    ids.map((id) => [
      id,
      'CP',
      (400000 + r() * 10000).toFixed(2),
      (300000 + r() * 10000).toFixed(2),
      (10 + r() * 50).toFixed(2),
      '40.00',
      '2024-06-01',
    ]),
  )
  const per = Math.round((rows - holes) / holes / 3)
  const geol: string[][] = []
  const samp: string[][] = []
  const ispt: string[][] = []
  for (const id of ids) {
    let top = 0
    for (let k = 0; k < per; k++) {
      const base = k === per - 1 ? 40 : Math.min(40, top + 0.1 + r() * (80 / per))
      geol.push([
        id,
        top.toFixed(2),
        base.toFixed(2),
        descs[Math.floor(r() * descs.length)] as string,
        legends[Math.floor(r() * legends.length)] as string,
      ])
      samp.push([
        id,
        top.toFixed(2),
        String(k + 1),
        r() < 0.5 ? 'B' : 'D',
        `${id}-${k + 1}`,
        base.toFixed(2),
      ])
      ispt.push([id, ((top + base) / 2).toFixed(2), String(Math.floor(r() * 60)), 'S'])
      top = base
    }
  }
  group(
    'GEOL',
    ['LOCA_ID', 'GEOL_TOP', 'GEOL_BASE', 'GEOL_DESC', 'GEOL_LEG'],
    ['', 'm', 'm', '', ''],
    ['ID', '2DP', '2DP', 'X', 'PA'],
    geol,
  )
  group(
    'SAMP',
    ['LOCA_ID', 'SAMP_TOP', 'SAMP_REF', 'SAMP_TYPE', 'SAMP_ID', 'SAMP_BASE'],
    ['', 'm', '', '', '', 'm'],
    ['ID', '2DP', 'X', 'PA', 'ID', '2DP'],
    samp,
  )
  group(
    'ISPT',
    ['LOCA_ID', 'ISPT_TOP', 'ISPT_NVAL', 'ISPT_TYPE'],
    ['', 'm', '', ''],
    ['ID', '2DP', '0DP', 'PA'],
    ispt,
  )
  return out.join('\r\n') + '\r\n'
}

function lineSplit(bytes: Uint8Array): number {
  return new TextDecoder('utf-8').decode(bytes).split('\n').length
}

function dataRows(bytes: Uint8Array): number {
  let n = 0
  for (const g of readAgs(bytes).groups.values()) n += g.rows.length
  return n
}

function measure(label: string, bytes: Uint8Array, runs: number): void {
  const rows = dataRows(bytes)
  const splitMs = time(runs, () => lineSplit(bytes))
  const readMs = time(runs, () => readAgs(bytes))
  const file = readAgs(bytes)
  const checkMs = time(runs, () => checkAgs(file))
  const convertMs = time(runs, () => convertAgs(file))
  const importMs = time(runs, () => {
    const f = readAgs(bytes)
    checkAgs(f)
    convertAgs(f)
  })
  const holes = convertAgs(file).holes
  const tablesMs = time(runs, () => holes.map(holeTable))
  const records = holes.map((h) => ({ header: h.header, table: holeTable(h) }))
  const exportMs = time(Math.max(3, Math.floor(runs / 3)), () => exportAgs(records))
  const ratio = importMs / splitMs
  console.log(`\n${label}`)
  console.log(
    `  ${(bytes.length / 1024).toFixed(0)} KiB, ${rows} DATA rows, ${holes.length} holes, median of ${runs} runs`,
  )
  console.log(`  plain line split      ${splitMs.toFixed(2)} ms`)
  console.log(`  read (parse)          ${readMs.toFixed(2)} ms`)
  console.log(`  check (rules 1-20)    ${checkMs.toFixed(2)} ms`)
  console.log(`  convert (records)     ${convertMs.toFixed(2)} ms`)
  console.log(
    `  import = read+check+convert ${importMs.toFixed(2)} ms -> ${Math.round(rows / (importMs / 1000)).toLocaleString('en')} rows/s, ${ratio.toFixed(1)}x the line split`,
  )
  console.log(`  Arrow tables (one per hole) ${tablesMs.toFixed(2)} ms`)
  console.log(`  export to AGS4 (all holes)  ${exportMs.toFixed(2)} ms`)
}

const largest = realFileNames()
  .map((n) => ({ n, size: statSync(REAL_DIR + n).size }))
  .sort((a, b) => b.size - a.size)[0] as { n: string; size: number }
measure(`Largest real file: ${largest.n}`, new Uint8Array(readFileSync(REAL_DIR + largest.n)), 30)

mkdirSync('.bench-data', { recursive: true })
const genPath = '.bench-data/ags4-100k.ags'
writeFileSync(genPath, generate(100_000, 1_000))
measure(`Generated: ${genPath}`, new Uint8Array(readFileSync(genPath)), 5)
