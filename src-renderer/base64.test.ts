import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { bytesToBase64 } from './base64'

function decode(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
}

describe('bytesToBase64', () => {
  it('matches the RFC 4648 test vectors', () => {
    const vectors = ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar']
    const expected = ['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy']
    vectors.forEach((text, i) =>
      expect(bytesToBase64(new TextEncoder().encode(text))).toBe(expected[i]),
    )
  })

  it('decodes back to the same bytes for any input, across chunk boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3 * 8192 * 2 + 7 }), (bytes) => {
        const base64 = bytesToBase64(bytes)
        expect(base64).toMatch(/^[A-Za-z0-9+/]*={0,2}$/)
        expect(decode(base64)).toEqual(bytes)
      }),
      { numRuns: 60 },
    )
  })

  it('a file several chunks long (padding only at its end) encodes without a stack overflow', () => {
    const bytes = new Uint8Array(1_000_000).map((_, i) => (i * 131) % 256)
    const base64 = bytesToBase64(bytes)
    expect(base64.indexOf('=')).toBe(base64.length - 2)
    expect(decode(base64)).toEqual(bytes)
  })
})
