// Print pagination: a log longer than a page continues on further sheets, each with the
// hole header and column headings, as borehole logs are issued, at the log's one scale.
// A cut never runs through a line of text (descriptions, depths, sample labels, scale
// numbers, SPT and water labels): it prefers the top of a description, so a label stays
// whole on one sheet, and only a description longer than a sheet continues on the next,
// between two of its lines.
import { LAYOUT } from './model'
import type { StripLogModel } from './model-types'

export interface Sheet {
  /** Window of the log's body shown on this sheet, in the model's coordinates. */
  start: number
  end: number
  isLast: boolean
}

/** Room under each window that is not the last, for the "continued" line. */
export const CONTINUED_HEIGHT = 16

type Box = readonly [top: number, bottom: number]

/** Every line of text in the body, as the band of y it covers. */
export function textBands(m: StripLogModel): Box[] {
  const boxes: Box[] = []
  const fs = m.descriptionFontSize
  for (const d of m.descriptions) {
    d.lines.forEach((_, k) => {
      // Ascenders to descenders: between two lines there is a little clear space.
      const baseline = d.top + fs + 1 + k * m.descriptionLineHeight
      boxes.push([baseline - fs * 0.9, baseline + fs * 0.2])
    })
  }
  const boundaryRow = m.boundaryFontSize + 3
  for (const b of m.boundaries) boxes.push([b.rowBottom - boundaryRow, b.rowBottom])
  for (const s of m.samples) {
    boxes.push([
      s.labelY - LAYOUT.SAMPLE_FONT_SIZE / 2 - 1,
      s.labelY + LAYOUT.SAMPLE_FONT_SIZE / 2 + 1,
    ])
    boxes.push([s.y - 4, s.y + 4])
  }
  for (const t of m.ticks) boxes.push([t.y - 7, t.y + 4])
  for (const p of m.spt.points) boxes.push([p.y - 6, p.y + 6])
  for (const w of m.water) boxes.push([w.y - 10, w.y + 5])
  for (const c of m.core?.bars ?? []) boxes.push([c.topY, c.topY + 12])
  return boxes
}

function isClear(y: number, bands: readonly Box[]): boolean {
  return bands.every(([top, bottom]) => y <= top || y >= bottom)
}

/** The windows of the body, one per sheet of `pageHeight` px. */
export function sheetsOf(m: StripLogModel, pageHeight: number): Sheet[] {
  const bodyEnd = m.footerTop - 10
  const footerHeight = m.height - bodyEnd
  const capacity = pageHeight - m.bodyTop - LAYOUT.MARGIN - CONTINUED_HEIGHT
  const bands = textBands(m)
  const tops = m.descriptions.map((d) => d.top).sort((a, b) => a - b)
  const lineGaps = m.descriptions
    .flatMap((d) => d.lines.map((_, k) => d.top + k * m.descriptionLineHeight + 1.4))
    .sort((a, b) => a - b)
  const sheets: Sheet[] = []
  let start = m.bodyTop
  for (;;) {
    if (bodyEnd - start + footerHeight <= capacity + CONTINUED_HEIGHT) {
      sheets.push({ start, end: bodyEnd, isLast: true })
      return sheets
    }
    // When the rest fits but its foot does not, the cut moves some of it on with the foot.
    const limit = Math.min(start + capacity, bodyEnd - 1)
    const floor = start + capacity * 0.3
    const clear = (ys: readonly number[], from: number) =>
      ys.filter((y) => y > from && y <= limit && isClear(y, bands)).at(-1)
    const cut =
      clear(tops, limit - capacity * 0.15) ??
      clear(tops, floor) ??
      clear(lineGaps, floor) ??
      scanForClear(limit, floor, bands) ??
      limit
    sheets.push({ start, end: cut, isLast: false })
    start = cut
  }
}

function scanForClear(limit: number, floor: number, bands: readonly Box[]): number | undefined {
  for (let y = limit; y > floor; y -= 0.5) if (isClear(y, bands)) return y
  return undefined
}
