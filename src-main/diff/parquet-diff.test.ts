import { Float64, Int32, Utf8 } from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import { table } from '../../test/fixtures/diff/tables'
import { encodeParquet } from '../parquet/index'
import {
  diffJson,
  diffParquet,
  diffSummaryJson,
  diffTables,
  firstChangesFromParquet,
  renderDiffText,
} from './index'

const n = 40_000
const ids = Array.from({ length: n }, (_, i) => i)
const a = table([
  ['id', new Int32(), ids],
  ['v', new Float64(), ids.map((i) => i / 4)],
  ['s', new Utf8(), ids.map((i) => `row ${i}`)],
])
const kept = ids.filter((i) => i % 997 !== 5)
const b = table([
  ['id', new Int32(), [...kept, n, n + 1]],
  ['v', new Float64(), [...kept.map((i) => (i % 301 === 0 ? -1 : i / 4)), 0, 0]],
  ['s', new Utf8(), [...kept.map((i) => `row ${i}`), 'new', 'new']],
])
// Small row groups, so a window covers a few of them and a whole read takes several slices.
const fileA = {
  bytes: encodeParquet(a, {
    rowGroupSize: 3000,
    keyValueMetadata: new Map([['origin', 'site laptop']]),
  }),
  where: 'a.parquet',
}
const fileB = {
  bytes: encodeParquet(b, {
    rowGroupSize: 5000,
    keyValueMetadata: new Map([['origin', 'office']]),
  }),
  where: 'b.parquet',
}

describe('diffs from Parquet files', () => {
  it('diffs two files like their tables, with key-value metadata changes', async () => {
    const fromFiles = await diffParquet(fileA, fileB, { keyColumns: ['id'] })
    const inMemory = diffTables(a, b, { keyColumns: ['id'] })
    expect(fromFiles.summary).toEqual(inMemory.summary)
    expect(fromFiles.metadataChanges).toEqual([
      { key: 'origin', change: 'changed', old: 'site laptop', new: 'office' },
    ])
  })

  it('gives the first page of changes with the same rows and numbers as the full diff', async () => {
    const full = diffTables(a, b, { keyColumns: ['id'] })
    const first = await firstChangesFromParquet(fileA, fileB, { keyColumns: ['id'], limit: 100 })
    expect(first.rows).toEqual(full.page(0, 100))
    expect(first).toMatchObject({ complete: false, added: null })
    const all = await firstChangesFromParquet(fileA, fileB, { keyColumns: ['id'], limit: 10_000 })
    expect(all).toMatchObject({
      complete: true,
      added: full.summary.added,
      removed: full.summary.removed,
      rowCount: full.rowCount,
    })
    expect(all.rows).toEqual(full.page(0, 10_000))
    const byPosition = await firstChangesFromParquet(fileA, fileB, { limit: 50 })
    expect(byPosition.rows).toEqual(diffTables(a, b).page(0, 50))
  })

  it('takes no change from a key that later row groups could still hold (unsorted files)', async () => {
    // b holds its rows backwards: every row group spans the whole key range, so no key is
    // certain before all of b is read, and the page still equals the full diff's changes.
    const reversed = table([
      ['id', new Int32(), [...kept].reverse()],
      ['v', new Float64(), [...kept].reverse().map((i) => (i % 301 === 0 ? -1 : i / 4))],
      ['s', new Utf8(), [...kept].reverse().map((i) => `row ${i}`)],
    ])
    const fileR = { bytes: encodeParquet(reversed, { rowGroupSize: 5000 }), where: 'r.parquet' }
    const first = await firstChangesFromParquet(fileA, fileR, { keyColumns: ['id'], limit: 20 })
    const full = diffTables(a, reversed, { keyColumns: ['id'] })
    const changedKeys = new Set(full.page(0, full.changes.length).map((r) => JSON.stringify(r.key)))
    expect(first.rows).toHaveLength(20)
    for (const r of first.rows) expect(changedKeys.has(JSON.stringify(r.key))).toBe(true)
    expect(first.rows.map((r) => r.change)).toEqual(
      first.rows.map((r) => full.row(full.diffRowOf('a', r.rowA!)!).change),
    )
  })

  it('names a corrupt file with CORRUPT_PARQUET', async () => {
    const truncated = { bytes: fileA.bytes.subarray(0, 1000), where: 'cut.parquet' }
    await expect(diffParquet(truncated, fileB, { keyColumns: ['id'] })).rejects.toMatchObject({
      code: 'CORRUPT_PARQUET',
    })
  })
})

describe('diff output', () => {
  const d = diffTables(a, b, { keyColumns: ['id'] })

  it('--summary --json carries the six promised keys as row counts', () => {
    const json = diffSummaryJson(d)
    expect(json).toMatchObject({
      added: 2,
      removed: d.summary.removed,
      changed: d.summary.changed,
      unchanged: d.summary.unchanged,
    })
    expect(Object.keys(json).slice(0, 6)).toEqual([
      'added',
      'removed',
      'changed',
      'unchanged',
      'changed_cells',
      'schema_changes',
    ])
  })

  it('full JSON lists changes with JSON-safe values and says how many it left out', () => {
    const nan = diffTables(table([['x', new Float64(), [1]]]), table([['x', new Float64(), [NaN]]]))
    expect((diffJson(nan).changes as { cells: unknown[] }[])[0]!.cells).toEqual([
      { column: 'x', old: 1, new: 'NaN' },
    ])
    expect(diffJson(d, { limit: 3 }).changes_omitted).toBe(d.changes.length - 3)
  })

  it('colours the report only when asked', () => {
    expect(renderDiffText(d)).not.toContain('\u001b[')
    expect(renderDiffText(d, { color: true })).toContain('\u001b[32m')
    expect(renderDiffText(d, { limit: 2 })).toMatch(/Changes \(first 2 of [\d,]+\)/)
    expect(renderDiffText(d, { summaryOnly: true })).not.toContain('Changes')
  })
})
