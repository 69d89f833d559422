// The field engineers' screens end to end: settings that persist across a
// restart, theme and units, changing the store folder, the menu and its shortcuts, the
// sync status and a sync with a folder remote, a new record from blank and from a
// template, and a CSV in feet imported with a preview. Real host, real store, real
// config dir per test (e2e/support/fixtures.ts); axe on every screen in both themes.
import { execFile } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'

import { DraftEditor } from './support/draft-editor'
import { expect, expectAccessible, screenshot, test } from './support/fixtures'
import { RecordsListPage, VersionPage } from './support/pages'
import { STORE_TOOL } from './support/paths'
import type { Locator, Page, Route } from '@playwright/test'

const DRAFT = 'TOP3398.WS03'
const TEMPLATE = 'TOP3398.WS01'
const FEET_CSV = resolve('e2e/fixtures/bh-feet.csv')
const run = promisify(execFile)

/** Another writer (a separate process) changes one cell of a record's latest version. */
async function setCellElsewhere(storeDir: string, recordId: string, column: string, value: number) {
  await run(process.execPath, [
    STORE_TOOL,
    'set-cell',
    storeDir,
    recordId,
    '1',
    column,
    JSON.stringify(value),
    'other.writer',
  ])
}

class SettingsPage {
  constructor(private readonly page: Page) {}
  async open(origin: string): Promise<void> {
    await this.page.goto(`${origin}/#/settings`)
    await expect(this.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
    await expect(this.section('Display')).toBeVisible()
  }
  section(name: string): Locator {
    return this.page.getByRole(name === 'Store' || name === 'You' ? 'region' : 'form', { name })
  }
  async saveDisplay(
    units: 'Metres (m)' | 'Feet (ft)',
    theme: 'Light' | 'Dark' | 'Same as the system',
  ) {
    const display = this.section('Display')
    await display.getByRole('radio', { name: units }).check()
    await display.getByRole('radio', { name: theme, exact: true }).check()
    await display.getByRole('button', { name: 'Save display' }).click()
    await expect(this.page.locator('.toast')).toContainText('Saved the display settings.')
  }
}

/** Text of a stored depth cell (row, 1-based column among the data cells) in the version grid. */
async function gridCell(version: VersionPage, row: number, column: number): Promise<string> {
  return version.row(row).getByRole('gridcell').nth(column).innerText()
}

test('settings persist across a restart: depths in feet in the grid, dark theme, remote', async ({
  page,
  app,
}) => {
  const version = new VersionPage(page)
  await version.open(app.origin, DRAFT, 2)
  await expect(version.row(1)).toBeVisible()
  const topMetres = Number(await gridCell(version, 1, 1))
  expect(topMetres).toBeGreaterThan(0)

  const settings = new SettingsPage(page)
  await settings.open(app.origin)
  await screenshot(page, '40-settings')
  await expectAccessible(page)

  // The name is the signing identity's: shown with its key, never editable here.
  const user = settings.section('You')
  await expect(user.getByTestId('identity-name')).toHaveText('e2e.reviewer')
  await expect(user.getByTestId('identity-fingerprint')).toHaveText(/^[0-9a-f]{64}$/)
  await expect(user.getByRole('textbox')).toHaveCount(0)
  await expect(page.getByTestId('user-name')).toHaveText('Logged in as e2e.reviewer')

  const remote = settings.section('Sync remote')
  await remote.getByRole('textbox', { name: /^Remote/ }).fill('bucket-without-scheme')
  await remote.getByRole('textbox', { name: /^Endpoint/ }).fill('127.0.0.1:9000')
  await remote.getByRole('button', { name: 'Save remote' }).click()
  await expect(remote.getByText('Use s3://bucket/prefix, or a full folder path')).toBeVisible()
  await expect(remote.getByText('An endpoint starts with https://')).toBeVisible()
  await screenshot(page, '41-settings-validation')
  const remoteDir = join(app.configDir, 'remote-store')
  await remote.getByRole('textbox', { name: /^Remote/ }).fill(remoteDir)
  await remote.getByRole('textbox', { name: /^Endpoint/ }).fill('')
  await remote.getByRole('button', { name: 'Save remote' }).click()
  await expect(page.locator('.toast')).toContainText('Saved the sync remote.')

  await settings.saveDisplay('Feet (ft)', 'Dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await screenshot(page, '42-settings-dark')
  await expectAccessible(page)

  await app.restart('quit')
  await page.goto(app.url)
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await settings.open(app.origin)
  await expect(settings.section('Display').getByRole('radio', { name: 'Feet (ft)' })).toBeChecked()
  await expect(settings.section('Display').getByRole('radio', { name: 'Dark' })).toBeChecked()
  await expect(
    settings.section('Sync remote').getByRole('textbox', { name: /^Remote/ }),
  ).toHaveValue(remoteDir)

  await version.open(app.origin, DRAFT, 2)
  await expect(version.row(1)).toBeVisible()
  await expect(version.grid.getByRole('columnheader', { name: /depth_top_m/ })).toContainText('ft')
  const topFeet = Number(await gridCell(version, 1, 1))
  expect(topFeet).toBeCloseTo(topMetres / 0.3048, 2)
  await screenshot(page, '43-version-grid-feet-dark')
  await expectAccessible(page)

  // Light forced on a dark OS: the setting wins over the system.
  await page.emulateMedia({ colorScheme: 'dark' })
  await settings.open(app.origin)
  await settings.saveDisplay('Metres (m)', 'Light')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(245, 246, 248)')
  await expectAccessible(page)
})

test('change the store folder: create a new store, see it empty, open the old one again', async ({
  page,
  app,
}) => {
  const list = new RecordsListPage(page)
  const settings = new SettingsPage(page)
  const store = settings.section('Store')
  const folder = store.getByRole('textbox', { name: 'Store folder' })
  await settings.open(app.origin)
  await expect(folder).toHaveValue(app.storeDir)

  await folder.fill(join(app.configDir, 'no-such-store'))
  await store.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(store.getByRole('alert')).toBeVisible()
  await screenshot(page, '44-settings-store-error')

  const second = join(dirname(app.storeDir), 'second-store')
  await mkdir(second, { recursive: true })
  await folder.fill(second)
  await store.getByRole('button', { name: 'Create new store' }).click()
  await expect(page.locator('.toast')).toContainText('Created and opened the store')
  await expect(page).toHaveURL(/#\/records$/)
  await list.chip('all').click()
  await list.expectTotal(0)
  await expect(page.locator('.store-location')).toContainText('second-store')
  await screenshot(page, '45-new-empty-store')
  await expectAccessible(page)

  await settings.open(app.origin)
  await folder.fill(app.storeDir)
  await store.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(page).toHaveURL(/#\/records$/)
  await list.expectTotal(9)
})

test('menu and shortcuts reach every screen; sync status in the status bar; sync with a folder remote', async ({
  page,
  app,
}) => {
  const list = new RecordsListPage(page)
  await list.open(app.origin)
  await expect(page.getByRole('link', { name: /New record/ })).toHaveAttribute('title', /Ctrl\+N/)

  const file = page.getByRole('menuitem', { name: 'File' })
  await file.focus()
  await page.keyboard.press('Enter')
  const menu = page.getByRole('menu', { name: 'File' })
  await expect(menu.getByRole('menuitem', { name: /New record/ })).toBeFocused()
  await expect(menu.getByRole('menuitem', { name: /New record/ })).toContainText('Ctrl+N')
  await expect(menu.getByRole('menuitem', { name: /Settings/ })).toHaveAttribute(
    'title',
    'Settings (Ctrl+,)',
  )
  await screenshot(page, '46-menu-file')
  await expectAccessible(page)
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeFocused()

  await page.keyboard.press('Control+,')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await page.keyboard.press('Control+n')
  await expect(page.getByRole('heading', { level: 1, name: 'New record' })).toBeVisible()
  // Typing in a field keeps the keys for the field. Navigation is async, so the heading
  // alone could still show while leaving: the key is dispatched where it is handled
  // synchronously, and must be left alone in the field (and taken elsewhere).
  const pressCtrlComma = (testId: string | null) =>
    page.evaluate((id) => {
      const doc = (
        globalThis as unknown as {
          document: { querySelector(s: string): { dispatchEvent(e: unknown): boolean } | null }
        }
      ).document
      const KeyboardEventCtor = (
        globalThis as unknown as { KeyboardEvent: new (type: string, init: object) => unknown }
      ).KeyboardEvent
      const target = doc.querySelector(id ? `[data-testid="${id}"]` : 'body')
      const event = new KeyboardEventCtor('keydown', {
        key: ',',
        ctrlKey: true,
        bubbles: true,
        cancelable: true,
      })
      const isLeftAlone = target?.dispatchEvent(event) ?? false
      return {
        isLeftAlone,
        hash: (globalThis as unknown as { location: { hash: string } }).location.hash,
      }
    }, testId)
  const inField = await pressCtrlComma('record-id')
  expect(inField.isLeftAlone).toBe(true)
  expect(inField.hash).toBe('#/new-record')
  await expect(page.getByRole('heading', { level: 1, name: 'New record' })).toBeVisible()
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await page.keyboard.press('Control+o')
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible()

  const status = page.getByTestId('sync-status')
  await expect(status).toHaveText(/Not set up/)
  await status.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeDisabled()
  await screenshot(page, '47-sync-not-set-up')
  await expectAccessible(page)

  const settings = new SettingsPage(page)
  await settings.open(app.origin)
  const remote = settings.section('Sync remote')
  await remote.getByRole('textbox', { name: /^Remote/ }).fill(join(app.configDir, 'remote'))
  await remote.getByRole('button', { name: 'Save remote' }).click()
  await expect(status).toHaveText(/to push/)

  await page.getByRole('menuitem', { name: 'Sync' }).click()
  await page.getByRole('menu', { name: 'Sync' }).getByRole('menuitem', { name: 'Sync now' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible()
  const results = page.getByTestId('sync-results')
  await expect(results).toBeVisible()
  await expect(results).toContainText('Pushed')
  await expect(status).toHaveText('Sync: Up to date')
  await expect(page.getByTestId('sync-headline')).toHaveText('Up to date')
  await expect(page.getByText('No conflicts.')).toBeVisible()
  await screenshot(page, '48-sync-done')
  await expectAccessible(page)
  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, '49-sync-done-dark')
  await expectAccessible(page)
})

test('new record: validation, from a template (header filled), then blank into its draft', async ({
  page,
  app,
}) => {
  await page.goto(`${app.origin}/#/new-record?template=${TEMPLATE}`)
  const heading = page.getByRole('heading', { level: 1, name: 'New record' })
  await expect(heading).toBeVisible()
  await expect(page.getByRole('radio', { name: /^Template/ })).toBeChecked()
  await expect(page.getByRole('combobox', { name: 'Source record' })).toHaveValue(TEMPLATE)
  await expect(page.getByRole('textbox', { name: 'Project' })).toHaveValue(/Hindley Mill/)
  await expect(page.getByRole('textbox', { name: 'Logged by' })).toHaveValue('e2e.reviewer')
  await page.getByRole('button', { name: 'Create and edit' }).click()
  await expect(page.getByText('Type a record id')).toBeVisible()
  await screenshot(page, '50-new-record-template')
  await expectAccessible(page)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectAccessible(page)
  await page.emulateMedia({ colorScheme: 'light' })

  await page.getByTestId('record-id').fill(DRAFT)
  await page.getByRole('button', { name: 'Create and edit' }).click()
  await expect(page.getByText(/already/i).first()).toBeVisible()

  await page.getByTestId('record-id').fill('BH-T1')
  await expect(page.getByRole('textbox', { name: 'Hole id' })).toHaveValue('BH-T1')
  await page.getByRole('button', { name: 'Create and edit' }).click()
  await expect(page).toHaveURL(/#\/records\/BH-T1\/draft$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Draft of BH-T1')

  await page.goto(`${app.origin}/#/new-record`)
  await expect(page.getByRole('radio', { name: 'Blank' })).toBeChecked()
  await page.getByTestId('record-id').fill('BH-B1')
  await page.getByRole('textbox', { name: 'Final depth (m)' }).fill('12.5')
  await page.getByRole('textbox', { name: 'Easting' }).fill('not a number')
  await page.getByRole('button', { name: 'Create and edit' }).click()
  await expect(page.getByText('Type a number')).toBeVisible()
  await page.getByRole('textbox', { name: 'Easting' }).fill('361234')
  await page.getByRole('button', { name: 'Create and edit' }).click()
  await expect(page).toHaveURL(/#\/records\/BH-B1\/draft$/)

  // Both working drafts are listed on the records list until saved or discarded.
  const list = new RecordsListPage(page)
  await list.open(app.origin)
  const banner = page.getByTestId('drafts-banner')
  await expect(banner).toContainText('BH-T1')
  await expect(banner).toContainText('BH-B1')
  await screenshot(page, '51-records-unsaved-drafts')
  await expectAccessible(page)
  await banner.getByRole('button', { name: 'Discard BH-B1' }).click()
  await banner.getByRole('button', { name: 'Discard', exact: true }).click()
  await expect(banner).not.toContainText('BH-B1')
  await banner.getByRole('link', { name: 'Resume BH-T1' }).click()
  await expect(page).toHaveURL(/#\/records\/BH-T1\/draft$/)
})

test('import a CSV in feet: preview in metres with its findings before saving, then its draft', async ({
  page,
  app,
}) => {
  await page.goto(`${app.origin}/#/import`)
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible()
  await screenshot(page, '52-import-choose')
  await expectAccessible(page)

  await page.getByTestId('import-file').setInputFiles(FEET_CSV)
  await expect(page.getByTestId('import-file-size')).toContainText('bh-feet.csv')
  const mapping = page.getByRole('table', { name: 'Column mapping' })
  await expect(mapping).toBeVisible()
  await mapping.getByRole('combobox', { name: 'Source for hole_id' }).selectOption('Hole')
  await mapping.getByRole('combobox', { name: 'Source for depth_top_m' }).selectOption('Top (ft)')
  await mapping.getByRole('combobox', { name: 'Source for depth_base_m' }).selectOption('Base (ft)')
  await mapping
    .getByRole('combobox', { name: 'Source for description' })
    .selectOption('Description')
  await page.getByRole('radio', { name: 'feet (ft)' }).check()

  const rows = page.getByTestId('import-preview-rows')
  // Row 2 of the file: 5 ft to 12.5 ft is 1.524 m to 3.81 m.
  await expect(rows.locator('tbody tr').nth(1)).toContainText('1.524')
  await expect(rows.locator('tbody tr').nth(1)).toContainText('3.81')
  const findings = page.getByRole('list', { name: 'Import findings' })
  await expect(findings).toContainText('Row 4')
  await expect(findings.locator('.severity-error').first()).toBeVisible()
  await screenshot(page, '53-import-preview-mapping')
  await expectAccessible(page)
  await findings.scrollIntoViewIfNeeded()
  await screenshot(page, '54-import-preview-rows-findings')
  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, '55-import-preview-dark')
  await expectAccessible(page)
  await page.emulateMedia({ colorScheme: 'light' })

  // A re-preview that fails leaves the old preview on screen: Import is off until one
  // succeeds, so what is imported is always what was previewed.
  const importButton = page.getByRole('button', { name: /^Import 4 rows/ })
  await expect(importButton).toBeEnabled()
  await page.route('**/ipc/import.preview', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ok: false,
        error: { code: 'STORE_UNAVAILABLE', message: 'The host could not read the file now.' },
      }),
    }),
  )
  await page.getByRole('radio', { name: 'metres (m)' }).check()
  await expect(page.locator('[data-error-code=STORE_UNAVAILABLE]')).toBeVisible()
  await expect(importButton).toBeDisabled()
  await page.unroute('**/ipc/import.preview')
  await page.getByRole('radio', { name: 'feet (ft)' }).check()
  await expect(importButton).toBeEnabled()
  await expect(rows.locator('tbody tr').nth(1)).toContainText('1.524')

  // The rows all name hole BH-F1: that, not the file's name, is the record id offered.
  await expect(page.getByTestId('import-record-id')).toHaveValue('BH-F1')
  // Main held on the import, and a cancel it refuses: the refusal is said and Cancel offered again.
  const heldImports: Route[] = []
  await page.route('**/ipc/import.apply', (route) => {
    heldImports.push(route)
  })
  await page.route('**/ipc/task.cancel', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ok: false,
        error: { code: 'INVALID_TRANSITION', message: 'The import is past the point it can stop.' },
      }),
    }),
  )
  await importButton.click()
  const cancel = page.getByRole('button', { name: 'Cancel', exact: true })
  await cancel.click()
  await expect(page.getByTestId('cancel-refused')).toContainText('past the point it can stop')
  await expect(cancel).toBeEnabled()
  await page.unroute('**/ipc/import.apply')
  for (const route of heldImports) await route.continue()
  await expect(page).toHaveURL(/#\/records\/BH-F1\/draft$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Draft of BH-F1')
  // What was stored, not only what was previewed: 5 ft is 1.524 m, 12.5 ft is 3.81 m.
  const draft = new DraftEditor(page)
  await expect(draft.value(1, 'depth_top_m')).toHaveText('1.524')
  await expect(draft.value(1, 'depth_base_m')).toHaveText('3.81')
  await screenshot(page, '59-import-landed-in-draft')
})

test('a sync conflict is shown cell by cell and resolved with a typed value', async ({
  page,
  app,
}) => {
  const remoteDir = join(app.configDir, 'remote')
  const settings = new SettingsPage(page)
  await settings.open(app.origin)
  const remote = settings.section('Sync remote')
  await remote.getByRole('textbox', { name: /^Remote/ }).fill(remoteDir)
  await remote.getByRole('button', { name: 'Save remote' }).click()
  await expect(page.locator('.toast')).toContainText('Saved the sync remote.')
  await page.goto(`${app.origin}/#/sync`)
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(page.getByTestId('sync-headline')).toHaveText('Up to date')

  // The same cell changed here and on the remote since the last sync.
  await setCellElsewhere(app.storeDir, DRAFT, 'spt_n', 38)
  await setCellElsewhere(remoteDir, DRAFT, 'spt_n', 41)
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(page.getByTestId('sync-headline')).toHaveText('1 conflict')
  await expect(page.getByTestId('sync-status')).toHaveText('Sync: 1 conflict')
  const conflict = page.locator(`article[data-record-id="${DRAFT}"]`)
  await expect(conflict).toContainText('spt_n')
  await expect(conflict.getByRole('row').nth(1)).toContainText('38')
  await expect(conflict.getByRole('row').nth(1)).toContainText('41')
  const resolve = conflict.getByRole('button', { name: `Resolve ${DRAFT}` })
  await expect(resolve).toBeDisabled()
  await conflict.getByRole('radio', { name: 'Value' }).check()
  await conflict.getByRole('textbox', { name: /^Value for/ }).fill('40')
  await screenshot(page, '56-sync-conflict')
  await expectAccessible(page)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectAccessible(page)
  await page.emulateMedia({ colorScheme: 'light' })

  await resolve.click()
  await expect(page.locator('.toast')).toContainText(`Resolved ${DRAFT}`)
  await expect(page.getByText('No conflicts.')).toBeVisible()
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(page.getByTestId('sync-headline')).toHaveText('Up to date')
})

test('import an AGS4 file: one record per hole, each saved as its next version, with links', async ({
  page,
  app,
}) => {
  await page.goto(`${app.origin}/#/import`)
  await page
    .getByTestId('import-file')
    .setInputFiles(resolve('resources/samples/Hindley Mill Embankment FRA01.ags'))
  await expect(page.getByTestId('import-summary')).toContainText('AGS4')
  await expect(page.getByTestId('import-summary')).toContainText('12 holes')
  await page.getByRole('textbox', { name: 'Comment for the new versions' }).fill('Re-imported.')
  await page.getByRole('button', { name: 'Import 12 holes' }).click()
  const results = page.getByRole('table', { name: 'Imported holes' })
  await expect(results).toBeVisible()
  await expect(results.getByRole('row')).toHaveCount(13)
  // WS01 was edited after it was first imported: the file's content is its next version.
  const edited = results.getByRole('row').filter({ hasText: 'TOP3398.WS01' })
  await expect(edited).toContainText('v4')
  await results.scrollIntoViewIfNeeded()
  await screenshot(page, '57-import-ags4-results')
  await expectAccessible(page)
  await edited.getByRole('link', { name: 'TOP3398.WS01' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('TOP3398.WS01')
  await expect(page.locator('.timeline')).toContainText('Re-imported.')
})
