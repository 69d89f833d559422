// The strip log in the app: a real borehole imported from the real AGS4 file
// (the sample store's Hindley Mill Embankment WS05), drawn on its record page and
// printed to PDF. The log's own behaviour is covered on its own page in strip-log.spec.ts.
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
