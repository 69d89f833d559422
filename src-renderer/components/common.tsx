// Small pieces every screen uses: status chips, error banners with their code, empty
// and loading states. Status is never shown by colour alone (text + shape too).
import type { ReactNode } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { RecordStatus } from '../../shared/metadata'

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

/** What the reviewer can do about each failure: the message says what and where, this says what now. */
const ERROR_HINTS: Partial<Record<ErrorPayload['code'], string>> = {
  STALE_REVIEW:
    'Someone saved a newer version, or reviewed this one, after you opened it. See the record as it is now.',
  VALIDATION_FAILED:
    'Approval needs zero error findings. Reject with a reason, or ask for a corrected draft.',
  INVALID_TRANSITION: 'Only a draft can be approved or rejected.',
  CORRUPT_PARQUET:
    'This version file is damaged. Other records and versions are unaffected; run `borelog-desk verify`.',
  INTEGRITY:
    'The file on disk is not the one that was committed: it was changed or damaged. Other records are unaffected; run `borelog-desk verify`.',
  CORRUPT_METADATA: 'This record’s metadata.json is damaged; run `borelog-desk verify`.',
  BAD_INPUT: 'The request was refused before anything was read or changed.',
  NOT_FOUND: 'It may have been typed wrong, or it is not in this store.',
  STORE_UNAVAILABLE: 'The store could not be reached. Check the disk or the connection and retry.',
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
  const hint = hints?.[error.code] ?? ERROR_HINTS[error.code]
  return (
    <div className="error-banner" role="alert" data-error-code={error.code}>
      <div className="error-banner-body">
        <strong className="error-code">{error.code}</strong>
        <p className="error-message">{error.message}</p>
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
