// Small pieces every screen uses: status chips, error banners in plain words, empty
// and loading states. Status is never shown by colour alone (text + shape too).
import type { ReactNode } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { RecordStatus } from '../../shared/metadata'
import { plainError } from './error-wording'

const STATUS_LABEL: Record<RecordStatus, string> = {
  draft: 'Draft',
  approved: 'Approved',
  rejected: 'Rejected',
}

export function StatusBadge({ status }: { status: RecordStatus }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      <span className="badge-dot" aria-hidden="true" />
      {STATUS_LABEL[status]}
    </span>
  )
}

export function ErrorBanner({
  error,
  action,
  hints,
}: {
  error: ErrorPayload
  action?: ReactNode
  /** What now, where a screen knows better than the general hint (e.g. a store folder not found). */
  hints?: Partial<Record<ErrorPayload['code'], string>>
}) {
  const { title, message, hint } = plainError(error, hints)
  return (
    <div className="error-banner" role="alert" data-error-code={error.code}>
      <div className="error-banner-body">
        <strong className="error-title">{title}</strong>
        <p className="error-message">{message}</p>
        {hint && <p className="error-hint">{hint}</p>}
      </div>
      {action}
    </div>
  )
}

export function Loading({ label }: { label: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  )
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  )
}
