// A field engineer's first record, whole: create a record, type a log with a
// deliberate error, see the finding, fix it, save, close the app, reopen it and find
// the log there as saved.
import { DraftEditor } from './support/draft-editor'
import { expect, expectAccessible, screenshot, test } from './support/fixtures'
import { RecordsListPage } from './support/pages'

const HOLE = 'BH-NEW1'

test('create a record, type a log with an error, fix it, save, reopen the app and see it', async ({
  page,
  app,
}) => {
  const list = new RecordsListPage(page)
  await list.open(app.origin)
  await page.getByRole('link', { name: /New record/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New record' })).toBeVisible()
  await page.getByTestId('record-id').fill(HOLE)
  await page.getByRole('textbox', { name: 'Project' }).fill('Site investigation, Plot 7')
  await page.getByRole('textbox', { name: 'Final depth (m)' }).fill('3.0')
  await page.getByRole('button', { name: 'Create and edit' }).click()
  await expect(page).toHaveURL(new RegExp(`#/records/${HOLE}/draft$`))

  const draft = new DraftEditor(page)
  await draft.rowCount(0)
  // Focus starts in the grid, the screen's first useful control (no Tab walk to it).
  await expect(draft.grid).toBeFocused()
  await draft.press('Control+i')
  await draft.rowCount(1)
  await draft.cell(0, 'depth_top_m').click()
  for (const [text, key] of [
    ['0', 'Tab'],
    ['0.4', 'Tab'],
    ['Dark brown sandy TOPSOIL', 'Tab'],
    ['101', 'Enter'],
  ] as const) {
    await page.keyboard.type(text)
    await page.keyboard.press(key)
  }
  await draft.settled()

  // The second interval's base typed above its top (a slip of 1.8 for 0.18): an error at once.
  await draft.cell(0, 'depth_top_m').click()
  await draft.press('Control+Shift+i')
  await draft.rowCount(2)
  await expect(draft.value(1, 'depth_top_m')).toHaveText('0.4')
  await draft.type(1, 'depth_base_m', '0.18')
  await draft.type(1, 'description', 'Firm brown slightly sandy CLAY')
  const findings = page.getByRole('list', { name: 'Findings' })
  const finding = findings.getByRole('button', { name: /Row 2 · depth_top_m/ }).first()
  await expect(finding).toContainText('is not above depth_base_m')
  await expect(draft.cell(1, 'depth_top_m')).toHaveClass(/cell-error/)
  await screenshot(page, '60-new-record-log-with-error')

  // Fixed: the error is gone before anything is saved.
  await draft.type(1, 'depth_base_m', '3.0')
  await expect(draft.cell(1, 'depth_top_m')).not.toHaveClass(/cell-error/)
  await expect(findings.getByRole('button', { name: /depth_(top|base)_m/ })).toHaveCount(0)

  await draft.press('Control+s')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByRole('textbox').fill('Logged on site, Plot 7')
  await dialog.getByRole('button', { name: /^Save/ }).click()
  await expect(page).toHaveURL(new RegExp(`#/records/${HOLE}$`))
  await expect(page.locator('.toast')).toContainText(`Saved ${HOLE} as v1`)

  // Close the app and open it again: the record is there, as saved, by this user.
  await app.restart('quit')
  await page.goto(app.url)
  await list.open(app.origin)
  await list.chip('all').click()
  await list.search(HOLE)
  await list.expectTotal(1)
  await list.rows().first().click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(HOLE)
  await expect(page.getByText('Logged on site, Plot 7').first()).toBeVisible()
  await page.goto(`${app.origin}/#/records/${HOLE}/versions/1`)
  const grid = page.getByTestId('version-grid')
  await expect(grid.locator('[role=row][data-row="1"]')).toContainText(
    'Firm brown slightly sandy CLAY',
  )
  // The base cell itself, exactly (the row also holds 0.40; depths read with two decimals).
  const names = await grid.locator('[role=columnheader] .grid-col-name').allInnerTexts()
  const baseCell = grid
    .locator('[role=row][data-row="1"] [role=gridcell]')
    .nth(names.findIndex((name) => name.trim() === 'depth_base_m'))
  await expect(baseCell).toHaveText('3.00')
  await screenshot(page, '61-new-record-saved-after-reopen')
  await expectAccessible(page)
  // Nothing left over: the working draft went with the save.
  await list.open(app.origin)
  await expect(page.getByTestId('drafts-banner')).toHaveCount(0)
})
