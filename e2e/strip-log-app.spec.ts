// The strip log in the app: a real borehole imported from the real AGS4 file
// (the sample store's Hindley Mill Embankment WS05), drawn on its record page and
// printed to PDF. The log's own behaviour is covered on its own page in strip-log.spec.ts.
import { DraftEditor } from './support/draft-editor'
import { expect, expectAccessible, screenshot, test } from './support/fixtures'
import { pdfImageCount, pdfPageTexts } from './strip-log/pdf-text'

const REAL_HOLE = 'TOP3398.WS05'

test('a real imported borehole: its record page shows the strip log, which prints to PDF', async ({
  page,
  app,
}) => {
  // The OS print dialog cannot be driven from a test: Print is checked to ask for it,
  // and the PDF is made with page.pdf(), as the dialog's "Save as PDF" would.
  await page.addInitScript(
    'window.print = () => { window.__printCalls = (window.__printCalls ?? 0) + 1 }',
  )
  await page.goto(`${app.origin}/#/records/${encodeURIComponent(REAL_HOLE)}`)
  // Only a hash changed: reload, so the new document runs the init script.
  await page.reload()
  const log = page.getByRole('img', { name: /^Strip log of TOP3398\.WS05 v\d+$/ })
  await expect(log).toBeVisible()
  await expect(log.getByTestId('strip-log-hole-id')).toHaveText('WS05')
  // The sample store's later versions may split a stratum: at least the 4 logged ones.
  expect(await log.locator('[data-layer]').count()).toBeGreaterThanOrEqual(4)
  await expect(log.locator('[data-layer]').first()).toHaveAttribute('data-pattern', 'made-ground')
  await expect(log.locator('[data-layer]').last()).toHaveAttribute('data-pattern', 'siltstone')
  await expect(log.getByTestId('spt-point')).toHaveCount(7)
  // Tall enough to show the whole log beside the versions and history (README picture).
  await page.setViewportSize({ width: 1440, height: 1250 })
  await screenshot(page, 'strip-log')
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Print / PDF' }).click()
  await expect.poll(() => page.evaluate('window.__printCalls')).toBe(1)
  const pdf = await page.pdf({ preferCSSPageSize: true })
  expect(pdf.length).toBeGreaterThan(10_000)
  const pages = pdfPageTexts(pdf)
  expect(pages).toHaveLength(1)
  expect(pages[0]).toContain('BOREHOLE LOG')
  expect(pages[0]).toContain('WS05')
  expect(pages[0]).toContain('Hindley Mill Embankment')
  // Only the log prints: not the record page around it.
  expect(pages[0]).not.toContain('History')
  expect(pages[0]).not.toContain('Print / PDF')
  expect(pdfImageCount(pdf)).toBe(0)
})

test('the log on the record page zooms, fits its width and goes full screen; a printed sheet states its scale', async ({
  page,
  app,
}) => {
  await page.setViewportSize({ width: 1440, height: 1000 })
  await page.goto(`${app.origin}/#/records/${encodeURIComponent(REAL_HOLE)}`)
  const panel = page.locator('.strip-log-panel')
  const log = panel.getByRole('img', { name: /^Strip log of TOP3398\.WS05 v\d+$/ })
  await expect(log).toBeVisible()
  await expect(log.getByTestId('strip-log-scale')).toHaveText('Scale 1:50')
  // Fitted to the panel: as wide as the scroll box, and its text no smaller than 8 px.
  const fitted = await log.boundingBox()
  const box = await panel.locator('.strip-log-scroll').boundingBox()
  expect(Math.abs((fitted?.width ?? 0) - (box?.width ?? 0))).toBeLessThan(4)
  const zoom = Number((await panel.getByTestId('strip-log-zoom').textContent())?.replace('%', ''))
  expect(zoom * 0.1).toBeGreaterThanOrEqual(8)
  await screenshot(page, 'strip-log-record-page')

  await panel.getByRole('button', { name: 'Zoom in' }).click()
  const zoomed = await log.boundingBox()
  expect(zoomed?.width ?? 0).toBeGreaterThan((fitted?.width ?? 0) * 1.05)
  await panel.getByRole('button', { name: 'Fit width' }).click()
  await expect.poll(async () => (await log.boundingBox())?.width).toBeCloseTo(fitted?.width ?? 0, 0)

  await panel.getByRole('combobox', { name: 'Vertical scale' }).selectOption('25')
  await expect(log.getByTestId('strip-log-scale')).toHaveText('Scale 1:25')

  await panel.getByRole('button', { name: 'Full screen' }).click()
  const full = await log.boundingBox()
  expect(full?.width ?? 0).toBeGreaterThan(1300)
  await screenshot(page, 'strip-log-full-screen')
  await page.keyboard.press('Escape')
  await expect(panel.getByRole('button', { name: 'Full screen' })).toBeVisible()

  await panel.getByRole('combobox', { name: 'Vertical scale' }).selectOption('50')
  await page.addInitScript('window.print = () => {}')
  await page.evaluate('window.print = () => {}')
  await panel.getByRole('button', { name: 'Print / PDF' }).click()
  await page.emulateMedia({ media: 'print' })
  const sheet = page.getByTestId('strip-log-sheet').first()
  await expect(sheet).toBeVisible()
  await expect(sheet.getByText(/Scale 1:50\s+Sheet 1 of 1/)).toBeAttached()
  await screenshot(sheet, 'strip-log-printed-sheet')
  await page.emulateMedia({ media: 'screen' })
})

test('editing an SPT N in the draft editor redraws the log at once', async ({ page, app }) => {
  await page.setViewportSize({ width: 1600, height: 1100 })
  const draft = new DraftEditor(page)
  await draft.open(app.origin, REAL_HOLE)
  const log = page.getByRole('img', { name: `Strip log of the ${REAL_HOLE} draft` })
  const points = log.getByTestId('spt-point')
  await expect(points).toHaveCount(7)
  const shownN = () => points.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-n')))
  const before = await shownN()
  expect(before).not.toContain('30')
  // The first stratum with an SPT N in the grid (the sample store may have split one).
  const row = draft.grid
    .locator('[role=row]')
    .filter({
      has: page.locator('[data-column="spt_n"] .editable-cell-value', { hasText: /^\d+$/ }),
    })
    .first()
  const rowIndex = Number(await row.getAttribute('data-row'))
  await draft.type(rowIndex, 'spt_n', '30')
  await expect(draft.value(rowIndex, 'spt_n')).toHaveText('30')
  // The test that N belonged to is redrawn with the new N; the others stay.
  await expect.poll(shownN).toContain('30')
  const after = await shownN()
  expect(after).toHaveLength(before.length)
  const changed = after.flatMap((n, i) => (n === before[i] ? [] : [[before[i], n]]))
  expect(changed).toHaveLength(1)
  expect(changed[0]?.[1]).toBe('30')
  const edited = points.nth(after.indexOf('30'))
  await expect(edited.getByText('30', { exact: true })).toBeVisible()
  await screenshot(page, 'strip-log-draft-spt-edit')
})
