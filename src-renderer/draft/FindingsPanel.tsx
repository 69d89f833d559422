// The draft's findings, worst first, each a button that puts the cursor on its cell.
// The findings come with main's answer to every edit, so the list follows the draft as typed.
import { useMemo } from 'react'

import type { Finding } from '../../shared/metadata'
import { formatCount } from '../format'
import type { CellPos } from './selection'

/** A log with thousands of findings lists the first ones (errors first); the grid marks them all. */
const MAX_LISTED_FINDINGS = 300

export function FindingsPanel({
  findings,
  columns,
  onGo,
}: {
  findings: Finding[]
  columns: string[]
  onGo: (at: CellPos) => void
}) {
  const sorted = useMemo(
    () =>
      [...findings].sort(
        (a, b) =>
          (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
          (a.row ?? -1) - (b.row ?? -1),
      ),
    [findings],
  )
  if (findings.length === 0)
    return <p className="muted small">No findings: the draft passes every validation rule.</p>
  return (
    <ul className="draft-findings" aria-label="Findings">
      {sorted.slice(0, MAX_LISTED_FINDINGS).map((f, i) => {
        const where =
          f.row !== null
            ? `Row ${formatCount(f.row + 1)}${f.column ? ` · ${f.column}` : ''}`
            : (f.column ?? 'Table')
        const content = (
          <>
            <span className={`severity severity-${f.severity}`}>
              {f.severity === 'error' ? 'Error' : 'Warning'}
            </span>
            <span>{f.message}</span>
            <span className="draft-finding-where">{where}</span>
          </>
        )
        return (
          <li key={i}>
            {f.row !== null ? (
              <button
                type="button"
                className={`draft-finding draft-finding-${f.severity}`}
                onClick={() =>
                  onGo({
                    row: f.row ?? 0,
                    col: Math.max(0, f.column ? columns.indexOf(f.column) : 0),
                  })
                }
                title={`Go to ${where}`}
              >
                {content}
              </button>
            ) : (
              <div className={`draft-finding draft-finding-${f.severity}`}>{content}</div>
            )}
          </li>
        )
      })}
      {sorted.length > MAX_LISTED_FINDINGS && (
        <li className="muted small">
          and {formatCount(sorted.length - MAX_LISTED_FINDINGS)} more: fix these first.
        </li>
      )}
    </ul>
  )
}
