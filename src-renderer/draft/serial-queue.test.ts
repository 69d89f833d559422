import { describe, expect, it } from 'vitest'

import { SerialQueue } from './serial-queue'

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('serial edit queue', () => {
  it('runs tasks one at a time in the order queued, even when an earlier one is slower', async () => {
    const log: string[] = []
    const queue = new SerialQueue()
    let running = 0
    const task = (name: string, ms: number) => async () => {
      running++
      expect(running).toBe(1)
      log.push(`start ${name}`)
      await delay(ms)
      log.push(`end ${name}`)
      running--
      return name
    }
    const results = await Promise.all([
      queue.run(task('a', 30)),
      queue.run(task('b', 1)),
      queue.run(task('c', 10)),
    ])
    expect(results).toEqual(['a', 'b', 'c'])
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
  })

  it('a failed task rejects its own caller only; later tasks still run', async () => {
    const queue = new SerialQueue()
    const failed = queue.run(() => Promise.reject(new Error('refused')))
    const next = queue.run(() => Promise.resolve(2))
    await expect(failed).rejects.toThrow('refused')
    await expect(next).resolves.toBe(2)
  })

  it('counts pending tasks down to zero, and idle waits for all of them', async () => {
    const counts: number[] = []
    const queue = new SerialQueue((n) => counts.push(n))
    void queue.run(() => delay(5))
    void queue.run(() => delay(5))
    expect(queue.pending).toBe(2)
    await queue.idle()
    expect(queue.pending).toBe(0)
    expect(counts).toEqual([1, 2, 1, 0])
  })
})
