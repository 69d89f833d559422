// The strip log as files: its sheets one under another in one standalone SVG, and as a
// printable HTML page (A4, one sheet a page) that the CLI hands to a headless browser
// for a PDF. The same sheets as the app prints, their patterns as vector tiles, fonts
// and colours in attributes, so no CSS is needed to look right.
import { renderToStaticMarkup } from 'react-dom/server'

import { buildStripLogModel } from './model'
import type { StripLogModel, StripLogOptions } from './model-types'
import type { StripLogRow } from './parse'
import { sheetsOf } from './sheets'
import { SHEET_HEIGHT, SHEET_WIDTH, StripLogSheets } from './StripLog'
import { FONT_FAMILY } from './text'

/** Space between stacked sheets in the SVG file. */
const SHEET_GAP = 24

/** The model the files draw: a sheet wide, at the log's scale. */
export function sheetModel(
  rows: readonly StripLogRow[],
  header: Readonly<Record<string, string>>,
  options: Omit<StripLogOptions, 'width'> = {},
): StripLogModel {
  return buildStripLogModel(rows, header, { ...options, width: SHEET_WIDTH })
}

/** Every sheet, one under another, in one standalone SVG file. */
export function stripLogSheetsSvg(model: StripLogModel): string {
  const count = sheetsOf(model, SHEET_HEIGHT).length
  const height = count * SHEET_HEIGHT + (count - 1) * SHEET_GAP
  const markup = renderToStaticMarkup(
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={model.width}
      height={height}
      viewBox={`0 0 ${model.width} ${height}`}
      fontFamily={FONT_FAMILY}
    >
      <title>{`${model.ariaLabel}, ${count} sheet${count === 1 ? '' : 's'} at 1:${model.scale}`}</title>
      <StripLogSheets model={model} idPrefix="strip-log" gap={SHEET_GAP} />
    </svg>,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n${markup}\n`
}

/** The sheets as an HTML page that prints one A4 sheet a page, at scale. */
export function stripLogPrintHtml(model: StripLogModel): string {
  const sheets = renderToStaticMarkup(<StripLogSheets model={model} idPrefix="strip-log" />)
  const title = model.ariaLabel.replace(/[<>&]/g, '')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>
@page { size: A4 portrait; margin: 10mm; }
html, body { margin: 0; background: #fff; }
.strip-log-sheet { display: block; width: 190mm; height: auto; break-after: page; }
.strip-log-sheet:last-child { break-after: auto; }
</style></head>
<body>${sheets}</body></html>
`
}

/** A file name for the export: "<hole id> strip log.svg", safe on every OS. */
export function stripLogFileName(holeId: string, extension: string): string {
  const safe = holeId.replace(/[^\p{L}\p{N} ._()-]/gu, '_').trim()
  return `${safe === '' ? 'borehole' : safe} strip log.${extension}`
}
