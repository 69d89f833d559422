import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  appResponseHeaders,
  decidePermission,
  decideWindowOpen,
  ELECTRON_CSP,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isTrustedSender,
  mainWindowOptions,
  resolveAppRequest,
  secureWebPreferences,
} from './security'

describe('Electron security checklist', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs')

  it('isolates the context of the preload from the page', () => {
    expect(prefs.contextIsolation).toBe(true)
  })

  it('sandboxes the renderer', () => {
    expect(prefs.sandbox).toBe(true)
  })

  it('gives the renderer no Node integration anywhere (page, workers, subframes)', () => {
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security on, no insecure content, no experimental features, no webview', () => {
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.experimentalFeatures).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.navigateOnDragDrop).toBe(false)
  })

  it('the main window uses exactly these preferences', () => {
    expect(mainWindowOptions('/p.cjs').webPreferences).toEqual(secureWebPreferences('/p.cjs'))
  })

  it('has a strict CSP: own scripts only, no inline or eval, no network, no framing', () => {
    const directives = new Map(
      ELECTRON_CSP.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/)
        return [name, values] as const
      }),
    )
    expect(directives.get('default-src')).toEqual(["'none'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('connect-src')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(ELECTRON_CSP).not.toContain('unsafe-inline')
    expect(ELECTRON_CSP).not.toContain('unsafe-eval')
    expect(appResponseHeaders('text/html')['Content-Security-Policy']).toBe(ELECTRON_CSP)
  })

  it('serves the renderer from a custom standard, secure protocol rather than file://', () => {
    expect(APP_ENTRY_URL.startsWith('app://borelog/')).toBe(true)
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true })
  })

  it('the app protocol serves only files inside the renderer folder of its own host', () => {
    expect(resolveAppRequest('/r', 'app://borelog/index.html')?.file).toBe('/r/index.html')
    expect(resolveAppRequest('/r', 'app://borelog/assets/a.js')?.mimeType).toContain('javascript')
    expect(resolveAppRequest('/r', 'app://borelog/..%2f..%2fetc%2fpasswd')).toBeNull()
    // The URL parser folds %2e%2e away: the result stays inside the folder.
    expect(resolveAppRequest('/r', 'app://borelog/%2e%2e/%2e%2e/secret')?.file).toBe('/r/secret')
    expect(resolveAppRequest('/r', 'app://other/index.html')).toBeNull()
    expect(resolveAppRequest('/r', 'file:///etc/passwd')).toBeNull()
    // A malformed escape is a request for no file, not a failure of the protocol handler.
    expect(resolveAppRequest('/r', 'app://borelog/%E0%A4%A.js')).toBeNull()
  })

  it('blocks every navigation', () => {
    for (const url of [
      'https://evil.example',
      'file:///etc/passwd',
      'app://borelog/index.html',
      'javascript:alert(1)',
    ]) {
      expect(isAllowedNavigation(url)).toBe(false)
    }
  })

  it('never opens a new window; allowlisted links go to the system browser, others nowhere', () => {
    const opened: string[] = []
    expect(
      decideWindowOpen({ url: 'https://www.ags.org.uk/data-format/' }, (u) => opened.push(u)),
    ).toEqual({
      action: 'deny',
    })
    expect(decideWindowOpen({ url: 'https://evil.example/' }, (u) => opened.push(u))).toEqual({
      action: 'deny',
    })
    expect(opened).toEqual(['https://www.ags.org.uk/data-format/'])
  })

  it('opens externally only https URLs of allowlisted origins', () => {
    expect(isAllowedExternalUrl('https://www.bgs.ac.uk/x')).toBe(true)
    expect(isAllowedExternalUrl('http://www.bgs.ac.uk/x')).toBe(false)
    expect(isAllowedExternalUrl('https://www.bgs.ac.uk.evil.example/x')).toBe(false)
    expect(isAllowedExternalUrl('https://user@www.bgs.ac.uk/x')).toBe(false)
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false)
    expect(isAllowedExternalUrl('not a url')).toBe(false)
  })

  it('denies every permission request', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'unknown',
    ]) {
      expect(decidePermission(p)).toBe(false)
    }
  })

  it('answers IPC only from the top-level frame of the app origin', () => {
    expect(isTrustedSender({ url: 'app://borelog/index.html#/records', parent: null })).toBe(true)
    expect(isTrustedSender({ url: 'app://borelog/index.html', parent: {} })).toBe(false)
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false)
    expect(isTrustedSender({ url: 'file:///index.html', parent: null })).toBe(false)
    expect(isTrustedSender({ url: 'app://other/index.html', parent: null })).toBe(false)
    expect(isTrustedSender(null)).toBe(false)
  })
})

describe('packaged binary fuses (electron-builder.yml)', () => {
  const config = readFileSync(resolve(import.meta.dirname, '../../electron-builder.yml'), 'utf8')
  const fuse = (name: string): string | undefined =>
    new RegExp(`^\\s+${name}:\\s*(\\w+)\\s*$`, 'm').exec(config)?.[1]

  it('the packaged app cannot run as plain Node or take Node options and inspector flags', () => {
    expect(fuse('runAsNode')).toBe('false')
    expect(fuse('enableNodeOptionsEnvironmentVariable')).toBe('false')
    expect(fuse('enableNodeCliInspectArguments')).toBe('false')
  })

  it('the packaged app loads only its own integrity-checked asar, and file:// gets no extra privileges', () => {
    expect(fuse('onlyLoadAppFromAsar')).toBe('true')
    expect(fuse('enableEmbeddedAsarIntegrityValidation')).toBe('true')
    expect(fuse('grantFileProtocolExtraPrivileges')).toBe('false')
    expect(fuse('enableCookieEncryption')).toBe('true')
  })
})
