// Working drafts found on disk (edits survive an app crash or a closed window): listed
// above the records so nothing typed is forgotten, with Resume (open the draft editor)
// and Discard (asks first: discarding loses the edits for good).
import { useCallback, useState } from 'react'

import type { DraftSummary } from '../../shared/ipc/contract'
import type { ErrorPayload } from '../../shared/errors'
import { formatAge, plural } from '../format'
import { useCall, useIpc, useStoreChanged } from '../ipc/client'
import { routeHref } from '../router'
import { ErrorBanner } from './common'

/** "5 edits, 10 minutes ago, from v3"; a new record says so. */
function describeDraft(draft: DraftSummary): string {
  const edits = draft.editCount === 0 ? 'no edits yet' : plural(draft.editCount, 'edit')
  const origin = draft.baseVersion === null ? 'new record' : `from v${draft.baseVersion}`
  return `${edits}, ${formatAge(draft.updatedAt)}, ${origin}`
}

function DraftItem({ draft, onDiscarded }: { draft: DraftSummary; onDiscarded: () => void }) {
  const ipc = useIpc()
  const [isAsking, setIsAsking] = useState(false)
  const [error, setError] = useState<ErrorPayload | null>(null)
  const discard = async () => {
    const res = await ipc.invoke('draft.discard', { recordId: draft.recordId })
    if (!res.ok) return setError(res.error)
    setIsAsking(false)
    onDiscarded()
  }
  return (
    <li className="drafts-item" data-record-id={draft.recordId}>
      <span>
        <strong className="mono">{draft.recordId}</strong>{' '}
        <span className="muted">({describeDraft(draft)})</span>
      </span>
      {isAsking ? (
        <span className="actions" role="group" aria-label={`Discard ${draft.recordId}?`}>
          <span>Discard {plural(draft.editCount, 'edit')} for good?</span>
          <button
            type="button"
            className="button button-small button-reject"
            onClick={() => void discard()}
          >
            Discard
          </button>
          <button type="button" className="button button-small" onClick={() => setIsAsking(false)}>
            Keep
          </button>
        </span>
      ) : (
        <span className="actions">
          <a
            className="button button-small button-primary"
            href={routeHref({ name: 'draft', recordId: draft.recordId })}
            aria-label={`Resume ${draft.recordId}`}
          >
            Resume
          </a>
          <button
            type="button"
            className="button button-small"
            onClick={() => setIsAsking(true)}
            aria-label={`Discard ${draft.recordId}`}
          >
            Discard
          </button>
        </span>
      )}
      {error && <ErrorBanner error={error} />}
    </li>
  )
}

export function DraftsBanner() {
  const drafts = useCall('drafts.list', {}, 'drafts')
  const { reload } = drafts
  useStoreChanged(useCallback(() => reload(), [reload]))
  const list = drafts.value?.drafts ?? []
  if (list.length === 0) return null
  return (
    <section
      className="drafts-banner"
      aria-labelledby="drafts-banner-title"
      data-testid="drafts-banner"
    >
      <h2 id="drafts-banner-title">Unsaved edits</h2>
      <ul className="drafts-list">
        {list.map((d) => (
          <DraftItem key={d.recordId} draft={d} onDiscarded={reload} />
        ))}
      </ul>
    </section>
  )
}
