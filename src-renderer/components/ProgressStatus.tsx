// Long work in main shown while it runs: the label, a bar when the total is known, and
// Cancel for work main says can stop safely (nothing half-saved). Lives in the status
// bar so it is visible from every screen.
import { useEffect, useState } from 'react'

import { useIpc } from '../ipc/client'
import { applyProgress, percentDone, type RunningTask } from '../progress'

export function ProgressBar({ task }: { task: Pick<RunningTask, 'label' | 'done' | 'total'> }) {
  const percent = percentDone(task)
  return (
    <span
      className={`progress-bar${percent === null ? ' progress-bar-unknown' : ''}`}
      role="progressbar"
      aria-label={task.label}
      aria-valuemin={percent === null ? undefined : 0}
      aria-valuemax={percent === null ? undefined : (task.total ?? undefined)}
      aria-valuenow={percent === null ? undefined : task.done}
      aria-valuetext={percent === null ? undefined : `${percent}%`}
    >
      <span
        className="progress-fill"
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </span>
  )
}

/**
 * Cancel a task by id; the progress event that ends it removes it from the bar. A
 * refused cancel is said, and the button offered again (never left "Cancelling…" while
 * the work goes on).
 */
export function CancelTaskButton({ taskId, label }: { taskId: string; label: string }) {
  const ipc = useIpc()
  const [isAsked, setIsAsked] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  return (
    <>
      <button
        type="button"
        className="button button-small"
        disabled={isAsked}
        title={`Stop ${label.toLowerCase()}; nothing half-done is saved`}
        onClick={() => {
          setIsAsked(true)
          setRefusal(null)
          void ipc.invoke('task.cancel', { taskId }).then((res) => {
            if (res.ok) return
            setIsAsked(false)
            setRefusal(`${label} could not be cancelled: ${res.error.message}`)
          })
        }}
      >
        {isAsked ? 'Cancelling…' : 'Cancel'}
      </button>
      {refusal && (
        <span className="field-error small" role="alert" data-testid="cancel-refused">
          {refusal}
        </span>
      )}
    </>
  )
}

/** The progress of one task this screen started (null until its first event, and after it ends). */
export function useTaskProgress(taskId: string | null): RunningTask | null {
  const ipc = useIpc()
  const [seen, setSeen] = useState<RunningTask | null>(null)
  useEffect(() => {
    if (taskId === null) return
    return ipc.on('progress', (p) => {
      if (p.taskId === taskId) setSeen(applyProgress(new Map(), p).get(taskId) ?? null)
    })
  }, [ipc, taskId])
  return seen !== null && seen.taskId === taskId ? seen : null
}

export function ProgressStatus() {
  const ipc = useIpc()
  const [running, setRunning] = useState<Map<string, RunningTask>>(new Map())
  useEffect(
    () => ipc.on('progress', (p) => setRunning((current) => applyProgress(current, p))),
    [ipc],
  )
  const tasks = [...running.values()]
  const first = tasks[0]
  return (
    <span className="progress-status" data-testid="progress-status">
      <span role="status" aria-live="polite" className="progress-label">
        {first && (
          <>
            {first.label}
            {tasks.length > 1 ? ` (+${tasks.length - 1})` : ''}…
          </>
        )}
      </span>
      {first && <ProgressBar task={first} />}
      {first?.isCancellable && (
        <CancelTaskButton key={first.taskId} taskId={first.taskId} label={first.label} />
      )}
    </span>
  )
}
