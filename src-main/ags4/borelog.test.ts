import { describe, expect, it } from 'vitest'

import { isBorelogError } from '../../shared/errors'
import {
  FILE_GROUPS_KEY,
  HOLE_GROUPS_KEY,
  convertAgs,
  groupsFromHeader,
  holeTable,
  recordIdFor,
} from './borelog'
import { BORELOG_COLUMNS, borelogRowsFromTable } from './borelog-table'
import { readAgs } from './parse'
import { REAL_DIR, RULES_DIR, readFixture } from './test-fixtures'

const enc = (s: string) => new TextEncoder().encode(s)

function convertFile(path: string) {
  return convertAgs(readAgs(readFixture(path)), { fileName: path.split('/').pop() })
}

function badInputOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (isBorelogError(e)) return e.code
    throw e
  }
  throw new Error('did not throw')
}

describe('one borelog record per LOCA hole', () => {
  const hindley = convertFile(REAL_DIR + 'Hindley Mill Embankment FRA01.ags')

  it('makes 12 records from Hindley Mill, one per hole, and every GEOL row is one interval', () => {
    expect(hindley.holes.map((h) => h.holeId).sort()).toEqual(
      [
        'WS01',
        'WS02',
        'WS03',
        'WS04',
        'WS05',
        'WS06',
        'WS07',
        'WS08',
        'WS09',
        'WS10',
        'WS11',
        'WS12',
      ].sort(),
    )
    expect(hindley.holes.reduce((n, h) => n + h.intervals.length, 0)).toBe(71)
  })

  it('keeps every row of every group: hole groups plus file groups hold all 105 SAMP and 77 ISPT rows', () => {
    const count = (name: string) =>
      hindley.holes.reduce(
        (n, h) =>
          n +
          (groupsFromHeader(h.header, HOLE_GROUPS_KEY).find((g) => g.name === name)?.rows.length ??
            0),
        0,
      ) +
      (groupsFromHeader(hindley.holes[0]?.header ?? {}, FILE_GROUPS_KEY).find(
        (g) => g.name === name,
      )?.rows.length ?? 0)
    const source = readAgs(readFixture(REAL_DIR + 'Hindley Mill Embankment FRA01.ags'))
    for (const g of source.groups.values()) expect(count(g.name), g.name).toBe(g.rows.length)
  })

  it('sorts intervals by depth, whatever order the GEOL rows came in', () => {
    for (const h of hindley.holes) {
      const tops = h.intervals.map((i) => i.depth_top_m as number)
      expect(tops).toEqual([...tops].sort((a, b) => a - b))
    }
  })

  it('attaches SPT N, samples and water strikes to the interval containing their depth', () => {
    const ws10 = hindley.holes.find((h) => h.holeId === 'WS10')
    const at = (top: number) => ws10?.intervals.find((i) => i.depth_top_m === top)
    expect(at(2.6)).toMatchObject({
      spt_n: 7,
      sample_refs: 'D 3 @ 2.90; D 4 @ 3.80; D 5 @ 4.50',
      spt_tests: '3.00: N=7 (1,0/1,2,2,2); 4.00: N=3 (1,1/0,1,1,1)',
    })
    expect(at(5.2)?.water_strike_m).toBe(5.6)
    // A test at the base of the deepest interval belongs to it.
    expect(at(7)?.spt_tests).toContain('9.00: N=9')
  })

  it('fills the header from PROJ, LOCA, HDPH and ABBR as text', () => {
    const ws10 = hindley.holes.find((h) => h.holeId === 'WS10')
    expect(ws10?.header).toMatchObject({
      hole_id: 'WS10',
      project_id: 'TOP3398',
      project: 'Hindley Mill Embankment',
      easting: '362426.81',
      northing: '405288.53',
      ground_level_m: '68.59',
      final_depth_m: '9.00',
      method: 'WS',
      method_description: 'Window Sampler',
      start_date: '2017-10-25',
      logged_by: 'GK',
      ags_edition: '4.0',
    })
    expect(ws10?.recordId).toBe('TOP3398.WS10')
  })

  it('F69-B32: water strike at 7.32 m in BH5, crs OSGB, holes with no SAMP have no sample refs', () => {
    const f69 = convertFile(REAL_DIR + 'F69-B32.ags')
    const bh5 = f69.holes.find((h) => h.holeId === 'BH5')
    expect(bh5?.intervals.find((i) => i.water_strike_m !== null)).toMatchObject({
      depth_top_m: 5.33,
      water_strike_m: 7.32,
    })
    expect(bh5?.header.crs).toBe('OSGB')
    expect(f69.holes.every((h) => h.intervals.every((i) => i.sample_refs === null))).toBe(true)
  })

  it('a hole without GEOL rows is still a record, with an empty interval table', () => {
    const f = convertAgs(
      readAgs(
        enc(
          [
            '"GROUP","PROJ"',
            '"HEADING","PROJ_ID"',
            '"UNIT",""',
            '"TYPE","ID"',
            '"DATA","P"',
            '"GROUP","LOCA"',
            '"HEADING","LOCA_ID","LOCA_FDEP"',
            '"UNIT","","m"',
            '"TYPE","ID","2DP"',
            '"DATA","TP1","2.00"',
          ].join('\r\n'),
        ),
      ),
    )
    expect(f.holes).toHaveLength(1)
    expect(f.holes[0]?.intervals).toEqual([])
    const table = holeTable(f.holes[0] as never)
    expect(table.numRows).toBe(0)
    expect(table.schema.fields.map((x) => x.name)).toEqual(BORELOG_COLUMNS.map((c) => c.name))
  })

  it('builds the Arrow table with the borelog column types', () => {
    const t = holeTable(hindley.holes[0] as never)
    const types = Object.fromEntries(t.schema.fields.map((f) => [f.name, String(f.type)]))
    expect(types).toMatchObject({
      hole_id: 'Utf8',
      depth_top_m: 'Float64',
      depth_base_m: 'Float64',
      description: 'Utf8',
      legend_code: 'Utf8',
      geology_code: 'Utf8',
      spt_n: 'Int32',
      sample_refs: 'Utf8',
      water_strike_m: 'Float64',
      remarks: 'Utf8',
    })
    expect(borelogRowsFromTable(t)).toEqual(hindley.holes[0]?.intervals)
  })

  it('warns about a sample outside every interval but keeps it', () => {
    const ws05 = hindley.holes.find((h) => h.holeId === 'WS05')
    expect(ws05?.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^SAMP at 10.60 m in WS05 lies outside/),
    ])
  })
})

describe('record ids', () => {
  it('are the project and hole ids when those are safe names', () => {
    expect(recordIdFor('TOP3398', 'WS10')).toBe('TOP3398.WS10')
    expect(recordIdFor('NOT SPECIFIED', 'KINGS LYNN S6')).toBe('NOT SPECIFIED.KINGS LYNN S6')
  })

  it('replace unsafe characters and add a hash so distinct holes stay distinct', () => {
    const a = recordIdFor('F69/B32', 'BH1')
    const b = recordIdFor('F69_B32', 'BH1')
    const c = recordIdFor('F69\\B32', 'BH1')
    expect(a).toMatch(/^F69_B32\.BH1 \([0-9a-f]{6}\)$/)
    expect(new Set([a, b, c]).size).toBe(3)
    expect(recordIdFor('F69/B32', 'BH1')).toBe(a)
    for (const id of [
      a,
      recordIdFor('', '../../etc'),
      recordIdFor('..', '.'),
      recordIdFor('P', 'x'.repeat(500)),
    ]) {
      expect(id).not.toMatch(/\/|\\|\.\.|\0/)
      expect(id).toMatch(/^[\p{L}\p{N}]/u)
      expect(new TextEncoder().encode(id).length).toBeLessThanOrEqual(200)
    }
  })
})

describe('garbage in is a clear BadInputError, never a partial import', () => {
  const cases: [string, Uint8Array][] = [
    ['an empty file', readFixture(RULES_DIR + 'EmptyFile.ags')],
    ['an AGS3 file', readFixture(RULES_DIR + 'AGS3.ags')],
    ['a CSV renamed .ags', enc('LOCA_ID,GEOL_TOP\nBH1,0\n')],
    ['binary data', new Uint8Array([0, 1, 2, 3, 255])],
    ['a truncated file', readFixture(REAL_DIR + 'F69-B32.ags').subarray(0, 3000)],
    ['a row with a missing field', readFixture(RULES_DIR + 'Row_with_missing_field.ags')],
    ['a GROUP given twice', readFixture(RULES_DIR + 'DuplicateGroups.ags')],
    [
      'a quote never closed',
      enc(
        [
          '"GROUP","LOCA"',
          '"HEADING","LOCA_ID","LOCA_FDEP"',
          '"UNIT","","m"',
          '"TYPE","ID","2DP"',
          '"DATA","BH1","5.00',
        ].join('\r\n'),
      ),
    ],
    ['a line that is not AGS', readFixture(RULES_DIR + '4.1-rule3.ags')],
    ['a file without LOCA', readFixture(RULES_DIR + '4.1-rule10-5.ags')],
  ]
  for (const [what, bytes] of cases) {
    it(`${what}`, () => {
      expect(badInputOf(() => convertAgs(readAgs(bytes), { fileName: 'x.ags' }))).toBe('BAD_INPUT')
    })
  }

  it('duplicate or empty LOCA_ID', () => {
    const file = (ids: string[]) =>
      readAgs(
        enc(
          [
            '"GROUP","LOCA"',
            '"HEADING","LOCA_ID","LOCA_FDEP"',
            '"UNIT","","m"',
            '"TYPE","ID","2DP"',
            ...ids.map((i) => `"DATA","${i}","5.00"`),
          ].join('\r\n'),
        ),
      )
    expect(badInputOf(() => convertAgs(file(['BH1', 'BH1'])))).toBe('BAD_INPUT')
    expect(badInputOf(() => convertAgs(file(['BH1', ''])))).toBe('BAD_INPUT')
  })
})
