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

  it('feet typed are stored rounded to the micrometre, as main stores pasted and imported feet', () => {
    expect(shownToMetres(0.1, 'ft')).toBe(0.03048)
    expect(shownToMetres(10, 'ft')).toBe(3.048)
    expect(shownToMetres(1 / 3, 'ft')).toBe(0.1016)
    expect(shownToMetres(0.1, 'm')).toBe(0.1)
  })

  it('only metre number columns change unit label', () => {
    expect(shownUnit({ unit: 'm', kind: 'number' }, 'ft')).toBe('ft')
    expect(shownUnit({ unit: 'blows', kind: 'number' }, 'ft')).toBe('blows')
    expect(shownUnit({ unit: null, kind: 'text' }, 'ft')).toBeNull()
  })
})
