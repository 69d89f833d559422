// Whole-version decodes off main's thread (see decode-worker.ts): a small pool of
// worker threads, one request at a time each. Where no worker script is available (unit
// tests run the TypeScript sources) or a worker cannot start, decoding falls back to the
// calling thread: slower to share, same result.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

import { tableFromIPC, type Table } from 'apache-arrow'

import { BorelogError, InternalError, type ErrorPayload } from '../../shared/errors'
import { openParquet } from '../parquet/index'

interface Pending {
  resolve: (table: Table) => void
  reject: (error: unknown) => void
}

interface Slot {
  worker: Worker
  /** The request this worker is decoding, or null when idle. */
  current: number | null
}

type Reply = { id: number; ipc: Uint8Array } | { id: number; error: ErrorPayload }

/** The worker's error on this side of the thread: an expected failure keeps its code, a bug stays a bug. */
function errorOf({ code, message, details = {} }: ErrorPayload): Error {
  return code === 'INTERNAL'
    ? new InternalError(message, details)
    : new BorelogError(code, message, details)
}

/** The same decode as the worker's, on the calling thread. */
async function decodeInThread(bytes: Uint8Array, where: string): Promise<Table> {
  return (await openParquet({ bytes, where })).read()
}

export class DecodePool {
  private readonly slots: Slot[] = []
  private readonly pending = new Map<number, Pending>()
  private readonly queue: Array<{ id: number; bytes: Uint8Array; where: string }> = []
  private nextId = 0

  /** `workerScript`: the bundled decode-worker.mjs, or null to decode in-thread. */
  constructor(workerScript: URL | null, size: number) {
    if (workerScript === null || !existsSync(fileURLToPath(workerScript))) return
    for (let i = 0; i < size; i++) this.startWorker(workerScript)
  }

  get workerCount(): number {
    return this.slots.length
  }

  decode(bytes: Uint8Array, where: string): Promise<Table> {
    if (this.slots.length === 0) return decodeInThread(bytes, where)
    const id = ++this.nextId
    // A copy: the caller's bytes (the store's verified-file cache) must not be detached by the transfer.
    const copy = bytes.slice()
    return new Promise<Table>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.queue.push({ id, bytes: copy, where })
      this.pump()
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()))
    this.slots.length = 0
  }

  private startWorker(script: URL): void {
    const slot: Slot = { worker: new Worker(script), current: null }
    slot.worker.unref()
    slot.worker.on('message', (reply: Reply) => {
      slot.current = null
      const waiting = this.pending.get(reply.id)
      this.pending.delete(reply.id)
      if (waiting) {
        if ('ipc' in reply) waiting.resolve(tableFromIPC(reply.ipc))
        else waiting.reject(errorOf(reply.error))
      }
      this.pump()
    })
    slot.worker.on('error', (e) => {
      // A worker that dies takes no request with it: the rest decode in-thread from now on.
      console.error('A decode worker failed; decoding in the main thread instead.', e)
      this.slots.splice(this.slots.indexOf(slot), 1)
      void slot.worker.terminate()
      if (slot.current !== null) {
        this.pending.get(slot.current)?.reject(
          // An uncaught fault in the worker: neither bad input nor an outage, so a bug.
          new InternalError(
            'The decode worker stopped; retry the request.',
            { where: 'decode worker' },
            { cause: e },
          ),
        )
        this.pending.delete(slot.current)
      }
      if (this.slots.length === 0) this.drainInThread()
    })
    this.slots.push(slot)
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.current !== null) continue
      const next = this.queue.shift()
      if (!next) return
      slot.current = next.id
      slot.worker.postMessage(next, [next.bytes.buffer as ArrayBuffer])
    }
  }

  private drainInThread(): void {
    for (const { id, bytes, where } of this.queue.splice(0)) {
      const waiting = this.pending.get(id)
      this.pending.delete(id)
      decodeInThread(bytes, where).then(waiting?.resolve, waiting?.reject)
    }
  }
}
