import { Float64, Utf8, type Table } from 'apache-arrow'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { BORELOG_KEY, borelog, table, type Interval } from '../../test/fixtures/diff/tables'
import { decodeParquet, encodeParquet } from '../parquet/index'
import { applyDiff, diffTables, mergeTables, type Conflict } from './index'

// Small key and value universes, so independently drawn versions share most keys and
// values: every run mixes unchanged, changed, added and removed rows.
const holeId = fc.constantFrom('BH1', 'BH2', 'BH10')
const top = fc.integer({ min: 0, max: 12 }).map((i) => i * 0.25)
const text = fc.oneof(
  fc.constantFrom(null, '', 'Soft CLAY', 'Firm CLAY', 'naïve 🪨', 'e\u0301'),
  fc.string({ maxLength: 6 }),
)
const float = fc.oneof(fc.constantFrom(null, NaN, -0, 0, 0.1 + 0.2, 0.3, 1e-310), fc.double())
const spt = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 3 }))

const interval = (key: [string, number]) =>
  fc
    .record({ description: text, spt_n: spt, water_strike_m: float, remarks: text })
    .map((v): Interval => ({
      hole_id: key[0],
      depth_top_m: key[1],
      depth_base_m: key[1] + 0.25,
      ...v,
    }))

const intervals = fc
  .uniqueArray(fc.tuple(holeId, top), { selector: ([h, t]) => `${h}|${t}`, maxLength: 14 })
  .chain((keys) => fc.tuple(...keys.map(interval)))
  .chain((rows) => fc.boolean().map((sorted) => (sorted ? sortRows(rows) : rows)))

function sortRows(rows: Interval[]): Interval[] {
  return [...rows].sort((x, y) =>
    x.hole_id < y.hole_id ? -1 : x.hole_id > y.hole_id ? 1 : x.depth_top_m - y.depth_top_m,
  )
}

/** A version of a: drawn rows, then sometimes a column dropped, added or retyped. */
const schemaVariant = fc.constantFrom('same', 'drop remarks', 'add extra', 'retype spt_n')
function withVariant(rows: Interval[], variant: string): Table {
  const t = borelog(rows)
  if (variant === 'same') return t
  const columns = t.schema.fields.map(
    (f) => [f.name, f.type, t.getChild(f.name)!.toArray() as unknown[]] as const,
  )
  const values = (name: string) => Array.from(t.getChild(name)!, (x) => x)
  if (variant === 'drop remarks')
    return table(columns.filter(([n]) => n !== 'remarks').map(([n, ty]) => [n, ty, values(n)]))
  if (variant === 'add extra') {
    return table([
      ...columns.map(([n, ty]) => [n, ty, values(n)] as const),
      ['extra', new Utf8(), rows.map((r) => r.remarks ?? null)],
    ])
  }
  return table(
    columns.map(([n, ty]) => (n === 'spt_n' ? [n, new Float64(), values(n)] : [n, ty, values(n)])),
  )
}

/** Same schema, same rows in the same order, every cell equal (values.ts equality). */
function expectSameTable(x: Table, y: Table): void {
  expect(x.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(
    y.schema.fields.map((f) => `${f.name}:${String(f.type)}`),
  )
  const d = diffTables(x, y)
  expect(d.summary).toMatchObject({ added: 0, removed: 0, changed: 0 })
}

function expectSameRowsByKey(x: Table, y: Table): void {
  const d = diffTables(x, y, { keyColumns: BORELOG_KEY })
  expect(d.summary).toMatchObject({ added: 0, removed: 0, changed: 0 })
  expect(d.schemaChanges.filter((c) => c.kind !== 'columns_reordered')).toEqual([])
}

const runs = { numRuns: 150 }

describe('diff properties', () => {
  it('diff(a, a) is empty', () => {
    fc.assert(
      fc.property(intervals, (rows) => {
        const a = borelog(rows)
        expect(diffTables(a, a, { keyColumns: BORELOG_KEY }).isEmpty).toBe(true)
        expect(diffTables(a, a).isEmpty).toBe(true)
      }),
      runs,
    )
  })

  it('a Parquet round trip changes nothing', () => {
    fc.assert(
      fc.property(intervals, (rows) => {
        const a = borelog(rows)
        expect(
          diffTables(a, decodeParquet(encodeParquet(a)), { keyColumns: BORELOG_KEY }).isEmpty,
        ).toBe(true)
      }),
      { numRuns: 40 },
    )
  })

  it('applying diff(a, b) to a gives b, by key and by position, across schema changes', () => {
    fc.assert(
      fc.property(intervals, intervals, schemaVariant, (rowsA, rowsB, variant) => {
        const a = borelog(rowsA)
        const b = withVariant(rowsB, variant)
        expectSameTable(applyDiff(a, diffTables(a, b, { keyColumns: BORELOG_KEY })), b)
        expectSameTable(applyDiff(a, diffTables(a, b)), b)
      }),
      runs,
    )
  })

  it('summary counts agree with the rows the diff pages out', () => {
    fc.assert(
      fc.property(intervals, intervals, (rowsA, rowsB) => {
        const d = diffTables(borelog(rowsA), borelog(rowsB), { keyColumns: BORELOG_KEY })
        const all = d.page(0, d.changes.length)
        const count = (c: string) => all.filter((r) => r.change === c).length
        expect([count('added'), count('removed'), count('changed')]).toEqual([
          d.summary.added,
          d.summary.removed,
          d.summary.changed,
        ])
        expect(all.reduce((s, r) => s + r.cells.length, 0)).toBe(d.summary.changed_cells)
        expect(d.summary.unchanged + d.summary.changed).toBe(rowsA.length - d.summary.removed)
      }),
      runs,
    )
  })
})

describe('merge properties', () => {
  it('merge(base, x, base) = x and merge(base, base, x) = x', () => {
    fc.assert(
      fc.property(intervals, intervals, (rowsBase, rowsX) => {
        const base = borelog(rowsBase)
        const x = borelog(rowsX)
        const left = mergeTables(base, x, base, { keyColumns: BORELOG_KEY })
        expect(left.conflicts).toEqual([])
        expectSameTable(left.merged!, x)
        const right = mergeTables(base, base, x, { keyColumns: BORELOG_KEY })
        expect(right.conflicts).toEqual([])
        expectSameRowsByKey(right.merged!, x)
      }),
      runs,
    )
  })

  it('merge is symmetric up to conflict sides', () => {
    const swapped = (c: Conflict) => ({
      kind: c.kind,
      key: c.key,
      column: c.column,
      base: c.base,
      ours: c.theirs,
      theirs: c.ours,
      deletedBy: c.deletedBy === undefined ? undefined : c.deletedBy === 'ours' ? 'theirs' : 'ours',
    })
    const plain = (c: Conflict) => ({
      kind: c.kind,
      key: c.key,
      column: c.column,
      base: c.base,
      ours: c.ours,
      theirs: c.theirs,
      deletedBy: c.deletedBy,
    })
    const order = (x: { kind: string; key: unknown; column: string | null }) =>
      `${x.kind}|${JSON.stringify(x.key)}|${x.column}`
    fc.assert(
      fc.property(intervals, intervals, intervals, (rowsBase, rowsX, rowsY) => {
        const [base, x, y] = [borelog(rowsBase), borelog(rowsX), borelog(rowsY)]
        const xy = mergeTables(base, x, y, { keyColumns: BORELOG_KEY })
        const yx = mergeTables(base, y, x, { keyColumns: BORELOG_KEY })
        const sort = <T extends { kind: string; key: unknown; column: string | null }>(cs: T[]) =>
          [...cs].sort((p, q) => (order(p) < order(q) ? -1 : order(p) > order(q) ? 1 : 0))
        expect(sort(yx.conflicts.map(plain))).toEqual(sort(xy.conflicts.map(swapped)))
        if (xy.merged && yx.merged) expectSameRowsByKey(xy.merged, yx.merged)
        expect(xy.merged === null).toBe(yx.merged === null)
      }),
      runs,
    )
  })
})
