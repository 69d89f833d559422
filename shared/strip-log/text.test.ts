import { describe, expect, it } from 'vitest'

import { elideLines, fitLine, textWidth, wrapText } from './text'

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

  it('ends an elided text with an ellipsis that fits', () => {
    const lines = elideLines(['Soft brown CLAY.', 'Sand is fine.', 'More.'], 2, 60, 10)
    expect(lines).toHaveLength(2)
    expect(lines[1]!.endsWith('…')).toBe(true)
    expect(lines[1]!.includes('.…')).toBe(false)
    expect(fitLine('A long project name that will not fit', 80, 10).endsWith('…')).toBe(true)
    expect(fitLine('Short', 80, 10)).toBe('Short')
  })
})
