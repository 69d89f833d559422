import { describe, expect, it } from 'vitest'

import { applyProgress, percentDone, type RunningTask } from './progress'

describe('progress', () => {
  it('a task shows from its first event until done reaches total', () => {
    let running: Map<string, RunningTask> = new Map()
    running = applyProgress(running, { taskId: 't', label: 'Import', done: 0, total: null })
    expect(running.get('t')).toMatchObject({ label: 'Import', total: null, isCancellable: false })
    running = applyProgress(running, {
      taskId: 't',
      label: 'Import',
      done: 40,
      total: 100,
      isCancellable: true,
    })
    expect(running.get('t')?.isCancellable).toBe(true)
    expect(percentDone(running.get('t') as RunningTask)).toBe(40)
    running = applyProgress(running, { taskId: 't', label: 'Import', done: 100, total: 100 })
    expect(running.size).toBe(0)
  })

  it('an unknown total has no percentage; overshoot caps at 100', () => {
    expect(percentDone({ done: 5, total: null })).toBeNull()
    expect(percentDone({ done: 0, total: 0 })).toBeNull()
    expect(percentDone({ done: 12, total: 10 })).toBe(100)
  })

  it('does not change the map it was given', () => {
    const before = new Map<string, RunningTask>()
    applyProgress(before, { taskId: 'a', label: 'Sync', done: 0, total: null })
    expect(before.size).toBe(0)
  })
})
