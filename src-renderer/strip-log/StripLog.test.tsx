import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { sheetModel, stripLogSheetsSvg } from '../../shared/strip-log/export-svg'
import { sheetsOf } from '../../shared/strip-log/sheets'
import hindleyMill from './fixtures/hindley-mill.json'
import { buildStripLogModel } from '../../shared/strip-log/model'
import type { StripLogRow } from '../../shared/strip-log/parse'
import { SHEET_HEIGHT, StripLog, StripLogSvg } from '../../shared/strip-log/StripLog'
import { generatedHole } from './test-fixtures'

interface FixtureHole {
  holeId: string
  header: Record<string, string>
  intervals: StripLogRow[]
}

function hole(id: string): FixtureHole {
  const found = (hindleyMill.holes as FixtureHole[]).find((h) => h.holeId === id)
  if (!found) throw new Error(`fixture has no hole ${id}`)
  return found
}

const attrs = (markup: string, tag: string, attr: string): string[] =>
  [...markup.matchAll(new RegExp(`<${tag}[^>]*\\s${attr}="([^"]*)"`, 'g'))].map(
    (m) => m[1] as string,
  )

describe('StripLog', () => {
  it('draws each stratum of a real borehole with the pattern of its legend code', () => {
    const { intervals, header } = hole('WS05')
    const markup = renderToStaticMarkup(<StripLog rows={intervals} header={header} />)
    expect(attrs(markup, 'g', 'data-pattern')).toEqual([
      'made-ground',
      'made-ground',
      'made-ground',
      'siltstone',
    ])
    // Every pattern a stratum uses is defined in the drawing.
    for (const key of ['made-ground', 'siltstone']) expect(markup).toContain(`-pat-${key}"`)
    expect(markup).toContain('WS05')
    expect(markup).toContain('Hindley Mill Embankment')
    expect(markup).toContain('63.33 m OD')
    expect(markup).toContain('Window Sampler (WS)')
    expect(markup).toContain('2017-10-25')
  })

  it('picks patterns from the description when the legend code is missing or unknown', () => {
    const rows: StripLogRow[] = [
      { depth_top_m: 0, depth_base_m: 1, legend_code: null, description: 'Soft brown sandy CLAY' },
      { depth_top_m: 1, depth_base_m: 2, legend_code: 'ZZ', description: 'Dense GRAVEL' },
      { depth_top_m: 2, depth_base_m: 3, legend_code: '', description: 'Strong LIMESTONE' },
      { depth_top_m: 3, depth_base_m: 4, legend_code: null, description: 'no idea' },
    ]
    const markup = renderToStaticMarkup(<StripLog rows={rows} header={{ hole_id: 'BH1' }} />)
    expect(attrs(markup, 'g', 'data-pattern')).toEqual([
      'clay~sand',
      'gravel',
      'limestone',
      'unknown',
    ])
  })

  it('keeps a 100-stratum hole readable: every stratum drawn, labels in order, none overlapping', () => {
    const { rows, header } = generatedHole(100)
    const model = buildStripLogModel(rows, header)
    expect(model.layers).toHaveLength(100)
    const labels = model.descriptions.filter((d) => !d.isEnd)
    expect(labels).toHaveLength(100)
    const lineHeight = model.descriptionLineHeight
    expect(model.descriptionFontSize).toBeGreaterThanOrEqual(9)
    labels.forEach((d, i) => {
      expect(d.lines.length).toBeGreaterThanOrEqual(1)
      expect(d.top).toBeGreaterThanOrEqual(model.bodyTop)
      expect(d.top + d.lines.length * lineHeight).toBeLessThanOrEqual(model.bodyBottom + 0.5)
      const next = model.descriptions[i + 1]
      if (next) expect(d.top + d.lines.length * lineHeight).toBeLessThanOrEqual(next.top + 0.01)
      // A label moved away from its stratum is tied to it by a leader.
      const layer = model.layers[i]!
      if (Math.abs(d.top - layer.topY) > 3) expect(d.leader).not.toBeNull()
    })
    const markup = renderToStaticMarkup(<StripLog rows={rows} header={header} />)
    expect(attrs(markup, 'g', 'data-layer')).toHaveLength(100)
    // Every description is drawn in full: its lines join back to the stratum's text.
    labels.forEach((d) => expect(d.lines.join(' ')).toBe(rows[d.layerIndex]!.description))
    expect(markup).not.toContain('…')
    expect(markup).toContain('End of borehole at')
  })

  it('places SPT points at their test depths on the depth scale', () => {
    const { intervals, header } = hole('WS05')
    const model = buildStripLogModel(intervals, header)
    const y = (d: number) =>
      model.bodyTop + (d / model.depthEnd) * (model.bodyBottom - model.bodyTop)
    expect(model.spt.points.map((p) => p.n)).toEqual([2, 5, 3, 5, 5, 11, 15])
    model.spt.points.forEach((p, i) => expect(p.y).toBeCloseTo(y(i + 1), 6))
    const markup = renderToStaticMarkup(<StripLog rows={intervals} header={header} />)
    expect(attrs(markup, 'g', 'data-n')).toEqual(['2', '5', '3', '5', '5', '11', '15'])
    // N grows to the right: 15 blows plots right of 2.
    expect(model.spt.points[6]!.x).toBeGreaterThan(model.spt.points[0]!.x)
  })

  it('marks water strikes at their depths', () => {
    const { intervals, header } = hole('WS01')
    const markup = renderToStaticMarkup(<StripLog rows={intervals} header={header} />)
    expect(attrs(markup, 'g', 'data-depth')).toEqual(['4.20'])
    expect(markup).toContain('Water strike at 4.20 m')
    const dry = hole('WS05')
    const dryMarkup = renderToStaticMarkup(<StripLog rows={dry.intervals} header={dry.header} />)
    expect(attrs(dryMarkup, 'g', 'data-depth')).toEqual([])
  })

  it('draws core recovery only where core runs are logged', () => {
    const { rows, header } = generatedHole(40)
    const model = buildStripLogModel(rows, header)
    expect(model.core?.bars.length).toBeGreaterThan(0)
    expect(model.columns.map((c) => c.key)).toContain('core')
    const ws05 = hole('WS05')
    expect(buildStripLogModel(ws05.intervals, ws05.header).columns.map((c) => c.key)).not.toContain(
      'core',
    )
  })

  it('renders the header and "No intervals" for an empty table', () => {
    const markup = renderToStaticMarkup(
      <StripLog
        rows={[]}
        header={{ hole_id: 'BH-EMPTY', project: 'Empty site', final_depth_m: '4.5' }}
      />,
    )
    expect(markup).toContain('BH-EMPTY')
    expect(markup).toContain('Empty site')
    expect(markup).toMatch(/No intervals/)
    expect(attrs(markup, 'g', 'data-layer')).toEqual([])
  })

  it('leaves out intervals without valid depths and says so', () => {
    const rows: StripLogRow[] = [
      { depth_top_m: 0, depth_base_m: 1, description: 'CLAY' },
      { depth_top_m: 2, depth_base_m: null, description: 'SAND being typed' },
      { depth_top_m: 3, depth_base_m: 2, description: 'GRAVEL upside down' },
    ]
    const model = buildStripLogModel(rows, { hole_id: 'BH2' })
    expect(model.layers.map((l) => l.index)).toEqual([0])
    expect(model.notes.join(' ')).toContain(
      '2 intervals without a valid top and base depth are not drawn',
    )
  })

  it('draws a test or sample once when a split stratum lists it in both halves', () => {
    const { intervals, header } = hole('WS05')
    const thick = intervals[2]!
    const split = [
      ...intervals.slice(0, 2),
      { ...thick, depth_base_m: 3.75, spt_n: null },
      { ...thick, depth_top_m: 3.75 },
      ...intervals.slice(3),
    ]
    const model = buildStripLogModel(split, header)
    expect(model.layers).toHaveLength(5)
    expect(model.spt.points.map((p) => p.n)).toEqual([2, 5, 3, 5, 5, 11, 15])
    expect(model.samples).toHaveLength(6)
  })

  it('is a pure function of the rows: an edit shows in the next drawing', () => {
    const { intervals, header } = hole('WS05')
    const edited = intervals.map((r, i) =>
      i === 3 ? { ...r, legend_code: '201', description: 'Firm CLAY' } : r,
    )
    const before = buildStripLogModel(intervals, header)
    const after = buildStripLogModel(edited, header)
    expect(after.layers[3]!.patternKey).toBe('clay')
    expect(before.layers[3]!.patternKey).toBe('siltstone')
    expect(buildStripLogModel(intervals, header)).toEqual(before)
  })

  it('is an accessible image: role, name and description', () => {
    const { intervals, header } = hole('WS05')
    const markup = renderToStaticMarkup(<StripLog rows={intervals} header={header} />)
    expect(markup).toMatch(/^<svg[^>]*role="img"/)
    const labelledBy = /aria-labelledby="([^"]*)"/.exec(markup)![1]!
    const describedBy = /aria-describedby="([^"]*)"/.exec(markup)![1]!
    expect(markup).toContain(`<title id="${labelledBy}">Strip log of borehole WS05</title>`)
    expect(markup).toContain(
      `<desc id="${describedBy}">4 strata from 0 to 7.00 m, 6 samples, 7 SPT tests, 0 water strikes</desc>`,
    )
    const named = renderToStaticMarkup(
      <StripLog rows={intervals} header={header} label="Strip log of TOP3398.WS05 v1" />,
    )
    expect(named).toContain('>Strip log of TOP3398.WS05 v1</title>')
  })

  it('draws depths in feet when asked', () => {
    const { intervals, header } = hole('WS05')
    const model = buildStripLogModel(intervals, header, { units: 'ft' })
    expect(model.boundaries.at(-1)!.depthText).toBe('22.97')
    expect(model.columns.find((c) => c.key === 'depth')!.unit).toBe('ft')
  })
})

describe('what the log says', () => {
  it('gives one legend code one pattern in a hole, and the key one entry for it', () => {
    const rows: StripLogRow[] = [
      { depth_top_m: 0, depth_base_m: 1, legend_code: '201', description: 'Firm brown CLAY.' },
      {
        depth_top_m: 1,
        depth_base_m: 2,
        legend_code: '201',
        description: 'Firm sandy gravelly CLAY.',
      },
      { depth_top_m: 2, depth_base_m: 3, legend_code: '401', description: 'Dense SAND.' },
    ]
    const model = buildStripLogModel(rows, { hole_id: 'BH1' })
    expect(model.layers.map((l) => l.patternKey)).toEqual(['clay', 'clay', 'sand'])
    expect(model.keyItems.filter((k) => k.kind === 'pattern')).toHaveLength(2)
  })

  it('says a detail once with its depth, and shows details and remarks in full', () => {
    const remarks = 'Chiselling from 13.10 to 13.33 m for 1 hour. '.repeat(12).trim()
    const rows: StripLogRow[] = [
      {
        depth_top_m: 12,
        depth_base_m: 14,
        description: 'Very stiff CLAY.',
        details: '13.14-13.33: 13.14 - 13.33m Cobble of sandstone',
        remarks: 'Hole grouted up to ground level.',
      },
    ]
    const model = buildStripLogModel(rows, { hole_id: 'BH1', hole_remarks: remarks })
    const text = model.descriptions[0]!.lines.join(' ')
    expect(text).toBe(
      'Very stiff CLAY. — 13.14–13.33: Cobble of sandstone — Remarks: Hole grouted up to ground level.',
    )
    expect(model.remarks!.lines.join(' ')).toBe(remarks)
    const markup = renderToStaticMarkup(<StripLog rows={rows} header={{ hole_remarks: remarks }} />)
    expect(markup).not.toContain('…')
  })

  it('draws a refusal in its notation at the edge of the N scale, never as N = 0', () => {
    const rows: StripLogRow[] = [
      {
        depth_top_m: 0,
        depth_base_m: 8,
        description: 'Dense GRAVEL.',
        spt_tests: '1.00: N=12 (2,2/3,3,3,3); 6.50: 0 (25 for 75mm/0 for 0mm); 7.50: 50/75',
      },
    ]
    const model = buildStripLogModel(rows, { hole_id: 'BH1' })
    const [full, seating, refusal] = model.spt.points
    expect(full).toMatchObject({ kind: 'full', n: 12, label: '12' })
    expect(seating).toMatchObject({ kind: 'refusal', n: null, label: '25/75 mm seating' })
    expect(refusal).toMatchObject({ kind: 'refusal', n: null, label: '50/75 mm' })
    const edge = model.spt.x + model.spt.width - 8
    expect(seating!.x).toBeCloseTo(edge, 6)
    expect(refusal!.x).toBeCloseTo(edge, 6)
    const markup = renderToStaticMarkup(<StripLog rows={rows} header={{ hole_id: 'BH1' }} />)
    expect(markup).toContain('>25/75 mm seating</text>')
    expect(markup).toContain('>50/75 mm</text>')
    expect(markup).not.toContain('data-n="0"')
    expect(model.keyItems.map((k) => k.label)).toContain('SPT refusal')
  })
})

describe('StripLogSvg for print', () => {
  it('draws patterns as vector tiles, never as pattern fills Chromium would print as bitmaps', () => {
    const { intervals, header } = hole('WS05')
    const model = buildStripLogModel(intervals, header)
    const markup = renderToStaticMarkup(<StripLogSvg model={model} idPrefix="p" isTiled />)
    expect(markup).not.toContain('<pattern')
    expect(markup).not.toMatch(/url\(#p-pat-/)
    expect(markup).toContain('<g id="p-tile-made-ground">')
    expect(markup).toContain('href="#p-tile-siltstone"')
    expect(attrs(markup, 'g', 'data-pattern')).toEqual([
      'made-ground',
      'made-ground',
      'made-ground',
      'siltstone',
    ])
  })
})

describe('stripLogSheetsSvg', () => {
  it('writes every sheet, one under another, in a standalone SVG whose every reference is defined in it', () => {
    const { rows, header } = generatedHole(100)
    const model = sheetModel(rows, header)
    const svg = stripLogSheetsSvg(model)
    expect(
      svg.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"',
      ),
    ).toBe(true)
    const sheets = sheetsOf(model, SHEET_HEIGHT).length
    expect(sheets).toBeGreaterThan(1)
    expect(attrs(svg, 'svg', 'data-testid').filter((t) => t === 'strip-log-sheet')).toHaveLength(
      sheets,
    )
    expect(svg).toContain(`Sheet ${sheets} of ${sheets}`)
    expect(svg).toContain('Scale 1:50')
    const ids = new Set(attrs(svg, '[a-zA-Z]+', 'id'))
    const refs = [
      ...[...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1] as string),
      ...[...svg.matchAll(/href="#([^"]+)"/g)].map((m) => m[1] as string),
    ]
    expect(refs.length).toBeGreaterThan(100)
    for (const ref of refs) expect(ids.has(ref)).toBe(true)
    // No CSS classes needed to look right: fonts and colours are attributes.
    expect(svg).toContain('font-family="Arial')
    expect(svg).not.toContain('<style')
    expect(svg).not.toContain('…')
  })
})
