import { describe, expect, it } from 'vitest'

import { LAYOUT, buildStripLogModel } from '../../shared/strip-log/model'
import { CONTINUED_HEIGHT, sheetsOf, textBands } from '../../shared/strip-log/sheets'
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

describe('sheets at a stated scale', () => {
  const LONG =
    'Stiff to very stiff fissured grey brown slightly sandy slightly gravelly CLAY with occasional pockets of orange brown fine sand and rare selenite crystals. Gravel is fine to coarse subangular to rounded flint, chalk and quartzite. Fissures are closely spaced, randomly orientated, planar and polished, with grey silt coatings. '

  it('draws a metre of hole 1000/scale mm long at 96 dpi, at 1:25, 1:50 and 1:100', () => {
    const { rows, header } = generatedHole(20)
    for (const scale of [25, 50, 100]) {
      const m = buildStripLogModel(rows, header, { width: 718, scale })
      const pxPerM = (m.bodyBottom - m.bodyTop) / m.depthEnd
      expect(pxPerM).toBeCloseTo(((96 / 25.4) * 1000) / scale, 6)
      expect(m.scale).toBe(scale)
    }
  })

  it('draws a description longer than its stratum in full: the log runs on, at the same scale', () => {
    const rows = [
      { depth_top_m: 0, depth_base_m: 0.2, description: LONG.repeat(6) },
      { depth_top_m: 0.2, depth_base_m: 0.5, description: 'Dense SAND.' },
    ]
    const m = buildStripLogModel(rows, { hole_id: 'BH-LONG' }, { width: 718 })
    const label = m.descriptions[0]!
    expect(label.lines.join(' ')).toBe(LONG.repeat(6).trim())
    expect(m.descriptions[1]!.top).toBeGreaterThanOrEqual(
      label.top + label.lines.length * m.descriptionLineHeight - 0.01,
    )
    // Longer than the hole: the body continues below it at 1:50.
    expect(m.bodyBottom).toBeGreaterThan(m.endY! + 100)
    const pxPerM = (m.bodyBottom - m.bodyTop) / m.depthEnd
    expect(pxPerM).toBeCloseTo((96 / 25.4) * 20, 6)
  })

  it('continues a description longer than a sheet on the next, cutting between its lines only', () => {
    const rows = [{ depth_top_m: 0, depth_base_m: 1, description: LONG.repeat(20) }]
    const m = buildStripLogModel(rows, { hole_id: 'BH-LONG' }, { width: 718 })
    const sheets = sheetsOf(m, 1040)
    expect(sheets.length).toBeGreaterThan(1)
    for (const band of textBands(m)) {
      for (const s of sheets.slice(0, -1)) {
        expect(s.end <= band[0] + 0.01 || s.end >= band[1] - 0.01).toBe(true)
      }
    }
  })

  it('never cuts through a sample label, depth, scale number or SPT label', () => {
    const { rows, header } = generatedHole(100)
    for (const scale of [25, 50, 100]) {
      const m = buildStripLogModel(rows, header, { width: 718, scale })
      const sheets = sheetsOf(m, 1040)
      const cuts = sheets.slice(0, -1).map((s) => s.end)
      for (const cut of cuts) {
        for (const s of m.samples) {
          const top = s.labelY - LAYOUT.SAMPLE_FONT_SIZE / 2 - 1
          const bottom = s.labelY + LAYOUT.SAMPLE_FONT_SIZE / 2 + 1
          expect(cut <= top + 0.01 || cut >= bottom - 0.01, `sample ${s.label} cut`).toBe(true)
        }
        for (const [top, bottom] of textBands(m)) {
          expect(cut <= top + 0.01 || cut >= bottom - 0.01).toBe(true)
        }
      }
    }
  })
})
