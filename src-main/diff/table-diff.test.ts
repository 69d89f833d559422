import {
  Bool,
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMillisecond,
  Utf8,
  tableFromIPC,
  tableToIPC,
} from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import { BORELOG_KEY, borelog, table, type Interval } from '../../test/fixtures/diff/tables'
import { decodeParquet, encodeParquet } from '../parquet/index'
import { diffTables } from './index'

const hole = (id: string, layers: [number, number, string][]): Interval[] =>
  layers.map(([top, base, description]) => ({
    hole_id: id,
    depth_top_m: top,
    depth_base_m: base,
    description,
  }))

const v1 = borelog([
  ...hole('BH01', [
    [0, 0.3, 'Topsoil'],
    [0.3, 1.2, 'Soft brown CLAY'],
    [1.2, 3.5, 'Firm grey CLAY'],
  ]),
  ...hole('BH02', [
    [0, 0.5, 'Made ground'],
    [0.5, 2, 'Loose SAND'],
  ]),
])

describe('diffTables', () => {
  it('a table diffed with itself has no changes', () => {
    const d = diffTables(v1, v1, { keyColumns: BORELOG_KEY })
    expect(d.isEmpty).toBe(true)
    expect(d.summary).toMatchObject({
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: 5,
      changed_cells: 0,
      schema_changes: [],
    })
    expect(d.matchedBy).toBe('key')
  })

  it('reports added, removed and changed rows with the old and new value of each changed cell', () => {
    const v2 = borelog([
      ...hole('BH01', [
        [0, 0.3, 'Topsoil'],
        [0.3, 1.2, 'Soft brown slightly sandy CLAY'],
        [1.2, 3.5, 'Firm grey CLAY'],
      ]),
      ...hole('BH02', [[0, 0.5, 'Made ground']]),
      ...hole('BH03', [[0, 1, 'Peat']]),
    ])
    const d = diffTables(v1, v2, { keyColumns: BORELOG_KEY })
    expect(d.summary).toMatchObject({
      added: 1,
      removed: 1,
      changed: 1,
      unchanged: 3,
      changed_cells: 1,
    })
    expect(d.summary.perColumn.description).toBe(1)
    const changes = d.page(0, 10)
    expect(changes.map((c) => [c.change, c.key])).toEqual([
      ['changed', { hole_id: 'BH01', depth_top_m: 0.3 }],
      ['removed', { hole_id: 'BH02', depth_top_m: 0.5 }],
      ['added', { hole_id: 'BH03', depth_top_m: 0 }],
    ])
    expect(changes[0]!.cells).toEqual([
      { column: 'description', old: 'Soft brown CLAY', new: 'Soft brown slightly sandy CLAY' },
    ])
    expect(changes[1]!.before?.description).toBe('Loose SAND')
    expect(changes[1]!.after).toBeNull()
  })

  it('matches rows by key, so reordered rows are unchanged', () => {
    const reversed = borelog(
      v1
        .toArray()
        .reverse()
        .map((r) => ({ ...(r as object) }) as Interval),
    )
    const d = diffTables(v1, reversed, { keyColumns: BORELOG_KEY })
    expect(d.summary).toMatchObject({ added: 0, removed: 0, changed: 0, unchanged: 5 })
  })

  it('falls back to row position without key columns, and says so', () => {
    const longer = borelog([
      ...(v1.toArray().map((r) => ({ ...(r as object) })) as Interval[]),
      ...hole('BH09', [[0, 1, 'x']]),
    ])
    const d = diffTables(v1, longer)
    expect(d.matchedBy).toBe('position')
    expect(d.summary).toMatchObject({ added: 1, removed: 0, changed: 0, unchanged: 5 })
    expect(d.page(0, 1)[0]).toMatchObject({ change: 'added', rowA: null, rowB: 5, key: {} })
  })

  it('treats null as equal only to null', () => {
    const a = table([['x', new Int32(), [null, null, 1, 2]]])
    const b = table([['x', new Int32(), [null, 5, null, 2]]])
    const d = diffTables(a, b)
    expect(d.summary).toMatchObject({ changed: 2, unchanged: 2 })
    expect(d.page(0, 5).map((r) => r.cells[0])).toEqual([
      { column: 'x', old: null, new: 5 },
      { column: 'x', old: 1, new: null },
    ])
  })

  it('treats NaN as equal to NaN and -0 as equal to 0, and compares floats exactly', () => {
    const a = table([['x', new Float64(), [NaN, -0, 0.1 + 0.2, NaN, 1e-310, Infinity]]])
    const b = table([['x', new Float64(), [NaN, 0, 0.3, 1, 1e-310, -Infinity]]])
    const d = diffTables(a, b)
    expect(d.page(0, 10).map((r) => r.rowA)).toEqual([2, 3, 5])
  })

  it('finds no change after a Parquet round trip of awkward values', () => {
    const awkward = table([
      ['id', new Int32(), [1, 2, 3, 4, 5]],
      ['f', new Float64(), [NaN, -0, 5e-324, 0.1 + 0.2, -1.7976931348623157e308]],
      ['s', new Utf8(), ['', 'naïve café', 'e\u0301', '🪨 strata 𝔾', 'x'.repeat(300_000)]],
      ['t', new TimestampMillisecond(), [0, -1, Date.UTC(2024, 1, 29, 23, 59, 59, 999), null, 1]],
      ['n', new Int64(), [0n, -(2n ** 63n), 2n ** 63n - 1n, null, 7n]],
      ['b', new Bool(), [true, false, null, true, false]],
    ])
    const back = decodeParquet(encodeParquet(awkward))
    const d = diffTables(awkward, back, { keyColumns: ['id'] })
    expect(d.summary).toMatchObject({ changed: 0, changed_cells: 0, unchanged: 5 })
  })

  it('sees a change in timestamps, int64 and booleans', () => {
    const a = table([
      ['t', new TimestampMillisecond(), [1000, 2000]],
      ['n', new Int64(), [2n ** 62n, 1n]],
      ['b', new Bool(), [true, false]],
    ])
    const b = table([
      ['t', new TimestampMillisecond(), [1001, 2000]],
      ['n', new Int64(), [2n ** 62n + 1n, 1n]],
      ['b', new Bool(), [true, true]],
    ])
    const d = diffTables(a, b)
    expect(d.summary.perColumn).toEqual({ t: 1, n: 1, b: 1 })
    expect(d.page(0, 2)[0]!.cells.map((c) => c.column)).toEqual(['t', 'n'])
  })

  it('compares strings byte for byte: long strings, Unicode, and no normalisation', () => {
    const long = 'Stiff grey CLAY. '.repeat(50_000)
    const middle = long.slice(0, 400_000) + 'X' + long.slice(400_001)
    const a = table([['s', new Utf8(), [long, long, 'café', 'café', '🪨']]])
    const b = table([['s', new Utf8(), [long, middle, 'cafe\u0301', 'café', '🪨']]])
    const d = diffTables(a, b)
    expect(d.page(0, 10).map((r) => r.rowA)).toEqual([1, 2])
  })

  it('finds every differing string among many equal ones (runs compared as one span)', () => {
    const n = 5000
    const values = Array.from({ length: n }, (_, i) => `interval ${i % 37} description`)
    const edited = values.map((v, i) =>
      i % 211 === 0 ? v.replace('interval', 'intervaL') : i % 499 === 0 ? `${v}!` : v,
    )
    const a = table([['s', new Utf8(), values]])
    const b = table([['s', new Utf8(), edited]])
    const expected = values.flatMap((v, i) => (v !== edited[i] ? [i] : []))
    expect(
      diffTables(a, b)
        .page(0, n)
        .map((r) => r.rowA),
    ).toEqual(expected)
  })

  it('reports duplicate keys and does not pair their rows', () => {
    const a = borelog([
      ...hole('BH01', [[0, 1, 'a']]),
      ...hole('BH01', [[0, 1, 'b']]),
      ...hole('BH02', [[0, 1, 'c']]),
    ])
    const b = borelog([...hole('BH01', [[0, 1, 'a']]), ...hole('BH02', [[0, 1, 'c']])])
    const d = diffTables(a, b, { keyColumns: BORELOG_KEY })
    expect(d.duplicateKeys).toEqual([
      { key: { hole_id: 'BH01', depth_top_m: 0 }, rowsA: [0, 1], rowsB: [0] },
    ])
    expect(d.summary).toMatchObject({ duplicate_keys: 1, removed: 2, added: 1, unchanged: 1 })
    expect(d.page(0, 5).every((r) => r.duplicateKey)).toBe(true)
  })

  it('gives the same result for unsorted input (hash join) as for sorted input (merge join)', () => {
    const rows = v1.toArray().map((r) => ({ ...(r as object) }) as Interval)
    const edited = rows.map((r, i) => (i === 2 ? { ...r, description: 'Stiff grey CLAY' } : r))
    const shuffled = borelog([edited[3]!, edited[0]!, edited[4]!, edited[2]!])
    const sorted = borelog([edited[0]!, edited[2]!, edited[3]!, edited[4]!])
    const x = diffTables(v1, shuffled, { keyColumns: BORELOG_KEY })
    const y = diffTables(v1, sorted, { keyColumns: BORELOG_KEY })
    expect(x.summary).toEqual(y.summary)
    expect(x.summary).toMatchObject({ removed: 1, changed: 1, unchanged: 3 })
    // b's order, each removed row right after the row that preceded it in a
    expect(x.page(0, 5).map((r) => [r.change, r.rowA, r.rowB])).toEqual([
      ['removed', 1, null],
      ['changed', 2, 3],
    ])
  })

  it('reads tables of many chunks and sliced chunks like one chunk', () => {
    const n = 3000
    const ids = Array.from({ length: n }, (_, i) => i)
    const a = table([
      ['id', new Int32(), ids],
      ['s', new Utf8(), ids.map((i) => (i % 5 === 0 ? null : `v${i}`))],
      ['f', new Float64(), ids.map((i) => (i % 7 === 0 ? null : i / 3))],
    ])
    const b = table([
      ['id', new Int32(), ids],
      ['s', new Utf8(), ids.map((i) => (i % 5 === 0 ? null : i === 1234 ? 'changed' : `v${i}`))],
      ['f', new Float64(), ids.map((i) => (i % 7 === 0 ? (i === 2800 ? 1 : null) : i / 3))],
    ])
    const chunkedA = new Table(
      a.slice(0, 1000).batches.concat(a.slice(1000, 1001).batches, a.slice(1001).batches),
    )
    const chunkedB = new Table([
      ...b.slice(0, 1500).batches,
      ...b.slice(1500, 2999).batches,
      ...b.slice(2999).batches,
    ])
    const viaIpc = tableFromIPC(tableToIPC(chunkedB))
    for (const [x, y] of [
      [a, b],
      [chunkedA, chunkedB],
      [chunkedA, viaIpc],
    ] as const) {
      const d = diffTables(x, y, { keyColumns: ['id'] })
      expect(d.page(0, 10).map((r) => r.rowB)).toEqual([1234, 2800])
      expect(d.summary.perColumn).toEqual({ id: 0, s: 1, f: 1 })
    }
  })

  it('reports schema changes: added, removed, retyped and reordered columns', () => {
    const a = table([
      ['id', new Int32(), [1, 2]],
      ['n', new Int32(), [5, 6]],
      ['gone', new Utf8(), ['x', 'y']],
      ['s', new Utf8(), ['p', 'q']],
    ])
    const b = table([
      ['id', new Int32(), [1, 2]],
      ['s', new Utf8(), ['p', 'q']],
      ['n', new Float64(), [5, 6.5]],
      ['new', new Float64(), [1, 2]],
    ])
    const d = diffTables(a, b, { keyColumns: ['id'] })
    expect(d.schemaChanges).toEqual([
      { kind: 'column_removed', column: 'gone', type: 'Utf8' },
      { kind: 'column_added', column: 'new', type: 'Float64' },
      { kind: 'type_changed', column: 'n', from: 'Int32', to: 'Float64' },
      { kind: 'columns_reordered', from: ['id', 'n', 's'], to: ['id', 's', 'n'] },
    ])
    // 5 (int) and 5.0 (float) are the same value; 6 -> 6.5 is a change
    expect(d.summary).toMatchObject({ changed: 1, changed_cells: 1 })
    expect(d.page(0, 1)[0]!.cells).toEqual([{ column: 'n', old: 6, new: 6.5 }])
  })

  it('reports a rename only when it is unambiguous', () => {
    const a = table([
      ['id', new Int32(), [1, 2, 3]],
      ['notes', new Utf8(), ['a', 'b', 'c']],
    ])
    const renamed = table([
      ['id', new Int32(), [1, 2, 3]],
      ['remarks', new Utf8(), ['a', 'b', 'z']],
    ])
    const d = diffTables(a, renamed, { keyColumns: ['id'] })
    expect(d.schemaChanges).toEqual([
      { kind: 'column_renamed', from: 'notes', to: 'remarks', type: 'Utf8' },
    ])
    expect(d.page(0, 5).map((r) => r.cells)).toEqual([[{ column: 'remarks', old: 'c', new: 'z' }]])

    const twoCandidates = table([
      ['id', new Int32(), [1, 2, 3]],
      ['remarks', new Utf8(), ['a', 'b', 'c']],
      ['comments', new Utf8(), ['a', 'b', 'c']],
    ])
    expect(
      diffTables(a, twoCandidates, { keyColumns: ['id'] }).schemaChanges.map((c) => c.kind),
    ).toEqual(['column_removed', 'column_added', 'column_added'])
    const unrelated = table([
      ['id', new Int32(), [1, 2, 3]],
      ['remarks', new Utf8(), ['x', 'y', 'z']],
    ])
    expect(
      diffTables(a, unrelated, { keyColumns: ['id'] }).schemaChanges.map((c) => c.kind),
    ).toEqual(['column_removed', 'column_added'])
  })

  it('reports header and key-value metadata changes', () => {
    const d = diffTables(v1, v1, {
      keyColumns: BORELOG_KEY,
      headers: {
        a: { project: 'Hindley', crs: 'EPSG:27700' },
        b: { project: 'Hindley Mill', logged_by: 'JD' },
      },
      metadata: { a: new Map([['borelog.version', '1']]), b: new Map([['borelog.version', '2']]) },
    })
    expect(d.headerChanges).toEqual([
      { key: 'crs', change: 'removed', old: 'EPSG:27700', new: null },
      { key: 'logged_by', change: 'added', old: null, new: 'JD' },
      { key: 'project', change: 'changed', old: 'Hindley', new: 'Hindley Mill' },
    ])
    expect(d.metadataChanges).toEqual([
      { key: 'borelog.version', change: 'changed', old: '1', new: '2' },
    ])
    expect(d.isEmpty).toBe(false)
  })

  it('matches keys with nulls: null equals null', () => {
    const a = table([
      ['k', new Utf8(), [null, 'a', 'b']],
      ['v', new Int32(), [1, 2, 3]],
    ])
    const b = table([
      ['k', new Utf8(), ['b', null, 'a']],
      ['v', new Int32(), [3, 9, 2]],
    ])
    const d = diffTables(a, b, { keyColumns: ['k'] })
    expect(d.summary).toMatchObject({ changed: 1, unchanged: 2, added: 0, removed: 0 })
    expect(d.page(0, 1)[0]!.key).toEqual({ k: null })
  })

  it('rejects key columns a table lacks with SCHEMA_MISMATCH', () => {
    expect(() => diffTables(v1, v1, { keyColumns: ['hole_id', 'nope'] })).toThrow(
      expect.objectContaining({ code: 'SCHEMA_MISMATCH' }),
    )
  })
})

describe('DiffResult paging', () => {
  const n = 1000
  const ids = Array.from({ length: n }, (_, i) => i)
  const a = table([
    ['id', new Int32(), ids],
    ['v', new Int32(), ids],
  ])
  const b = table([
    ['id', new Int32(), ids.filter((i) => i !== 500)],
    ['v', new Int32(), ids.filter((i) => i !== 500).map((i) => (i % 100 === 7 ? -i : i))],
  ])
  const d = diffTables(a, b, { keyColumns: ['id'] })

  it('pages through changes in order and counts them at once', () => {
    expect(d.summary).toMatchObject({ changed: 10, removed: 1 })
    expect(d.changes.length).toBe(11)
    expect(d.page(0, 3).map((r) => r.rowA)).toEqual([7, 107, 207])
    expect(d.page(9, 5).map((r) => r.rowA)).toEqual([807, 907])
    expect(d.page(20, 5)).toEqual([])
  })

  it('jumps to the next and previous change from any row', () => {
    expect(d.nextChange(-1)).toBe(7)
    expect(d.nextChange(7)).toBe(107)
    expect(d.nextChange(450)).toBe(500)
    expect(d.row(500)).toMatchObject({ change: 'removed', rowA: 500 })
    expect(d.nextChange(907)).toBeNull()
    expect(d.previousChange(107)).toBe(7)
    expect(d.previousChange(7)).toBeNull()
    expect(d.changesUpTo(107)).toBe(2)
  })

  it('maps table rows to diff rows', () => {
    expect(d.diffRowOf('b', 600)).toBe(601)
    expect(d.diffRowOf('a', 500)).toBe(500)
    expect(d.rows(499, 3).map((r) => r.change)).toEqual(['unchanged', 'removed', 'unchanged'])
  })
})
