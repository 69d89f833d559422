import { describe, expect, it } from 'vitest'

import {
  parseCoreRuns,
  parseSamples,
  parseSptTests,
  sptRecordsFromHeader,
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

  it('reads every SPT of an interval: refusals and partial tests in notation, never N', () => {
    const tests = parseSptTests(
      row({
        spt_n: 2,
        spt_tests:
          '2.00: N=5 (1,0/1,1,1,2); 1.00: N=2 (1,0/1,0,0,1); 6.80: N=25 (8,25/25 for 5mm); 7.00: 50/150; 7.50: 0 (25 for 75mm/0 for 0mm)',
      }),
    )
    expect(tests.map((t) => [t.depthM, t.result.kind, t.result.n, t.result.notation])).toEqual([
      [1, 'full', 2, 'N=2'],
      [2, 'full', 5, 'N=5'],
      [6.8, 'partial', null, '25/5 mm'],
      [7, 'refusal', null, '50/150 mm'],
      [7.5, 'refusal', null, '25/75 mm seating'],
    ])
  })

  it('takes increments from the kept ISPT rows when the report says nothing', () => {
    const logged = sptRecordsFromHeader({
      ags4_hole_groups: JSON.stringify({
        format: 'borelog-desk/ags4-groups',
        version: 1,
        groups: [
          {
            name: 'ISPT',
            headings: [
              'LOCA_ID',
              'ISPT_TOP',
              'ISPT_NPEN',
              'ISPT_NVAL',
              'ISPT_REP',
              'ISPT_INC1',
              'ISPT_INC2',
              'ISPT_INC3',
              'ISPT_INC4',
            ],
            units: [],
            types: [],
            rows: [['BH1', '3.00', '255', '', '', '10', '15', '30', '20']],
          },
        ],
      }),
    })
    const tests = parseSptTests(row({ spt_tests: '3.00: ?' }), logged)
    expect(tests.map((t) => t.result.notation)).toEqual(['50/105 mm'])
    expect(tests[0]!.result.kind).toBe('refusal')
    expect(sptRecordsFromHeader({ ags4_hole_groups: '{not json' }).size).toBe(0)
  })

  it('lets an edited spt_n win for the first full test, never for a refusal', () => {
    const tests = parseSptTests(row({ spt_n: 9, spt_tests: '1.00: N=2; 2.00: N=5' }))
    expect(tests.map((t) => t.result.n)).toEqual([9, 5])
    const withRefusal = parseSptTests(row({ spt_n: 30, spt_tests: '1.00: 50/100; 2.00: N=5' }))
    expect(withRefusal.map((t) => t.result.notation)).toEqual(['50/100 mm', 'N=30'])
  })

  it('draws spt_n at the top of the interval when no tests are listed', () => {
    const tests = parseSptTests(row({ spt_n: 14 }))
    expect(tests.map((t) => [t.depthM, t.result.notation])).toEqual([[1, 'N=14']])
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
