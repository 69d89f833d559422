// Test support for sync: borelog tables with one interval edited, and a look at a record's
// history across stores. Real stores in real temp folders or buckets; nothing is mocked.
import type { Table } from 'apache-arrow'

import type { VersionedStore } from '../../src-main/store/index'
import { intervalTable, type IntervalRow } from './borelog-fixtures'

export const BASE_ROWS: IntervalRow[] = [
  {
    hole_id: 'BH01',
    depth_top_m: 0,
    depth_base_m: 0.4,
    description: 'MADE GROUND: brown sandy gravel',
    legend_code: '601',
  },
  {
    hole_id: 'BH01',
    depth_top_m: 0.4,
    depth_base_m: 2.1,
    description: 'Firm brown CLAY',
    legend_code: '201',
    spt_n: 12,
  },
  {
    hole_id: 'BH01',
    depth_top_m: 2.1,
    depth_base_m: 5,
    description: 'Dense SAND',
    legend_code: '401',
    spt_n: 35,
  },
  {
    hole_id: 'BH01',
    depth_top_m: 5,
    depth_base_m: 8,
    description: 'Weak MUDSTONE',
    legend_code: '801',
    spt_n: 50,
  },
]

/** The base log with the interval starting at `topM` changed. */
export function edited(
  rows: IntervalRow[],
  topM: number,
  change: Partial<IntervalRow>,
): IntervalRow[] {
  return rows.map((r) => (r.depth_top_m === topM ? { ...r, ...change } : r))
}

export function log(rows: IntervalRow[] = BASE_ROWS, holeId = 'BH01'): Table {
  return intervalTable(rows.map((r) => ({ ...r, hole_id: holeId })))
}

/** The value of `column` in the interval starting at `topM` of a record's latest version. */
export async function cell(
  store: VersionedStore,
  recordId: string,
  topM: number,
  column: string,
): Promise<unknown> {
  const table = await store.getLatestVersion(recordId)
  const tops = table.getChild('depth_top_m')!
  for (let i = 0; i < table.numRows; i++)
    if (tops.get(i) === topM) return table.getChild(column)!.get(i)
  return undefined
}

/** A table's rows as plain objects, for comparing contents (not Arrow's internal chunking). */
export function rowsOf(table: Table): Record<string, unknown>[] {
  return table.toArray().map((row: { toJSON(): Record<string, unknown> }) => row.toJSON())
}
