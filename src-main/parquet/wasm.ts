// parquet-wasm compiles its wasm module when it is loaded, a large part of a command's
// start-up; it is loaded on first use so that commands which never touch Parquet (a
// listing, metadata) start without it. See docs/CLI.md, "Start-up".
import { createRequire } from 'node:module'

import type * as ParquetWasm from 'parquet-wasm'

let loaded: typeof ParquetWasm | undefined

export function parquetWasm(): typeof ParquetWasm {
  loaded ??= createRequire(import.meta.url)('parquet-wasm') as typeof ParquetWasm
  return loaded
}
