// The status bar's sync status, always visible whatever the screen, and a link to the
// sync screen. Tone is shown by a shape as well as colour.
import { routeHref } from '../router'
import { useSync } from '../sync/sync-context'
import { describeSyncStatus } from '../sync/sync-status'

export function SyncStatusLink() {
  const { status, statusError } = useSync()
  const described = status
    ? describeSyncStatus(status)
    : statusError
      ? { text: 'Sync status unavailable', tone: 'problem' as const }
      : { text: 'Sync…', tone: 'quiet' as const }
  return (
    <a
      href={routeHref({ name: 'sync' })}
      className={`sync-status sync-${described.tone}`}
      data-testid="sync-status"
      data-state={status?.state ?? ''}
      title={statusError?.message ?? status?.remote ?? 'Sync'}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="visually-hidden">Sync: </span>
      {described.text}
    </a>
  )
}
