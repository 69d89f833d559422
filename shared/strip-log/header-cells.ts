// The hole header above the log: project, client, ground level, method, dates,
// coordinates and final depth, in two rows of cells. A value too long for its cell is
// set smaller on two lines rather than cut; a depth that is not a number is shown as
// typed rather than dropped.
import { fixed, HEADER_ROW_HEIGHT } from './dimensions'
import type { DepthUnits, HeaderCell } from './model-types'
import { textWidth, wrapText } from './text'

/** Font sizes a value tries, largest first: one line, then two smaller lines. */
const VALUE_FITS = [
  { fontSize: 10.5, maxLines: 1 },
  { fontSize: 8, maxLines: 2 },
  { fontSize: 6.5, maxLines: 2 },
] as const

function fitValue(value: string, width: number): { lines: string[]; fontSize: number } {
  if (textWidth(value, 10.5) <= width) return { lines: [value], fontSize: 10.5 }
  for (const { fontSize, maxLines } of VALUE_FITS.slice(1)) {
    const lines = wrapText(value, width, fontSize)
    if (lines.length <= maxLines) return { lines, fontSize }
  }
  // Never cut: the smallest size with every line, the cell's text running on below it.
  return { lines: wrapText(value, width, 6.5), fontSize: 6.5 }
}

export function parseHeaderNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null
  const n = Number(text.trim())
  return Number.isFinite(n) ? n : null
}

export function headerCells(
  header: Readonly<Record<string, string>>,
  x0: number,
  y0: number,
  width: number,
  units: DepthUnits,
  factor: number,
): HeaderCell[] {
  const h = (k: string) => (header[k] ?? '').trim()
  const join = (parts: string[], sep: string) => parts.filter((p) => p !== '').join(sep)
  const depthValue = (k: string, suffix: string) => {
    const n = parseHeaderNumber(header[k])
    return n === null ? h(k) : `${fixed(n * factor)} ${suffix}`
  }
  const coordinates = join(
    [
      h('easting') !== '' ? `E ${h('easting')}` : '',
      h('northing') !== '' ? `N ${h('northing')}` : '',
      h('crs') !== '' ? `(${h('crs')})` : '',
    ],
    ' ',
  )
  const latLong = join([h('latitude'), h('longitude')], ', ')
  const method =
    h('method_description') !== '' && h('method') !== ''
      ? `${h('method_description')} (${h('method')})`
      : h('method_description') || h('method')
  const dates =
    h('start_date') !== '' && h('end_date') !== '' && h('start_date') !== h('end_date')
      ? `${h('start_date')} – ${h('end_date')}`
      : h('start_date') || h('end_date')
  const rows: [string, string, number][][] = [
    [
      ['Project', join([h('project') || h('project_id'), h('project_location')], ', '), 0.34],
      ['Project ID', h('project') !== '' ? h('project_id') : '', 0.18],
      ['Client', h('client'), 0.26],
      ['Ground level', depthValue('ground_level_m', units === 'ft' ? 'ft OD' : 'm OD'), 0.22],
    ],
    [
      ['Method', method, 0.3],
      ['Dates', dates, 0.22],
      ['Coordinates', coordinates || latLong, 0.26],
      ['Final depth', depthValue('final_depth_m', units), 0.11],
      ['Logged by', h('logged_by'), 0.11],
    ],
  ]
  const cells: HeaderCell[] = []
  rows.forEach((row, r) => {
    let x = x0
    row.forEach(([label, value, share], c) => {
      const w = c === row.length - 1 ? x0 + width - x : Math.round(width * share)
      const fit = value === '' ? { lines: ['—'], fontSize: 10.5 } : fitValue(value, w - 8)
      cells.push({
        label,
        lines: fit.lines,
        fontSize: fit.fontSize,
        fullValue: value,
        x,
        y: y0 + r * HEADER_ROW_HEIGHT,
        width: w,
        height: HEADER_ROW_HEIGHT,
      })
      x += w
    })
  })
  return cells
}
