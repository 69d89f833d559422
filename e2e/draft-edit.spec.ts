// Draft editing end to end: a field engineer types a log into the grid of a
// working draft, sees a finding appear the moment a base goes above its top, fixes
// it, undoes and redoes, pastes a block from a spreadsheet, and saves a new version
// with a comment; a crash of the app mid-edit loses nothing. Real renderer, real
// handlers and drafts on disk, through the browser host (e2e/support/fixtures.ts).
import { DraftEditor } from './support/draft-editor'
import { expect, expectAccessible, screenshot, test } from './support/fixtures'

// Sample store records (see e2e/app.spec.ts): drafts waiting for review.
const DRAFT = 'TOP3398.WS03'
const OTHER_DRAFT = 'TOP3398.WS07'
const BEHIND_DRAFT = 'TOP3398.WS05'

test('type a log with a deliberate error, see the finding, fix it, undo/redo, paste from a spreadsheet, save', async ({
  page,
  app,
}) => {
  await page.goto(`${app.origin}/#/records/${DRAFT}`)
  await page.getByRole('link', { name: 'Edit', exact: true }).click()
  const draft = new DraftEditor(page)
  await expect(draft.grid).toHaveAttribute('data-row-count', /\d+/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Draft of ${DRAFT}`)

  // Start the log afresh: select everything, delete the rows, insert one.
  await draft.grid.focus()
  await draft.press('Control+a')
  await draft.press('Control+Minus')
  await draft.rowCount(0)
  await draft.press('Control+i')
  await draft.rowCount(1)

  // Row 1 typed across with Tab; Enter commits the last cell.
  await draft.cell(0, 'depth_top_m').click()
  for (const [text, key] of [
    ['0', 'Tab'],
    ['1.2', 'Tab'],
    ['Soft brown sandy TOPSOIL', 'Tab'],
    ['101', 'Enter'],
  ] as const) {
    await page.keyboard.type(text)
    await page.keyboard.press(key)
  }
  await draft.settled()
  await expect(draft.value(0, 'description')).toHaveText('Soft brown sandy TOPSOIL')
  await expect(draft.value(0, 'depth_base_m')).toHaveText('1.2')

  // A value that is not a number is refused at the cell and never stored.
  await draft.type(0, 'depth_base_m', 'abc')
  await expect(page.getByTestId('cell-error')).toHaveText("'abc' is not a number")
  await expect(draft.value(0, 'depth_base_m')).toHaveText('1.2')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('cell-error')).toBeHidden()

  // Row 2: its top follows the base above; a base typed above its top is an error at once.
  await draft.cell(0, 'depth_top_m').click()
  await draft.press('Control+Shift+i')
  await draft.rowCount(2)
  await draft.type(1, 'depth_base_m', '0.8')
  await expect(draft.cell(1, 'depth_top_m')).toHaveClass(/cell-error/)
  await expect(draft.grid.locator('[role=row][data-row="1"]')).toHaveClass(/grid-row-error/)
  const findings = page.getByRole('list', { name: 'Findings' })
  const finding = findings.getByRole('button', { name: /Row 2 · depth_top_m/ }).first()
  await expect(finding).toContainText('is not above depth_base_m')
  await screenshot(page, 'draft-finding')
  await expectAccessible(page)

  // Clicking the finding moves the cursor there; fixing the base clears the error.
  await draft.cell(0, 'description').click()
  await finding.click()
  await expect(draft.grid).toHaveAttribute(
    'data-cursor',
    `1:${await columnIndex(draft, 'depth_top_m')}`,
  )
  await page.keyboard.press('ArrowRight')
  await page.keyboard.type('2.5')
  await page.keyboard.press('Enter')
  await draft.settled()
  await expect(draft.value(1, 'depth_base_m')).toHaveText('2.5')
  await expect(draft.cell(1, 'depth_top_m')).not.toHaveClass(/cell-error/)

  // Undo brings the error back, redo the fix; the toolbar names what undo takes back.
  await expect(
    page.getByRole('button', { name: 'Undo: Edit depth_base_m, row 2 (Ctrl+Z)' }),
  ).toBeEnabled()
  await draft.press('Control+z')
  await expect(draft.value(1, 'depth_base_m')).toHaveText('0.8')
  await expect(draft.cell(1, 'depth_top_m')).toHaveClass(/cell-error/)
  await draft.press('Control+y')
  await expect(draft.value(1, 'depth_base_m')).toHaveText('2.5')
  await expect(draft.cell(1, 'depth_top_m')).not.toHaveClass(/cell-error/)

  // A block copied from a spreadsheet (CRLF rows, a quoted multi-line cell) pasted below.
  await draft.cell(1, 'depth_top_m').click()
  await draft.press('Control+Shift+i')
  await draft.rowCount(3)
  await expect(draft.grid).toHaveAttribute(
    'data-cursor',
    '2:' + (await columnIndex(draft, 'depth_top_m')),
  )
  await draft.paste(
    '2.5\t4.0\tFirm grey silty CLAY\t202\r\n4.0\t6.2\t"Dense brown SAND\nwith flint gravel"\t401\r\n',
  )
  // The log now goes deeper than the header's final depth (5 m): a finding until the header says so.
  await expect(draft.cell(3, 'depth_base_m')).toHaveClass(/cell-error/)
  const finalDepth = page.getByRole('textbox', { name: 'Final depth (m)' })
  await finalDepth.fill('6.20')
  await finalDepth.press('Enter')
  await draft.settled()
  await expect(draft.cell(3, 'depth_base_m')).not.toHaveClass(/cell-error/)
  await draft.rowCount(4)
  await expect(draft.value(2, 'description')).toHaveText('Firm grey silty CLAY')
  await expect(draft.value(3, 'depth_base_m')).toHaveText('6.2')
  await expect(draft.value(3, 'legend_code')).toHaveText('401')
  await expect(page.getByRole('img', { name: `Strip log of the ${DRAFT} draft` })).toBeVisible()
  await expect(findings.getByRole('button', { name: /depth_(top|base)_m/ })).toHaveCount(0)
  await screenshot(page, 'draft-pasted')

  // Fill down (Ctrl+D) copies the top of a Shift-extended selection down; move (Alt+Up)
  // reorders intervals; both undo as one edit each.
  await draft.cell(0, 'description').click()
  await page.keyboard.press('Shift+ArrowDown')
  await draft.press('Control+d')
  await expect(draft.value(1, 'description')).toHaveText('Soft brown sandy TOPSOIL')
  await draft.press('Control+z')
  await expect(draft.value(1, 'description')).toHaveText('')
  await draft.cell(3, 'description').click()
  await draft.press('Alt+ArrowUp')
  await expect(draft.value(2, 'description')).toHaveText('Dense brown SAND with flint gravel')
  await expect(draft.grid).toHaveAttribute(
    'data-cursor',
    `2:${await columnIndex(draft, 'description')}`,
  )
  await expect(page.getByRole('button', { name: 'Undo: Move 1 row (Ctrl+Z)' })).toBeEnabled()
  await draft.press('Control+z')
  await expect(draft.value(2, 'description')).toHaveText('Firm grey silty CLAY')

  // Copy (Ctrl+C) puts the selection on the clipboard as a spreadsheet would read it.
  await draft.cell(2, 'depth_top_m').click()
  await page.keyboard.press('Shift+ArrowDown')
  await page.keyboard.press('Shift+ArrowRight')
  expect(await draft.copy()).toBe('2.5\t4\n4\t6.2\n')

  // Save: the comment is required; the new version opens with a toast.
  await draft.press('Control+s')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Save version' }).click()
  await expect(dialog.getByText('A comment is required to save')).toBeVisible()
  await screenshot(page, 'draft-save-dialog')
  await dialog.getByRole('textbox').fill('Relogged from the field sheets.')
  await dialog.getByRole('button', { name: 'Save version' }).click()
  await expect(page.getByRole('status').getByText(`Saved ${DRAFT} as v3`)).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(DRAFT)
  await expect(page.getByRole('table').getByRole('link', { name: 'v3', exact: true })).toBeVisible()
  await expect(page.getByText('Relogged from the field sheets.').first()).toBeVisible()
  await screenshot(page, 'draft-saved-record')
})

test('a working draft survives a crash: the host is killed after an edit, and the edit is back', async ({
  page,
  app,
}) => {
  const draft = new DraftEditor(page)
  await draft.open(app.origin, OTHER_DRAFT)
  await draft.type(0, 'description', 'Relogged before the crash')
  await expect(draft.value(0, 'description')).toHaveText('Relogged before the crash')

  await app.restart('crash')
  await page.goto(app.url)
  await draft.open(app.origin, OTHER_DRAFT)
  await expect(page.getByTestId('recovered-banner')).toContainText(
    'Recovered unsaved edits from an earlier session',
  )
  await expect(draft.value(0, 'description')).toHaveText('Relogged before the crash')
  await expect(page.getByRole('button', { name: /^Undo: Edit description, row 1/ })).toBeEnabled()
  await screenshot(page, 'draft-recovered')
  await expectAccessible(page)

  // The record page offers to continue the draft rather than start one.
  await page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('link', { name: OTHER_DRAFT })
    .click()
  await page.getByRole('link', { name: 'Continue editing (1 edit)' }).click()
  await expect(draft.value(0, 'description')).toHaveText('Relogged before the crash')
})

test('a draft whose record moved on says so, and its save is refused plainly with the draft kept', async ({
  page,
  app,
}) => {
  const draft = new DraftEditor(page)
  await draft.open(app.origin, BEHIND_DRAFT)
  await draft.type(0, 'remarks', 'Checked on site')
  await expect(page.getByTestId('behind-banner')).toHaveCount(0)
  const version = await app.saveVersionElsewhere(BEHIND_DRAFT)

  // Said while the engineer is still on the draft: no reload, main's watcher tells the screen.
  await expect(page.getByTestId('behind-banner')).toContainText(
    `${BEHIND_DRAFT} moved on to v${version} since this draft started`,
  )
  await draft.press('Control+s')
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('textbox').fill('Remarks from site.')
  await dialog.getByRole('button', { name: 'Save version' }).click()
  await expect(dialog.locator('[data-error-code=VERSION_CONFLICT]')).toBeVisible()
  await expect(dialog.getByText('your draft is kept on this computer')).toBeVisible()
  await screenshot(page, 'draft-save-conflict')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(draft.value(0, 'remarks')).toHaveText('Checked on site')
})

test('a 1,000,000-row draft: Ctrl+End reaches the last interval and an edit there lands', async ({
  page,
  app,
}) => {
  const draft = new DraftEditor(page)
  await draft.open(app.origin, 'BIG-1M')
  await draft.rowCount(1_000_000)
  await draft.grid.focus()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Home')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(draft.value(999_999, 'depth_base_m')).toHaveText('10000')
  await page.keyboard.type('10000.5')
  await page.keyboard.press('Enter')
  await draft.settled()
  await expect(draft.value(999_999, 'depth_base_m')).toHaveText('10000.5')
  await page.keyboard.press('Control+Home')
  await expect(draft.value(0, 'depth_top_m')).toHaveText('0')
  await screenshot(page, 'draft-1m')
})

test('depths show and are typed in feet when the settings say so, and are stored in metres', async ({
  page,
  app,
}) => {
  // Settings change through main as the settings screen does (that screen has its own spec).
  const setUnits = (units: 'm' | 'ft') =>
    page.evaluate(async (value) => {
      const res = await fetch('/ipc/settings.update', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${sessionStorage.getItem('borelog.hostToken')}`,
        },
        body: JSON.stringify({ units: value }),
      })
      return ((await res.json()) as { ok: boolean }).ok
    }, units)
  const draft = new DraftEditor(page)
  await draft.open(app.origin, OTHER_DRAFT)
  expect(await setUnits('ft')).toBe(true)
  await expect(draft.grid.getByRole('columnheader', { name: /depth_base_m/ })).toContainText('ft')
  await expect(draft.value(0, 'depth_base_m')).toHaveText('0.984')
  await draft.type(0, 'depth_base_m', '1')
  await expect(draft.value(0, 'depth_base_m')).toHaveText('1')
  await draft.cell(1, 'depth_top_m').click()
  await draft.paste('2\t4\n')
  await expect(draft.value(1, 'depth_top_m')).toHaveText('2')
  await expect(draft.value(1, 'depth_base_m')).toHaveText('4')

  // The header's final depth too: shown and typed in feet, stored in metres.
  const finalDepthFt = page.getByRole('textbox', { name: 'Final depth (ft)' })
  await finalDepthFt.fill('20')
  await finalDepthFt.press('Enter')
  await draft.settled()
  await expect(finalDepthFt).toHaveValue('20')
  // Text that is not a depth is refused at the field, which shows the value kept.
  await finalDepthFt.fill('deep')
  await finalDepthFt.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: "'deep' is not a number" })).toContainText(
    'Kept: 20',
  )
  await expect(finalDepthFt).toHaveValue('20')

  expect(await setUnits('m')).toBe(true)
  await expect(page.getByRole('textbox', { name: 'Final depth (m)' })).toHaveValue('6.096')
  await expect(draft.grid.getByRole('columnheader', { name: /depth_base_m/ })).toContainText('· m')
  await expect(draft.value(0, 'depth_base_m')).toHaveText('0.305')
  await expect(draft.value(1, 'depth_top_m')).toHaveText('0.61')
  await expect(draft.value(1, 'depth_base_m')).toHaveText('1.219')

  // Tab out of the last cell of the log starts the next interval.
  await draft.grid.focus()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('F2')
  await page.keyboard.type(' checked')
  await page.keyboard.press('Tab')
  await draft.settled()
  await draft.rowCount(7)
  await expect(draft.grid).toHaveAttribute('data-cursor', '6:0')

  // The editor stays readable in the dark theme: a selection, an error finding, an open editor.
  await page.emulateMedia({ colorScheme: 'dark' })
  await draft.type(1, 'depth_base_m', '0.1')
  await expect(draft.cell(1, 'depth_top_m')).toHaveClass(/cell-error/)
  await draft.cell(0, 'description').click()
  await page.keyboard.press('Shift+ArrowDown')
  await page.keyboard.press('Shift+ArrowRight')
  await page.keyboard.press('F2')
  await expect(page.getByRole('combobox', { name: 'legend_code, row 2' })).toBeFocused()
  await screenshot(page, 'draft-dark')
  await expectAccessible(page)
  await page.keyboard.press('Escape')
})

async function columnIndex(draft: DraftEditor, name: string): Promise<number> {
  const names = await draft.grid.locator('[role=columnheader] .grid-col-name').allInnerTexts()
  return names.indexOf(name)
}

test('keys typed straight after Tab past the last cell or Insert below go into the new row while main is still answering', async ({
  page,
  app,
}) => {
  const draft = new DraftEditor(page)
  await draft.open(app.origin, OTHER_DRAFT)
  await draft.rowCount(6)
  const names = await draft.grid.locator('[role=columnheader] .grid-col-name').allInnerTexts()
  const lastColumn = names[names.length - 1] ?? ''
  // The row count arrives before the first page: wait for the rows read below.
  await expect(draft.value(5, 'description')).toHaveText(/\S/)
  await expect(draft.value(2, 'description')).toHaveText(/\S/)
  const lastValue = (await draft.value(5, lastColumn).innerText()).trim()
  const oldRow2 = (await draft.value(2, 'description').innerText()).trim()

  // Main holds every edit (as a 1M-row draft keeps it ~0.6 s): nothing waits for an answer.
  const release = await draft.hold('draft.edit')
  await draft.grid.focus()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('F2')
  await page.keyboard.press('Tab')
  await expect(draft.grid).toHaveAttribute('data-cursor', '6:0')
  await page.keyboard.type('WS07')
  await page.keyboard.press('Enter')
  // Insert below with the cursor on row 2, then type at once: the text goes to the new row 3.
  await draft.cell(1, 'description').click()
  await page.keyboard.press('Control+Shift+i')
  await expect(draft.grid).toHaveAttribute(
    'data-cursor',
    `2:${await columnIndex(draft, 'description')}`,
  )
  await expect(draft.value(2, 'description')).toHaveText('')
  await expect(draft.value(3, 'description')).toHaveText(oldRow2)
  await page.keyboard.type('Inserted while waiting')
  await page.keyboard.press('Enter')
  await expect(draft.status).toContainText('Saving edits')
  await release()

  await draft.settled()
  await draft.rowCount(8)
  // The row inserted at 3 moved the old last row and the appended one down by one.
  await expect(draft.value(6, lastColumn)).toHaveText(lastValue)
  await expect(draft.value(7, 'hole_id')).toHaveText('WS07')
  await expect(draft.value(2, 'description')).toHaveText('Inserted while waiting')
  await expect(draft.value(3, 'description')).toHaveText(oldRow2)
  await page.reload()
  await draft.rowCount(8)
  await expect(draft.value(7, 'hole_id')).toHaveText('WS07')
  await expect(draft.value(2, 'description')).toHaveText('Inserted while waiting')
})

test('refused edits stop a save until fixed or dismissed; Ctrl+S in a cell with bad text keeps the text', async ({
  page,
  app,
}) => {
  const draft = new DraftEditor(page)
  await draft.open(app.origin, OTHER_DRAFT)
  // The row count arrives before the first page: wait for the stored value itself.
  await expect(draft.value(0, 'depth_base_m')).toHaveText(/\d/)
  const base = (await draft.value(0, 'depth_base_m').innerText()).trim()

  // Ctrl+S inside a cell whose text is not a number: the editor stays open with the text.
  await draft.cell(0, 'depth_base_m').click()
  await page.keyboard.type('abc')
  await page.keyboard.press('Control+s')
  const editor = page.getByRole('textbox', { name: 'depth_base_m, row 1' })
  await expect(editor).toBeFocused()
  await expect(editor).toHaveValue('abc')
  await expect(page.getByTestId('cell-error')).toHaveText("'abc' is not a number")
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(draft.value(0, 'depth_base_m')).toHaveText(base)

  // A paste main refuses, then another edit: the refusal is still listed at save time.
  await draft.cell(1, 'depth_top_m').click()
  await draft.paste('deep\n')
  await draft.type(0, 'remarks', 'Checked')
  await draft.press('Control+s')
  const dialog = page.getByRole('dialog')
  const refused = dialog.getByTestId('refused-edits')
  await expect(refused).toContainText('2 edits were refused and not kept')
  await expect(refused).toContainText("Row 1 · depth_base_m: 'abc' is not a number")
  await expect(refused).toContainText('Row 2 · depth_top_m')
  await dialog.getByRole('textbox').fill('Remarks checked.')
  await expect(dialog.getByRole('button', { name: 'Save version' })).toBeDisabled()
  await screenshot(page, 'draft-save-refused-edits')
  await expectAccessible(page)

  // The dialog is modal: Shift+Tab cycles inside it and the grid takes no keys.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Shift+Tab')
    await expect(dialog.locator(':focus')).toHaveCount(1)
  }
  await expect(draft.grid).not.toBeFocused()
  expect(await draft.grid.evaluate((el) => el.closest('[inert]') !== null)).toBe(true)

  await dialog.getByRole('button', { name: 'Dismiss refused edits' }).click()
  await expect(refused).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Save version' }).click()
  await expect(page.getByRole('status').getByText(`Saved ${OTHER_DRAFT} as v`)).toBeVisible()
})

test('a row not yet loaded opens no editor; a paste too big is refused whole', async ({
  page,
  app,
}) => {
  const draft = new DraftEditor(page)
  await draft.open(app.origin, 'BIG-1M')
  await draft.rowCount(1_000_000)
  const releasePages = await draft.hold('draft.page')
  await draft.grid.focus()
  await page.keyboard.press('Control+End')
  await expect(draft.cell(999_999, 'depth_top_m')).toHaveClass(/editable-cell-loading/)
  await page.keyboard.press('F2')
  await expect(draft.status).toContainText('Row 1,000,000 is still loading')
  await page.keyboard.type('5')
  await expect(draft.grid.getByRole('textbox')).toHaveCount(0)
  await releasePages()
  await expect(draft.value(999_999, 'depth_base_m')).toHaveText('10000')
  await page.keyboard.press('F2')
  await expect(draft.grid.getByRole('textbox')).toHaveCount(1)
  await page.keyboard.press('Escape')

  // 201 columns or 100,001 rows: nothing is pasted (no cut-down block stored as whole).
  await draft.paste(Array.from({ length: 201 }, () => '1').join('\t'))
  await expect(draft.status).toContainText('Nothing pasted: the clipboard holds 1 × 201 cells')
  await draft.paste('1\n'.repeat(100_001))
  await expect(draft.status).toContainText('100,001 × 1 cells')
  await draft.rowCount(1_000_000)
  await expect(draft.value(999_999, 'depth_base_m')).toHaveText('10000')
})

test('closing the window while a cell is typed in commits it and asks before leaving', async ({
  page,
  app,
}) => {
  const draft = new DraftEditor(page)
  await draft.open(app.origin, OTHER_DRAFT)
  await draft.cell(0, 'remarks').click()
  await page.keyboard.type('Typed before closing')
  const asked = page.waitForEvent('dialog')
  await page.close({ runBeforeUnload: true })
  const dialog = await asked
  expect(dialog.type()).toBe('beforeunload')
  await dialog.dismiss()
  await draft.settled()
  await expect(draft.value(0, 'remarks')).toHaveText('Typed before closing')
  await page.reload()
  await expect(draft.value(0, 'remarks')).toHaveText('Typed before closing')
})

test('the real keyboard path: Ctrl+V pastes the system clipboard, Ctrl+C writes it', async ({
  page,
  app,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin })
  const clipboard = {
    write: (text: string) =>
      page.evaluate(
        (value) =>
          (
            globalThis as unknown as {
              navigator: { clipboard: { writeText(t: string): Promise<void> } }
            }
          ).navigator.clipboard.writeText(value),
        text,
      ),
    read: () =>
      page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
  }
  const draft = new DraftEditor(page)
  await draft.open(app.origin, OTHER_DRAFT)
  await draft.cell(1, 'description').click()
  await clipboard.write('Pasted from the clipboard\tnoted\r\n')
  await draft.press('Control+v')
  await expect(draft.value(1, 'description')).toHaveText('Pasted from the clipboard')
  await expect(draft.status).toContainText('Pasted 1 × 2 cells')

  await draft.cell(1, 'description').click()
  await page.keyboard.press('Control+c')
  await expect.poll(clipboard.read).toBe('Pasted from the clipboard\n')
})
