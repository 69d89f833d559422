import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { Table } from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import {
  BORELOG_DEPTH,
  BORELOG_KEY,
  borelog,
  rowsOf,
  type Interval,
} from '../../test/fixtures/diff/tables'
import { BORELOG_DEFINITION, tableFromCsv } from '../schema/index'
import { diffTables, mergeTables, renderDiffText, resolveConflicts } from './index'

// Golden tests on real AGS-derived borelogs: Hindley Mill Embankment GEOL rows (OGL v3.0,
// see test/fixtures/diff/README.md), edited the way a reviewer's draft would be.
const fixture = path.resolve('test/fixtures/diff/hindley-mill-geol.csv')
const v1 = tableFromCsv(readFileSync(fixture, 'utf8'), BORELOG_DEFINITION)
const rows = rowsOf(v1) as unknown as Interval[]

function edited(edit: (rows: Interval[]) => Interval[]): Table {
  return borelog(edit(rows.map((r) => ({ ...r }))))
}

const at = (hole: string, top: number) => (r: Interval) =>
  r.hole_id === hole && r.depth_top_m === top

// WS01 1.20-2.20 split at 1.70; WS02 2.00-3.00 and 3.00-4.00 merged; WS03 boundary at 1.50
// moved to 1.60; WS05 0.80-1.00 description reworded.
const v2 = edited((rs) => {
  const out: Interval[] = []
  for (const r of rs) {
    if (at('WS01', 1.2)(r)) {
      out.push(
        { ...r, depth_base_m: 1.7 },
        { ...r, depth_top_m: 1.7, description: 'Firm brown slightly sandy CLAY.' },
      )
    } else if (at('WS02', 2)(r)) out.push({ ...r, depth_base_m: 4 })
    else if (at('WS02', 3)(r)) continue
    else if (at('WS03', 0.3)(r)) out.push({ ...r, depth_base_m: 1.6 })
    else if (at('WS03', 1.5)(r)) out.push({ ...r, depth_top_m: 1.6 })
    else if (at('WS05', 0.8)(r))
      out.push({
        ...r,
        description: 'MADE GROUND: Light brown sandy CLAY. Sand is fine to coarse.',
      })
    else out.push(r)
  }
  return out
})

describe('golden: Hindley Mill GEOL (real AGS data)', () => {
  it('reads the fixture as a borelog of 21 intervals in 4 holes', () => {
    expect(v1.numRows).toBe(21)
    expect(new Set(rows.map((r) => r.hole_id))).toEqual(new Set(['WS01', 'WS02', 'WS03', 'WS05']))
  })

  it('reports the split, the merge and the moved boundary by depth, beside the row diff', () => {
    const d = diffTables(v1, v2, { keyColumns: BORELOG_KEY, depthAware: BORELOG_DEPTH })
    expect(d.summary).toMatchObject({
      added: 2,
      removed: 2,
      changed: 4,
      unchanged: 15,
      changed_cells: 4,
    })
    expect(d.summary.perColumn).toMatchObject({ depth_base_m: 3, description: 1 })
    expect(
      d.depthEvents.map(
        (e) =>
          `${e.hole} ${e.kind} ${e.from.map((x) => `${x.topM}-${x.baseM}`).join(',')} -> ${e.to.map((x) => `${x.topM}-${x.baseM}`).join(',')}`,
      ),
    ).toEqual([
      'WS01 split 1.2-2.2 -> 1.2-1.7,1.7-2.2',
      'WS02 merged 2-3,3-4 -> 2-4',
      'WS03 boundary_moved 0.3-1.5 -> 0.3-1.6',
      'WS03 boundary_moved 1.5-2.65 -> 1.6-2.65',
    ])
    expect(
      d.page(0, 10).map((r) => `${r.change} ${String(r.key.hole_id)} ${String(r.key.depth_top_m)}`),
    ).toEqual([
      'changed WS01 1.2',
      'added WS01 1.7',
      'changed WS02 2',
      'removed WS02 3',
      'changed WS03 0.3',
      'removed WS03 1.5',
      'added WS03 1.6',
      'changed WS05 0.8',
    ])
    const text = renderDiffText(d)
    expect(text).toContain('WS01: split 1.20-2.20 m -> 1.20-1.70, 1.70-2.20 m')
    expect(text).toContain('WS02: merged 2.00-3.00, 3.00-4.00 m -> 2.00-4.00 m')
  })

  it('merges two engineers\u2019 edits of the log and flags the one cell both changed', () => {
    const ours = edited((rs) =>
      rs.map((r) =>
        at('WS01', 0)(r)
          ? { ...r, geology_code: 'MG' }
          : at('WS05', 6.5)(r)
            ? { ...r, spt_n: 50 }
            : r,
      ),
    )
    const theirs = edited((rs) =>
      rs.map((r) =>
        at('WS05', 6.5)(r)
          ? { ...r, spt_n: 45, remarks: 'refusal' }
          : at('WS02', 0)(r)
            ? { ...r, legend_code: '101' }
            : r,
      ),
    )
    const result = mergeTables(v1, ours, theirs, { keyColumns: BORELOG_KEY })
    expect(result.conflicts.map((c) => [c.kind, c.key, c.column, c.ours, c.theirs])).toEqual([
      ['cell', { hole_id: 'WS05', depth_top_m: 6.5 }, 'spt_n', 50, 45],
    ])
    expect(result.merged).toBeNull()
    const merged = rowsOf(resolveConflicts(result, { c1: 'theirs' }))
    expect(merged.find(at('WS01', 0) as (r: unknown) => boolean)).toMatchObject({
      geology_code: 'MG',
    })
    expect(merged.find(at('WS02', 0) as (r: unknown) => boolean)).toMatchObject({
      legend_code: '101',
    })
    expect(merged.find(at('WS05', 6.5) as (r: unknown) => boolean)).toMatchObject({
      spt_n: 45,
      remarks: 'refusal',
    })
    expect(merged).toHaveLength(21)
  })
})
