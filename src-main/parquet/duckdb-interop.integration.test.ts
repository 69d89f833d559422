// Interop: DuckDB, as an independent Parquet implementation, reads what we
// write, and we read what it writes: common types, nulls, dictionary pages, snappy
// and zstd. Other tools must be able to open a store's version files.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import {
  Bool,
  DateDay,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  Schema,
  Table,
  TimestampMillisecond,
  Uint32,
  Utf8,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { decodeParquet, encodeParquet } from './index'

let dir: string
let cleanup: () => Promise<void>
let db: DuckDBConnection

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('borelog-duckdb-'))
  db = await (await DuckDBInstance.create(':memory:')).connect()
})
afterAll(() => cleanup())

function column(name: string, type: DataType, values: unknown[]): [Field, Vector] {
  return [new Field(name, type, true), vectorFromArray(values as never[], type as never) as Vector]
}

async function duckRows(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db.runAndReadAll(sql)
  return reader.getRowObjectsJS() as Record<string, unknown>[]
}

describe('DuckDB reads what we write', () => {
  it('every common type and null round-trips through our writer into DuckDB', async () => {
    const day = 86_400_000
    const cols = [
      column('i8', new Int8(), [1, -2, null]),
      column('i16', new Int16(), [300, null, -300]),
      column('i32', new Int32(), [null, 70000, -1]),
      column('i64', new Int64(), [1n, 2n ** 40n, null]),
      column('u32', new Uint32(), [0, 4_000_000_000, null]),
      column('f32', new Float32(), [1.5, null, -0.25]),
      column('f64', new Float64(), [0.1, 1e300, null]),
      column('b', new Bool(), [true, false, null]),
      column('s', new Utf8(), ['CLAY', null, 'Ünïcödé — “quotes” 地層']),
      column('d', new DateDay(), [new Date(0), new Date(19_000 * day), null]),
      column('ts', new TimestampMillisecond(), [Date.UTC(2026, 2, 2, 10, 14), null, 0]),
    ]
    const table = new Table(
      new Schema(cols.map(([f]) => f)),
      Object.fromEntries(cols.map(([f, v]) => [f.name, v])),
    )
    for (const compression of ['zstd', 'snappy', 'uncompressed'] as const) {
      const file = path.join(dir, `ours-${compression}.parquet`)
      await fs.writeFile(file, encodeParquet(table, { compression }))
      const rows = await duckRows(`SELECT * FROM read_parquet('${file}')`)
      expect(rows).toHaveLength(3)
      expect(rows[0]).toMatchObject({
        i8: 1,
        i16: 300,
        i32: null,
        f32: 1.5,
        f64: 0.1,
        b: true,
        s: 'CLAY',
      })
      expect(rows[1]).toMatchObject({
        i16: null,
        i32: 70000,
        u32: 4_000_000_000,
        f64: 1e300,
        b: false,
        s: null,
      })
      expect(rows[2]).toMatchObject({ i8: null, s: 'Ünïcödé — “quotes” 地層', b: null, f32: -0.25 })
      expect(String(rows[1]!.i64)).toBe(String(2n ** 40n))
      expect(rows[2]!.d).toBeNull()
    }
  })

  it('a borelog version file opens in DuckDB with its key-value metadata', async () => {
    const file = path.join(dir, 'borelog.parquet')
    await fs.writeFile(
      file,
      encodeParquet(sampleHole('BH07'), {
        keyValueMetadata: new Map([['borelog.record_id', 'BH07']]),
      }),
    )
    const rows = await duckRows(
      `SELECT hole_id, depth_top_m, depth_base_m, spt_n FROM read_parquet('${file}') ORDER BY depth_top_m`,
    )
    expect(rows.map((r) => r.depth_base_m)).toEqual([0.4, 2.1, 5])
    expect(rows.map((r) => r.spt_n)).toEqual([null, 12, 35])
    const kv = await duckRows(
      `SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${file}')`,
    )
    expect(kv).toContainEqual({ k: 'borelog.record_id', v: 'BH07' })
  })
})

describe('we read what DuckDB writes', () => {
  for (const compression of ['snappy', 'zstd']) {
    it(`common types, nulls and dictionary-encoded strings (${compression})`, async () => {
      const file = path.join(dir, `duck-${compression}.parquet`)
      await db.run(`COPY (
        SELECT i::INTEGER AS i32, i::BIGINT * 1000000000 AS i64, i::SMALLINT AS i16, (i % 100)::TINYINT AS i8,
               (i / 4.0)::DOUBLE AS f64, (i / 2.0)::FLOAT AS f32, (i % 2 = 0) AS b,
               CASE WHEN i % 3 = 0 THEN NULL ELSE ['CLAY', 'SAND', 'GRAVEL'][1 + i % 3] END AS legend,
               DATE '2026-01-01' + i::INTEGER AS d, TIMESTAMP '2026-03-02 10:14:00' + INTERVAL (i) MINUTE AS ts,
               CASE WHEN i = 5 THEN NULL ELSE 'hole ' || i END AS s
        FROM range(0, 1000) t(i)
      ) TO '${file}' (FORMAT parquet, COMPRESSION ${compression})`)
      const table = decodeParquet(new Uint8Array(await fs.readFile(file)), file)
      expect(table.numRows).toBe(1000)
      expect(table.getChild('i32')?.get(7)).toBe(7)
      expect(table.getChild('i64')?.get(7)).toBe(7_000_000_000n)
      expect(table.getChild('f64')?.get(3)).toBe(0.75)
      expect(table.getChild('f32')?.get(3)).toBe(1.5)
      expect(table.getChild('b')?.get(3)).toBe(false)
      expect(table.getChild('legend')?.get(0)).toBeNull()
      expect(table.getChild('legend')?.get(1)).toBe('SAND')
      expect(table.getChild('legend')?.get(2)).toBe('GRAVEL')
      expect(table.getChild('s')?.get(5)).toBeNull()
      expect(table.getChild('s')?.get(6)).toBe('hole 6')
      expect(new Date(Number(table.getChild('ts')?.get(1))).toISOString()).toBe(
        '2026-03-02T10:15:00.000Z',
      )
      expect(table.getChild('d')?.get(1)).toBeTruthy()
    })
  }
})
