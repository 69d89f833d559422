// The reviewer's workflow end to end through the browser host: real renderer, real
// handlers, real store files in a fresh temp store per test (e2e/support/fixtures.ts).
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { expect, expectAccessible, screenshot, test } from './support/fixtures'
import { RecordsListPage, VersionPage } from './support/pages'

// The sample store: Hindley Mill Embankment boreholes WS01..WS12 imported from AGS4
// (see src-main/desk/sample-store.ts).
const APPROVED_THEN_SPLIT = 'TOP3398.WS01' // v2 approved, v3 draft waiting
const DRAFT = 'TOP3398.WS03' // v2 draft waiting, no findings
const DRAFT_WITH_TYPO = 'TOP3398.WS08' // v2 draft with a depth error finding
const OTHER_DRAFT = 'TOP3398.WS07'
const BIG = 'BIG-1M'

test('browse: drafts waiting first, status chips with counts, filters, search and sort', async ({
  page,
  app,
}) => {
  const list = new RecordsListPage(page)
  await list.open(app.origin)
  await expect(list.chip('draft')).toHaveAttribute('aria-checked', 'true')
  expect(await list.chipCount('draft')).toBe(9)
  expect(await list.chipCount('approved')).toBe(3)
  expect(await list.chipCount('rejected')).toBe(1)
  expect(await list.chipCount('all')).toBe(13)
  await list.expectTotal(9)
  await expect(list.rows().first()).toContainText('Draft')
  await screenshot(page, '01-records-list')
  await expectAccessible(page)

  await list.chip('approved').click()
  await list.expectTotal(3)
  for (const row of await list.rows().all()) await expect(row).toContainText('Approved')

  await list.chip('all').click()
  await list.search('ws05')
  await list.expectTotal(1)
  await expect(list.rows().first()).toHaveAttribute('data-record-id', 'TOP3398.WS05')
  await list.search('Hindley Mill')
  await list.expectTotal(12)
  await list.search('')

  await page.getByRole('combobox', { name: 'Author' }).selectOption('load.test')
  await list.expectTotal(1)
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await list.expectTotal(13)

  await page.getByRole('button', { name: /^Record/ }).click()
  await expect(list.rows().first()).toHaveAttribute('data-record-id', BIG)
  await page.getByRole('button', { name: /^Record/ }).click()
  await expect(list.rows().first()).toHaveAttribute('data-record-id', 'TOP3398.WS12')
  await screenshot(page, '02-records-list-filtered')

  // Shortcuts work from the search box, which has no use for Ctrl+N itself.
  await page.getByRole('searchbox', { name: 'Search' }).focus()
  await page.keyboard.press('Control+n')
  await expect(page.getByRole('heading', { level: 1, name: 'New record' })).toBeVisible()
})

test('open a record: header, versions, history timeline with integrity, findings linked to rows', async ({
  page,
  app,
}) => {
  const list = new RecordsListPage(page)
  await list.open(app.origin)
  await list.search('WS08')
  await list.expectTotal(1)
  await list.rows().first().getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(DRAFT_WITH_TYPO)
  await expect(page.getByText('Hindley Mill Embankment').first()).toBeVisible()
  await expect(page.getByRole('table').getByRole('link', { name: 'v2', exact: true })).toBeVisible()
  await expect(page.getByTestId('integrity')).toContainText('Intact')
  // The typo is in row 2 (base above top); validation also flags the gap it leaves after row 1.
  const finding = page
    .getByRole('list', { name: 'Findings' })
    .getByRole('link', { name: /^Row 2 · / })
    .first()
  await expect(finding).toBeVisible()
  await expect(page.getByRole('img', { name: `Strip log of ${DRAFT_WITH_TYPO} v2` })).toBeVisible()
  await screenshot(page, '03-record-page')
  await expectAccessible(page)

  await finding.click()
  const version = new VersionPage(page)
  await expect(version.row(1)).toHaveClass(/grid-row-focus/)
  await expect(version.row(1)).toHaveClass(/grid-row-error/)
  await screenshot(page, '04-version-grid-finding')
})

test('a 1,000,000-row version opens, scrolls to its end and sorts in main', async ({
  page,
  app,
}) => {
  const version = new VersionPage(page)
  await version.open(app.origin, BIG, 1)
  await expect(version.grid).toHaveAttribute('data-row-count', '1000000')
  await expect(version.row(0)).toBeVisible()
  await expect(version.grid.getByRole('columnheader', { name: /depth_top_m/ })).toContainText('m')
  await screenshot(page, '05-version-grid-1m')
  await expectAccessible(page)

  await version.grid.evaluate((el) => {
    el.scrollTop = el.scrollHeight
  })
  await expect(version.row(999_999)).toBeVisible()
  await expect(version.row(999_999).getByRole('gridcell').nth(2)).toHaveText('10000.00')
  await screenshot(page, '06-version-grid-1m-end')

  const depthHeader = version.grid.getByRole('columnheader', { name: /depth_top_m/ })
  await depthHeader.getByRole('button').click()
  await expect(depthHeader).toHaveAttribute('aria-sort', 'ascending')
  await depthHeader.getByRole('button').click()
  await expect(depthHeader).toHaveAttribute('aria-sort', 'descending')
  await version.grid.evaluate((el) => {
    el.scrollTop = 0
  })
  await expect(version.grid.locator('[role=row][aria-rowindex="2"]')).toHaveAttribute(
    'data-row',
    '999999',
  )
  await screenshot(page, '07-version-grid-1m-sorted')
})

test('approve a draft with a comment; approval of a version with error findings is refused', async ({
  page,
  app,
}) => {
  const version = new VersionPage(page)
  await version.open(app.origin, DRAFT, 2)
  await expect(version.row(0)).toBeVisible()
  const dialog = await version.openReview('approve')
  await dialog.getByRole('textbox').fill('Depths and SPT checked against the field sheets.')
  await screenshot(page, '08-approve-dialog')
  await expectAccessible(page)
  await dialog.getByRole('button', { name: 'Approve v2' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('status').filter({ hasText: `Approved ${DRAFT} v2.` })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Approved')

  await version.open(app.origin, DRAFT_WITH_TYPO, 2)
  await expect(version.row(0)).toBeVisible()
  const refused = await version.openReview('approve')
  await refused.getByRole('button', { name: 'Approve v2' }).click()
  await expect(refused.getByRole('alert')).toHaveAttribute('data-error-code', 'VALIDATION_FAILED')
  await screenshot(page, '09-approve-refused-validation')
})

test('reject needs a reason, and the reason lands in the history', async ({ page, app }) => {
  const version = new VersionPage(page)
  await version.open(app.origin, OTHER_DRAFT, 2)
  await expect(version.row(0)).toBeVisible()
  const dialog = await version.openReview('reject')
  await dialog.getByRole('button', { name: 'Reject v2' }).click()
  await expect(dialog.getByText('A reason is required to reject.')).toBeVisible()
  await expect(dialog).toBeVisible()
  const reason = 'SPT N at 1.20 m does not match the field sheet.'
  await dialog.getByRole('textbox').fill(reason)
  await screenshot(page, '10-reject-dialog')
  await expectAccessible(page)
  await dialog.getByRole('textbox').press('Control+Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rejected')

  await page.goto(`${app.origin}/#/records/${OTHER_DRAFT}`)
  await expect(page.locator('.timeline')).toContainText(reason)
  await expect(page.getByTestId('integrity')).toContainText('Intact')
  const rejection = page.locator('.timeline-item').first()
  await expect(rejection.locator('[data-signature="valid"]')).toContainText(
    'Signed by e2e.reviewer',
  )
  await screenshot(page, '11-record-rejected-history')
})

test('a forged signature shows in red in the history', async ({ page, app }) => {
  // A writer with access to the folder swaps the signature of the latest entry.
  const file = join(app.storeDir, 'records', OTHER_DRAFT, 'metadata.json')
  const metadata = JSON.parse(await readFile(file, 'utf8')) as {
    history: { signature?: { key: string; value: string } }[]
  }
  const last = metadata.history.at(-1)!
  last.signature = { key: last.signature!.key, value: Buffer.alloc(64, 7).toString('base64') }
  await writeFile(file, JSON.stringify(metadata, null, 2))

  await page.goto(`${app.origin}/#/records/${OTHER_DRAFT}`)
  await expect(page.getByTestId('integrity')).toContainText('Integrity check failed')
  const forged = page.locator('.timeline-item').first().locator('[data-signature="invalid"]')
  await expect(forged).toContainText('Signature not valid')
  // Red: the error colour of a broken integrity check, not the text colour of the entry.
  const colour = (selector: string): Promise<unknown> =>
    page.evaluate(`getComputedStyle(document.querySelector('${selector}')).color`)
  expect(await colour('.signature-broken')).toBe(await colour('.integrity-broken'))
  expect(await colour('.signature-broken')).not.toBe(await colour('.timeline-title'))
  await screenshot(page, '11b-record-forged-signature')
})

test('approval is refused after a second process saved a new version', async ({ page, app }) => {
  const version = new VersionPage(page)
  await version.open(app.origin, APPROVED_THEN_SPLIT, 3)
  await expect(version.row(0)).toBeVisible()
  const dialog = await version.openReview('approve')
  expect(await app.saveVersionElsewhere(APPROVED_THEN_SPLIT)).toBe(4)
  await dialog.getByRole('button', { name: 'Approve v3' }).click()
  const alert = dialog.getByRole('alert')
  await expect(alert).toHaveAttribute('data-error-code', 'STALE_REVIEW')
  await expect(alert).toContainText('A newer version was saved')
  await expect(alert).toContainText('v4')
  // Plain words only: neither the code nor the stored ISO instant reaches the screen.
  await expect(alert).not.toContainText('STALE_REVIEW')
  expect(await alert.innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
  await screenshot(page, '12-approve-refused-stale')
  await dialog.getByRole('link', { name: 'See the newest version' }).click()
  await expect(page.getByRole('link', { name: 'v4', exact: true })).toBeVisible()
  await expect(page.getByRole('table').getByText('second.writer')).toBeVisible()
})

test('a corrupt Parquet file shows a clear error and the app keeps working', async ({
  page,
  app,
}) => {
  await writeFile(
    join(app.storeDir, 'records', DRAFT, 'versions', 'v2.parquet'),
    'PAR1 this is not parquet PAR1',
  )
  const version = new VersionPage(page)
  await version.open(app.origin, DRAFT, 2)
  const alert = page.getByRole('alert').first()
  await expect(alert).toBeVisible()
  expect(['CORRUPT_PARQUET', 'INTEGRITY']).toContain(await alert.getAttribute('data-error-code'))
  await expect(alert).toContainText('v2.parquet')
  await screenshot(page, '13-corrupt-parquet')

  await version.open(app.origin, DRAFT, 1)
  await expect(version.row(0)).toBeVisible()
  const list = new RecordsListPage(page)
  await list.open(app.origin)
  await list.expectTotal(9)
})

test('an invalid IPC payload sent from the page is refused as BAD_INPUT and the app keeps working', async ({
  page,
  app,
}) => {
  // The page's own scripts hold the host's token (sessionStorage), as a hostile renderer would.
  const result = await page.evaluate(async () => {
    const res = await fetch('/ipc/record.get', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${sessionStorage.getItem('borelog.hostToken')}`,
      },
      body: JSON.stringify({ recordId: { $gt: '' }, extra: '../../etc/passwd' }),
    })
    return (await res.json()) as { ok: boolean; error?: { code: string } }
  })
  expect(result.ok).toBe(false)
  expect(result.error?.code).toBe('BAD_INPUT')

  const unknown = await page.evaluate(async () => {
    const res = await fetch('/ipc/fs.readFile', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${sessionStorage.getItem('borelog.hostToken')}`,
      },
      body: JSON.stringify({ path: '/etc/passwd' }),
    })
    return (await res.json()) as { ok: boolean; error?: { code: string } }
  })
  expect(unknown.error?.code).toBe('BAD_INPUT')

  // A hand-typed address with a version that is not a number reaches main as null.
  const version = new VersionPage(page)
  await version.open(app.origin, DRAFT, 'latest')
  const alert = page.getByRole('alert').first()
  await expect(alert).toHaveAttribute('data-error-code', 'BAD_INPUT')
  await screenshot(page, '14-invalid-payload')

  const list = new RecordsListPage(page)
  await list.open(app.origin)
  await list.expectTotal(9)
})

test('the host refuses a request without its token', async ({ playwright, app }) => {
  const stranger = await playwright.request.newContext()
  try {
    const call = await stranger.post(`${app.origin}/ipc/store.info`, { data: {} })
    expect(call.status()).toBe(401)
    expect(((await call.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED')
    expect((await stranger.get(`${app.origin}/events`)).status()).toBe(401)
    // The page itself is served to anyone who can reach the host, and holds no secret.
    const pageLoad = await stranger.get(`${app.origin}/`)
    expect(pageLoad.status()).toBe(200)
    expect(await pageLoad.text()).not.toContain(new URL(app.url).hash.slice('#token='.length))
  } finally {
    await stranger.dispose()
  }
})

test('diff two versions: side by side and unified, layers split, step through changes', async ({
  page,
  app,
}) => {
  await page.goto(`${app.origin}/#/records/${APPROVED_THEN_SPLIT}`)
  await page.getByRole('link', { name: /Compare with approved v2/ }).click()
  const grid = page.getByTestId('diff-grid')
  await expect(grid).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('v2 → v3')
  const layers = page.getByRole('region', { name: 'Layers' })
  await expect(layers).toContainText(/split/i)
  // One unit and two decimals, as the grids show: metres now, then feet when chosen.
  await expect(layers).toContainText(/\d+\.\d{2}–\d+\.\d{2} m\b/)
  const toFeet = await page.evaluate(async () => {
    const res = await fetch('/ipc/settings.update', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${sessionStorage.getItem('borelog.hostToken')}`,
      },
      body: JSON.stringify({ units: 'ft' }),
    })
    return ((await res.json()) as { ok: boolean }).ok
  })
  expect(toFeet).toBe(true)
  await expect(layers).toContainText(/\d+\.\d{2}–\d+\.\d{2} ft\b/)
  await expect(layers).not.toContainText(/\d m\b/)
  await expect(grid.locator('[data-change="added"]').first()).toBeVisible()

  const position = page.getByTestId('change-position')
  await page.keyboard.press('n')
  await expect(position).toHaveText(/^Change 1 of \d+$/)
  await expect(grid.locator('.diff-current')).toBeVisible()
  await page.keyboard.press('n')
  await expect(position).toHaveText(/^Change 2 of \d+$/)
  await page.keyboard.press('p')
  await expect(position).toHaveText(/^Change 1 of \d+$/)
  await expect(
    grid.locator('.diff-current .diff-cell-new, .diff-current.diff-added').first(),
  ).toBeVisible()
  await screenshot(page, '15-diff-side-by-side')
  await expectAccessible(page)

  await page.getByRole('radio', { name: 'Unified' }).click()
  await expect(grid).toHaveAttribute('data-mode', 'unified')
  await page.getByRole('checkbox', { name: 'Changed rows only' }).check()
  for (const row of await grid.locator('[role=row][data-change]').all()) {
    await expect(row).not.toHaveAttribute('data-change', 'unchanged')
  }
  await screenshot(page, '16-diff-unified')
  await expectAccessible(page)
})

test('the dark theme follows the OS and stays readable (axe contrast)', async ({ page, app }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  const list = new RecordsListPage(page)
  await list.open(app.origin)
  await list.expectTotal(9)
  await screenshot(page, '17-dark-records-list')
  await expectAccessible(page)

  const version = new VersionPage(page)
  await version.open(app.origin, DRAFT_WITH_TYPO, 2)
  await expect(version.row(1)).toHaveClass(/grid-row-error/)
  await version.row(1).click()
  await expect(page.getByRole('region', { name: 'Row 2' })).toBeVisible()
  await screenshot(page, '18-dark-version-grid')
  await expectAccessible(page)
})
