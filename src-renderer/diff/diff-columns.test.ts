import { describe, expect, it } from 'vitest'

import type { DiffSummaryView } from '../../shared/ipc/contract'
import { diffGridWidths, shownColumns } from './diff-columns'

function column(
  name: string,
  extra: Partial<DiffSummaryView['columns'][number]> = {},
): DiffSummaryView['columns'][number] {
  return { name, type: 'Utf8', kind: 'text', unit: null, isKey: false, presence: 'both', ...extra }
}

const view = {
  columns: [
    column('hole_id', { isKey: true }),
    column('depth_top_m', { kind: 'number', unit: 'm' }),
    column('description'),
    column('remarks'),
    column('legend_code'),
    column('old_note', { presence: 'removed' }),
  ],
  perColumn: { hole_id: 0, depth_top_m: 0, description: 0, remarks: 0, legend_code: 2 },
} as unknown as DiffSummaryView

describe('shownColumns', () => {
  it('side by side shows keys, the description, changed and added or removed columns', () => {
    expect(shownColumns(view, 'split', false).map((c) => c.name)).toEqual([
      'hole_id',
      'description',
      'legend_code',
      'old_note',
    ])
  })

  it('keeps each column at its place in the cells, whatever is hidden', () => {
    expect(shownColumns(view, 'split', false).map((c) => c.at)).toEqual([0, 2, 4, 5])
  })

  it('shows every column when unified or when asked for all', () => {
    expect(shownColumns(view, 'unified', false)).toHaveLength(6)
    expect(shownColumns(view, 'split', true)).toHaveLength(6)
  })
})

describe('diffGridWidths', () => {
  it('side by side repeats each side’s row number and cells after the change mark', () => {
    expect(diffGridWidths([100, 190], 'split')).toEqual([28, 56, 100, 190, 56, 100, 190])
  })

  it('unified has both row numbers, then the cells once', () => {
    expect(diffGridWidths([140], 'unified')).toEqual([28, 56, 56, 140])
  })
})
