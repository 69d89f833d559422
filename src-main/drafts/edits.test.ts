import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { DraftEdit } from '../../shared/ipc/contract'
import { sampleHole } from '../../test/support/borelog-fixtures'
import { BORELOG_DEFINITION, conformTable, validateTable } from '../schema/index'
import { toCell } from './columns'
import { EditHistory } from './edits'
import { DraftRows } from './rows'

/** `isChunked`: the base in two record batches, as a version decoded by row groups is. */
function draft(holeId = 'BH1', isChunked = false): EditHistory {
  const one = conformTable(sampleHole(holeId), BORELOG_DEFINITION)
  const base = isChunked ? one.concat(conformTable(sampleHole(holeId, 2), BORELOG_DEFINITION)) : one
  return new EditHistory(new DraftRows(base, { hole_id: holeId }), {
    recordId: holeId,
    isBorelog: true,
  })
}

/** Every cell through the overlay, plus the header. */
function snapshot(history: EditHistory): unknown {
  const rows = history.rows
  return { rows: rows.page(0, rows.rowCount), header: { ...rows.header } }
}

/** The materialized table's cells: must equal what pages show. */
function materializedCells(history: EditHistory): unknown[][] {
  const table = history.rows.materialize()
  const out: unknown[][] = []
  for (let r = 0; r < table.numRows; r++) {
    out.push(table.schema.fields.map((_, c) => toCell(table.getChildAt(c)!.get(r) as never)))
  }
  return out
}

function codeOf(run: () => void): string | undefined {
  try {
    run()
  } catch (e) {
    return (e as { code?: string }).code
  }
  return undefined
}

describe('draft edits', () => {
  it('a typed set changes one cell and is labelled with its column and 1-based row', () => {
    const h = draft()
    h.edit({ kind: 'set', cells: [{ row: 1, column: 'depth_base_m', value: 2.5 }] })
    expect(h.rows.get(1, h.rows.columnIndex('depth_base_m'))).toBe(2.5)
    expect(h.undoLabel).toBe('Edit depth_base_m, row 2')
    expect(materializedCells(h)).toEqual((snapshot(h) as { rows: unknown }).rows)
  })

  it('a value whose type does not fit the column is BAD_INPUT and changes nothing', () => {
    const h = draft()
    const before = snapshot(h)
    const edits: DraftEdit[] = [
      {
        kind: 'set',
        cells: [
          { row: 0, column: 'description', value: 'ok' },
          { row: 1, column: 'depth_top_m', value: 'deep' },
        ],
      },
      { kind: 'set', cells: [{ row: 0, column: 'spt_n', value: 1.5 }] },
      { kind: 'set', cells: [{ row: 0, column: 'description', value: 3 }] },
      { kind: 'set', cells: [{ row: 9, column: 'description', value: 'x' }] },
      { kind: 'set', cells: [{ row: 0, column: 'nope', value: 'x' }] },
    ]
    for (const edit of edits) expect(codeOf(() => h.edit(edit))).toBe('BAD_INPUT')
    expect(snapshot(h)).toEqual(before)
    expect(h.editCount).toBe(0)
  })

  it('paste parses by column type, converts feet depths to metres and appends rows past the end', () => {
    const h = draft()
    h.edit({
      kind: 'paste',
      row: 2,
      column: 'depth_top_m',
      values: [
        ['10', '20', 'Sand', ''],
        ['20', '30', 'Gravel', '601'],
      ],
      units: 'ft',
    })
    expect(h.rows.rowCount).toBe(4)
    const top = h.rows.columnIndex('depth_top_m')
    expect(h.rows.get(2, top)).toBe(3.048)
    expect(h.rows.get(3, top)).toBe(6.096)
    expect(h.rows.get(3, h.rows.columnIndex('depth_base_m'))).toBe(9.144)
    expect(h.rows.get(2, h.rows.columnIndex('legend_code'))).toBeNull()
    expect(h.rows.get(3, h.rows.columnIndex('hole_id'))).toBe('BH1')
    expect(h.undoLabel).toBe('Paste 2 × 4 cells')
    h.undo()
    expect(h.rows.rowCount).toBe(3)
  })

  it('paste refuses a block wider than the columns to its right, and ints that are not whole', () => {
    const h = draft()
    const before = snapshot(h)
    expect(
      codeOf(() =>
        h.edit({ kind: 'paste', row: 0, column: 'remarks', values: [['a', 'b']], units: 'm' }),
      ),
    ).toBe('BAD_INPUT')
    expect(
      codeOf(() =>
        h.edit({ kind: 'paste', row: 0, column: 'spt_n', values: [['12.5']], units: 'm' }),
      ),
    ).toBe('BAD_INPUT')
    expect(snapshot(h)).toEqual(before)
  })

  it('inserted intervals get the hole id and start where the interval above ends', () => {
    const h = draft()
    h.edit({ kind: 'insert', at: 3, count: 2 })
    const top = h.rows.columnIndex('depth_top_m')
    expect(h.rows.get(3, top)).toBe(5)
    expect(h.rows.get(4, top)).toBeNull()
    expect(h.rows.get(4, h.rows.columnIndex('hole_id'))).toBe('BH1')
    expect(h.undoLabel).toBe('Insert 2 rows')
  })

  it('delete and move rearrange rows and undo puts them back', () => {
    const h = draft()
    const base = snapshot(h)
    h.edit({ kind: 'move', from: 0, count: 1, to: 2 })
    expect(h.undoLabel).toBe('Move 1 row')
    expect(h.rows.get(2, h.rows.columnIndex('depth_top_m'))).toBe(0)
    h.edit({ kind: 'delete', rows: [0, 2] })
    expect(h.undoLabel).toBe('Delete 2 rows')
    expect(h.rows.rowCount).toBe(1)
    h.undo()
    h.undo()
    expect(snapshot(h)).toEqual(base)
  })

  it('a base in several record batches reads and materializes as one table', () => {
    const h = draft('BH1', true)
    expect(h.rows.materialize().batches).toHaveLength(1)
    expect(materializedCells(h)).toEqual((snapshot(h) as { rows: unknown }).rows)
    expect(h.rows.get(4, h.rows.columnIndex('description'))).toBe('Firm brown CLAY (v2)')
  })

  it('a new edit clears the redo stack', () => {
    const h = draft()
    h.edit({ kind: 'header', key: 'project', value: 'Pier' })
    h.undo()
    expect(h.redoLabel).toBe('Edit header project')
    h.edit({ kind: 'insert', at: 0, count: 1 })
    expect(h.redoLabel).toBeNull()
    expect(h.redo()).toBe(false)
  })

  it('findings of the materialized draft show an overlap at once', () => {
    const h = draft()
    h.edit({ kind: 'set', cells: [{ row: 1, column: 'depth_top_m', value: 0.2 }] })
    const findings = validateTable(h.rows.materialize(), BORELOG_DEFINITION, h.rows.header)
    expect(findings.some((f) => f.rule === 'interval-overlap')).toBe(true)
  })

  const editArb = fc.oneof(
    fc.record({
      kind: fc.constant('set' as const),
      row: fc.nat(20),
      column: fc.constantFrom('depth_top_m', 'description', 'spt_n', 'legend_code'),
      value: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 80 })),
    }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(20),
      count: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      rows: fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant('move' as const),
      from: fc.nat(20),
      count: fc.integer({ min: 1, max: 2 }),
      to: fc.nat(20),
    }),
    fc.record({
      kind: fc.constant('paste' as const),
      row: fc.nat(20),
      width: fc.integer({ min: 1, max: 3 }),
      height: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({
      kind: fc.constant('header' as const),
      value: fc.option(fc.string({ maxLength: 5 })),
    }),
    fc.constant({ kind: 'undo' as const }),
  )
  type Seed = typeof editArb extends fc.Arbitrary<infer T> ? T : never

  /** A seed fitted to the draft's current size, so most edits apply. */
  function fit(seed: Seed, n: number): DraftEdit | 'undo' {
    const clamp = (v: number, max: number): number => (max <= 0 ? 0 : v % max)
    switch (seed.kind) {
      case 'undo':
        return 'undo'
      case 'set': {
        const value =
          seed.value === null
            ? null
            : seed.column === 'description' || seed.column === 'legend_code'
              ? `t${seed.value}`
              : seed.value
        return { kind: 'set', cells: [{ row: clamp(seed.row, n), column: seed.column, value }] }
      }
      case 'insert':
        return { kind: 'insert', at: clamp(seed.at, n + 1), count: seed.count }
      case 'delete':
        return { kind: 'delete', rows: seed.rows.map((r) => clamp(r, n)) }
      case 'move': {
        const count = Math.max(1, Math.min(seed.count, n))
        return {
          kind: 'move',
          from: clamp(seed.from, n - count + 1),
          count,
          to: clamp(seed.to, n - count + 1),
        }
      }
      case 'paste':
        return {
          kind: 'paste',
          row: clamp(seed.row, n + 1),
          column: 'depth_top_m',
          values: Array.from({ length: seed.height }, (_, i) =>
            Array.from({ length: seed.width }, (_, j) => (j === 2 ? `p${i}` : String(i + j))),
          ),
          units: seed.row % 2 ? 'ft' : 'm',
        }
      case 'header':
        return { kind: 'header', key: 'project', value: seed.value }
    }
  }

  it('property: any edits then undo-all give the base back; redo-all gives the same as applying them', () => {
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 25 }), fc.boolean(), (seeds, isChunked) => {
        const h = draft('BH1', isChunked)
        const base = snapshot(h)
        const baseCells = materializedCells(h)
        for (const seed of seeds) {
          const edit = fit(seed, h.rows.rowCount)
          if (edit === 'undo') h.undo()
          else if (
            h.rows.rowCount > 0 ||
            edit.kind === 'insert' ||
            edit.kind === 'paste' ||
            edit.kind === 'header'
          )
            h.edit(edit)
        }
        const after = snapshot(h)
        expect(materializedCells(h)).toEqual((after as { rows: unknown }).rows)
        const steps = h.editCount
        while (h.undo());
        expect(snapshot(h)).toEqual(base)
        expect(materializedCells(h)).toEqual(baseCells)
        for (let i = 0; i < steps; i++) expect(h.redo()).toBe(true)
        expect(snapshot(h)).toEqual(after)
        expect(materializedCells(h)).toEqual((after as { rows: unknown }).rows)
      }),
      { numRuns: 200 },
    )
  })
})
