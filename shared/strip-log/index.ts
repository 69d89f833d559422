// Strip log: the graphic log of one borehole, for the app and the CLI alike (no Node,
// no DOM: the renderer shows and prints it, `borelog-desk log` writes it).
// Guarantees:
// - the drawing is a pure function of the interval rows and header (memoised, no DOM
//   measuring), so it follows a draft as it is edited;
// - it is drawn at a stated vertical scale (1:50 by default; 1:25, 1:100) for A4 sheets,
//   and cut into sheets never through a line of text;
// - descriptions, details and remarks are drawn in full, never cut: the log runs on;
// - SPT refusals and partial tests are stated in their notation (spt-notation.ts),
//   never drawn as N = 0;
// - strata are drawn with BS 5930 / AGS patterns, one per legend code in a hole;
// - rows being typed never break it: what cannot be read is left out and counted.
// The file exports (export-svg.tsx) bring react-dom/server: the app loads them on
// demand, so they are imported from there, not here.
export { StripLog, StripLogSheets, StripLogSvg, SHEET_WIDTH, type StripLogProps } from './StripLog'
export { buildStripLogModel } from './model'
export { DEFAULT_SCALE, SCALES } from './dimensions'
export type { DepthUnits, StripLogModel, StripLogOptions } from './model-types'
export { rowsFromCells, type StripLogRow } from './parse'
