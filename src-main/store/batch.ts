// Batch operations: each item succeeds or fails on its own, so one bad record never
// blocks the others; a few run at once to hide the backend's latency.
import { errorCode } from '../../shared/errors'
import type { MetadataJson } from '../../shared/metadata'
import type { BatchItemResult } from '../../shared/records'

const BATCH_CONCURRENCY = 8

export async function runBatch<T extends { recordId: string }>(
  inputs: T[],
  run: (input: T) => Promise<MetadataJson>,
): Promise<BatchItemResult[]> {
  const results: BatchItemResult[] = new Array(inputs.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++
      const input = inputs[index]!
      const recordId = String(input.recordId)
      try {
        const metadata = await run(input)
        results[index] = { recordId, ok: true, version: metadata.current_version }
      } catch (e) {
        // A finding per item, not a swallow: the caller gets every failure with its code.
        const message = String((e as Error)?.message ?? e)
        results[index] = { recordId, ok: false, error: { code: errorCode(e), message } }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, inputs.length) }, worker))
  return results
}
