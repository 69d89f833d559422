// What the taskbar (Windows), dock (macOS) or launcher (Linux) shows of long work:
// the running tasks' progress events folded into one BrowserWindow.setProgressBar value.
// Plain Node so it is tested without Electron; main.ts only applies the result.
import type { EventOf } from '../../shared/ipc/contract'

export interface TaskbarProgress {
  /** 0..1 while running; -1 removes the bar (Electron's convention). */
  value: number
  mode: 'none' | 'normal' | 'indeterminate'
}

/** Every running task counts; a task whose total is unknown makes the bar indeterminate. */
export class TaskbarTracker {
  private readonly running = new Map<string, { done: number; total: number | null }>()

  /** Folds one progress event in and answers what the bar shows now. */
  update(event: EventOf<'progress'>): TaskbarProgress {
    const isFinished = event.total !== null && event.done >= event.total
    if (isFinished) this.running.delete(event.taskId)
    else this.running.set(event.taskId, { done: event.done, total: event.total })
    return this.current()
  }

  current(): TaskbarProgress {
    const tasks = [...this.running.values()]
    if (tasks.length === 0) return { value: -1, mode: 'none' }
    if (tasks.some((t) => t.total === null)) return { value: 2, mode: 'indeterminate' }
    const done = tasks.reduce((n, t) => n + t.done, 0)
    const total = tasks.reduce((n, t) => n + (t.total ?? 0), 0)
    return { value: total > 0 ? Math.min(1, done / total) : 0, mode: 'normal' }
  }
}

/** The window title names the open store, so two windows on two stores are told apart. */
export function windowTitle(storeLocation: string): string {
  const name = storeLocation.split(/[\\/]/).filter(Boolean).pop() ?? storeLocation
  return `${name} — Borelog Desk (${storeLocation})`
}
