// Export of a version from the app (long work, shown with progress):
// the files the user saves are the version's, in each format.
import { readFile } from 'node:fs/promises'

import { expect, screenshot, test } from './support/fixtures'
import { VersionPage } from './support/pages'

const RECORD = 'TOP3398.WS03'

test('export a version as CSV, AGS4 and its stored Parquet file', async ({ page, app }) => {
  const version = new VersionPage(page)
  await version.open(app.origin, RECORD, 2)
  await expect(version.row(0)).toBeVisible()
  const exports = page.getByRole('group', { name: 'Export this version' })
  await screenshot(page, '30-version-export')

  const saved: Record<string, Buffer> = {}
  for (const format of ['CSV', 'AGS4', 'Parquet']) {
    const download = page.waitForEvent('download')
    await exports.getByRole('button', { name: format }).click()
    const file = await download
    saved[format] = await readFile((await file.path()) as string)
    await expect(
      page.getByRole('status').filter({ hasText: file.suggestedFilename() }),
    ).toBeVisible()
    expect(file.suggestedFilename()).toMatch(new RegExp(`^${RECORD.replace('.', '\\.')} v2\\.`))
  }
  const csv = saved.CSV!.toString('utf8').split(/\r?\n/)
  expect(csv[0]).toContain('depth_top_m')
  expect(csv.length).toBeGreaterThan(2)
  expect(saved.AGS4!.toString('utf8')).toMatch(/^"GROUP","PROJ"/)
  expect(saved.Parquet!.subarray(0, 4).toString('latin1')).toBe('PAR1')
})
