// Import layer: CSV, Parquet and AGS4 files picked in the field engineers'
// app, turned into what the store would hold before anything is saved. Owns format
// detection (by content, then name), CSV reading (delimiter, BOM, CRLF, quoting),
// column mapping to a table definition (suggested by name and synonyms, or the
// user's), feet -> metres, and type conversion. Guarantees: a value that does not
// convert is left empty and reported as an 'import.type' finding with its source
// line, never silently dropped or guessed; preview saves nothing; files are streamed
// (CSV) or decoded once (Parquet), never held as text rows; cancelling stops before
// the first write and never after it.
export { detectFormat, type ImportFormat } from './detect'
export { type ColumnMapping } from './mapping'
export { type SourceColumn, type TabularImport } from './tabular'
export { applyAgs, type AgsApplyOptions, type AgsPreview } from './ags'
export {
  baseNameOf,
  draftInputFrom,
  isTabular,
  previewImport,
  readTabular,
  type DefinitionSource,
  type DraftInput,
  type ImportPreviewResult,
  type ImportRequest,
} from './import-file'
export { UNWATCHED, type ImportTask } from './task'
