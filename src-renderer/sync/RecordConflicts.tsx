// One record's sync conflicts: each cell with its base, our and their value, a choice
// of what to keep (ours, theirs or a typed value), and Resolve, which saves a new
// version naming both parents. Resolve stays off until every conflict has a choice.
import { useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { SyncConflictView } from '../../shared/ipc/contract'
import { ErrorBanner } from '../components/common'
import { plural } from '../format'
import { useIpc } from '../ipc/client'
import { routeHref } from '../router'
import {
  formatConflictKey,
  formatConflictValue,
  resolutionsFromChoices,
  valueChoiceStart,
  type ConflictChoice,
} from './sync-status'

type Conflict = SyncConflictView['conflicts'][number]

const SIDES = [
  { kind: 'ours', label: 'Ours' },
  { kind: 'theirs', label: 'Theirs' },
] as const

export function RecordConflicts({
  record,
  onResolved,
}: {
  record: SyncConflictView
  onResolved: (version: number) => void
}) {
  const ipc = useIpc()
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({})
  const [error, setError] = useState<ErrorPayload | null>(null)
  const [isResolving, setIsResolving] = useState(false)
  const missing = record.conflicts.filter((c) => choices[c.id] === undefined).length
  const titleId = `conflict-${record.recordId}`

  const resolve = async () => {
    const resolutions = resolutionsFromChoices(record.conflicts, choices)
    if (!resolutions) return
    setIsResolving(true)
    setError(null)
    const res = await ipc.invoke('sync.resolve', {
      recordId: record.recordId,
      localVersion: record.localVersion,
      resolutions,
    })
    setIsResolving(false)
    if (!res.ok) return setError(res.error)
    onResolved(res.value.version)
  }
  const keepAll = (kind: 'ours' | 'theirs') =>
    setChoices(Object.fromEntries(record.conflicts.map((c) => [c.id, { kind }])))

  return (
    <article className="conflict-record" aria-labelledby={titleId} data-record-id={record.recordId}>
      <h3 id={titleId}>
        <a href={routeHref({ name: 'record', recordId: record.recordId })} className="record-link">
          {record.recordId}
        </a>{' '}
        <span className="muted small">
          here v{record.localVersion} · remote v{record.remoteVersion}
          {record.baseVersion !== null ? ` · common v${record.baseVersion}` : ''} ·{' '}
          {plural(record.conflicts.length, 'conflict')}
        </span>
      </h3>
      <table className="data-table conflict-table">
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">Base</th>
            <th scope="col">Here (ours)</th>
            <th scope="col">Remote (theirs)</th>
            <th scope="col">Keep</th>
          </tr>
        </thead>
        <tbody>
          {record.conflicts.map((c) => (
            <ConflictRow
              key={c.id}
              conflict={c}
              group={`${record.recordId}-${c.id}`}
              choice={choices[c.id]}
              onChoice={(next) => setChoices((all) => ({ ...all, [c.id]: next }))}
            />
          ))}
        </tbody>
      </table>
      {error && <ErrorBanner error={error} />}
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={missing > 0 || isResolving}
          onClick={() => void resolve()}
          title={
            missing > 0 ? `Choose what to keep for ${plural(missing, 'conflict')} first` : undefined
          }
        >
          {isResolving ? 'Resolving…' : `Resolve ${record.recordId}`}
        </button>
        {missing > 0 && (
          <span className="muted small">Choose for {plural(missing, 'more conflict')}.</span>
        )}
        <button type="button" className="button button-quiet" onClick={() => keepAll('ours')}>
          Keep all ours
        </button>
        <button type="button" className="button button-quiet" onClick={() => keepAll('theirs')}>
          Keep all theirs
        </button>
      </div>
    </article>
  )
}

function ConflictRow({
  conflict: c,
  group,
  choice,
  onChoice,
}: {
  conflict: Conflict
  /** The name of the row's radio group, unique in the window. */
  group: string
  choice: ConflictChoice | undefined
  onChoice: (choice: ConflictChoice) => void
}) {
  const where = [formatConflictKey(c.key), c.column].filter(Boolean).join(' · ')
  return (
    <tr>
      <td className="conflict-where">
        <span className="mono small">{where || c.kind}</span>
        <span className="muted small conflict-message">{c.message}</span>
      </td>
      <td className="muted">{formatConflictValue(c.base)}</td>
      <td>{formatConflictValue(c.ours)}</td>
      <td>{formatConflictValue(c.theirs)}</td>
      <td>
        <fieldset className="conflict-choice">
          <legend className="visually-hidden">Keep for {where || c.kind}</legend>
          {SIDES.map(({ kind, label }) => (
            <label key={kind}>
              <input
                type="radio"
                name={group}
                checked={choice?.kind === kind}
                onChange={() => onChoice({ kind })}
              />
              {label}
            </label>
          ))}
          <label>
            <input
              type="radio"
              name={group}
              checked={choice?.kind === 'value'}
              onChange={() => onChoice({ kind: 'value', text: valueChoiceStart(c.ours) })}
            />
            Value
          </label>
          {choice?.kind === 'value' && (
            <input
              type="text"
              aria-label={`Value for ${where || c.kind}`}
              value={choice.text}
              onChange={(e) => onChoice({ kind: 'value', text: e.target.value })}
              className="conflict-value"
            />
          )}
        </fieldset>
      </td>
    </tr>
  )
}
