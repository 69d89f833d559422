import { Int32, Table, Utf8, vectorFromArray } from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import { decodeParquet, encodeParquet, readRowGroups } from './index'

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

  it('truncated bytes are CORRUPT_PARQUET, never a wasm panic', () => {
    expect(() => decodeParquet(bytes.subarray(0, bytes.length - 9), 'v1.parquet')).toThrow(
      expect.objectContaining({ code: 'CORRUPT_PARQUET' }),
    )
  })
})
