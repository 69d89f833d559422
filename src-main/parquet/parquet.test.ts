import { Int32, Table, Utf8, vectorFromArray } from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import { readFooterKeyValues } from './footer'
import {
  decodeParquet,
  encodeParquet,
  openParquet,
  readKeyValueMetadata,
  readRowGroups,
} from './index'
import { parquetWasm } from './wasm'

const N = 10_000
const withText = new Table({
  n: vectorFromArray(Int32Array.from({ length: N }, (_, i) => i)),
  s: vectorFromArray(
    Array.from({ length: N }, (_, i) => `row ${i}`),
    new Utf8(),
  ),
})
const bytes = encodeParquet(withText, { rowGroupSize: 1_000 })

describe('Parquet codec', () => {
  it('writes the row groups asked for, and the footer reader sees them', () => {
    expect(readRowGroups(bytes, null)?.rowCounts).toEqual(Array(10).fill(1_000))
  })

  it('a whole-file decode returns every row in order', () => {
    const back = decodeParquet(bytes)
    expect(back.numRows).toBe(N)
    expect(back.getChild('n')?.get(9_999)).toBe(9_999)
    expect(back.getChild('s')?.get(4_321)).toBe('row 4321')
    expect(back.schema.fields.map((f) => String(f.type))).toEqual([String(new Int32()), 'Utf8'])
  })

  it.each([
    [0, 100],
    [995, 10], // crosses a row-group boundary
    [2_500, 3_000], // spans several groups
    [9_990, 100], // runs past the end
    [N, 100], // starts at the end
  ])('a page at offset %i, limit %i holds exactly those rows', (offset, limit) => {
    const page = decodeParquet(bytes, 'test', { offset, limit })
    const expected = Math.max(0, Math.min(limit, N - offset))
    expect(page.numRows).toBe(expected)
    for (let i = 0; i < expected; i++) {
      expect(page.getChild('n')?.get(i)).toBe(offset + i)
      expect(page.getChild('s')?.get(i)).toBe(`row ${offset + i}`)
    }
  })

  it('the footer reader gives the key-value metadata wasm gives, without wasm', () => {
    const kv = new Map([
      ['borelog.record_id', 'BH01'],
      ['borelog.note', 'unicode: ü — 深度'],
      ['borelog.empty', ''],
    ])
    const file = encodeParquet(withText, { keyValueMetadata: kv })
    const viaWasm = new Map(
      [...parquetWasm().readSchema(file).metadata()].map(([k, v]) => [String(k), String(v)]),
    )
    viaWasm.delete('ARROW:schema')
    // The raw footer also holds the embedded Arrow schema, which readKeyValueMetadata drops.
    expect(readFooterKeyValues(file)?.has('ARROW:schema')).toBe(true)
    expect(readKeyValueMetadata(file)).toEqual(viaWasm)
    expect(readKeyValueMetadata(file)).toEqual(kv)
  })

  it('truncated bytes are CORRUPT_PARQUET, never a wasm panic', () => {
    expect(() => decodeParquet(bytes.subarray(0, bytes.length - 9), 'v1.parquet')).toThrow(
      expect.objectContaining({ code: 'CORRUPT_PARQUET' }),
    )
  })

  it('a reader reads any row range by row groups', async () => {
    const reader = await openParquet({ bytes, where: 'test' })
    expect(reader.groupStarts.slice(0, 3)).toEqual([0, 1_000, 2_000])
    const part = reader.read(999, 2_001)
    expect(part.numRows).toBe(1_002)
    expect(part.getChild('n')?.get(0)).toBe(999)
    expect(part.getChild('n')?.get(1_001)).toBe(2_000)
    expect(reader.read(N, N).numRows).toBe(0)
    expect(reader.read(N, N).schema.fields.map((f) => f.name)).toEqual(['n', 's'])
  })

  it('a reader gives the footer statistics of a column per row group', async () => {
    const stats = (await openParquet({ bytes, where: 'test' })).statistics('n')
    expect(stats?.rowCounts).toHaveLength(10)
    const mins = stats?.mins.map((m) =>
      m ? new DataView(m.buffer, m.byteOffset).getInt32(0, true) : null,
    )
    expect(mins).toEqual(Array.from({ length: 10 }, (_, g) => g * 1_000))
    expect(stats?.nullCounts).toEqual(Array(10).fill(0))
  })

  it('a reader refuses a truncated file as CORRUPT_PARQUET, naming it', async () => {
    await expect(
      openParquet({ bytes: bytes.subarray(0, 1_000), where: 'cut.parquet' }),
    ).rejects.toMatchObject({ code: 'CORRUPT_PARQUET', details: { where: 'cut.parquet' } })
  })
})
