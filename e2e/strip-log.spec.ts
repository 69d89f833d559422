// The strip log on its own page: a real borehole through the real AGS4
// importer, the generated 100-stratum hole, live update, SVG download and print to PDF.
// The app's record page is covered by strip-log-app.spec.ts.
import { readFile } from 'node:fs/promises'

import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

import { importedHole, openHarness } from './strip-log/harness'
import { pdfImageCount, pdfPageSizes, pdfPageTexts } from './strip-log/pdf-text'
import { screenshot } from './support/fixtures'

const WS05 = () => importedHole('Hindley Mill Embankment FRA01.ags', 'WS05')

test.beforeEach(async ({ page }) => {
  // The OS print dialog cannot be driven from a test: Print is checked to ask for it,
  // and the PDF is made with page.pdf(), as the dialog's "Save as PDF" would.
  await page.addInitScript(
    'window.print = () => { window.__printCalls = (window.__printCalls ?? 0) + 1 }',
  )
})

/** Makes the viewport tall enough to show the whole log, for a screenshot of all of it. */
async function fitViewportToLog(page: Page): Promise<void> {
  const height = Number(await page.getByTestId('strip-log').getAttribute('height'))
  await page.setViewportSize({ width: 1100, height: Math.ceil(height) + 120 })
}

test('draws a real imported borehole: header, strata patterns, samples, SPT profile', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1100, height: 1000 })
  await openHarness(page, WS05())
  const log = page.getByRole('img', { name: /Strip log of borehole WS05/ })
  await expect(log).toBeVisible()
  await expect(log.getByTestId('strip-log-hole-id')).toHaveText('WS05')
  const layers = log.locator('[data-layer]')
  await expect(layers).toHaveCount(4)
  const patterns = await Promise.all(
    [0, 1, 2, 3].map((i) => layers.nth(i).getAttribute('data-pattern')),
  )
  expect(patterns).toEqual(['made-ground', 'made-ground', 'made-ground', 'siltstone'])
  await expect(log.getByTestId('spt-point')).toHaveCount(7)
  await expect(log.locator('[data-sample-type]')).toHaveCount(6)
  await expect(log.getByText('End of borehole at 7.00 m')).toBeVisible()
  await fitViewportToLog(page)
  await screenshot(page.locator('.strip-log-panel'), 'strip-log-ws05')
})

test('a 100-stratum hole stays readable: every stratum drawn, no label overlaps or spills', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1100, height: 1000 })
  await openHarness(page)
  const log = page.getByRole('img', { name: /Strip log of borehole BH-GEN/ })
  await expect(log.locator('[data-layer]')).toHaveCount(100)
  await fitViewportToLog(page)

  // Measured with the real font in the browser, not with the layout's own estimate.
  const svgBox = await log.boundingBox()
  const clip = log.locator('clipPath[id$="-clip-desc"] rect')
  // The drawing is shown fitted to the panel: its units scale to screen px.
  const shownScale = (svgBox?.width ?? 0) / Number(await log.getAttribute('width'))
  const columnRight =
    (svgBox?.x ?? 0) +
    (Number(await clip.getAttribute('x')) + Number(await clip.getAttribute('width'))) * shownScale
  const labels = log.locator('[data-part="descriptions"] > g > text')
  const count = await labels.count()
  expect(count).toBe(101) // 100 strata and the closing line
  const boxes: ({ x: number; y: number; width: number; height: number } | null)[] = []
  for (let i = 0; i < count; i++) boxes.push(await labels.nth(i).boundingBox())
  boxes.forEach((box, i) => {
    expect(box).not.toBeNull()
    if (!box) return
    expect(box.x + box.width, `label ${i} spills into the next column`).toBeLessThanOrEqual(
      columnRight,
    )
    const next = boxes[i + 1]
    if (next)
      expect(box.y + box.height, `label ${i} overlaps label ${i + 1}`).toBeLessThanOrEqual(
        next.y + 1,
      )
  })
  await screenshot(page.locator('.strip-log-panel'), 'strip-log-generated-100')
})

test('follows the rows as a draft is edited', async ({ page }) => {
  await openHarness(page, WS05())
  const layer = page.getByTestId('strip-log').locator('[data-layer="3"]')
  await expect(layer).toHaveAttribute('data-pattern', 'siltstone')
  await page.evaluate(
    `window.__editStripLogRow(3, { legend_code: '201', description: 'Firm brown CLAY' })`,
  )
  await expect(layer).toHaveAttribute('data-pattern', 'clay')
  await expect(
    page.getByTestId('strip-log').getByText('Firm brown CLAY', { exact: true }),
  ).toBeVisible()
})

test('Download SVG saves the log as a standalone SVG file', async ({ page }) => {
  await openHarness(page, WS05())
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download SVG' }).click(),
  ])
  expect(download.suggestedFilename()).toBe('WS05 strip log.svg')
  const svg = await readFile(await download.path(), 'utf8')
  expect(
    svg.startsWith(
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"',
    ),
  ).toBe(true)
  expect(svg).toContain('WS05')
  // The sheets the app prints and `borelog-desk log` writes, one under another.
  expect(svg).toContain('data-testid="strip-log-sheet"')
  expect(svg).toContain('Scale 1:50')
  expect(svg).not.toContain('…')
})

test('Print / PDF prints only the log, as vector A4 sheets each with the hole header', async ({
  page,
}) => {
  await openHarness(page)
  await page.getByRole('button', { name: 'Print / PDF' }).click()
  await expect.poll(() => page.evaluate('window.__printCalls')).toBe(1)
  const sheets = await page.getByTestId('strip-log-sheet').count()
  expect(sheets).toBeGreaterThan(1)
  const pdf = await page.pdf({ preferCSSPageSize: true })
  const pages = pdfPageTexts(pdf)
  expect(pages).toHaveLength(sheets)
  pages.forEach((text, i) => {
    expect(text).toContain('BOREHOLE LOG')
    expect(text).toContain('BH-GEN')
    expect(text).toContain(`Sheet ${i + 1} of ${sheets}`)
    // The page around the log does not print.
    expect(text).not.toContain('Download SVG')
  })
  expect(pages.at(-1)).toContain('End of borehole at 71.61 m')
  // Patterns print as vectors: Chromium would turn SVG pattern fills into bitmaps.
  expect(pdfImageCount(pdf)).toBe(0)
  for (const size of pdfPageSizes(pdf)) {
    expect(Math.round(size.width)).toBe(595)
    expect(Math.round(size.height)).toBe(842)
  }
})

test('a short real hole prints on one sheet', async ({ page }) => {
  await openHarness(page, WS05())
  await page.getByRole('button', { name: 'Print / PDF' }).click()
  const pages = pdfPageTexts(await page.pdf({ preferCSSPageSize: true }))
  expect(pages).toHaveLength(1)
  expect(pages[0]).toContain('WS05')
  expect(pages[0]).toContain('Hindley Mill Embankment')
  expect(pages[0]).toContain('End of borehole at 7.00 m')
})

test('has no serious accessibility violations', async ({ page }) => {
  await openHarness(page, WS05())
  await expect(page.getByTestId('strip-log')).toBeVisible()
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([])
})
