// Strip log layout benchmark: how long the drawing's model takes for a hole of
// N strata, first time (every description measured) and after a one-cell edit (what a
// reviewer typing in the draft grid costs). Prints medians; asserts nothing.
//   npx tsx bench/strip-log.bench.ts
import { buildStripLogModel } from '../shared/strip-log/model'
import { generatedHole } from '../src-renderer/strip-log/test-fixtures'
import { median, printTable } from './support'

const RUNS = 21

function timeMs(fn: () => unknown): number {
  const start = performance.now()
  fn()
  return performance.now() - start
}

const rows: string[][] = []
for (const strata of [10, 100, 1000]) {
  const first: number[] = []
  const edit: number[] = []
  let height = 0
  for (let run = 0; run < RUNS; run++) {
    // A new seed each run: new descriptions, so none is measured already.
    const hole = generatedHole(strata, 1000 + run)
    first.push(timeMs(() => (height = buildStripLogModel(hole.rows, hole.header).height)))
    const edited = hole.rows.map((r, i) =>
      i === Math.floor(strata / 2) ? { ...r, description: `${r.description ?? ''} Edited.` } : r,
    )
    edit.push(timeMs(() => buildStripLogModel(edited, hole.header)))
  }
  rows.push([
    String(strata),
    median(first).toFixed(2),
    median(edit).toFixed(2),
    String(Math.round(height)),
  ])
}
printTable(['strata', 'first layout ms', 'after one edit ms', 'drawing height px'], rows)
