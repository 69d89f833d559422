import { describe, expect, it } from 'vitest'

import { LAYOUT, buildStripLogModel } from '../../shared/strip-log/model'
import { CONTINUED_HEIGHT, sheetsOf } from '../../shared/strip-log/sheets'
import { generatedHole } from './test-fixtures'

describe('sheetsOf', () => {
  it('cuts a long log into sheets that fit the page, cover it without gaps, and cut no description', () => {
    const { rows, header } = generatedHole(100)
    const model = buildStripLogModel(rows, header, { width: 718 })
    const pageHeight = 1040
    const sheets = sheetsOf(model, pageHeight)
    expect(sheets.length).toBeGreaterThan(1)
    expect(sheets[0]!.start).toBe(model.bodyTop)
    expect(sheets.at(-1)!.end).toBe(model.footerTop - 10)
    sheets.forEach((s, i) => {
      expect(s.isLast).toBe(i === sheets.length - 1)
      if (i > 0) expect(s.start).toBe(sheets[i - 1]!.end)
      const footer = s.isLast ? model.height - s.end : CONTINUED_HEIGHT
      expect(model.bodyTop + (s.end - s.start) + footer).toBeLessThanOrEqual(
        pageHeight - LAYOUT.MARGIN + 0.5,
      )
      if (!s.isLast) {
        // The cut is the top of a label: no description runs across it.
        for (const d of model.descriptions) {
          const bottom = d.top + d.lines.length * model.descriptionLineHeight
          expect(d.top >= s.end - 0.01 || bottom <= s.end + 0.01).toBe(true)
        }
      }
    })
  })

  it('keeps a short log on one sheet', () => {
    const { rows, header } = generatedHole(5)
    const model = buildStripLogModel(rows, header, { width: 718 })
    expect(sheetsOf(model, 1040)).toEqual([
      { start: model.bodyTop, end: model.footerTop - 10, isLast: true },
    ])
  })
})
