import { describe, expect, it } from 'vitest'

import {
  AGS_LEGEND_CODES,
  COMMON_LEGEND_CODES,
  KNOWN_LEGEND_CODES,
  normalizeLegendCode,
} from './legend-codes'

describe('legend codes', () => {
  it('the editor suggests known AGS codes, described as the dictionary describes them', () => {
    for (const [code, description] of COMMON_LEGEND_CODES) {
      expect(AGS_LEGEND_CODES.get(code)).toBe(description)
      expect(KNOWN_LEGEND_CODES.has(normalizeLegendCode(code))).toBe(true)
    }
  })

  it('matching ignores case and surrounding spaces', () => {
    expect(KNOWN_LEGEND_CODES.has(normalizeLegendCode(' cl '))).toBe(true)
  })
})
