// Rows of a working draft as the grid shows them, fetched from main a page at a time
// (a draft can be as long as a 1M-row version). Unlike a version's pages, a draft's
// pages go stale with every edit: stale pages stay on screen until their refetch
// lands (the grid never flashes empty), a typed value is patched in at once, and a
// page answered for an older revision is dropped, so a slow answer never undoes
// what the engineer just typed. Rows inserted while main has not yet answered are
// shown at once (blank, rows below shifted), so typing into them edits the new row.
// Only pages near what was last asked for are kept: a 1M-row draft scrolled end to
// end must not end up holding every row.
import type { Cell } from '../../shared/ipc/contract'

interface CachedPage {
  rows: Cell[][]
  revision: number
}

/** Pages kept at most (10,000 rows at 200 a page): the farthest from the rows asked for go first. */
export const MAX_CACHED_PAGES = 50

export class RowCache {
  private pages = new Map<number, CachedPage>()
  private requested = new Map<number, number>()
  /** Rows moved or made by inserts not yet answered; they win over pages until a page is refetched. */
  private shifted = new Map<number, Cell[]>()
  private currentRevision = 0

  constructor(
    readonly pageSize: number,
    private readonly maxPages = MAX_CACHED_PAGES,
  ) {}

  get revision(): number {
    return this.currentRevision
  }

  get pageCount(): number {
    return this.pages.size
  }

  getRow(row: number): Cell[] | undefined {
    return (
      this.shifted.get(row) ??
      this.pages.get(Math.floor(row / this.pageSize))?.rows[row % this.pageSize]
    )
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

  /**
   * `count` blank rows of `width` cells inserted at `at`, as main will once it answers:
   * the rows from `at` on move down, so what is shown (and typed into) matches the
   * draft the next queued edit will be applied to.
   */
  insertRows(at: number, count: number, width: number): void {
    const moved = new Map<number, Cell[]>()
    for (const [row, cells] of this.shifted) moved.set(row >= at ? row + count : row, cells)
    for (const [page, cached] of [...this.pages]) {
      const start = page * this.pageSize
      if (start + cached.rows.length <= at) continue
      const keep = Math.max(0, at - start)
      cached.rows.slice(keep).forEach((cells, i) => {
        if (!moved.has(start + keep + i + count)) moved.set(start + keep + i + count, cells)
      })
      if (keep === 0) this.pages.delete(page)
      else cached.rows = cached.rows.slice(0, keep)
    }
    for (let i = 0; i < count; i++) moved.set(at + i, Array<Cell>(width).fill(null))
    this.shifted = moved
  }

  /** Pages covering rows [first, last] that are stale or missing and not already asked for. */
  pagesToFetch(first: number, last: number): number[] {
    const pages: number[] = []
    if (last < first) return pages
    const firstPage = Math.floor(Math.max(0, first) / this.pageSize)
    const lastPage = Math.floor(last / this.pageSize)
    this.evictFarFrom(firstPage, lastPage)
    for (let p = firstPage; p <= lastPage; p++) {
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
    // The page is main's truth now; a short (last) page also ends the draft.
    const start = page * this.pageSize
    const end = rows.length < this.pageSize ? Infinity : start + this.pageSize
    for (const row of [...this.shifted.keys()])
      if (row >= start && row < end) this.shifted.delete(row)
    return true
  }

  /** A request that failed may be asked again. */
  forget(page: number, revision: number): void {
    if (this.requested.get(page) === revision) this.requested.delete(page)
  }

  private evictFarFrom(firstPage: number, lastPage: number): void {
    if (this.pages.size <= this.maxPages) return
    const distance = (p: number) =>
      p < firstPage ? firstPage - p : p > lastPage ? p - lastPage : 0
    const byDistance = [...this.pages.keys()].sort((a, b) => distance(b) - distance(a))
    for (const page of byDistance.slice(0, this.pages.size - this.maxPages)) {
      if (distance(page) === 0) break
      this.pages.delete(page)
    }
  }
}
