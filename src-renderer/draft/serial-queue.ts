// Draft edits go to main one at a time, in the order they were made: each
// edit names rows as the draft stands after the one before it, so two in flight at
// once could land on the wrong rows. A failed task does not stop the ones after it.

export class SerialQueue {
  private tail: Promise<void> = Promise.resolve()
  private pendingCount = 0

  constructor(private readonly onPendingChange: (pending: number) => void = () => {}) {}

  get pending(): number {
    return this.pendingCount
  }

  /** Runs `task` after every task queued before it has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.pendingCount++
    this.onPendingChange(this.pendingCount)
    const result = this.tail.then(task)
    this.tail = result.then(
      () => this.settle(),
      () => this.settle(),
    )
    return result
  }

  /** Resolves once every task queued so far has settled. */
  idle(): Promise<void> {
    return this.tail
  }

  private settle(): void {
    this.pendingCount--
    this.onPendingChange(this.pendingCount)
  }
}
