// Page model of the draft editor: the grid, its cells and the edit queue, as
// a field engineer uses them (click, type, keys, paste from a spreadsheet).
import { expect, type Locator, type Page, type Route } from '@playwright/test'

export class DraftEditor {
  readonly grid: Locator
  readonly status: Locator
  constructor(private readonly page: Page) {
    this.grid = page.getByTestId('draft-grid')
    this.status = page.getByTestId('draft-status')
  }

  async open(origin: string, recordId: string): Promise<void> {
    await this.page.goto(`${origin}/#/records/${encodeURIComponent(recordId)}/draft`)
    await expect(this.grid).toHaveAttribute('data-row-count', /\d+/)
  }

  cell(row: number, column: string): Locator {
    return this.grid.locator(
      `[role=row][data-row="${row}"] [role=gridcell][data-column="${column}"]`,
    )
  }

  /** The value a cell shows (without the findings read out to screen readers). */
  value(row: number, column: string): Locator {
    return this.cell(row, column).locator('.editable-cell-value')
  }

  /** Every edit sent and answered (the queue is empty). */
  async settled(): Promise<void> {
    await expect(this.status).not.toContainText('Saving edits')
  }

  async rowCount(n: number): Promise<void> {
    await expect(this.grid).toHaveAttribute('data-row-count', String(n))
  }

  /** Click a cell, type into it and commit with Enter, as a user does. */
  async type(row: number, column: string, text: string): Promise<void> {
    await this.cell(row, column).click()
    await this.page.keyboard.type(text)
    await this.page.keyboard.press('Enter')
    await this.settled()
  }

  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys)
    await this.settled()
  }

  /**
   * Holds every call of an IPC channel (e.g. 'draft.edit') until the returned release is
   * awaited: main answering slowly, as it does on a 1M-row draft, without sleeping.
   */
  async hold(channel: string): Promise<() => Promise<void>> {
    const held: Route[] = []
    let isHolding = true
    await this.page.route(`**/ipc/${channel}`, (route) => {
      if (isHolding) held.push(route)
      else void route.continue()
    })
    return async () => {
      isHolding = false
      for (const route of held.splice(0)) await route.continue()
    }
  }

  /** The text the grid puts on the clipboard for a copy. */
  async copy(): Promise<string> {
    return this.grid.evaluate((el) => {
      const page = globalThis as unknown as {
        DataTransfer: new () => { getData(type: string): string }
        ClipboardEvent: new (type: string, init: object) => Event
      }
      const data = new page.DataTransfer()
      el.dispatchEvent(
        new page.ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }),
      )
      return data.getData('text/plain')
    })
  }

  /** What a spreadsheet puts on the clipboard, pasted into the focused grid. */
  async paste(tsv: string): Promise<void> {
    // The e2e project compiles without the DOM library: the page's constructors are typed here.
    await this.grid.evaluate((el, text) => {
      const page = globalThis as unknown as {
        DataTransfer: new () => { setData(type: string, value: string): void }
        ClipboardEvent: new (type: string, init: object) => Event
      }
      const data = new page.DataTransfer()
      data.setData('text/plain', text)
      el.dispatchEvent(
        new page.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
    }, tsv)
    await this.settled()
  }
}
