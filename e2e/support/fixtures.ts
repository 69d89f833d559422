// Each test gets a fresh copy of the template store and its own browser host process
// (the real main-process code, bundled), and a page opened on the host's printed URL, so
// it holds the token (taken from the URL's fragment into sessionStorage). Tests talk to the app only through the UI, and to the store only through
// real processes or files, as a user or a second writer would.
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Locator, type Page } from '@playwright/test'

import { STORE_TOOL, TEMPLATE_POINTER } from './paths'
import { startHost } from './prepare'

const run = promisify(execFile)

export interface AppHost {
  /** The current host's address (its token in the fragment); changes when the host restarts. */
  url: string
  origin: string
  storeDir: string
  /** This test's settings and working drafts (BORELOG_CONFIG_DIR). */
  configDir: string
  /**
   * Ends the host (gracefully, or with SIGKILL as a crash) and starts a new one on the
   * same store and config dir, as reopening the app does; then open `app.url` again.
   */
  restart(how: 'quit' | 'crash', options?: { useStoreFlag?: boolean }): Promise<void>
  /** A second process saves a new version of the record (the store's real update path). */
  saveVersionElsewhere(recordId: string): Promise<number>
}

export const test = base.extend<{ app: AppHost }>({
  app: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'borelog-e2e-'))
    const storeDir = join(dir, 'store')
    const configDir = join(dir, 'config')
    await cp((await readFile(TEMPLATE_POINTER, 'utf8')).trim(), storeDir, { recursive: true })
    let host = await startHost(storeDir, { configDir })
    try {
      await use({
        get url() {
          return host.url
        },
        get origin() {
          return host.origin
        },
        storeDir,
        configDir,
        async restart(how, options = {}) {
          await (how === 'crash' ? host.kill() : host.stop())
          host = await startHost(storeDir, { configDir, ...options })
        },
        async saveVersionElsewhere(recordId) {
          const { stdout } = await run(process.execPath, [
            STORE_TOOL,
            'save-version',
            storeDir,
            recordId,
            'second.writer',
          ])
          return (JSON.parse(stdout) as { version: number }).version
        },
      })
    } finally {
      await host.stop()
      await rm(dir, { recursive: true, force: true })
    }
  },
  page: async ({ page, app }, use) => {
    await page.goto(app.url)
    await use(page)
  },
})

export { expect }

/** No serious or critical axe violations on what is on screen now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    )
  expect(bad, 'axe: serious/critical violations').toEqual([])
}

// Screenshots go to an ignored folder, so a test run leaves the tree clean;
// `npm run screenshots` points this at docs/screenshots to refresh the README's.
const SCREENSHOT_DIR = resolve(process.env.BORELOG_SCREENSHOT_DIR ?? 'test-results/screenshots')

/** Saves `name`.png of the whole page or of one element, for a person to look at. */
export async function screenshot(target: Page | Locator, name: string): Promise<void> {
  await target.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
}
