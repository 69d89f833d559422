// Saving a draft asks for a comment (required: it is the version's line in the
// history); discarding asks to confirm, since a discarded draft cannot be undone.
// A refused save (VERSION_CONFLICT: someone saved a newer version first) is shown
// plainly in the dialog, and the draft stays as it is on disk. Edits refused since the
// last save are listed instead of saving: a version must never be saved as if text the
// engineer typed had been kept when it was not.
// Both dialogs are modal: Tab cycles inside them (the screen behind is also inert).
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import { ErrorBanner } from '../components/common'
import { formatCount } from '../format'
import type { RefusedEdit } from './use-draft-session'

const FOCUSABLE =
  'button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])'

/** Tab off the last control goes to the first, Shift+Tab off the first to the last. */
function trapTab(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Tab') return
  const focusable = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)]
  const first = focusable[0]
  const last = focusable[focusable.length - 1]
  if (!first || !last) {
    e.preventDefault()
    return
  }
  const active = document.activeElement
  const isInside = active instanceof HTMLElement && e.currentTarget.contains(active)
  if (e.shiftKey && (active === first || !isInside)) {
    e.preventDefault()
    last.focus()
  } else if (!e.shiftKey && (active === last || !isInside)) {
    e.preventDefault()
    first.focus()
  }
}

function Dialog({
  title,
  children,
  onClose,
  onConfirm,
}: {
  title: string
  children: ReactNode
  onClose: () => void
  onConfirm: () => void
}) {
  const titleId = useId()
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          trapTab(e)
          if (e.key === 'Escape') onClose()
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) onConfirm()
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  )
}

function RefusedList({
  refused,
  columns,
  onDismiss,
}: {
  refused: RefusedEdit[]
  columns: string[]
  onDismiss: () => void
}) {
  const titleId = useId()
  return (
    <section className="draft-refused" aria-labelledby={titleId} data-testid="refused-edits">
      <h3 id={titleId}>
        {refused.length === 1
          ? '1 edit was refused and not kept'
          : `${formatCount(refused.length)} edits were refused and not kept`}
      </h3>
      <ul>
        {refused.slice(0, 20).map((r, i) => (
          <li key={i}>
            {r.at ? `Row ${formatCount(r.at.row + 1)} · ${columns[r.at.col] ?? ''}: ` : ''}
            {r.message}
          </li>
        ))}
        {refused.length > 20 && <li>and {formatCount(refused.length - 20)} more</li>}
      </ul>
      <p className="small">
        Cancel to fix them in the grid, or dismiss them to save the draft without those edits.
      </p>
      <button type="button" className="button" onClick={onDismiss}>
        Dismiss refused edits
      </button>
    </section>
  )
}

export function SaveDraftDialog({
  recordId,
  editCount,
  pending,
  refused,
  columns,
  onDismissRefused,
  onClose,
  onSave,
}: {
  recordId: string
  editCount: number
  pending: number
  /** Edits refused since the last save: shown instead of saving until dismissed. */
  refused: RefusedEdit[]
  columns: string[]
  onDismissRefused: () => void
  onClose: () => void
  /** Resolves to the refusal, or null once saved. */
  onSave: (comment: string) => Promise<ErrorPayload | null>
}) {
  const [comment, setComment] = useState('')
  const [isTouched, setTouched] = useState(false)
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorPayload | null>(null)
  const textId = useId()
  const hintId = useId()
  const textareaRef = useRef<HTMLTextAreaElement>(null)
  const isMissing = comment.trim() === ''
  useEffect(() => textareaRef.current?.focus(), [])

  const hasRefused = refused.length > 0

  async function submit(): Promise<void> {
    setTouched(true)
    if (isMissing || isBusy || hasRefused) return
    setBusy(true)
    setError(null)
    const refusal = await onSave(comment.trim())
    setBusy(false)
    if (refusal) setError(refusal)
  }

  return (
    <Dialog
      title={`Save ${recordId} as a new version`}
      onClose={onClose}
      onConfirm={() => void submit()}
    >
      <p className="muted">
        {editCount === 1 ? '1 edit becomes' : `${editCount} edits become`} the next version, a draft
        for review. Findings are saved with it.
      </p>
      <label htmlFor={textId} className="field-label">
        Comment (required)
      </label>
      <textarea
        id={textId}
        ref={textareaRef}
        rows={3}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        aria-required="true"
        aria-invalid={isTouched && isMissing}
        aria-describedby={hintId}
        placeholder="e.g. Logged from the field sheets of 12 March."
      />
      <p id={hintId} className={`field-hint${isTouched && isMissing ? ' field-error' : ''}`}>
        {isTouched && isMissing
          ? 'A comment is required to save: say what changed and why.'
          : 'Ctrl+Enter to save, Esc to cancel.'}
      </p>
      {hasRefused && (
        <RefusedList refused={refused} columns={columns} onDismiss={onDismissRefused} />
      )}
      {error && !hasRefused && (
        <>
          <ErrorBanner error={error} />
          <p className="small" role="status">
            {error.code === 'VERSION_CONFLICT'
              ? 'Nothing was saved and your draft is kept on this computer. Open the record to see the newer version, then carry your edits over.'
              : 'Nothing was saved; your draft is kept on this computer.'}
          </p>
        </>
      )}
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void submit()}
          disabled={isBusy || hasRefused}
        >
          {isBusy ? (pending > 0 ? 'Sending edits…' : 'Saving…') : 'Save version'}
        </button>
      </div>
    </Dialog>
  )
}

export function DiscardDraftDialog({
  recordId,
  editCount,
  onClose,
  onDiscard,
}: {
  recordId: string
  editCount: number
  onClose: () => void
  onDiscard: () => Promise<ErrorPayload | null>
}) {
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorPayload | null>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  // Focus starts on Cancel: Enter on an unread dialog must not throw work away.
  useEffect(() => cancelRef.current?.focus(), [])

  async function confirm(): Promise<void> {
    if (isBusy) return
    setBusy(true)
    const refusal = await onDiscard()
    setBusy(false)
    if (refusal) setError(refusal)
  }

  return (
    <Dialog
      title={`Discard the draft of ${recordId}?`}
      onClose={onClose}
      onConfirm={() => void confirm()}
    >
      <p className="muted">
        {editCount === 1 ? 'The 1 edit' : `All ${editCount} edits`} in this working draft will be
        thrown away. Saved versions are not touched. This cannot be undone.
      </p>
      {error && <ErrorBanner error={error} />}
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose} ref={cancelRef}>
          Keep editing
        </button>
        <button
          type="button"
          className="button button-reject"
          onClick={() => void confirm()}
          disabled={isBusy}
        >
          {isBusy ? 'Discarding…' : 'Discard draft'}
        </button>
      </div>
    </Dialog>
  )
}
