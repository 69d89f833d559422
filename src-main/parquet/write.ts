// Writing Parquet through parquet-wasm: one set of writer settings for every version file.
import { tableToIPC, type Table } from 'apache-arrow'
import type { KeyValueMetadata } from './read'
import { parquetWasm } from './wasm'

export interface EncodeOptions {
  /** Extra Parquet key-value metadata (strings only). */
  keyValueMetadata?: KeyValueMetadata
  compression?: 'zstd' | 'snappy' | 'uncompressed'
  /** Rows per row group; smaller groups make paged reads cheaper. */
  rowGroupSize?: number
}

const COMPRESSION = {
  zstd: 'ZSTD',
  snappy: 'SNAPPY',
  uncompressed: 'UNCOMPRESSED',
} as const

export const DEFAULT_ROW_GROUP_SIZE = 64 * 1024

export function encodeParquet(table: Table, options: EncodeOptions = {}): Uint8Array {
  const wasm = parquetWasm()
  let builder = new wasm.WriterPropertiesBuilder()
    .setCompression(wasm.Compression[COMPRESSION[options.compression ?? 'zstd']])
    .setMaxRowGroupSize(options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE)
    .setCreatedBy('borelog-desk (parquet-wasm)')
  if (options.keyValueMetadata && options.keyValueMetadata.size > 0) {
    builder = builder.setKeyValueMetadata(new Map(options.keyValueMetadata))
  }
  const wasmTable = wasm.Table.fromIPCStream(tableToIPC(table, 'stream'))
  try {
    return wasm.writeParquet(wasmTable, builder.build())
  } finally {
    // writeParquet borrows the table; free the wasm copy now rather than at GC.
    try {
      wasmTable.free()
    } catch {
      // writeParquet already consumed and freed it: nothing is left to release.
    }
  }
}
