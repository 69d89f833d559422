// The strip log panel of the record page and the draft editor. The log itself (model,
// layout and SVG drawing) lives in shared/strip-log, which the CLI's `log` command draws
// with too, so the app and the CLI produce the same sheets.
export { StripLogPanel, type StripLogPanelProps } from './StripLogPanel'
export {
  buildStripLogModel,
  rowsFromCells,
  StripLog,
  StripLogSvg,
  type DepthUnits,
  type StripLogModel,
  type StripLogOptions,
  type StripLogProps,
  type StripLogRow,
} from '../../shared/strip-log/index'
