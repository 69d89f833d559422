// Page models: what a reviewer sees and does, by role and test id, so the specs read
// as the review workflow and survive markup changes.
import { expect, type Locator, type Page } from '@playwright/test'

export class RecordsListPage {
  readonly table: Locator
  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Records' })
  }
  async open(origin: string): Promise<void> {
    await this.page.goto(`${origin}/#/records`)
    await expect(this.table).toHaveAttribute('data-total', /\d+/)
  }
  chip(status: 'draft' | 'approved' | 'rejected' | 'all'): Locator {
    return this.page.getByTestId(`chip-${status}`)
  }
  async chipCount(status: 'draft' | 'approved' | 'rejected' | 'all'): Promise<number> {
    const text = await this.chip(status).locator('.chip-count').innerText()
    return Number(text.replace(/[^\d]/g, ''))
  }
  rows(): Locator {
    return this.table.locator('[role=row][data-record-id]')
  }
  async total(): Promise<number> {
    return Number(await this.table.getAttribute('data-total'))
  }
  async expectTotal(n: number): Promise<void> {
    await expect(this.table).toHaveAttribute('data-total', String(n))
  }
  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search' }).fill(text)
  }
}

export class VersionPage {
  readonly grid: Locator
  constructor(private readonly page: Page) {
    this.grid = page.getByTestId('version-grid')
  }
  async open(origin: string, recordId: string, version: number | string): Promise<void> {
    await this.page.goto(`${origin}/#/records/${encodeURIComponent(recordId)}/versions/${version}`)
  }
  row(storedIndex: number): Locator {
    return this.grid.locator(`[role=row][data-row="${storedIndex}"]`)
  }
  async openReview(kind: 'approve' | 'reject'): Promise<Locator> {
    // The shortcut works once the screen knows the version is the current draft: wait for its button.
    await expect(
      this.page.getByRole('button', { name: kind === 'approve' ? /^Approve/ : /^Reject/ }),
    ).toBeVisible()
    await this.page.keyboard.press(kind === 'approve' ? 'a' : 'r')
    const dialog = this.page.getByRole('dialog')
    await expect(dialog).toBeVisible()
    return dialog
  }
}
