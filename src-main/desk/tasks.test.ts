import { describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import type { EventOf } from '../../shared/ipc/contract'
import { EventHub } from './events'
import { TaskRegistry } from './tasks'

function registry() {
  const events = new EventHub()
  const progress: EventOf<'progress'>[] = []
  events.subscribe((name, payload) => {
    if (name === 'progress') progress.push(payload as EventOf<'progress'>)
  })
  return { tasks: new TaskRegistry(events), progress }
}

const codeOf = (e: unknown) => (e instanceof BorelogError ? e.code : String(e))

describe('TaskRegistry', () => {
  it('a task announces its start and always its end, also when it fails', async () => {
    const { tasks, progress } = registry()
    await expect(
      tasks.run({ taskId: 't1', label: 'Importing', isCancellable: true }, async (task) => {
        task.progress(5, 10)
        throw new Error('disk full')
      }),
    ).rejects.toThrow('disk full')
    expect(progress.map((p) => [p.done, p.total])).toEqual([
      [0, null],
      [5, 10],
      [10, 10],
    ])
    expect(progress.every((p) => p.taskId === 't1' && p.isCancellable)).toBe(true)
  })

  it('cancel reaches the running task: throwIfCancelled and a pending wait reject CANCELLED', async () => {
    const { tasks } = registry()
    let release = (): void => {}
    const never = new Promise<void>((resolve) => (release = resolve))
    const running = tasks.run({ taskId: 't2', label: 'Reading', isCancellable: true }, (task) =>
      task.unlessCancelled(never),
    )
    expect(tasks.cancel('t2')).toBe(true)
    expect(codeOf(await running.catch((e: unknown) => e))).toBe('CANCELLED')
    release()

    const checked = tasks.run(
      { taskId: 't3', label: 'Saving', isCancellable: true },
      async (task) => {
        tasks.cancel('t3')
        task.throwIfCancelled()
      },
    )
    expect(codeOf(await checked.catch((e: unknown) => e))).toBe('CANCELLED')
  })

  it('cancelling a task that is not running says so and changes nothing', async () => {
    const { tasks } = registry()
    expect(tasks.cancel('nope')).toBe(false)
    await tasks.run({ taskId: 'done', label: 'x', isCancellable: true }, async () => 1)
    expect(tasks.cancel('done')).toBe(false)
  })
})
