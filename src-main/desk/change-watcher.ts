// Every change to the open store is announced as store.changed exactly once, whoever
// made it. Commits made here (a save, a review, an import, a sync) are announced by the
// call that made them, as soon as they are done; commits by other windows, processes or
// laptops are found in the store's changes/ log, which is looked at every few seconds.
// Both read and move one cursor, one at a time, and:
// - an announcement of our own commit first catches the cursor up and names what it
//   found along with our records, so the next look does not find our commit again.
//   Catching up before announcing (not after) keeps it exact: a commit by someone else
//   that lands before the catch-up is covered by this announcement, one that lands after
//   it is found by the next look;
// - a look made while one of our commits is under way holds back what it finds for that
//   commit's announcement: it may have found our commit's own event, and the
//   announcement, coming after the look, covers anything else it found.
import type { EventHub } from './events'
import { changedSince, currentCursor, type VersionedStore } from '../store/index'

export const DEFAULT_WATCH_INTERVAL_MS = 1500

export class ChangeWatcher {
  private cursor = ''
  private timer: ReturnType<typeof setTimeout> | null = null
  private isClosed = false
  /** Looks and announcements one at a time: each reads and moves the one cursor. */
  private queue: Promise<unknown> = Promise.resolve()
  /** Our commits under way, and what looks found meanwhile (announced with them). */
  private commitsUnderWay = 0
  private readonly held = new Set<string>()

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

  /**
   * Runs `work`, which commits to the store, then announces the records `committed`
   * names from its result. When it fails, what looks held back meanwhile is announced.
   */
  async committing<T>(
    work: () => Promise<T>,
    committed: (result: T) => readonly string[],
  ): Promise<T> {
    this.commitsUnderWay++
    // The count drops only inside the announcement's turn in the queue: a look queued
    // before it must still hold what it finds, or it would name our commit first.
    const finished = (): void => {
      this.commitsUnderWay--
    }
    let result: T
    try {
      result = await work()
    } catch (e) {
      await this.announce([], finished)
      throw e
    }
    await this.announce(committed(result), finished)
    return result
  }

  /** Announces records this process committed, with anything others committed meanwhile. */
  announce(recordIds: readonly string[], beforeLook: () => void = () => undefined): Promise<void> {
    if (!this.isWatching) {
      beforeLook()
      if (recordIds.length > 0) this.events.emit('store.changed', { recordIds: [...recordIds] })
      return Promise.resolve()
    }
    return this.serialized(async () => {
      beforeLook()
      // An outage here only means our records go out alone now and the next look may
      // name them again: announcing our own commit must not wait for the log.
      const found = [...this.held, ...(await this.lookSafely())]
      this.held.clear()
      const all = [...new Set([...recordIds, ...found])]
      if (all.length > 0) this.events.emit('store.changed', { recordIds: all })
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
        if (found.length === 0 || this.isClosed) return
        if (this.commitsUnderWay > 0) for (const id of found) this.held.add(id)
        else this.events.emit('store.changed', { recordIds: found })
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
