// Rows of a working draft as the grid shows them, fetched from main a page at a time
// (a draft can be as long as a 1M-row version). Unlike a version's pages, a draft's
// pages go stale with every edit: stale pages stay on screen until their refetch
// lands (the grid never flashes empty), a typed value is patched in at once, and a
// page answered for an older revision is dropped, so a slow answer never undoes
// what the engineer just typed.
import type { Cell } from '../../shared/ipc/contract'

interface CachedPage {
  rows: Cell[][]
  revision: number
}

export class RowCache {
  private pages = new Map<number, CachedPage>()
  private requested = new Map<number, number>()
  private currentRevision = 0

  constructor(readonly pageSize: number) {}

  get revision(): number {
    return this.currentRevision
  }

  getRow(row: number): Cell[] | undefined {
    return this.pages.get(Math.floor(row / this.pageSize))?.rows[row % this.pageSize]
  }

  /** The draft changed: every page is stale (kept for display until refetched). */
  invalidate(): void {
    this.currentRevision++
  }

  /** A value typed in a cell shows at once, before main has answered. */
  patch(row: number, col: number, value: Cell): void {
    const cells = this.getRow(row)
    if (cells) cells[col] = value
  }

  /** Pages covering rows [first, last] that are stale or missing and not already asked for. */
  pagesToFetch(first: number, last: number): number[] {
    const pages: number[] = []
    if (last < first) return pages
    for (
      let p = Math.floor(Math.max(0, first) / this.pageSize);
      p <= Math.floor(last / this.pageSize);
      p++
    ) {
      if (this.pages.get(p)?.revision === this.currentRevision) continue
      if (this.requested.get(p) === this.currentRevision) continue
      pages.push(p)
    }
    return pages
  }

  markRequested(page: number): number {
    this.requested.set(page, this.currentRevision)
    return this.currentRevision
  }

  /** A page answered for `revision`; false (dropped) when the draft changed since it was asked for. */
  accept(page: number, revision: number, rows: Cell[][]): boolean {
    if (this.requested.get(page) === revision) this.requested.delete(page)
    if (revision !== this.currentRevision) return false
    this.pages.set(page, { rows, revision })
    return true
  }

  /** A request that failed may be asked again. */
  forget(page: number, revision: number): void {
    if (this.requested.get(page) === revision) this.requested.delete(page)
  }
}
