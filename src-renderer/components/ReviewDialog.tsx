// Approve (optional comment) or reject (reason required) exactly the version on screen:
// a reviewer never approves a version they did not see. Main refuses with STALE_REVIEW
// when the record moved on and VALIDATION_FAILED when the version has error findings;
// both are shown with what to do next. See docs/ARCHITECTURE.md, "Data flow: a review".
import { useEffect, useId, useRef, useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import { useIpc } from '../ipc/client'
import { routeHref } from '../router'
import { ErrorBanner } from './common'

export type ReviewKind = 'approve' | 'reject'

export interface ReviewDialogProps {
  kind: ReviewKind
  recordId: string
  version: number
  onClose: () => void
  onDone: (message: string) => void
}

export function ReviewDialog({ kind, recordId, version, onClose, onDone }: ReviewDialogProps) {
  const ipc = useIpc()
  const [text, setText] = useState('')
  const [error, setError] = useState<ErrorPayload | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [isTouched, setTouched] = useState(false)
  const titleId = useId()
  const textId = useId()
  const hintId = useId()
  const textareaRef = useRef<HTMLTextAreaElement>(null)
  const needsReason = kind === 'reject'
  const isMissingReason = needsReason && text.trim() === ''

  useEffect(() => textareaRef.current?.focus(), [])

  async function submit(): Promise<void> {
    setTouched(true)
    if (isMissingReason || isBusy) return
    setBusy(true)
    setError(null)
    const res =
      kind === 'approve'
        ? await ipc.invoke('record.approve', {
            recordId,
            version,
            ...(text.trim() ? { comment: text.trim() } : {}),
          })
        : await ipc.invoke('record.reject', { recordId, version, reason: text })
    setBusy(false)
    if (res.ok)
      onDone(
        kind === 'approve'
          ? `Approved ${recordId} v${version}.`
          : `Rejected ${recordId} v${version}.`,
      )
    else setError(res.error)
  }

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose()
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit()
        }}
      >
        <h2 id={titleId}>
          {kind === 'approve' ? 'Approve' : 'Reject'} {recordId} v{version}
        </h2>
        <p className="muted">
          {kind === 'approve'
            ? 'Approval records your name, the time and the hash of exactly this version file.'
            : 'The author sees your reason in the history. The record stays rejected until a new draft is saved.'}
        </p>
        <label htmlFor={textId} className="field-label">
          {kind === 'approve' ? 'Comment (optional)' : 'Reason (required)'}
        </label>
        <textarea
          id={textId}
          ref={textareaRef}
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-required={needsReason}
          aria-invalid={isTouched && isMissingReason}
          aria-describedby={hintId}
          placeholder={
            kind === 'approve'
              ? 'e.g. Checked against site photos.'
              : 'e.g. SPT N at 4.50 m does not match the field sheet.'
          }
        />
        <p
          id={hintId}
          className={`field-hint${isTouched && isMissingReason ? ' field-error' : ''}`}
        >
          {isTouched && isMissingReason
            ? 'A reason is required to reject.'
            : 'Ctrl+Enter to confirm, Esc to cancel.'}
        </p>
        {error && (
          <ErrorBanner
            error={error}
            action={
              error.code === 'STALE_REVIEW' ? (
                <a
                  className="button"
                  href={routeHref({ name: 'record', recordId })}
                  onClick={onClose}
                >
                  See the newest version
                </a>
              ) : undefined
            }
          />
        )}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${kind === 'approve' ? 'button-approve' : 'button-reject'}`}
            onClick={() => void submit()}
            disabled={isBusy}
          >
            {isBusy ? 'Saving…' : kind === 'approve' ? `Approve v${version}` : `Reject v${version}`}
          </button>
        </div>
      </div>
    </div>
  )
}

/**
 * Reject and approve, in that order, with their shortcuts (R, A) named for assistive
 * technology. `versionLabel` ("v3") names the version where the screen shows two.
 */
export function ReviewButtons({
  versionLabel,
  approveTitle,
  onReview,
}: {
  versionLabel?: string
  approveTitle?: string
  onReview: (kind: ReviewKind) => void
}) {
  const what = versionLabel ? ` ${versionLabel}` : ''
  return (
    <>
      <button
        type="button"
        className="button button-reject"
        onClick={() => onReview('reject')}
        aria-keyshortcuts="r"
      >
        Reject{what}… <kbd>R</kbd>
      </button>
      <button
        type="button"
        className="button button-approve"
        onClick={() => onReview('approve')}
        aria-keyshortcuts="a"
        title={approveTitle}
      >
        Approve{what}… <kbd>A</kbd>
      </button>
    </>
  )
}
