// The strip log as a standalone SVG file, the printable form: the same drawing
// as on screen, its patterns embedded, fonts named in attributes, no CSS needed.
import { renderToStaticMarkup } from 'react-dom/server'

import { buildStripLogModel } from './model'
import type { StripLogOptions } from './model-types'
import type { StripLogRow } from './parse'
import { StripLogSvg } from './StripLog'

export function exportStripLogSvg(
  rows: readonly StripLogRow[],
  header: Readonly<Record<string, string>>,
  options: StripLogOptions = {},
): string {
  const model = buildStripLogModel(rows, header, options)
  const markup = renderToStaticMarkup(
    <StripLogSvg model={model} idPrefix="strip-log" isStandalone />,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n${markup}\n`
}

/** A file name for the export: "<hole id> strip log.svg", safe on every OS. */
export function stripLogFileName(holeId: string, extension: string): string {
  const safe = holeId.replace(/[^\p{L}\p{N} ._()-]/gu, '_').trim()
  return `${safe === '' ? 'borehole' : safe} strip log.${extension}`
}
