// Worker thread that decodes whole version files for the decode pool (decode-pool.ts),
// bundled next to the host and the Electron main as decode-worker.mjs. A 1M-row file
// takes a second or more to decode: here it does not stall main's event loop, and two
// versions of a diff decode at once. Answers Arrow IPC bytes (transferred, not copied)
// or the error's code and message, so a corrupt file is the same CORRUPT_PARQUET as in-thread.
import { parentPort } from 'node:worker_threads'

import { tableToIPC } from 'apache-arrow'

import { BorelogError, InternalError } from '../../shared/errors'
import { openParquet } from '../parquet/index'
import { encodeParquet } from '../parquet/index'
import { generateBorelogTable } from '../schema/index'
import { PRIME_ROWS } from './prime'

interface DecodeRequest {
  id: number
  bytes: Uint8Array
  where: string
}

// Warm up at start, off every request's path: a worker's first decode pays for wasm
// instantiation and JIT; a small generated log pays it now (see PRIME_ROWS).
void openParquet({
  bytes: encodeParquet(generateBorelogTable(PRIME_ROWS)),
  where: 'warm-up',
})
  .then((reader) => reader.read())
  // A failed warm-up only loses the head start: a real request reports its own error.
  .catch(() => undefined)

parentPort?.on('message', ({ id, bytes, where }: DecodeRequest) => {
  // Row-group slices with one batch per group: several times faster than one whole-file
  // read with small batches, and cheap to hand over as IPC (see parquet/read.ts).
  openParquet({ bytes, where })
    .then((reader) => {
      const ipc = tableToIPC(reader.read(), 'stream')
      parentPort?.postMessage({ id, ipc }, [ipc.buffer as ArrayBuffer])
    })
    .catch((e: unknown) => reply(id, e))
})

function reply(id: number, e: unknown): void {
  const error =
    e instanceof BorelogError || e instanceof InternalError
      ? e.toPayload()
      : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), details: {} }
  parentPort?.postMessage({ id, error })
}
