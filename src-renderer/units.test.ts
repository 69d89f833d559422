import { describe, expect, it } from 'vitest'

import { metresToShown, shownToMetres, shownUnit } from './units'

describe('units', () => {
  it('metres show unchanged in metres', () => {
    expect(metresToShown(1.25, 'm')).toBe(1.25)
    expect(shownToMetres(1.25, 'm')).toBe(1.25)
  })

  it('feet typed round-trip to the same feet shown', () => {
    for (const feet of [0, 1, 3.5, 10, 33.3, 1000.25]) {
      expect(metresToShown(shownToMetres(feet, 'ft'), 'ft')).toBe(feet)
    }
    expect(shownToMetres(10, 'ft')).toBeCloseTo(3.048, 12)
  })

  it('only metre number columns change unit label', () => {
    expect(shownUnit({ unit: 'm', kind: 'number' }, 'ft')).toBe('ft')
    expect(shownUnit({ unit: 'blows', kind: 'number' }, 'ft')).toBe('blows')
    expect(shownUnit({ unit: null, kind: 'text' }, 'ft')).toBeNull()
  })
})
