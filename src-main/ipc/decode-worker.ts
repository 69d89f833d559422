// Worker thread that decodes whole version files for the decode pool (decode-pool.ts),
// bundled next to the host and the Electron main as decode-worker.mjs. A 1M-row file
// takes a second or more to decode: here it does not stall main's event loop, and two
// versions of a diff decode at once. Answers Arrow IPC bytes (transferred, not copied)
// or the error's code and message, so a corrupt file is the same CORRUPT_PARQUET as in-thread.
import { parentPort } from 'node:worker_threads'

import { tableToIPC } from 'apache-arrow'

import { BorelogError } from '../../shared/errors'
import { decodeParquet } from '../parquet/index'

interface DecodeRequest {
  id: number
  bytes: Uint8Array
  where: string
}

parentPort?.on('message', ({ id, bytes, where }: DecodeRequest) => {
  try {
    const ipc = tableToIPC(decodeParquet(bytes, where), 'stream')
    parentPort?.postMessage({ id, ipc }, [ipc.buffer as ArrayBuffer])
  } catch (e) {
    const error =
      e instanceof BorelogError
        ? { code: e.code, message: e.message, details: e.details }
        : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), details: {} }
    parentPort?.postMessage({ id, error })
  }
})
