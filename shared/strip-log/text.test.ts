import { describe, expect, it } from 'vitest'

import { textWidth, wrapText } from './text'

describe('text', () => {
  it('wraps words into lines no wider than the column', () => {
    const text =
      'Soft low strength brown with light grey and orange brown mottling slightly sandy CLAY.'
    const lines = wrapText(text, 120, 10)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.join(' ')).toBe(text)
    for (const line of lines) expect(textWidth(line, 10)).toBeLessThanOrEqual(120)
  })

  it('cuts a word longer than a line', () => {
    const lines = wrapText('x'.repeat(80), 50, 10)
    expect(lines.join('')).toBe('x'.repeat(80))
    for (const line of lines) expect(textWidth(line, 10)).toBeLessThanOrEqual(50)
  })
})
