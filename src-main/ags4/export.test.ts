import { describe, expect, it } from 'vitest'

import { isBorelogError } from '../../shared/errors'
import { decodeParquet } from '../parquet/index'
import {
  HOLE_GROUPS_KEY,
  convertAgs,
  groupsFromHeader,
  holeTable,
  type BorelogHole,
} from './borelog'
import { borelogRowsFromTable, makeBorelogArrowTable, type BorelogInterval } from './borelog-table'
import { checkAgs } from './check'
import { exportAgs, exportCsv, exportParquet, type ExportRecord } from './export'
import { readAgs } from './parse'
import { REAL_DIR, readFixture, realFileNames } from './test-fixtures'

const enc = (s: string) => new TextEncoder().encode(s)

function convertReal(name: string): BorelogHole[] {
  return convertAgs(readAgs(readFixture(REAL_DIR + name)), { fileName: name }).holes
}

function records(holes: BorelogHole[]): ExportRecord[] {
  return holes.map((h) => ({ recordId: h.recordId, header: h.header, table: holeTable(h) }))
}

function reimport(text: string, fileName: string): BorelogHole[] {
  return convertAgs(readAgs(enc(text)), { fileName }).holes
}

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (isBorelogError(e)) return e.code
    throw e
  }
  throw new Error('did not throw')
}

describe('round trip on every real file: parse -> convert -> export -> parse -> convert', () => {
  for (const name of realFileNames()) {
    it(`${name}: same tables and headers, and the export passes our checker`, () => {
      const first = convertReal(name)
      const { text } = exportAgs(records(first))
      const check = checkAgs(readAgs(enc(text)))
      expect(check.findings.filter((f) => f.severity === 'error')).toEqual([])
      // What we write is CR+LF (Rule 2a), so not even the LF warning remains.
      expect(check.findings.filter((f) => f.rule === 'Rule 2a')).toEqual([])
      const second = reimport(text, name)
      expect(second.map((h) => h.recordId)).toEqual(first.map((h) => h.recordId))
      second.forEach((h, i) => {
        const before = first[i] as BorelogHole
        expect(h.header).toEqual(before.header)
        expect(borelogRowsFromTable(holeTable(h))).toEqual(borelogRowsFromTable(holeTable(before)))
      })
    })
  }

  it('exporting the export again gives the same bytes (a fixed point)', () => {
    for (const name of realFileNames()) {
      const once = exportAgs(records(convertReal(name))).text
      const twice = exportAgs(records(reimport(once, name))).text
      expect(twice).toBe(once)
    }
  })

  it('one record of a many-hole file exports alone and re-imports to the same record', () => {
    const holes = convertReal('Hindley Mill Embankment FRA01.ags')
    const ws10 = holes.find((h) => h.holeId === 'WS10') as BorelogHole
    const text = exportAgs(records([ws10])).text
    expect(checkAgs(readAgs(enc(text))).errorCount).toBe(0)
    const [again] = reimport(text, 'Hindley Mill Embankment FRA01.ags')
    expect(again?.header[HOLE_GROUPS_KEY]).toBe(ws10.header[HOLE_GROUPS_KEY])
    expect(again?.intervals).toEqual(ws10.intervals)
  })
})

describe('edits export', () => {
  const holes = convertReal('F69-B32.ags')
  const bh1 = holes.find((h) => h.holeId === 'BH1') as BorelogHole

  function exportEdited(
    edit: (rows: BorelogInterval[], header: Record<string, string>) => void,
  ): BorelogHole {
    const rows = bh1.intervals.map((r) => ({ ...r }))
    const header = { ...bh1.header }
    edit(rows, header)
    const { text } = exportAgs([{ header, table: makeBorelogArrowTable(rows) }])
    expect(checkAgs(readAgs(enc(text))).findings.filter((f) => f.severity === 'error')).toEqual([])
    return reimport(text, 'F69-B32.ags')[0] as BorelogHole
  }

  it('an edited description, a moved depth and a new legend code reach GEOL (with an ABBR row for the code)', () => {
    const again = exportEdited((rows) => {
      Object.assign(rows[0] as BorelogInterval, {
        description: 'MADE GROUND - bricks, "red"',
        legend_code: '999',
      })
      Object.assign(rows[1] as BorelogInterval, { depth_top_m: 2 })
      Object.assign(rows[0] as BorelogInterval, { depth_base_m: 2 })
    })
    expect(again.intervals[0]).toMatchObject({
      description: 'MADE GROUND - bricks, "red"',
      legend_code: '999',
      depth_base_m: 2,
    })
    expect(again.intervals[1]?.depth_top_m).toBe(2)
    const geol = groupsFromHeader(again.header, HOLE_GROUPS_KEY).find((g) => g.name === 'GEOL')
    // A changed depth is written in the column's TYPE (2DP); unchanged ones keep their text.
    expect(geol?.rows[1]?.[1]).toBe('2.00')
    expect(geol?.rows[2]?.[1]).toBe('3.05')
  })

  it('header fields that mirror an AGS field are written back (ground level, coordinates)', () => {
    const again = exportEdited((_, header) => {
      header.ground_level_m = '26.10'
      header.easting = '623587.50'
    })
    expect(again.header).toMatchObject({ ground_level_m: '26.10', easting: '623587.50' })
  })

  it('a renamed hole takes its rows in every group with it', () => {
    const again = exportEdited((rows, header) => {
      header.hole_id = 'BH1A'
      for (const r of rows) r.hole_id = 'BH1A'
    })
    expect(again.holeId).toBe('BH1A')
    for (const g of groupsFromHeader(again.header, HOLE_GROUPS_KEY)) {
      const i = g.headings.indexOf('LOCA_ID')
      expect(
        g.rows.every((r) => r[i] === 'BH1A'),
        g.name,
      ).toBe(true)
    }
  })

  it('a deleted interval is gone from GEOL; the others keep their extra columns', () => {
    const hindley = convertReal('22 Southwark Bridge Road, Southwark.ags')[0] as BorelogHole
    const rows = hindley.intervals.slice(1)
    const { text } = exportAgs([{ header: hindley.header, table: makeBorelogArrowTable(rows) }])
    const again = reimport(text, 'x.ags')[0] as BorelogHole
    expect(again.intervals).toEqual(rows)
  })
})

describe('selections', () => {
  it('records of one project export to one file with one PROJ row and merged definitions', () => {
    const holes = convertReal('Hindley Mill Embankment FRA01.ags')
    const picked = holes.filter((h) => ['WS01', 'WS05', 'WS12'].includes(h.holeId))
    const { text } = exportAgs(records(picked))
    const file = readAgs(enc(text))
    expect(file.groups.get('PROJ')?.rows).toHaveLength(1)
    expect(file.groups.get('LOCA')?.rows.map((r) => r[0])).toEqual(['WS01', 'WS05', 'WS12'])
    expect(checkAgs(file).errorCount).toBe(0)
  })

  it('records of different projects are refused (an AGS4 file holds one project)', () => {
    const a = convertReal('F69-B32.ags')
    const b = convertReal('Kings Lynn The Walks.ags')
    expect(codeOf(() => exportAgs(records([...a.slice(0, 1), ...b.slice(0, 1)])))).toBe('BAD_INPUT')
  })

  it('the same hole twice is refused', () => {
    const a = convertReal('F69-B32.ags')
    expect(codeOf(() => exportAgs(records([a[0] as BorelogHole, a[0] as BorelogHole])))).toBe(
      'BAD_INPUT',
    )
  })

  it('a damaged kept-groups header is refused with BAD_INPUT, not a crash', () => {
    const [h] = convertReal('F69-B32.ags') as [BorelogHole]
    const table = holeTable(h)
    for (const bad of [
      '{',
      '{"format":"x"}',
      JSON.stringify({
        format: 'borelog-desk/ags4-groups',
        version: 1,
        groups: [
          { name: 'LOCA', headings: ['LOCA_ID'], units: [''], types: ['ID'], rows: [['a', 'b']] },
        ],
      }),
    ]) {
      expect(
        codeOf(() => exportAgs([{ header: { ...h.header, [HOLE_GROUPS_KEY]: bad }, table }])),
      ).toBe('BAD_INPUT')
    }
  })

  it('nothing selected is refused', () => {
    expect(codeOf(() => exportAgs([]))).toBe('BAD_INPUT')
  })
})

describe('records that were not imported from AGS', () => {
  it('export to a complete AGS4 file that passes the checker and imports back', () => {
    const rows: BorelogInterval[] = [
      {
        hole_id: 'BH9',
        depth_top_m: 0,
        depth_base_m: 1.2,
        description: 'Soft brown CLAY',
        legend_code: '201',
        geology_code: null,
        spt_n: null,
        sample_refs: null,
        water_strike_m: null,
        remarks: null,
        spt_tests: null,
        details: null,
        core_runs: null,
      },
      {
        hole_id: 'BH9',
        depth_top_m: 1.2,
        depth_base_m: 3.456,
        description: 'Dense SAND',
        legend_code: '401',
        geology_code: null,
        spt_n: null,
        sample_refs: null,
        water_strike_m: null,
        remarks: 'wet',
        spt_tests: null,
        details: null,
        core_runs: null,
      },
    ]
    const header = {
      hole_id: 'BH9',
      project_id: 'NEW1',
      project: 'New site',
      ground_level_m: '10.00',
      start_date: '2024-05-01',
    }
    const { text } = exportAgs([{ header, table: makeBorelogArrowTable(rows) }], {
      now: () => new Date('2025-01-02T03:04:05Z'),
    })
    const file = readAgs(enc(text))
    expect(checkAgs(file).findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(file.groups.get('TRAN')?.rows[0]?.[1]).toBe('2025-01-02')
    const [again] = convertAgs(file).holes
    expect(again?.header).toMatchObject(header)
    expect(again?.intervals.map((r) => r.depth_base_m)).toEqual([1.2, 3.46])
  })
})

describe('records typed in the app export AGS4 that our checker passes with 0 errors', () => {
  // The new-record form sends header values as typed text (headerFromForm): numbers as
  // typed, the final depth as String(metres) after a unit conversion.
  function interval(top: number, base: number, description: string): BorelogInterval {
    return {
      hole_id: 'BH7',
      depth_top_m: top,
      depth_base_m: base,
      description,
      legend_code: '201',
      geology_code: null,
      spt_n: null,
      sample_refs: null,
      water_strike_m: null,
      remarks: null,
      spt_tests: null,
      details: null,
      core_runs: null,
    }
  }
  const feet = 0.3048

  it.each([
    ['decimals short of 2DP', { easting: '123456.7', northing: '654321', ground_level_m: '12.3' }],
    ['decimals past 2DP', { easting: '523145.015', northing: '6.789', ground_level_m: '12.345' }],
    [
      'exponent and spaces',
      { easting: '1.234567e5', northing: ' 654321.1 ', ground_level_m: '-0' },
    ],
    ['a depth converted from feet', { final_depth_m: String(33 * feet), ground_level_m: '0.1' }],
  ])('%s', (_, typed) => {
    const header: Record<string, string> = {
      hole_id: 'BH7',
      project: 'New site',
      crs: 'EPSG:27700',
      method: 'Cable percussion',
      start_date: '2024-05-01',
      logged_by: 'j.doe',
      final_depth_m: String(10 * feet),
      ...typed,
    }
    const rows = [interval(0, 1.2345, 'Soft CLAY'), interval(1.2345, 10 * feet, 'Dense SAND')]
    const { text } = exportAgs([{ header, table: makeBorelogArrowTable(rows) }])
    const check = checkAgs(readAgs(enc(text)))
    expect(check.findings.filter((f) => f.severity === 'error')).toEqual([])
    // The numbers are the ones typed, written in the TYPE (2DP): not dropped, not changed
    // beyond the dictionary's precision.
    const [again] = reimport(text, 'app.ags')
    for (const key of ['easting', 'northing', 'ground_level_m', 'final_depth_m'] as const) {
      const typedValue = header[key]
      if (typedValue === undefined) continue
      expect(again?.header[key]).toBe(Number(typedValue).toFixed(2))
    }
  })

  it('an edit of an imported record typed the same way exports without Rule 8 errors', () => {
    const [bh1] = convertReal('F69-B32.ags') as [BorelogHole]
    const header = { ...bh1.header, easting: '623587.5', final_depth_m: String(40 * feet) }
    const { text } = exportAgs([{ header, table: holeTable(bh1) }])
    expect(checkAgs(readAgs(enc(text))).errorCount).toBe(0)
    const [again] = reimport(text, 'F69-B32.ags')
    expect(again?.header).toMatchObject({ easting: '623587.50', final_depth_m: '12.19' })
  })
})

describe('CSV and Parquet', () => {
  const holes = convertReal('Hindley Mill Embankment FRA01.ags')

  it('CSV has the borelog columns and quotes fields with commas, quotes and line breaks', () => {
    const csv = exportCsv([
      {
        table: makeBorelogArrowTable([
          { ...(holes[0]?.intervals[0] as BorelogInterval), description: 'a, "b"\nc', spt_n: 12 },
        ]),
      },
    ])
    const [head, first] = csv.split('\r\n')
    expect(head).toBe(
      'hole_id,depth_top_m,depth_base_m,description,legend_code,geology_code,spt_n,sample_refs,water_strike_m,remarks,spt_tests,details,core_runs',
    )
    expect(first).toContain('"a, ""b""\nc"')
    expect(first).toContain(',12,')
  })

  it('Parquet holds every interval of the selection', () => {
    const bytes = exportParquet(records(holes))
    const table = decodeParquet(bytes, 'export.parquet')
    expect(table.numRows).toBe(71)
  })
})
