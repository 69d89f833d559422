// The record's append-only history as a timeline, under the result of main's check of
// its hash chain: a broken chain is said first, with each problem, before any entry.
import type { ResponseOf } from '../../shared/ipc/contract'
import { formatTime, plural, shortHash } from '../format'

type History = ResponseOf<'record.history'>

export function HistoryTimeline({ history }: { history: History }) {
  const { integrity, entries } = history
  return (
    <>
      <p
        className={`integrity ${integrity.isIntact ? 'integrity-ok' : 'integrity-broken'}`}
        data-testid="integrity"
        role="status"
      >
        {integrity.isIntact
          ? `✓ Intact: ${plural(integrity.checkedEntries, 'entry')} and ${plural(integrity.checkedVersions, 'file')} verified`
          : `✗ Integrity check failed: ${plural(integrity.problems.length, 'problem')}`}
      </p>
      {integrity.problems.map((p, i) => (
        <p key={i} className="integrity-problem" data-problem-code={p.code}>
          {p.message}
        </p>
      ))}
      <ol className="timeline">
        {[...entries].reverse().map((e, i) => (
          <li key={i} className={`timeline-item timeline-${e.action ?? e.status}`}>
            <span className="timeline-dot" aria-hidden="true" />
            <div>
              <p className="timeline-title">
                <strong>{e.action ?? e.status}</strong> v{e.version} by {e.created_by}
              </p>
              <p className="muted small" title={e.created_at}>
                {formatTime(e.created_at)}
                {e.file_sha256 && <> · file {shortHash(e.file_sha256)}</>}
              </p>
              {(e.reason ?? e.comment) && (
                <p className="timeline-comment">{e.reason ?? e.comment}</p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </>
  )
}
