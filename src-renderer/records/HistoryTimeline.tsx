// The record's append-only history as a timeline, under the result of main's check of
// its hash chain: a broken chain is said first, with each problem, before any entry.
// Each entry says who signed it, as main checked the signature against the store's keys;
// a missing or broken signature is shown in red.
import type { EntrySignatureStatus, ResponseOf } from '../../shared/ipc/contract'
import { formatTime, plural, shortHash } from '../format'

type History = ResponseOf<'record.history'>

export function HistoryTimeline({ history }: { history: History }) {
  const { integrity, entries, signatures } = history
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
        {entries
          .map((e, i) => ({ e, signature: signatures[i] }))
          .reverse()
          .map(({ e, signature }, i) => (
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
                {signature && <SignatureLine name={e.created_by} signature={signature} />}
              </div>
            </li>
          ))}
      </ol>
    </>
  )
}

function SignatureLine({ name, signature }: { name: string; signature: EntrySignatureStatus }) {
  const key = signature.key ? ` · key ${shortHash(signature.key)}` : ''
  if (signature.status === 'valid')
    return (
      <p className="muted small signature-valid" data-signature="valid">
        ✓ Signed by {name}
        {key}
      </p>
    )
  return (
    <p className="signature-broken" data-signature={signature.status}>
      {signature.status === 'unsigned'
        ? '✗ Unsigned (written before signing): nothing proves who wrote it'
        : `✗ Signature not valid: ${signature.message ?? signature.status}`}
      {key}
    </p>
  )
}
