// Schema registry and validation (see docs/ARCHITECTURE.md, "Layers"). Owns what a
// table_name means and whether a version's rows are sound:
// - TableDefinition / BORELOG_DEFINITION / SchemaRegistry: table_name -> Arrow
//   schema, key columns, required columns, units, rule sets; built-ins plus
//   `schemas.json` at the store root; unregistered names derive theirs from the
//   first version (definitionFromTable).
// - conformTable: a table in registered column order and types, or a
//   SchemaMismatchError; values are never silently changed.
// - validateTable: findings {severity, row, column, rule, message}; bad data is
//   findings, never an exception. Fast enough for 1,000,000 rows in well under a second.
// - schemaToJson / schemaFromJson: stable JSON for Parquet key-value metadata.
// - compareSchemas: columns added, removed, retyped.
// - describeColumns / unitOf / editKindOf / isDepthField: the one description of a
//   column (unit, grid kind, what may be typed into it, whether it is a depth).
// - readCsvSync / readCsvStream: the one CSV reader (encoding, header, empty cells, blank
//   lines, NUL);
//   tableFromCsv / tableToCsv type it for the CLI. asUtf8Bytes: UTF-8 or Windows-1252.
// - makeBorelogTable / generateBorelogTable.
// Rules the renderer needs too (units, legend codes, typed text, JSON paths) live in
// shared/ and are re-exported here.
export {
  BORELOG_DEFINITION,
  BORELOG_DEPTH,
  INTERVAL_COLUMNS,
  RULE_SETS,
  defineTable,
  definitionFromTable,
  type ColumnSpec,
  type RuleSet,
  type TableDefinition,
  type TableSpec,
} from './definition'
export {
  SCHEMAS_FILE,
  SchemaRegistry,
  SchemasJsonSchema,
  tableDefinitionToJson,
  type SchemasSource,
  type SchemasJson,
  type TableJson,
} from './registry'
export {
  SchemaJsonSchema,
  schemaFromJson,
  schemaToJson,
  typeToString,
  type FieldJson,
  type SchemaJson,
  type TypeJson,
} from './schema-json'
export { castKind, conformTable, type CastKind } from './conform'
export { compareSchemas, schemaChangeFindings, type SchemaChange } from './compare'
export {
  DEFAULT_MAX_FINDINGS_PER_RULE,
  RULES,
  validateTable,
  type Header,
  type RuleId,
  type ValidateOptions,
} from './validate'
export {
  AGS_LEGEND_CODES,
  KNOWN_LEGEND_CODES,
  SOIL_GROUP_SYMBOLS,
  normalizeLegendCode,
} from '../../shared/legend-codes'
export { tableFromCsv, tableToCsv, type CsvOptions } from './csv'
export { asUtf8Bytes, decodeWindows1252 } from './text-encoding'
export {
  csvBytesAsUtf8,
  readCsvStream,
  readCsvSync,
  type CsvCell,
  type CsvReadOptions,
  type CsvReadResult,
  type CsvRowVisitor,
} from './csv-read'
export { generateBorelogTable, makeBorelogTable, type BorelogRow } from './borelog-table'
export {
  columnKindOf,
  describeColumns,
  editKindOf,
  intRangeOf,
  isDepthField,
  toCell,
  unitOf,
  valueKindOf,
  type EditKind,
} from './column-description'
export { DECIMAL_NUMBER, booleanOfWord } from '../../shared/text-values'
