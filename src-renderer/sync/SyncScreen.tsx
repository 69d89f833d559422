// Sync: where this store stands against its remote, Sync now (a cancellable task), what
// the last run pulled, pushed and merged, and the conflicts it could not merge, each
// settled by the user (ours, theirs or a typed value) and saved as a new version naming
// both parents. Conflicts are never resolved silently. See docs/ARCHITECTURE.md, "Sync".
import { formatDistance, parseISO } from 'date-fns'

import { EmptyState, ErrorBanner, Loading } from '../components/common'
import { CancelTaskButton, ProgressBar, useTaskProgress } from '../components/ProgressStatus'
import { ScreenHeader } from '../components/ScreenHeader'
import { formatTime, plural } from '../format'
import { useCall } from '../ipc/client'
import { routeHref } from '../router'
import { RecordConflicts } from './RecordConflicts'
import { useSync } from './sync-context'
import { describeSyncStatus } from './sync-status'

type Toast = (message: string) => void

export function SyncScreen({ onToast }: { onToast: Toast }) {
  const sync = useSync()
  const conflicts = useCall('sync.conflicts', {}, `conflicts@${sync.status?.conflicts ?? ''}`)
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
      <ScreenHeader titleId="sync-title" title="Sync">
        This store always works offline; sync sends your versions to the remote and brings others’
        back.
      </ScreenHeader>

      <SyncStatusCard onSyncNow={() => void syncNow()} />

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

/** Where this store stands against its remote, Sync now with its progress, and the last run. */
function SyncStatusCard({ onSyncNow }: { onSyncNow: () => void }) {
  const sync = useSync()
  const progress = useTaskProgress(sync.runningTaskId)
  const status = sync.status
  const described = status ? describeSyncStatus(status) : null
  return (
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
                    None. <a href={routeHref({ name: 'settings' })}>Set up a remote in Settings</a>.
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
          onClick={onSyncNow}
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
  )
}
