// Sync (issue 8, DESIGN.md 4): where this store stands against its remote, Sync now
// (a cancellable task), what the last run pulled, pushed and merged, and the conflicts
// it could not merge, each settled by the user (ours, theirs or a typed value) and
// saved as a new version naming both parents. Conflicts are never resolved silently.
import { formatDistance, parseISO } from 'date-fns'
import { useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { RequestOf, SyncConflictView } from '../../shared/ipc/contract'
import { EmptyState, ErrorBanner, Loading } from '../components/common'
import { CancelTaskButton, ProgressBar, useTaskProgress } from '../components/ProgressStatus'
import { formatTime, plural } from '../format'
import { useCall, useIpc } from '../ipc/client'
import { routeHref } from '../router'
import { useSync } from './sync-context'
import {
  describeSyncStatus,
  formatConflictKey,
  formatConflictValue,
  typedConflictValue,
} from './sync-status'

type Toast = (message: string) => void
type Resolution = RequestOf<'sync.resolve'>['resolutions'][string]
type Choice = { kind: 'ours' | 'theirs' } | { kind: 'value'; text: string }

export function SyncScreen({ onToast }: { onToast: Toast }) {
  const sync = useSync()
  const conflicts = useCall('sync.conflicts', {}, `conflicts@${sync.status?.conflicts ?? ''}`)
  const progress = useTaskProgress(sync.runningTaskId)
  const status = sync.status
  const described = status ? describeSyncStatus(status) : null

  const syncNow = async () => {
    const result = await sync.run()
    conflicts.reload()
    if (result)
      onToast(
        `Synced: ${result.pulled} pulled, ${result.pushed} pushed, ${result.merged} merged, ${plural(result.conflicts, 'conflict')}.`,
      )
  }

  return (
    <section className="screen sync-screen" aria-labelledby="sync-title">
      <header className="screen-header">
        <div>
          <h1 id="sync-title">Sync</h1>
          <p className="subtitle">
            This store always works offline; sync sends your versions to the remote and brings
            others&rsquo; back.
          </p>
        </div>
      </header>

      <section className="card" aria-labelledby="sync-status-title">
        <h2 id="sync-status-title">Status</h2>
        {sync.statusError && <ErrorBanner error={sync.statusError} />}
        {!status && !sync.statusError && <Loading label="Reading the sync status…" />}
        {status && described && (
          <>
            <p className={`sync-headline sync-${described.tone}`} data-testid="sync-headline">
              <span className="sync-dot" aria-hidden="true" />
              {described.text}
            </p>
            <dl className="properties sync-properties">
              <div className="property">
                <dt>Remote</dt>
                <dd>
                  {status.remote ? (
                    <span className="mono">{status.remote}</span>
                  ) : (
                    <>
                      None.{' '}
                      <a href={routeHref({ name: 'settings' })}>Set up a remote in Settings</a>.
                    </>
                  )}
                </dd>
              </div>
              <div className="property">
                <dt>Last sync</dt>
                <dd title={status.lastSyncAt ?? undefined}>
                  {status.lastSyncAt
                    ? `${formatDistance(parseISO(status.lastSyncAt), new Date(), { addSuffix: true })} (${formatTime(status.lastSyncAt)})`
                    : 'Never'}
                </dd>
              </div>
              <div className="property">
                <dt>To push</dt>
                <dd>{plural(status.toPush, 'version')}</dd>
              </div>
              <div className="property">
                <dt>To pull</dt>
                <dd>
                  {status.toPull === null
                    ? 'Not known until the remote is reached'
                    : plural(status.toPull, 'version')}
                </dd>
              </div>
            </dl>
          </>
        )}
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => void syncNow()}
            disabled={sync.runningTaskId !== null || !status?.isConfigured}
            title={status?.isConfigured ? 'Push and pull now' : 'Set up a remote in Settings first'}
          >
            {sync.runningTaskId !== null ? 'Syncing…' : 'Sync now'}
          </button>
          {sync.runningTaskId !== null && (
            <>
              {progress && <ProgressBar task={progress} />}
              <CancelTaskButton taskId={sync.runningTaskId} label="Sync" />
            </>
          )}
        </div>
        {sync.lastError && <ErrorBanner error={sync.lastError} />}
        {sync.lastResult && (
          <dl className="sync-results" aria-label="Last sync" data-testid="sync-results">
            {(['pulled', 'pushed', 'merged', 'conflicts'] as const).map((k) => (
              <div key={k}>
                <dt>{k[0]?.toUpperCase() + k.slice(1)}</dt>
                <dd>{sync.lastResult?.[k]}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <section className="card" aria-labelledby="sync-conflicts-title">
        <h2 id="sync-conflicts-title">Conflicts</h2>
        {conflicts.status === 'error' && <ErrorBanner error={conflicts.error} />}
        {conflicts.status === 'loading' && !conflicts.value && (
          <Loading label="Reading the conflicts…" />
        )}
        {conflicts.value?.records.length === 0 && (
          <EmptyState title="No conflicts.">
            <p>Changes made here and on the remote to different cells merge by themselves.</p>
          </EmptyState>
        )}
        {conflicts.value?.records.map((record) => (
          <RecordConflicts
            key={`${record.recordId}@${record.localVersion}/${record.remoteVersion}`}
            record={record}
            onResolved={(version) => {
              onToast(`Resolved ${record.recordId}: saved v${version}.`)
              conflicts.reload()
              sync.refresh()
            }}
          />
        ))}
      </section>
    </section>
  )
}

function RecordConflicts({
  record,
  onResolved,
}: {
  record: SyncConflictView
  onResolved: (version: number) => void
}) {
  const ipc = useIpc()
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [error, setError] = useState<ErrorPayload | null>(null)
  const [isResolving, setIsResolving] = useState(false)
  const missing = record.conflicts.filter((c) => choices[c.id] === undefined).length
  const titleId = `conflict-${record.recordId}`

  const resolve = async () => {
    const resolutions: Record<string, Resolution> = {}
    for (const c of record.conflicts) {
      const choice = choices[c.id]
      if (!choice) return
      resolutions[c.id] =
        choice.kind === 'value'
          ? { value: typedConflictValue(choice.text, c.ours, c.theirs) }
          : choice.kind
    }
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
          {record.conflicts.map((c) => {
            const choice = choices[c.id]
            const where = [formatConflictKey(c.key), c.column].filter(Boolean).join(' · ')
            const set = (next: Choice) => setChoices((all) => ({ ...all, [c.id]: next }))
            const group = `${record.recordId}-${c.id}`
            return (
              <tr key={c.id}>
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
                    <label>
                      <input
                        type="radio"
                        name={group}
                        checked={choice?.kind === 'ours'}
                        onChange={() => set({ kind: 'ours' })}
                      />
                      Ours
                    </label>
                    <label>
                      <input
                        type="radio"
                        name={group}
                        checked={choice?.kind === 'theirs'}
                        onChange={() => set({ kind: 'theirs' })}
                      />
                      Theirs
                    </label>
                    <label>
                      <input
                        type="radio"
                        name={group}
                        checked={choice?.kind === 'value'}
                        onChange={() =>
                          set({
                            kind: 'value',
                            text:
                              formatConflictValue(c.ours) === '(empty)'
                                ? ''
                                : formatConflictValue(c.ours),
                          })
                        }
                      />
                      Value
                    </label>
                    {choice?.kind === 'value' && (
                      <input
                        type="text"
                        aria-label={`Value for ${where || c.kind}`}
                        value={choice.text}
                        onChange={(e) => set({ kind: 'value', text: e.target.value })}
                        className="conflict-value"
                      />
                    )}
                  </fieldset>
                </td>
              </tr>
            )
          })}
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
        <button
          type="button"
          className="button button-quiet"
          onClick={() =>
            setChoices(Object.fromEntries(record.conflicts.map((c) => [c.id, { kind: 'ours' }])))
          }
        >
          Keep all ours
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() =>
            setChoices(Object.fromEntries(record.conflicts.map((c) => [c.id, { kind: 'theirs' }])))
          }
        >
          Keep all theirs
        </button>
      </div>
    </article>
  )
}
