// Electron main: owns the store through the desk's Workspace, serves it over Electron IPC
// and serves the renderer from app://borelog/ under the checklist in security.ts. This is
// the only folder that imports electron; everything it serves is the plain-Node desk and
// ipc layers, the same code the browser host and the e2e tests run.
// See docs/ARCHITECTURE.md, "Process model and IPC", and docs/SECURITY.md.
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  session as electronSession,
  shell,
} from 'electron'

import {
  BRIDGE_INVOKE_CHANNEL,
  bridgeEventChannel,
  type EventOf,
  type IpcResult,
} from '../../shared/ipc/contract'
import { defaultConfigDir, runOverrides, Workspace } from '../desk/index'
import { errorResult, serveWorkspace } from '../ipc/index'
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appResponseHeaders,
  decidePermission,
  decideWindowOpen,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isTrustedSender,
  mainWindowOptions,
  resolveAppRequest,
} from './security'
import { TaskbarTracker, windowTitle } from './taskbar'

const here = dirname(fileURLToPath(import.meta.url))
const rendererDir = join(here, '..', 'renderer')
const preloadPath = join(here, '..', 'preload', 'index.cjs')
const samplesDir = app.isPackaged
  ? join(process.resourcesPath, 'samples')
  : join(here, '..', '..', 'resources', 'samples')

// Must precede `ready`: app:// becomes a standard, secure origin.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
app.enableSandbox()

function hardenContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler((details) =>
      decideWindowOpen(details, (url) => {
        if (isAllowedExternalUrl(url)) void shell.openExternal(url)
      }),
    )
  })
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = resolveAppRequest(rendererDir, request.url)
    if (!target) return new Response('Not found', { status: 404 })
    try {
      return new Response(await readFile(target.file), {
        headers: appResponseHeaders(target.mimeType),
      })
    } catch (e) {
      // A path that names no file (or a folder) is a 404; any other failure is logged.
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR')
        return new Response('Not found', { status: 404 })
      console.error(`Serving ${target.file} failed.`, e)
      return new Response('The app could not read this file.', { status: 500 })
    }
  })
}

function denyPermissions(): void {
  const ses = electronSession.defaultSession
  ses.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(decidePermission(permission)),
  )
  ses.setPermissionCheckHandler((_contents, permission) => decidePermission(permission))
}

function serveIpc(workspace: Workspace): void {
  const dispatch = serveWorkspace(workspace)
  ipcMain.handle(
    BRIDGE_INVOKE_CHANNEL,
    async (event, channel: unknown, payload: unknown): Promise<IpcResult<unknown>> => {
      if (!isTrustedSender(event.senderFrame)) {
        return errorResult({
          code: 'UNAUTHORIZED',
          message: 'Refused: the call did not come from the app page.',
        })
      }
      return dispatch(channel, payload)
    },
  )
  workspace.events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const frame = window.webContents.mainFrame
      if (isTrustedSender(frame)) window.webContents.send(bridgeEventChannel(name), payload)
    }
  })
}

/** The taskbar shows long work; every window's title names the open store. */
function showWorkspace(workspace: Workspace): void {
  const taskbar = new TaskbarTracker()
  workspace.events.subscribe((name, payload) => {
    if (name === 'progress') {
      const bar = taskbar.update(payload as EventOf<'progress'>)
      for (const window of BrowserWindow.getAllWindows())
        window.setProgressBar(bar.value, { mode: bar.mode })
    } else if (name === 'settings.changed') {
      const title = windowTitle(workspace.location)
      for (const window of BrowserWindow.getAllWindows()) window.setTitle(title)
    }
  })
}

function openWindow(workspace: Workspace): void {
  const window = new BrowserWindow({
    ...mainWindowOptions(preloadPath),
    title: windowTitle(workspace.location),
  })
  // The page's <title> would replace the store's name.
  window.on('page-title-updated', (event) => event.preventDefault())
  window.once('ready-to-show', () => window.show())
  // The draft editor asks to stay while edits are still on their way to main (its
  // beforeunload); Electron shows no prompt of its own, so the choice is asked here.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Edits not yet kept',
      message: 'Edits are still being saved. Leave anyway?',
    })
    if (choice === 0) event.preventDefault()
  })
  void window.loadURL(APP_ENTRY_URL)
}

/** Brings the first instance's window forward when the app is started again. */
function focusOnSecondStart(): void {
  app.on('second-instance', () => {
    const window = BrowserWindow.getAllWindows()[0]
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  })
}

async function start(): Promise<void> {
  focusOnSecondStart()
  await app.whenReady()
  hardenContents()
  denyPermissions()
  serveRenderer()
  const workspace = await Workspace.open({
    configDir: defaultConfigDir(),
    host: 'electron',
    overrides: runOverrides({}),
    samplesDir,
    decodeWorker: new URL('./decode-worker.mjs', import.meta.url),
  })
  serveIpc(workspace)
  showWorkspace(workspace)
  openWindow(workspace)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(workspace)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('before-quit', () => void workspace.close())
}

// One instance per user: two would share the config dir (settings, working drafts) and
// each hold drafts in memory. The second start hands over to the first and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  start().catch((e: unknown) => {
    console.error('Borelog Desk failed to start', e)
    app.exit(1)
  })
}
