// Electron's security checklist as plain data and pure functions (electron/electron
// docs/tutorial/security.md; see docs/SECURITY.md), so each item is unit-tested in
// plain Node and main.ts only wires them in. Only types come from electron here.
import { extname, join, normalize, resolve, sep } from 'node:path'

import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  HandlerDetails,
  WebPreferences,
} from 'electron'

import { contentSecurityPolicy, decodePath } from '../ipc/index'

/** The renderer is served from app://borelog/ (not file://, which grants access to every local file). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'borelog'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** Standard + secure so 'self' in the CSP and same-origin rules apply to app:// as to https. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: false,
    corsEnabled: false,
    stream: false,
  },
}

/** Under Electron the renderer talks to main over IPC only: it may fetch nothing. */
export const ELECTRON_CSP = contentSecurityPolicy({ allowSameOriginFetch: false })

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  }
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Borelog Desk',
    backgroundColor: '#f7f8fa',
    webPreferences: secureWebPreferences(preloadPath),
  }
}

/**
 * Hosts a link may open in the system browser: the data's sources and licences.
 * Exact https origins only; anything else is dropped, never opened.
 */
export const EXTERNAL_ORIGIN_ALLOWLIST: readonly string[] = [
  'https://www.ags.org.uk',
  'https://www.bgs.ac.uk',
  'https://www.nationalarchives.gov.uk',
]

/** The URL, or null for text that is not one (never trusted, never opened). */
function parseUrl(text: string): URL | null {
  return URL.canParse(text) ? new URL(text) : null
}

export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parseUrl(url)
  if (!parsed) return false
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    EXTERNAL_ORIGIN_ALLOWLIST.includes(parsed.origin)
  )
}

/**
 * The app is one page with hash routes, which never fire will-navigate: every real
 * navigation (a dropped file, a link, a script setting location) is refused.
 */
export function isAllowedNavigation(_url: string): boolean {
  return false
}

/** window.open and target=_blank: never a new Electron window; allowlisted links go to the system browser. */
export function decideWindowOpen(
  details: Pick<HandlerDetails, 'url'>,
  openExternal: (url: string) => void,
): { action: 'deny' } {
  if (isAllowedExternalUrl(details.url)) openExternal(details.url)
  return { action: 'deny' }
}

/** Camera, microphone, notifications, geolocation, ...: a review tool needs none. */
export function decidePermission(_permission: string): boolean {
  return false
}

/** The frame an IPC call came from, as much as the check needs. */
export interface SenderFrameLike {
  url: string
  parent: unknown
}

/**
 * IPC is answered only for our own top-level page: not a subframe, not a page that
 * somehow navigated elsewhere, not a destroyed frame (null).
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false
  const parsed = parseUrl(frame.url)
  if (!parsed) return false
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/**
 * Maps an app:// request to a file of the built renderer, or null (404) for another
 * host or a path that escapes the folder: the protocol serves the renderer and nothing else.
 */
export function resolveAppRequest(
  rendererDir: string,
  requestUrl: string,
): { file: string; mimeType: string } | null {
  const parsed = parseUrl(requestUrl)
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  const root = resolve(rendererDir)
  const relative = parsed.pathname === '/' ? 'index.html' : decodePath(parsed.pathname.slice(1))
  if (relative === null || relative.includes('\0')) return null
  const file = normalize(join(root, relative))
  if (!file.startsWith(root + sep)) return null
  return { file, mimeType: MIME[extname(file)] ?? 'application/octet-stream' }
}

/** Headers on every app:// response. */
export function appResponseHeaders(mimeType: string): Record<string, string> {
  return {
    'Content-Type': mimeType,
    'Content-Security-Policy': ELECTRON_CSP,
    'X-Content-Type-Options': 'nosniff',
  }
}
