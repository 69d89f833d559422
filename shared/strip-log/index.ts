// Strip log: the graphic log of one borehole drawn beside its interval table.
// Guarantees:
// - the drawing is a pure function of the interval rows and header (memoised, no DOM
//   measuring), so it follows a draft as it is edited, and 100 strata lay out in a few ms;
// - strata are drawn with BS 5930 / AGS patterns chosen by legend code, then soil symbol,
//   then description; labels never overlap (moved labels get leader lines, elided text
//   keeps its full wording in a tooltip), and the log grows taller rather than overlap;
// - rows being typed never break it: what cannot be read is left out and counted;
// - the same markup is shown, printed (print CSS keeps only the log) and exported as a
//   standalone SVG with its patterns embedded.
// exportStripLogSvg(rows, header) lives in ./export-svg and is imported from there: it
// brings react-dom/server, so the app loads it on demand (a separate chunk), not here.
export { StripLog, StripLogSheets, StripLogSvg, SHEET_WIDTH, type StripLogProps } from './StripLog'
export { buildStripLogModel } from './model'
export { DEFAULT_SCALE, SCALES } from './dimensions'
export type { DepthUnits, StripLogModel, StripLogOptions } from './model-types'
export { rowsFromCells, type StripLogRow } from './parse'
