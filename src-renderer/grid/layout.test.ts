import { describe, expect, it } from 'vitest'

import { cellClass, classes, gridLayout } from './layout'

describe('gridLayout', () => {
  it('places each column after the ones before it, header and rows sharing one template', () => {
    expect(gridLayout([78, 132, 380])).toEqual({
      template: '78px 132px 380px',
      totalWidth: 590,
      lefts: [0, 78, 210],
    })
  })

  it('lays out a grid with no data columns as its row-number column alone', () => {
    expect(gridLayout([64])).toEqual({ template: '64px', totalWidth: 64, lefts: [0] })
  })
})

describe('class names', () => {
  it('keeps only the names that apply, in order', () => {
    expect(classes('grid-row', false, 'grid-row-alt', null, undefined, 'grid-row-error')).toBe(
      'grid-row grid-row-alt grid-row-error',
    )
  })

  it('right-aligns number cells in every grid', () => {
    expect(cellClass({ kind: 'number' }, 'cell-error')).toBe('grid-cell num cell-error')
    expect(cellClass({ kind: 'text' }, false)).toBe('grid-cell')
  })
})
