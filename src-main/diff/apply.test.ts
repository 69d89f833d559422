import { Float64, Int32, TimestampMillisecond, Utf8 } from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import { table } from '../../test/fixtures/diff/tables'
import { applyDiff, diffTables } from './index'

describe('applyDiff', () => {
  it('rebuilds b from a through thousands of interleaved runs of a and b', () => {
    const n = 20_000
    const ids = Array.from({ length: n }, (_, i) => i)
    const a = table([
      ['id', new Int32(), ids],
      ['s', new Utf8(), ids.map((i) => (i % 11 === 0 ? null : `text ${i}`))],
      ['f', new Float64(), ids.map((i) => i / 8)],
      ['t', new TimestampMillisecond(), ids.map((i) => 1_700_000_000_000 + i)],
    ])
    const kept = ids.filter((i) => i % 97 !== 1)
    const b = table([
      ['id', new Int32(), [...kept, n + 5]],
      [
        's',
        new Utf8(),
        [
          ...kept.map((i) => (i % 13 === 0 ? `edited ${i}` : i % 11 === 0 ? null : `text ${i}`)),
          'new',
        ],
      ],
      ['f', new Float64(), [...kept.map((i) => (i % 17 === 0 ? -i : i / 8)), 1]],
      [
        't',
        new TimestampMillisecond(),
        [...kept.map((i) => 1_700_000_000_000 + (i % 19 === 0 ? 2 * i : i)), 0],
      ],
    ])
    const d = diffTables(a, b, { keyColumns: ['id'] })
    expect(d.changes.length).toBeGreaterThan(3000)
    const rebuilt = applyDiff(a, d)
    expect(rebuilt.numRows).toBe(b.numRows)
    expect(diffTables(rebuilt, b).isEmpty).toBe(true)
  })

  it('refuses a table of another size than the one diffed, with BAD_INPUT', () => {
    const a = table([['x', new Int32(), [1, 2]]])
    const d = diffTables(a, table([['x', new Int32(), [1]]]))
    expect(() => applyDiff(table([['x', new Int32(), [1]]]), d)).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    )
  })
})
