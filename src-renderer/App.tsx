// The app shell: top bar (menu, store, who is logged in), the routed screen, the status
// bar (records, long work with progress and Cancel, sync status, host) and a toast
// region that announces what an action did. Global shortcuts live here, so they work
// on every screen (except while typing in a field).
import { lazy, Suspense, useCallback, useEffect, useState } from 'react'

import { MenuBar, type Menu } from './components/MenuBar'
import { ProgressStatus } from './components/ProgressStatus'
import { SyncStatusLink } from './components/SyncStatusLink'
import type { ResponseOf } from '../shared/ipc/contract'
import { useCall, useIpc } from './ipc/client'
import { navigate, routeHref, useRoute } from './router'
import { Loading } from './components/common'
import { RecordPage } from './records/RecordPage'
import { RecordsList } from './records/RecordsList'
import { useSettings } from './settings'
import { shortcutLabel, useAppShortcuts, type AppCommand } from './shortcuts'
import { SyncProvider, useSync } from './sync/sync-context'

const COMMAND_ROUTES = {
  'new-record': { name: 'new-record', from: null },
  import: { name: 'import' },
  settings: { name: 'settings' },
} as const

/**
 * After navigation, focus the new screen's first useful control (marked
 * `data-focus-first`), else its heading, so a keyboard or screen reader user starts
 * there, unless the screen already put focus somewhere (a grid, a field).
 */
function useFocusOnNavigate(href: string): void {
  useEffect(() => {
    let attempts = 0
    let frame = 0
    let focused: HTMLElement | null = null
    // Keeps watching for a few seconds: a lazy screen replaces its loading state (or the
    // previous screen) after the first frames, taking a heading focused early with it.
    const tryFocus = () => {
      const active = document.activeElement
      // The menu that navigated still holds focus at first; later, the menu is the user's.
      const isUnplaced =
        active === null ||
        active === document.body ||
        (focused === null && active.closest('.topbar, .statusbar') !== null) ||
        !document.contains(active)
      if (isUnplaced) {
        // A screen with one obvious first control (the draft's grid) marks it, so its
        // user starts there rather than a Tab walk away from it.
        const target =
          document.querySelector<HTMLElement>('main [data-focus-first]') ??
          document.querySelector<HTMLElement>('main h1')
        if (target) {
          if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
          target.focus({ preventScroll: true })
          focused = target
        }
      } else if (active !== focused) {
        return // the screen or the user placed focus: leave it there
      }
      if (attempts++ < 300) frame = requestAnimationFrame(tryFocus)
    }
    frame = requestAnimationFrame(tryFocus)
    return () => cancelAnimationFrame(frame)
  }, [href])
}

/**
 * Counts store switches: a different store is a different world, so every screen
 * starts again on it. The first location read (settings arriving) is not a switch.
 */
function useStoreGeneration(location: string | null): number {
  const [seen, setSeen] = useState<{ location: string | null; generation: number }>({
    location,
    generation: 0,
  })
  if (location !== null && location !== seen.location) {
    setSeen({ location, generation: seen.location === null ? 0 : seen.generation + 1 })
  }
  return seen.generation
}

/** A message announced in the toast region, cleared after a few seconds. */
function useToast(): [string | null, (message: string) => void] {
  const [toast, setToast] = useState<string | null>(null)
  const showToast = useCallback((message: string) => setToast(message), [])
  useEffect(() => {
    if (toast === null) return
    const t = setTimeout(() => setToast(null), 5000)
    return () => clearTimeout(t)
  }, [toast])
  return [toast, showToast]
}

function appMenus(run: (command: AppCommand) => void, syncNow: () => void): Menu[] {
  return [
    {
      label: 'File',
      items: [
        {
          label: 'New record',
          shortcut: shortcutLabel('new-record'),
          keyShortcut: 'Control+N',
          onSelect: () => run('new-record'),
        },
        {
          label: 'Import…',
          shortcut: shortcutLabel('import'),
          keyShortcut: 'Control+O',
          onSelect: () => run('import'),
        },
        {
          label: 'Settings',
          shortcut: shortcutLabel('settings'),
          keyShortcut: 'Control+,',
          onSelect: () => run('settings'),
        },
        { label: 'Records', onSelect: () => navigate({ name: 'records' }) },
      ],
    },
    {
      label: 'Sync',
      items: [
        { label: 'Sync now', onSelect: syncNow },
        { label: 'Conflicts', onSelect: () => navigate({ name: 'sync' }) },
      ],
    },
  ]
}

type StoreInfo = ResponseOf<'store.info'>

function TopBar({
  menus,
  info,
  userName,
}: {
  menus: Menu[]
  info: StoreInfo | undefined
  userName: string | undefined
}) {
  return (
    <header className="topbar">
      <div className="topbar-start">
        <a className="brand" href="#/records">
          <span className="brand-mark" aria-hidden="true">
            ▤
          </span>
          Borelog Desk
        </a>
        <MenuBar menus={menus} />
      </div>
      <div className="topbar-info">
        {info && (
          <span className="store-location" title={`Store: ${info.location}`}>
            <span className="visually-hidden">Store: </span>
            {info.location}
          </span>
        )}
        {userName && (
          <a
            className="user-name"
            href={routeHref({ name: 'settings' })}
            title="Change the user name in Settings"
            data-testid="user-name"
          >
            Logged in as <strong>{userName}</strong>
          </a>
        )}
      </div>
    </header>
  )
}

function StatusBar({ info }: { info: StoreInfo | undefined }) {
  return (
    <footer className="statusbar">
      <span>{info ? `${info.recordCount} records` : ''}</span>
      <ProgressStatus />
      <span className="statusbar-end">
        <SyncStatusLink />
        <span>{info?.host === 'browser' ? 'Browser host (127.0.0.1)' : info ? 'Desktop' : ''}</span>
      </span>
    </footer>
  )
}

function Shell() {
  const ipc = useIpc()
  const route = useRoute()
  const href = routeHref(route)
  const { settings } = useSettings()
  const sync = useSync()
  const info = useCall('store.info', {}, `info@${settings?.storeLocation ?? ''}`)
  const { reload: reloadInfo } = info
  const [toast, showToast] = useToast()
  useEffect(() => ipc.on('store.changed', () => reloadInfo()), [ipc, reloadInfo])

  const run = useCallback((command: AppCommand) => navigate(COMMAND_ROUTES[command]), [])
  useAppShortcuts(run)
  useFocusOnNavigate(href)

  const syncNow = useCallback(() => {
    navigate({ name: 'sync' })
    // Without a remote the sync screen says how to set one up; a run would only fail.
    if (sync.status && !sync.status.isConfigured) return
    void sync.run().then((result) => {
      if (result)
        showToast(
          `Synced: ${result.pulled} pulled, ${result.pushed} pushed, ${result.merged} merged, ${result.conflicts} conflicts.`,
        )
    })
  }, [sync, showToast])

  const userName = settings?.userName ?? info.value?.user
  const storeKey = useStoreGeneration(settings?.storeLocation ?? null)

  return (
    <div className="app">
      <TopBar menus={appMenus(run, syncNow)} info={info.value} userName={userName} />
      <main className="content" key={storeKey}>
        <Suspense fallback={<Loading label="Opening" />}>
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
            <NewRecordScreen key={href} from={route.from} onToast={showToast} />
          )}
          {route.name === 'import' && <ImportScreen onToast={showToast} />}
          {route.name === 'settings' && <SettingsScreen onToast={showToast} />}
          {route.name === 'sync' && <SyncScreen onToast={showToast} />}
        </Suspense>
      </main>
      <StatusBar info={info.value} />
      <div className="toast-region" role="status" aria-live="polite">
        {toast && <div className="toast">{toast}</div>}
      </div>
    </div>
  )
}

// Screens beyond the list and the record page load on first use: the app paints its
// first screen without parsing the editor, diff, import and sync code.
const DiffScreen = lazy(() => import('./diff/DiffScreen').then((m) => ({ default: m.DiffScreen })))
const DraftScreen = lazy(() =>
  import('./draft/DraftScreen').then((m) => ({ default: m.DraftScreen })),
)
const ImportScreen = lazy(() =>
  import('./import/ImportScreen').then((m) => ({ default: m.ImportScreen })),
)
const NewRecordScreen = lazy(() =>
  import('./new-record/NewRecordScreen').then((m) => ({ default: m.NewRecordScreen })),
)
const SettingsScreen = lazy(() =>
  import('./settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })),
)
const SyncScreen = lazy(() => import('./sync/SyncScreen').then((m) => ({ default: m.SyncScreen })))
const VersionScreen = lazy(() =>
  import('./records/VersionScreen').then((m) => ({ default: m.VersionScreen })),
)

export function App() {
  return (
    <SyncProvider>
      <Shell />
    </SyncProvider>
  )
}
