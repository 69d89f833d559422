import { describe, expect, it } from 'vitest'

import { formatShownCell } from './format'

const depth = { unit: 'm', kind: 'number' } as const
const blows = { unit: 'blows', kind: 'number' } as const

describe('cells in the user’s units', () => {
  it('metre columns show in feet when the user chose feet; other columns as stored', () => {
    expect(formatShownCell(3.048, depth, 'ft')).toBe('10')
    expect(formatShownCell(1.2, depth, 'm')).toBe('1.2')
    expect(formatShownCell(12, blows, 'ft')).toBe('12')
    expect(formatShownCell(null, depth, 'ft')).toBe('')
    expect(formatShownCell('n/a', depth, 'ft')).toBe('n/a')
  })
})
