// Real files through previewImport: the CSV-in-feet fixture, Parquet written by us and
// by DuckDB (an independent writer: dictionary strings, BIGINT, DOUBLE), and a real
// AGS4 file. A real store in a temp folder supplies the table definitions.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { openBorelogStore } from '../catalog/index'
import { encodeParquet } from '../parquet/index'
import type { VersionedStore } from '../store/index'
import {
  draftInputFrom,
  isTabular,
  previewImport,
  UNWATCHED,
  type ImportPreviewResult,
  type ImportRequest,
  type TabularImport,
} from './index'

const FIXTURES = path.join(__dirname, '../../test/fixtures')
const FEET_CSV = path.join(FIXTURES, 'import/bh-07-feet.csv')
const HINDLEY = path.join(FIXTURES, 'ags4/real/Hindley Mill Embankment FRA01.ags')

let dir: string
let cleanup: () => Promise<void>
let store: VersionedStore

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('borelog-import-'))
  ;({ store } = await openBorelogStore(path.join(dir, 'store')))
})
afterAll(() => cleanup())

async function request(
  file: string,
  overrides: Partial<ImportRequest> = {},
): Promise<ImportRequest> {
  return {
    fileName: path.basename(file),
    bytes: new Uint8Array(await fs.readFile(file)),
    tableName: 'borelog',
    sourceUnits: 'm',
    ...overrides,
  }
}

function tabular(result: ImportPreviewResult): TabularImport {
  if (!isTabular(result)) throw new Error(`expected CSV or Parquet, got ${result.format}`)
  return result
}

describe('CSV in feet (BOM, CRLF, quotes, synonym headers)', () => {
  it('maps the headers, detects feet, and stores metres when the user says feet', async () => {
    const result = tabular(
      await previewImport(store, await request(FEET_CSV, { sourceUnits: 'ft' }), UNWATCHED),
    )
    expect(result.format).toBe('csv')
    expect(result.detectedUnits).toBe('ft')
    expect(result.mapping).toMatchObject({
      hole_id: 'Borehole',
      depth_top_m: 'Depth top (ft)',
      depth_base_m: 'Depth base (ft)',
      description: 'Soil description',
      legend_code: 'Legend',
      spt_n: 'SPT N',
      sample_refs: 'Samples',
      water_strike_m: 'Water strike (ft)',
    })
    const rows = result.table.toArray().map((r) => r.toJSON())
    expect(rows.map((r) => r.depth_top_m)).toEqual(
      [0, 0.4572, 2.1336].map((m) => expect.closeTo(m, 9)),
    )
    // Rounded to the micrometre: exactly the metres a surveyor would write down.
    expect(rows[2]?.depth_base_m).toBe(5.0292)
    expect(rows[2]?.water_strike_m).toBe(3.2004)
    expect(rows[0]?.description).toBe('MADE GROUND: brown sandy gravel, brick fragments')
    expect(rows[1]?.description).toBe('Firm brown CLAY with "rare" rootlets')
    expect(rows[1]?.sample_refs).toBe('D1, U2')
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(result.sourceColumns[0]).toEqual({
      name: 'Borehole',
      samples: ['BH-07', 'BH-07', 'BH-07'],
    })
  })

  it('is checked against the hole the file names, not its file name', async () => {
    // bh-07-feet.csv holds hole BH-07 only: the draft's header will say BH-07.
    const result = tabular(await previewImport(store, await request(FEET_CSV), UNWATCHED))
    expect(result.findings.filter((f) => f.column === 'hole_id')).toEqual([])
  })

  it('left in metres, the same file keeps its numbers: detection reports, the user decides', async () => {
    const result = tabular(await previewImport(store, await request(FEET_CSV), UNWATCHED))
    expect(result.detectedUnits).toBe('ft')
    expect(result.table.getChild('depth_base_m')?.get(2)).toBe(16.5)
  })

  it('becomes a draft input for its hole, with the conversion findings kept', async () => {
    const input = await request(FEET_CSV, { sourceUnits: 'ft' })
    const draft = draftInputFrom(tabular(await previewImport(store, input, UNWATCHED)), input)
    expect(draft).toMatchObject({
      recordId: 'BH-07',
      tableName: 'borelog',
      header: { hole_id: 'BH-07', source_file: 'bh-07-feet.csv' },
      extraFindings: [],
    })
    expect(draft.table.numRows).toBe(3)
  })

  it('bad values are findings with their lines, after which validation still runs', async () => {
    const file = path.join(dir, 'BH-09.csv')
    await fs.writeFile(file, 'top;base;description;N\r\n0;1,5;CLAY;12\r\n1,5;x;SAND;refusal\r\n')
    const result = tabular(await previewImport(store, await request(file), UNWATCHED))
    expect(result.table.getChild('hole_id')?.get(0)).toBe('BH-09')
    expect(result.table.getChild('depth_base_m')?.get(0)).toBe(1.5)
    const conversion = result.findings.filter((f) => f.rule === 'import.type')
    expect(conversion.map((f) => [f.row, f.column])).toEqual([
      [1, 'depth_base_m'],
      [1, 'spt_n'],
    ])
    expect(conversion[0]?.message).toContain('line 3')
    // The base left empty is then a validation finding of its own.
    expect(result.findings.some((f) => f.rule !== 'import.type' && f.row === 1)).toBe(true)
  })
})

describe('Parquet', () => {
  it('written by encodeParquet: source columns are its fields, mapping by name', async () => {
    const file = path.join(dir, 'BH01.parquet')
    await fs.writeFile(file, encodeParquet(sampleHole('BH01')))
    const result = tabular(await previewImport(store, await request(file), UNWATCHED))
    expect(result.format).toBe('parquet')
    expect(result.sourceColumns.map((c) => c.name)).toEqual(
      store.registry.get('borelog')!.schema.fields.map((f) => f.name),
    )
    expect(result.table.toArray().map((r) => r.toJSON())).toEqual(
      sampleHole('BH01')
        .toArray()
        .map((r) => r.toJSON()),
    )
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([])
  })

  it('written by DuckDB (BIGINT, DOUBLE, dictionary strings), in feet, other names', async () => {
    const file = path.join(dir, 'duck.parquet')
    const db = await (await DuckDBInstance.create(':memory:')).connect()
    await db.run(`COPY (
      SELECT 'BH-D' AS "Borehole", (i * 10)::DOUBLE AS "from_ft", (i * 10 + 10)::DOUBLE AS "to_ft",
             CASE WHEN i % 2 = 0 THEN 'CLAY' ELSE 'SAND' END AS "Description",
             (10 + i)::BIGINT AS "SPT"
      FROM range(0, 5) t(i)
    ) TO '${file}' (FORMAT PARQUET)`)
    db.closeSync()
    const result = tabular(
      await previewImport(store, await request(file, { sourceUnits: 'ft' }), UNWATCHED),
    )
    expect(result.detectedUnits).toBe('ft')
    expect(result.mapping).toMatchObject({
      hole_id: 'Borehole',
      depth_top_m: 'from_ft',
      depth_base_m: 'to_ft',
      description: 'Description',
      spt_n: 'SPT',
    })
    const rows = result.table.toArray().map((r) => r.toJSON())
    expect(rows).toHaveLength(5)
    expect(rows[4]).toMatchObject({ hole_id: 'BH-D', description: 'CLAY', spt_n: 14 })
    expect(rows[4]?.depth_top_m).toBeCloseTo(40 * 0.3048, 9)
    expect(result.findings.filter((f) => f.rule === 'import.type')).toEqual([])
  })

  it('a truncated Parquet file is CORRUPT_PARQUET', async () => {
    const bytes = encodeParquet(sampleHole('BH01'))
    await expect(
      previewImport(
        store,
        {
          fileName: 'cut.parquet',
          bytes: bytes.subarray(0, 40),
          tableName: 'borelog',
          sourceUnits: 'm',
        },
        UNWATCHED,
      ),
    ).rejects.toMatchObject({ code: 'CORRUPT_PARQUET' })
  })
})

describe('AGS4', () => {
  it('Hindley Mill: one hole per LOCA, checker findings as store findings, first hole previewed', async () => {
    const result = await previewImport(store, await request(HINDLEY), UNWATCHED)
    if (result.format !== 'ags4') throw new Error('expected AGS4')
    expect(result.holes).toHaveLength(12)
    expect(result.rowCount).toBe(71)
    expect(result.firstTable.numRows).toBe(result.holes[0]?.rowCount)
    expect(result.sourceColumns.map((c) => c.name)).toContain('GEOL_DESC')
    // LF line ends: Rule 2a is reported (as a warning), mapped to a table-level finding.
    const rule2a = result.findings.find((f) => f.rule === 'Rule 2a')
    expect(rule2a).toMatchObject({ row: null })
  })

  it('AGS4 imports into borelog only', async () => {
    await expect(
      previewImport(store, await request(HINDLEY, { tableName: 'other' }), UNWATCHED),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
  })
})

describe('table definitions', () => {
  it('an unregistered table without a record is UNKNOWN_TABLE', async () => {
    await expect(
      previewImport(store, await request(FEET_CSV, { tableName: 'cpt' }), UNWATCHED),
    ).rejects.toMatchObject({ code: 'UNKNOWN_TABLE' })
  })
})
