// The Electron launch test: the built app (npm run build) in the real
// Electron binary, checking from inside the running app what the unit tests of
// src-main/app/security.ts cannot: no Node in the page, a two-function bridge, main
// validating bridge calls, window.open and navigation refused, app:// origin.
// It needs node_modules/electron's binary. Where it is missing this test FAILS with
// that message rather than passing or skipping: run it with `npm run test:e2e:electron`
// only where `npx install-electron` has put the binary in place.
import { existsSync, readFileSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { _electron as electron, expect, test } from '@playwright/test'

import { screenshot } from './support/fixtures'
import { TEMPLATE_POINTER } from './support/paths'

function electronBinary(): string {
  const pathFile = resolve('node_modules/electron/path.txt')
  if (!existsSync(pathFile)) {
    throw new Error(
      'No Electron binary: node_modules/electron/path.txt is missing, so the Electron launch test cannot run on ' +
        'this machine. Install the binary (`npx install-electron`) or run the browser-host project instead.',
    )
  }
  return resolve('node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
}

test('Electron: the app launches sandboxed on app:// with the checklist in force', async () => {
  const executablePath = electronBinary()
  const dir = await mkdtemp(join(tmpdir(), 'borelog-electron-'))
  const storeDir = join(dir, 'store')
  await cp((await readFile(TEMPLATE_POINTER, 'utf8')).trim(), storeDir, { recursive: true })
  const app = await electron.launch({
    executablePath,
    args: [resolve('out/main/index.js')],
    env: { ...process.env, BORELOG_STORE: storeDir, BORELOG_USER: 'e2e.reviewer' },
  })
  try {
    const page = await app.firstWindow()
    await expect(page.getByRole('heading', { name: 'Borelogs' })).toBeVisible()
    expect(page.url()).toMatch(/^app:\/\/borelog\//)

    const exposed = await page.evaluate(() => ({
      bridge: Object.keys((globalThis as unknown as { borelog: object }).borelog).sort(),
      hasRequire: typeof (globalThis as unknown as { require?: unknown }).require !== 'undefined',
      hasProcess: typeof (globalThis as unknown as { process?: unknown }).process !== 'undefined',
      opened:
        (globalThis as unknown as { open: (u: string) => unknown }).open('https://example.com') ===
        null,
    }))
    expect(exposed).toEqual({
      bridge: ['invoke', 'on'],
      hasRequire: false,
      hasProcess: false,
      opened: true,
    })

    const bad = await page.evaluate(() =>
      (
        globalThis as unknown as {
          borelog: { invoke: (c: string, r: unknown) => Promise<unknown> }
        }
      ).borelog.invoke('record.get', { recordId: 42 }),
    )
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })

    await page.evaluate(() => {
      ;(globalThis as unknown as { location: { href: string } }).location.href =
        'https://example.com/'
    })
    await expect(page.getByRole('heading', { name: 'Borelogs' })).toBeVisible()
    expect(page.url()).toMatch(/^app:\/\/borelog\//)
    await screenshot(page, 'electron-records-list')
  } finally {
    await app.close()
    await rm(dir, { recursive: true, force: true })
  }
})
