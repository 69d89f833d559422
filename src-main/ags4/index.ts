// AGS4 layer: reads, checks, converts and writes AGS4, the UK exchange format
// for ground investigation data. Guarantees:
// - reading never throws on bad input: every problem is a finding (rule, line, group,
//   heading, message, severity), and a file that is not AGS4 at all says why (notAgs4);
// - values keep their original text; TYPE-aware conversion sits beside it;
// - the checker implements AGS4 format rules 1-20 against the AGS standard dictionaries
//   (4.0.3, 4.0.4, 4.1, 4.1.1, 4.2, picked by TRAN_AGS as the AGS validator picks them)
//   extended by the file's DICT group;
// - import makes one borelog record per LOCA hole and keeps every group losslessly in
//   the record header, so export writes it back; import refuses (BadInputError) rather
//   than guess when rows do not line up with their headings;
// - export of imported records passes our checker and re-imports to the same tables
//   and headers (a fixed point);
// - importAgsToStore makes or updates one record per hole (a new draft only where the
//   hole changed, never a duplicate) and checks everything before its first write.
// See docs/ARCHITECTURE.md, "AGS4".
export { decodeWindows1252, type AgsEncoding } from './decode'
export { readAgs, type AgsFile, type AgsGroup, type LineEnding, type ReadOptions } from './parse'
export {
  checkValueFormat,
  convertValue,
  formatNumber,
  parseAgsNumber,
  typeInfo,
  type AgsValue,
  type TypeInfo,
  type TypeKind,
} from './data-types'
export {
  AgsDictionary,
  STANDARD_VERSIONS,
  dictionaryVersionFor,
  standardDictionary,
  type GroupDef,
  type HeadingDef,
  type StandardVersion,
} from './dictionary'
export { checkAgs, checkAgsBytes, type CheckOptions, type CheckResult } from './check'
export { formatFinding, type AgsFinding, type AgsSeverity } from './finding'
export { GROUP_SET_FORMAT, type AgsGroupData, type AgsGroupSet } from './groups'
export {
  BORELOG_COLUMNS,
  BORELOG_KEY_COLUMNS,
  BORELOG_TABLE_NAME,
  borelogRowsFromTable,
  makeBorelogArrowTable,
  type BorelogInterval,
} from './borelog-table'
export {
  FILE_GROUPS_KEY,
  HEADER_FIELDS,
  HOLE_GROUPS_KEY,
  convertAgs,
  groupsFromHeader,
  holeTable,
  recordIdFor,
  type AgsConversion,
  type BorelogHole,
  type ConvertOptions,
} from './borelog'
export {
  exportAgs,
  exportCsv,
  exportParquet,
  type AgsExport,
  type AgsExportOptions,
  type ExportRecord,
} from './export'
export {
  exportAgsFromStore,
  importAgsToStore,
  type AgsImportResult,
  type AgsStore,
  type ImportAction,
  type ImportOptions,
  type ImportProgress,
  type ImportedRecord,
  type StoreExportOptions,
} from './store-io'
