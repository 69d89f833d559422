// What long import work needs of the task running it (ipc's Task fits): progress to
// show, and a point to stop at. Cancellation is only checked before anything is saved.
export interface ImportTask {
  progress(done: number, total: number | null): void
  /** Throws CANCELLED when the user stopped the work. */
  throwIfCancelled(): void
}

/** For callers with nobody watching (tests, scripts). */
export const UNWATCHED: ImportTask = {
  progress: () => undefined,
  throwIfCancelled: () => undefined,
}
