import { describe, expect, it } from 'vitest'

import { DECIMAL_NUMBER, booleanOfWord } from './text-values'

describe('values typed as text', () => {
  it('yes/no words in any case, and nothing else, are booleans', () => {
    for (const word of ['true', 'T', ' yes ', 'Y', '1']) expect(booleanOfWord(word)).toBe(true)
    for (const word of ['false', 'f', 'NO', 'n', '0']) expect(booleanOfWord(word)).toBe(false)
    for (const word of ['', 'maybe', '2']) expect(booleanOfWord(word)).toBeNull()
  })

  it('decimal numbers only: no hex, no thousands separators', () => {
    for (const text of ['1', '-2.5', '.5', '1e3', '+3.'])
      expect(DECIMAL_NUMBER.test(text)).toBe(true)
    for (const text of ['0x10', '1,000', '1.2m', '']) expect(DECIMAL_NUMBER.test(text)).toBe(false)
  })
})
