import { describe, expect, it } from 'vitest'

import { isBlankHoleId, theOneHoleId } from './hole-id'

describe('the one hole id', () => {
  it('is the hole every named row names', () => {
    expect(theOneHoleId(['BH1', 'BH1'])).toBe('BH1')
    expect(theOneHoleId(['BH1', 'BH2'])).toBeNull()
  })

  it('blank hole ids do not count as another hole', () => {
    expect(theOneHoleId(['BH1', '', null, '  ', undefined])).toBe('BH1')
    expect(theOneHoleId(['', null, 'BH1'])).toBe('BH1')
    expect(theOneHoleId(['BH1', '', 'BH2'])).toBeNull()
  })

  it('no named row is no hole', () => {
    expect(theOneHoleId([])).toBeNull()
    expect(theOneHoleId(['', null, ' \t'])).toBeNull()
  })

  it('compares ids trimmed and gives the trimmed id', () => {
    expect(theOneHoleId([' BH1', 'BH1 '])).toBe('BH1')
  })

  it('blank is null, empty, only whitespace or not text', () => {
    for (const v of [null, undefined, '', '  ', '\t', 3]) expect(isBlankHoleId(v)).toBe(true)
    expect(isBlankHoleId('BH1')).toBe(false)
  })
})
