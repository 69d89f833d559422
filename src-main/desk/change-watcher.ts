// Every change to the open store is announced as store.changed exactly once, whoever
// made it. Commits made here (a save, a review, an import, a sync) are announced by the
// call that made them, at once; commits by other windows, processes or laptops are found
// in the store's changes/ log, which is looked at every few seconds. Both read the same
// cursor, one at a time: an announcement of our own commit first catches the cursor up
// and names what it found along with our records, so the next look does not find our
// commit again and announce it a second time. Catching up before announcing (not after)
// is what keeps it exact: a commit by someone else that lands before the catch-up is
// covered by this announcement; one that lands after it is found by the next look.
import type { EventHub } from './events'
import { changedSince, currentCursor, type VersionedStore } from '../store/index'

export const DEFAULT_WATCH_INTERVAL_MS = 1500

export class ChangeWatcher {
  private cursor = ''
  private timer: ReturnType<typeof setTimeout> | null = null
  private isClosed = false
  /** Looks and announcements one at a time: each reads and moves the one cursor. */
  private queue: Promise<unknown> = Promise.resolve()

  /** `intervalMs` 0: no watching; each call announces only its own records (tests). */
  constructor(
    private readonly store: VersionedStore,
    private readonly events: EventHub,
    private readonly intervalMs: number,
  ) {}

  private get isWatching(): boolean {
    return this.intervalMs > 0
  }

  async start(): Promise<void> {
    if (!this.isWatching) return
    this.cursor = await currentCursor(this.store)
    this.schedule()
  }

  /** Announces records this process just committed, with anything others committed meanwhile. */
  announce(recordIds: readonly string[]): Promise<void> {
    if (recordIds.length === 0) return Promise.resolve()
    if (!this.isWatching) {
      this.events.emit('store.changed', { recordIds: [...recordIds] })
      return Promise.resolve()
    }
    return this.serialized(async () => {
      // An outage here only means our records go out alone now and the next look may
      // name them again: announcing our own commit must not wait for the log.
      const found = await this.lookSafely()
      const extra = found.filter((id) => !recordIds.includes(id))
      this.events.emit('store.changed', { recordIds: [...recordIds, ...extra] })
    })
  }

  close(): void {
    this.isClosed = true
    if (this.timer) clearTimeout(this.timer)
  }

  private schedule(): void {
    if (this.isClosed) return
    this.timer = setTimeout(() => {
      void this.serialized(async () => {
        const found = await this.lookSafely()
        if (found.length > 0 && !this.isClosed)
          this.events.emit('store.changed', { recordIds: found })
      }).finally(() => this.schedule())
    }, this.intervalMs)
  }

  /** Records with change events past the cursor; moves the cursor past them. */
  private async lookSafely(): Promise<string[]> {
    try {
      const changed = await changedSince(this.store, this.cursor)
      this.cursor = changed.cursor
      return [...changed.recordIds]
    } catch (e) {
      // An outage only delays the next look; the cursor stays, so nothing is lost, and
      // the screens keep what they show.
      console.error('Watching the store for changes failed; retrying.', e)
      return []
    }
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work)
    // The queue only orders the work; each caller gets its own result or error.
    this.queue = next.catch(() => undefined)
    return next
  }
}
