// Parquet codec: apache-arrow Table <-> Parquet bytes, the only code that talks to
// parquet-wasm. Version files carry their own description in the Parquet key-value metadata
// (keys under `borelog.`), so metadata.json can be rebuilt from the files (see
// docs/ARCHITECTURE.md, "On-disk format"). Guarantees: one set of reader and writer
// settings; corrupt or truncated input is a CorruptParquetError naming the file, never a
// wasm panic escaping to the caller; a whole file is decoded a few row groups at a time, so
// wasm memory stays near one slice.
export { DEFAULT_ROW_GROUP_SIZE, encodeParquet, type EncodeOptions } from './write'
export {
  decodeParquet,
  openParquet,
  readArrowSchema,
  readKeyValueMetadata,
  readParquetTable,
  type KeyValueMetadata,
  type ParquetReader,
  type ParquetSource,
  type ReadOptions,
} from './read'
export { readRowGroups, type ColumnStatistics } from './footer'
