// Validation speed on a generated 1,000,000-row borelog (goal: well under a second).
// Prints figures; asserts nothing. Run: npx tsx bench/schema-validate.bench.ts
import { Table } from 'apache-arrow'

import { BORELOG_DEFINITION, generateBorelogTable, validateTable } from '../src-main/schema/index'

const ROWS = 1_000_000
const RUNS = 5

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function time(label: string, f: () => unknown): void {
  const ms: number[] = []
  let result: unknown
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    result = f()
    ms.push(performance.now() - t0)
  }
  const count = Array.isArray(result) ? ` (${result.length} findings)` : ''
  console.log(
    `${label}: first ${ms[0]!.toFixed(0)} ms, median ${median(ms).toFixed(0)} ms of ${RUNS}${count}`,
  )
}

let t0 = performance.now()
const clean = generateBorelogTable(ROWS, 1)
console.log(
  `generate ${ROWS.toLocaleString('en-GB')} rows x ${clean.numCols} columns: ${(performance.now() - t0).toFixed(0)} ms`,
)

time('validate, sound log', () =>
  validateTable(clean, BORELOG_DEFINITION, { final_depth_m: '500' }),
)

// Two logs with the same hole ids, second first: rows out of (hole, top) order, so the
// counting sort runs, and every interval overlaps another (findings capped per rule).
t0 = performance.now()
const other = generateBorelogTable(ROWS / 2, 2)
const half = generateBorelogTable(ROWS / 2, 3)
const clashing = new Table([...other.batches, ...half.batches])
console.log(`generate clashing log: ${(performance.now() - t0).toFixed(0)} ms`)
time('validate, unsorted log full of overlaps', () => validateTable(clashing, BORELOG_DEFINITION))
