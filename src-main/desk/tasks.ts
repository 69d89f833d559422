// Long work the user can watch and, where it is safe, stop: import, save,
// open of a big version, diff, export, sync. A task reports progress as contract
// `progress` events (the window's status bar and, in Electron, the taskbar) and, when
// cancellable, owns an AbortSignal that task.cancel trips. Work passes the signal down
// and checks it only at points where stopping leaves nothing half-saved.
import { randomUUID } from 'node:crypto'

import { BorelogError } from '../../shared/errors'
import type { EventHub } from './events'

export interface Task {
  readonly taskId: string
  readonly signal: AbortSignal
  /** Announces progress; `total` null while unknown. */
  progress(done: number, total: number | null): void
  /** Throws CANCELLED when the user stopped the task. */
  throwIfCancelled(): void
  /**
   * Settles with `work`, or rejects CANCELLED as soon as the task is stopped. For work
   * that only reads (a decode in a worker): its result, when it comes, is dropped.
   */
  unlessCancelled<T>(work: Promise<T>): Promise<T>
}

export interface TaskOptions {
  /** Chosen by the renderer so it can cancel before the call returns; else a fresh id. */
  taskId?: string | undefined
  label: string
  isCancellable: boolean
}

export class TaskRegistry {
  private readonly running = new Map<string, AbortController>()

  constructor(private readonly events: EventHub) {}

  /** Runs `work` as a task: progress starts at 0 and always ends (done = total), even on error. */
  async run<T>(options: TaskOptions, work: (task: Task) => Promise<T>): Promise<T> {
    const taskId = options.taskId ?? randomUUID()
    const controller = new AbortController()
    this.running.set(taskId, controller)
    let last = { done: 0, total: null as number | null }
    const emit = (done: number, total: number | null): void => {
      last = { done, total }
      this.events.emit('progress', {
        taskId,
        label: options.label,
        done,
        total,
        isCancellable: options.isCancellable,
      })
    }
    const cancelled = (): BorelogError =>
      new BorelogError('CANCELLED', `${options.label} was cancelled; nothing was saved.`)
    const task: Task = {
      taskId,
      signal: controller.signal,
      progress: emit,
      throwIfCancelled() {
        if (controller.signal.aborted) throw cancelled()
      },
      unlessCancelled<T>(work: Promise<T>): Promise<T> {
        if (controller.signal.aborted) return Promise.reject(cancelled())
        return new Promise<T>((resolve, reject) => {
          const onAbort = (): void => reject(cancelled())
          controller.signal.addEventListener('abort', onAbort, { once: true })
          work
            .then(resolve, reject)
            .finally(() => controller.signal.removeEventListener('abort', onAbort))
        })
      },
    }
    emit(0, null)
    try {
      return await work(task)
    } finally {
      this.running.delete(taskId)
      const total = last.total ?? Math.max(1, last.done)
      emit(total, total)
    }
  }

  /** True when a running task with that id was told to stop. */
  cancel(taskId: string): boolean {
    const controller = this.running.get(taskId)
    if (!controller) return false
    controller.abort()
    return true
  }
}
