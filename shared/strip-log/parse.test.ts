import { describe, expect, it } from 'vitest'

import {
  parseCoreRuns,
  parseSamples,
  parseSptTests,
  rowsFromCells,
  type StripLogRow,
} from './parse'

const row = (over: Partial<StripLogRow>): StripLogRow => ({
  depth_top_m: 1,
  depth_base_m: 6.5,
  ...over,
})

describe('parse', () => {
  it('reads samples as the importer writes them, type from the reference', () => {
    expect(parseSamples('D 4 @ 2.50; ES 1 @ 0.00; ? @ 2.70', 1)).toEqual([
      { depthM: 2.5, type: 'D', label: 'D 4', isDepthAssumed: false },
      { depthM: 0, type: 'ES', label: 'ES 1', isDepthAssumed: false },
      { depthM: 2.7, type: '', label: '?', isDepthAssumed: false },
    ])
  })

  it('draws a sample typed without a depth at the top of its interval', () => {
    expect(parseSamples('U1', 3.2)).toEqual([
      { depthM: 3.2, type: 'U', label: 'U1', isDepthAssumed: true },
    ])
    expect(parseSamples('U1', null)).toEqual([])
  })

  it('reads every SPT of an interval, refusals as partial', () => {
    const tests = parseSptTests(
      row({
        spt_n: 2,
        spt_tests:
          '2.00: N=5 (1,0/1,1,1,2); 1.00: N=2 (1,0/1,0,0,1); 6.80: N=25 (8,25/25 for 5mm); 7.00: 50/150',
      }),
    )
    expect(tests.map((t) => [t.depthM, t.n, t.isPartial])).toEqual([
      [1, 2, false],
      [2, 5, false],
      [6.8, 25, true],
      [7, 50, true],
    ])
  })

  it('lets an edited spt_n win for the shallowest test', () => {
    const tests = parseSptTests(row({ spt_n: 9, spt_tests: '1.00: N=2; 2.00: N=5' }))
    expect(tests.map((t) => t.n)).toEqual([9, 5])
  })

  it('draws spt_n at the top of the interval when no tests are listed', () => {
    expect(parseSptTests(row({ spt_n: 14 }))).toEqual([
      { depthM: 1, n: 14, reported: 'N=14', isPartial: false },
    ])
  })

  it('ignores what it cannot read instead of throwing', () => {
    expect(parseSptTests(row({ spt_tests: 'garbage; 3.0: no result; :' }))).toEqual([])
    expect(parseSamples(';;', 0)).toEqual([])
    expect(parseCoreRuns('2.0-1.0 TCR 50%; x')).toEqual([])
  })

  it('reads core runs with their recoveries', () => {
    expect(parseCoreRuns('10.00-11.50 TCR 95% SCR 80% RQD 45%; 11.50-13.00 TCR 100%')).toEqual([
      { topM: 10, baseM: 11.5, tcr: 95, scr: 80, rqd: 45 },
      { topM: 11.5, baseM: 13, tcr: 100, scr: null, rqd: null },
    ])
  })

  it('turns grid cells into rows, numbers typed as text included', () => {
    const rows = rowsFromCells(
      ['hole_id', 'depth_top_m', 'depth_base_m', 'spt_n', 'description', 'other'],
      [
        ['BH1', 0, '1.5', '12', 'CLAY', 'x'],
        ['BH1', '', 'abc', null, '', 'y'],
      ],
    )
    expect(rows).toEqual([
      { hole_id: 'BH1', depth_top_m: 0, depth_base_m: 1.5, spt_n: 12, description: 'CLAY' },
      { hole_id: 'BH1', depth_top_m: null, depth_base_m: null, spt_n: null, description: null },
    ])
  })
})
