// The app shell: top bar (store, reviewer, host), the routed screen, and a toast
// region that announces what a review did.
import { useCallback, useEffect, useState } from 'react'

import { useCall, useIpc } from './ipc/client'
import { routeHref, useRoute } from './router'
import { DiffScreen } from './screens/DiffScreen'
import { DraftScreen } from './screens/DraftScreen'
import { ImportScreen } from './screens/ImportScreen'
import { NewRecordScreen } from './screens/NewRecordScreen'
import { RecordPage } from './screens/RecordPage'
import { RecordsList } from './screens/RecordsList'
import { SettingsScreen } from './screens/SettingsScreen'
import { SyncScreen } from './screens/SyncScreen'
import { VersionScreen } from './screens/VersionScreen'

/** Long work in main (opening or sorting a large version) shown while it runs (DESIGN.md 5). */
function ProgressStatus() {
  const ipc = useIpc()
  const [running, setRunning] = useState<Map<string, string>>(new Map())
  useEffect(
    () =>
      ipc.on('progress', (p) =>
        setRunning((current) => {
          const next = new Map(current)
          if (p.total !== null && p.done >= p.total) next.delete(p.taskId)
          else next.set(p.taskId, p.label)
          return next
        }),
      ),
    [ipc],
  )
  const labels = [...running.values()]
  return (
    <span className="progress-status" role="status" aria-live="polite">
      {labels.length > 0 && (
        <>
          <span className="spinner spinner-small" aria-hidden="true" />
          {labels[0]}
          {labels.length > 1 ? ` (+${labels.length - 1})` : ''}…
        </>
      )}
    </span>
  )
}

export function App() {
  const route = useRoute()
  const info = useCall('store.info', {}, 'info')
  const [toast, setToast] = useState<string | null>(null)
  const showToast = useCallback((message: string) => setToast(message), [])
  useEffect(() => {
    if (toast === null) return
    const t = setTimeout(() => setToast(null), 5000)
    return () => clearTimeout(t)
  }, [toast])

  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="#/records">
          <span className="brand-mark" aria-hidden="true">
            ▤
          </span>
          Borelog Desk
        </a>
        <div className="topbar-info">
          {info.value && (
            <>
              <span className="store-location" title={info.value.location}>
                {info.value.location}
              </span>
              <span className="reviewer">Reviewer: {info.value.user}</span>
            </>
          )}
        </div>
      </header>
      <main className="content">
        {route.name === 'records' && <RecordsList />}
        {route.name === 'record' && <RecordPage key={route.recordId} recordId={route.recordId} />}
        {route.name === 'version' && (
          <VersionScreen
            key={`${route.recordId}@${route.version}`}
            recordId={route.recordId}
            version={route.version}
            focusRow={route.row}
            onToast={showToast}
          />
        )}
        {route.name === 'diff' && (
          <DiffScreen
            key={`${route.recordId}@${route.from}..${route.to}`}
            recordId={route.recordId}
            from={route.from}
            to={route.to}
            onToast={showToast}
          />
        )}
        {route.name === 'draft' && (
          <DraftScreen key={route.recordId} recordId={route.recordId} onToast={showToast} />
        )}
        {route.name === 'new-record' && (
          <NewRecordScreen key={routeHref(route)} from={route.from} onToast={showToast} />
        )}
        {route.name === 'import' && <ImportScreen onToast={showToast} />}
        {route.name === 'settings' && <SettingsScreen onToast={showToast} />}
        {route.name === 'sync' && <SyncScreen onToast={showToast} />}
      </main>
      <footer className="statusbar">
        <span>{info.value ? `${info.value.recordCount} records` : ''}</span>
        <ProgressStatus />
        <span>
          {info.value?.host === 'browser'
            ? 'Browser host (127.0.0.1)'
            : info.value
              ? 'Desktop'
              : ''}
        </span>
      </footer>
      <div className="toast-region" role="status" aria-live="polite">
        {toast && <div className="toast">{toast}</div>}
      </div>
    </div>
  )
}
