import { describe, expect, it } from 'vitest'

import { BORELOG_DEPTH, BORELOG_KEY, borelog, type Interval } from '../../test/fixtures/diff/tables'
import { diffTables, type DepthEvent } from './index'

const layers = (hole: string, bounds: number[], names?: string[]): Interval[] =>
  bounds.slice(0, -1).map((top, i) => ({
    hole_id: hole,
    depth_top_m: top,
    depth_base_m: bounds[i + 1]!,
    description: names?.[i] ?? `layer ${top}`,
  }))

function events(
  a: Interval[],
  b: Interval[],
): { kind: string; hole: string; from: number[][]; to: number[][] }[] {
  const d = diffTables(borelog(a), borelog(b), {
    keyColumns: BORELOG_KEY,
    depthAware: BORELOG_DEPTH,
  })
  return d.depthEvents.map((e: DepthEvent) => ({
    kind: e.kind,
    hole: e.hole,
    from: e.from.map((x) => [x.topM, x.baseM]),
    to: e.to.map((x) => [x.topM, x.baseM]),
  }))
}

describe('depth-aware diff', () => {
  it('reports a layer split in two as one split, with the depths', () => {
    expect(events(layers('BH1', [0, 1, 3, 5]), layers('BH1', [0, 1, 2, 3, 5]))).toEqual([
      {
        kind: 'split',
        hole: 'BH1',
        from: [[1, 3]],
        to: [
          [1, 2],
          [2, 3],
        ],
      },
    ])
  })

  it('reports two layers merged into one as one merge', () => {
    expect(events(layers('BH1', [0, 1, 2, 3, 5]), layers('BH1', [0, 1, 3, 5]))).toEqual([
      {
        kind: 'merged',
        hole: 'BH1',
        from: [
          [1, 2],
          [2, 3],
        ],
        to: [[1, 3]],
      },
    ])
  })

  it('reports a moved boundary as the two layers whose base and top moved', () => {
    expect(events(layers('BH1', [0, 1, 3, 5]), layers('BH1', [0, 1.4, 3, 5]))).toEqual([
      { kind: 'boundary_moved', hole: 'BH1', from: [[0, 1]], to: [[0, 1.4]] },
      { kind: 'boundary_moved', hole: 'BH1', from: [[1, 3]], to: [[1.4, 3]] },
    ])
  })

  it('reads a split with a moved boundary as a moved layer plus a split', () => {
    expect(events(layers('BH1', [0, 1, 3]), layers('BH1', [0, 1.2, 2, 3]))).toEqual([
      { kind: 'boundary_moved', hole: 'BH1', from: [[0, 1]], to: [[0, 1.2]] },
      {
        kind: 'split',
        hole: 'BH1',
        from: [[1, 3]],
        to: [
          [1.2, 2],
          [2, 3],
        ],
      },
    ])
  })

  it('keeps events within one hole and leaves plain additions alone', () => {
    const a = [...layers('BH1', [0, 2, 4]), ...layers('BH2', [0, 2, 4])]
    const b = [
      ...layers('BH1', [0, 2, 4]),
      ...layers('BH2', [0, 1, 2, 4]),
      ...layers('BH3', [0, 1]),
    ]
    expect(events(a, b)).toEqual([
      {
        kind: 'split',
        hole: 'BH2',
        from: [[0, 2]],
        to: [
          [0, 1],
          [1, 2],
        ],
      },
    ])
  })

  it('makes no event when only descriptions change', () => {
    expect(
      events(layers('BH1', [0, 1, 3], ['a', 'b']), layers('BH1', [0, 1, 3], ['a', 'B'])),
    ).toEqual([])
  })

  it('calls several boundaries moving at once a rearrangement', () => {
    expect(events(layers('BH1', [0, 2, 4]), layers('BH1', [1, 3, 5]))).toEqual([
      {
        kind: 'rearranged',
        hole: 'BH1',
        from: [
          [0, 2],
          [2, 4],
        ],
        to: [
          [1, 3],
          [3, 5],
        ],
      },
    ])
  })

  it('keeps the plain row diff beside the events, with diff rows to jump to', () => {
    const d = diffTables(
      borelog(layers('BH1', [0, 1, 3, 5])),
      borelog(layers('BH1', [0, 1, 2, 3, 5])),
      {
        keyColumns: BORELOG_KEY,
        depthAware: BORELOG_DEPTH,
      },
    )
    expect(d.summary).toMatchObject({ added: 1, changed: 1, unchanged: 2 })
    const split = d.depthEvents[0]!
    expect(split.to.map((x) => d.row(x.diffRow).change)).toEqual(['changed', 'added'])
    expect(split.from[0]!.row).toBe(1)
  })

  it('ignores intervals without thickness and rejects missing depth columns', () => {
    const flat: Interval[] = [{ hole_id: 'BH1', depth_top_m: 1, depth_base_m: 1 }]
    expect(events(flat, [{ hole_id: 'BH1', depth_top_m: 1.5, depth_base_m: 1.5 }])).toEqual([])
    expect(() =>
      diffTables(borelog(flat), borelog(flat), {
        keyColumns: BORELOG_KEY,
        depthAware: { ...BORELOG_DEPTH, baseColumn: 'bottom' },
      }),
    ).toThrow(expect.objectContaining({ code: 'SCHEMA_MISMATCH' }))
  })
})
