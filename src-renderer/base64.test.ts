import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { bytesToBase64 } from './base64'

describe('bytesToBase64', () => {
  it('matches Node’s base64 for any bytes, across chunk boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3 * 8192 * 2 + 7 }), (bytes) => {
        expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
      }),
      { numRuns: 60 },
    )
  })

  it('a file several chunks long (with padding at the end) encodes without a stack overflow', () => {
    const bytes = new Uint8Array(1_000_001).map((_, i) => (i * 131) % 256)
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
  })

  it('empty bytes encode to the empty string', () => {
    expect(bytesToBase64(new Uint8Array(0))).toBe('')
  })
})
