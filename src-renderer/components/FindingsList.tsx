// A version's validation findings, each linked to its row in the version grid, so a
// reviewer goes from the message to the cell it is about in one step.
import type { Finding } from '../../shared/metadata'
import { formatCount } from '../format'
import { routeHref } from '../router'

export function FindingsList({
  findings,
  recordId,
  version,
}: {
  findings: Finding[]
  recordId: string
  version: number
}) {
  if (findings.length === 0)
    return <p className="muted">No findings: the version passes every validation rule.</p>
  return (
    <ul className="findings" aria-label="Findings">
      {findings.map((f, i) => (
        <li key={i} className={`finding finding-${f.severity}`}>
          <span className={`severity severity-${f.severity}`}>
            {f.severity === 'error' ? 'Error' : 'Warning'}
          </span>
          <span className="finding-message">{f.message}</span>
          {f.row !== null ? (
            <a
              className="finding-link"
              href={routeHref({ name: 'version', recordId, version, row: f.row })}
            >
              Row {formatCount(f.row + 1)}
              {f.column ? ` · ${f.column}` : ''}
            </a>
          ) : (
            <span className="muted small">{f.column ?? 'table'}</span>
          )}
        </li>
      ))}
    </ul>
  )
}
