// Long work in main as the status bar shows it, with Cancel where stopping is safe. A
// task is shown from its first progress event until done reaches total; main always
// sends that last event, even on error or cancel, so nothing stays stuck on screen.
// See docs/ARCHITECTURE.md, "Process model and IPC".
import type { EventOf } from '../shared/ipc/contract'

type ProgressEvent = EventOf<'progress'>

export interface RunningTask {
  taskId: string
  label: string
  done: number
  total: number | null
  isCancellable: boolean
}

export function applyProgress(
  running: ReadonlyMap<string, RunningTask>,
  event: ProgressEvent,
): Map<string, RunningTask> {
  const next = new Map(running)
  if (event.total !== null && event.done >= event.total) next.delete(event.taskId)
  else
    next.set(event.taskId, {
      taskId: event.taskId,
      label: event.label,
      done: event.done,
      total: event.total,
      isCancellable: event.isCancellable ?? false,
    })
  return next
}

/** Whole percent done, or null while the total is unknown. */
export function percentDone(task: Pick<RunningTask, 'done' | 'total'>): number | null {
  if (task.total === null || task.total <= 0) return null
  return Math.min(100, Math.floor((task.done / task.total) * 100))
}

/** A task id the renderer picks, so it can cancel the call before it returns. */
export function newTaskId(kind: string): string {
  return `${kind}-${crypto.randomUUID()}`
}
