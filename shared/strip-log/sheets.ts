// Print pagination: a log longer than a page continues on further sheets, each with the
// hole header and column headings, as borehole logs are issued. Sheets are cut at the
// top of a description label (labels never straddle those), preferring a cut that also
// misses the small depth, sample and scale labels, so no text is sliced in two.
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

function isClear(y: number, m: StripLogModel): boolean {
  const boundaryRow = m.boundaryFontSize + 3
  for (const b of m.boundaries) if (y > b.rowBottom - boundaryRow && y < b.rowBottom) return false
  for (const s of m.samples)
    if (Math.abs(y - s.labelY) < LAYOUT.SAMPLE_FONT_SIZE / 2 + 1) return false
  for (const t of m.ticks) if (y > t.y - 7 && y < t.y + 4) return false
  for (const p of m.spt.points) if (Math.abs(y - p.y) < 6) return false
  return true
}

/** The windows of the body, one per sheet of `pageHeight` px. */
export function sheetsOf(m: StripLogModel, pageHeight: number): Sheet[] {
  const bodyEnd = m.footerTop - 10
  const footerHeight = m.height - bodyEnd
  const capacity = pageHeight - m.bodyTop - LAYOUT.MARGIN - CONTINUED_HEIGHT
  const cuts = m.descriptions.map((d) => d.top).sort((a, b) => a - b)
  const sheets: Sheet[] = []
  let start = m.bodyTop
  for (;;) {
    if (bodyEnd - start + footerHeight <= capacity + CONTINUED_HEIGHT) {
      sheets.push({ start, end: bodyEnd, isLast: true })
      return sheets
    }
    // When the rest fits but its foot does not, the cut moves some of it on with the foot.
    const limit = Math.min(start + capacity, bodyEnd - 1)
    const near = cuts.filter((y) => y > limit - capacity * 0.15 && y <= limit)
    const far = cuts.filter((y) => y > start + capacity * 0.4 && y <= limit)
    const cut = near.filter((y) => isClear(y, m)).at(-1) ?? near.at(-1) ?? far.at(-1) ?? limit
    sheets.push({ start, end: cut, isLast: false })
    start = cut
  }
}
