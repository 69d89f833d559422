// Working drafts: what one edit costs on a 1k, 100k and 1M-row base version,
// end to end as draft.edit pays it (check, apply to the overlay, journal append +
// datasync, materialize the changed columns, validateTable on the whole draft), plus
// open, a page read, undo and save. Medians of 5 after a warm-up edit.
// Run: npx tsx bench/drafts.bench.ts [rows...]
import { rm } from 'node:fs/promises'
import path from 'node:path'

import type { DraftEdit } from '../shared/ipc/contract'
import { openBorelogStore } from '../src-main/catalog/index'
import { DraftManager } from '../src-main/drafts/index'
import { generateBorelogTable, validateTable, BORELOG_DEFINITION } from '../src-main/schema/index'
import { median, printTable, time } from './support'

const sizes = process.argv.slice(2).map(Number)
const ROWS = sizes.length > 0 ? sizes : [1_000, 100_000, 1_000_000]
const RUNS = 5

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0))

async function bench(rows: number): Promise<string[]> {
  const root = path.resolve('.bench-data', 'drafts', String(rows))
  await rm(root, { recursive: true, force: true })
  const { store } = await openBorelogStore(path.join(root, 'store'))
  const table = generateBorelogTable(rows, 7)
  await store.createRecord({ recordId: 'BH', table, tableName: 'borelog', createdBy: 'bench' })
  const validations: number[] = []
  for (let i = 0; i < 3; i++)
    validations.push(await time(() => validateTable(table, BORELOG_DEFINITION)))
  const validateMs = median(validations)
  const drafts = new DraftManager({ store, draftsDir: path.join(root, 'drafts'), user: () => 'b' })
  const openMs = await time(() => drafts.open('BH'))
  const mid = Math.floor(rows / 2)
  const measure = async (make: (i: number) => DraftEdit): Promise<number> => {
    await drafts.edit('BH', make(0))
    const ms: number[] = []
    for (let i = 1; i <= RUNS; i++) ms.push(await time(() => drafts.edit('BH', make(i))))
    return median(ms)
  }
  const setMs = await measure((i) => ({
    kind: 'set',
    cells: [{ row: mid, column: 'description', value: `edited ${i}` }],
  }))
  const pasteMs = await measure((i) => ({
    kind: 'paste',
    row: mid + i * 10,
    column: 'depth_top_m',
    values: Array.from({ length: 10 }, (_, r) => [String(r), String(r + 1), `pasted ${i}`]),
    units: 'm',
  }))
  const insertMs = await measure(() => ({ kind: 'insert', at: mid, count: 1 }))
  const deleteMs = await measure(() => ({
    kind: 'delete',
    rows: Array.from({ length: 100 }, (_, r) => Math.floor(rows / 10) + r),
  }))
  const sequential = async (fn: () => Promise<unknown>): Promise<number> => {
    const ms: number[] = []
    for (let i = 0; i < RUNS; i++) ms.push(await time(fn))
    return median(ms)
  }
  const undoMs = await sequential(() => drafts.undo('BH'))
  const pageMs = await sequential(() => drafts.page('BH', mid, 200))
  // A restart: the journal (24 entries) replayed on the decoded base.
  // The restarted manager takes the drafts folder over (one writer per folder) and saves.
  const restarted = new DraftManager({
    store,
    draftsDir: path.join(root, 'drafts'),
    user: () => 'b',
  })
  const recoverMs = await time(() => restarted.open('BH'))
  const saveMs = await time(() => restarted.save('BH', 'bench'))
  await rm(root, { recursive: true, force: true })
  return [
    rows.toLocaleString('en'),
    fmt(validateMs),
    fmt(openMs),
    fmt(setMs),
    fmt(pasteMs),
    fmt(insertMs),
    fmt(deleteMs),
    fmt(undoMs),
    fmt(pageMs),
    fmt(recoverMs),
    fmt(saveMs),
  ]
}

const results: string[][] = []
for (const rows of ROWS) results.push(await bench(rows))
console.log(
  `Working drafts, ms (median of ${RUNS}; each edit includes journal datasync and live findings)`,
)
printTable(
  [
    'rows',
    'validate alone',
    'open',
    'set 1 cell',
    'paste 10×3',
    'insert 1 row',
    'delete 100 rows',
    'undo',
    'page 200 rows',
    'reopen (replay)',
    'save',
  ],
  results,
)
