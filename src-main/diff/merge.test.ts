import { Float64, Int32, Utf8 } from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import { BORELOG_KEY, borelog, rowsOf, table, type Interval } from '../../test/fixtures/diff/tables'
import { diffTables, mergeTables, resolveConflicts } from './index'

const base: Interval[] = [
  { hole_id: 'BH1', depth_top_m: 0, depth_base_m: 1, description: 'Topsoil', spt_n: null },
  { hole_id: 'BH1', depth_top_m: 1, depth_base_m: 3, description: 'Soft CLAY', spt_n: 4 },
  { hole_id: 'BH1', depth_top_m: 3, depth_base_m: 6, description: 'Firm CLAY', spt_n: 12 },
  { hole_id: 'BH1', depth_top_m: 6, depth_base_m: 9, description: 'Dense SAND', spt_n: 35 },
]
const edit = (rows: Interval[], top: number, change: Partial<Interval>): Interval[] =>
  rows.map((r) => (r.depth_top_m === top ? { ...r, ...change } : r))
const without = (rows: Interval[], top: number): Interval[] =>
  rows.filter((r) => r.depth_top_m !== top)
const merge = (o: Interval[], t: Interval[]) =>
  mergeTables(borelog(base), borelog(o), borelog(t), { keyColumns: BORELOG_KEY })

describe('mergeTables', () => {
  it('combines edits that do not overlap', () => {
    const ours = edit(base, 1, { description: 'Soft grey CLAY' })
    const theirs = edit(edit(base, 3, { spt_n: 14 }), 1, { remarks: 'checked' })
    const r = merge(ours, theirs)
    expect(r.conflicts).toEqual([])
    const expected = edit(edit(ours, 3, { spt_n: 14 }), 1, { remarks: 'checked' })
    expect(diffTables(r.merged!, borelog(expected)).isEmpty).toBe(true)
  })

  it('takes the same edit made on both sides once', () => {
    const both = edit(without(base, 6), 1, { description: 'Soft grey CLAY' })
    const r = merge(both, both)
    expect(r.conflicts).toEqual([])
    expect(diffTables(r.merged!, borelog(both)).isEmpty).toBe(true)
  })

  it('combines rows added and deleted on either side, keeping key order', () => {
    const ours = [
      ...without(base, 3),
      { hole_id: 'BH1', depth_top_m: 9, depth_base_m: 10, description: 'Rock' },
    ]
    const theirs = [
      ...base.slice(0, 2),
      { hole_id: 'BH1', depth_top_m: 2, depth_base_m: 3, description: 'Peat' },
      ...base.slice(2),
    ]
    const r = merge(ours, theirs)
    expect(r.conflicts).toEqual([])
    expect(rowsOf(r.merged!).map((x) => x.depth_top_m)).toEqual([0, 1, 2, 6, 9])
  })

  it('makes a cell conflict of one cell changed to different values, with both values and the key', () => {
    const r = merge(
      edit(base, 3, { spt_n: 13 }),
      edit(base, 3, { spt_n: 15, description: 'Stiff CLAY' }),
    )
    expect(r.merged).toBeNull()
    expect(r.conflicts).toEqual([
      expect.objectContaining({
        id: 'c1',
        kind: 'cell',
        key: { hole_id: 'BH1', depth_top_m: 3 },
        column: 'spt_n',
        base: 12,
        ours: 13,
        theirs: 15,
        rows: { base: 2, ours: 2, theirs: 2 },
      }),
    ])
    const resolved = resolveConflicts(r, { c1: 'theirs' })
    expect(rowsOf(resolved)[2]).toMatchObject({ spt_n: 15, description: 'Stiff CLAY' })
    expect(rowsOf(resolveConflicts(r, { c1: 'ours' }))[2]).toMatchObject({
      spt_n: 13,
      description: 'Stiff CLAY',
    })
    expect(rowsOf(resolveConflicts(r, { c1: { value: 14 } }))[2]).toMatchObject({ spt_n: 14 })
  })

  it('makes a delete/edit conflict, resolved by keeping or dropping the row', () => {
    const r = merge(without(base, 6), edit(base, 6, { description: 'Very dense SAND' }))
    expect(r.conflicts).toEqual([
      expect.objectContaining({
        kind: 'delete_edit',
        deletedBy: 'ours',
        column: null,
        key: { hole_id: 'BH1', depth_top_m: 6 },
      }),
    ])
    expect(r.conflicts[0]!.theirs).toMatchObject({ description: 'Very dense SAND' })
    expect(r.conflicts[0]!.ours).toBeNull()
    expect(rowsOf(resolveConflicts(r, { c1: 'ours' })).map((x) => x.depth_top_m)).toEqual([0, 1, 3])
    expect(rowsOf(resolveConflicts(r, { c1: 'theirs' })).map((x) => x.description)).toEqual([
      'Topsoil',
      'Soft CLAY',
      'Firm CLAY',
      'Very dense SAND',
    ])
    expect(() => resolveConflicts(r, { c1: { value: 'x' } })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    )
  })

  it('merges rows both sides added under one key cell by cell', () => {
    const row = {
      hole_id: 'BH1',
      depth_top_m: 9,
      depth_base_m: 10,
      description: 'Rock',
      spt_n: null,
    }
    const same = merge([...base, row], [...base, { ...row, spt_n: 50 }])
    expect(same.conflicts).toEqual([])
    expect(rowsOf(same.merged!)[4]).toMatchObject({ description: 'Rock', spt_n: 50 })
    const different = merge([...base, row], [...base, { ...row, description: 'Weathered rock' }])
    expect(different.conflicts).toEqual([
      expect.objectContaining({
        kind: 'add_add',
        column: 'description',
        base: null,
        ours: 'Rock',
        theirs: 'Weathered rock',
      }),
    ])
  })

  it('refuses to build anything until every conflict is resolved', () => {
    const r = merge(edit(base, 1, { spt_n: 5 }), edit(base, 1, { spt_n: 6 }))
    expect(() => resolveConflicts(r, {})).toThrow(
      expect.objectContaining({ code: 'MERGE_CONFLICT' }),
    )
    expect(() => resolveConflicts(r, { c1: 'ours', c9: 'theirs' })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    )
  })

  it('merges columns: added on one side kept, removed on one side dropped', () => {
    const b = table([
      ['id', new Int32(), [1, 2]],
      ['old', new Utf8(), ['a', 'b']],
      ['v', new Int32(), [1, 2]],
    ])
    const o = table([
      ['id', new Int32(), [1, 2]],
      ['v', new Int32(), [1, 3]],
    ])
    const t = table([
      ['id', new Int32(), [1, 2, 3]],
      ['old', new Utf8(), ['a', 'b', null]],
      ['v', new Int32(), [1, 2, 3]],
      ['added', new Float64(), [0.5, null, 7]],
    ])
    const r = mergeTables(b, o, t, { keyColumns: ['id'] })
    expect(r.conflicts).toEqual([])
    expect(r.merged!.schema.fields.map((f) => f.name)).toEqual(['id', 'v', 'added'])
    expect(rowsOf(r.merged!)).toEqual([
      { id: 1, v: 1, added: 0.5 },
      { id: 2, v: 3, added: null },
      { id: 3, v: 3, added: 7 },
    ])
  })

  it('makes schema conflicts of a column removed on one side and edited on the other, or retyped on both', () => {
    const b = table([
      ['id', new Int32(), [1, 2]],
      ['x', new Utf8(), ['a', 'b']],
      ['n', new Int32(), [1, 2]],
    ])
    const o = table([
      ['id', new Int32(), [1, 2]],
      ['n', new Float64(), [1, 2]],
    ])
    const t = table([
      ['id', new Int32(), [1, 2]],
      ['x', new Utf8(), ['a', 'B']],
      ['n', new Utf8(), ['1', '2']],
    ])
    const r = mergeTables(b, o, t, { keyColumns: ['id'] })
    expect(r.conflicts.map((c) => [c.kind, c.column, c.ours, c.theirs])).toEqual([
      ['schema', 'n', 'Float64', 'Utf8'],
      ['schema', 'x', null, 'Utf8'],
    ])
    const ids = Object.fromEntries(r.conflicts.map((c) => [c.column, c.id]))
    const oursWins = resolveConflicts(r, { [ids.n!]: 'ours', [ids.x!]: 'ours' })
    expect(oursWins.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
      'id:Int32',
      'n:Float64',
    ])
    const theirsWins = resolveConflicts(r, { [ids.n!]: 'theirs', [ids.x!]: 'theirs' })
    expect(rowsOf(theirsWins)).toEqual([
      { id: 1, n: '1', x: 'a' },
      { id: 2, n: '2', x: 'B' },
    ])
  })

  it('takes a type change from one side when the other left the column alone', () => {
    const b = table([
      ['id', new Int32(), [1, 2]],
      ['n', new Int32(), [1, 2]],
    ])
    const o = table([
      ['id', new Int32(), [1, 2]],
      ['n', new Float64(), [1.5, 2]],
    ])
    const t = table([
      ['id', new Int32(), [1, 2, 3]],
      ['n', new Int32(), [1, 2, null]],
    ])
    const r = mergeTables(b, o, t, { keyColumns: ['id'] })
    expect(r.conflicts).toEqual([])
    expect(rowsOf(r.merged!)).toEqual([
      { id: 1, n: 1.5 },
      { id: 2, n: 2 },
      { id: 3, n: null },
    ])
  })

  it('refuses duplicate keys and a merge without keys with BAD_INPUT', () => {
    const dup = [...base, base[0]!]
    expect(() => merge(dup, base)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }))
    expect(() =>
      mergeTables(borelog(base), borelog(base), borelog(base), { keyColumns: [] }),
    ).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }))
  })
})
