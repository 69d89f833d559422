// Saving a draft asks for a comment (required: it is the version's line in the history,
// DESIGN.md 3); discarding asks to confirm, since a discarded draft cannot be undone.
// A refused save (VERSION_CONFLICT: someone saved a newer version first) is shown
// plainly in the dialog, and the draft stays as it is on disk.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import { ErrorBanner } from '../components/common'

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

export function SaveDraftDialog({
  recordId,
  editCount,
  pending,
  onClose,
  onSave,
}: {
  recordId: string
  editCount: number
  pending: number
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

  async function submit(): Promise<void> {
    setTouched(true)
    if (isMissing || isBusy) return
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
      {error && (
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
          disabled={isBusy}
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
