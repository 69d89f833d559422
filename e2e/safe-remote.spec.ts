// A sync remote typed into Settings must be an existing store or an empty folder: a
// folder of someone else's files is refused with the reason shown, and nothing is
// written into it. See docs/SECURITY.md, "Threats" (writes outside a store).
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { expect, screenshot, test } from './support/fixtures'

test('a remote folder of other files is refused in Settings and left untouched', async ({
  page,
  app,
}) => {
  const other = join(app.configDir, 'project-files')
  await mkdir(join(other, 'photos'), { recursive: true })
  await writeFile(join(other, 'photos', 'site.jpg'), 'jpeg')
  await writeFile(join(other, 'budget.xlsx'), 'numbers')
  const before = (await readdir(other, { recursive: true })).sort()

  await page.goto(`${app.origin}/#/settings`)
  const remote = page.getByRole('form', { name: 'Sync remote' })
  await remote.getByRole('textbox', { name: /^Remote/ }).fill(other)
  await remote.getByRole('button', { name: 'Save remote' }).click()
  const alert = remote.getByRole('alert')
  await expect(alert).toHaveAttribute('data-error-code', 'BAD_INPUT')
  await expect(alert).toContainText('not a Borelog store')
  await screenshot(page, 'safe-remote-refused')
  await expect(page.getByText('Not set up')).toBeVisible()
  expect((await readdir(other, { recursive: true })).sort()).toEqual(before)

  // An empty folder is accepted.
  await remote.getByRole('textbox', { name: /^Remote/ }).fill(join(app.configDir, 'team-remote'))
  await remote.getByRole('button', { name: 'Save remote' }).click()
  await expect(page.locator('.toast')).toContainText('Saved the sync remote.')
})
