// At most N requests to the remote at a time, while more records are in progress: a record
// writing to the local disk holds no request, so disk and network work overlap, and the
// remote never sees more requests in flight than the caller allowed.
import type { GetResult, ListOptions, ObjectInfo, ObjectStore } from '../object-store/index'

export class RequestLimit implements ObjectStore {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    private readonly inner: ObjectStore,
    private readonly max: number,
  ) {}

  get location(): string {
    return this.inner.location
  }

  private async run<T>(op: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve))
    else this.active++
    try {
      return await op()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }

  get(key: string): Promise<GetResult | null> {
    return this.run(() => this.inner.get(key))
  }
  head(key: string): Promise<ObjectInfo | null> {
    return this.run(() => this.inner.head(key))
  }
  putIfAbsent(key: string, bytes: Uint8Array): Promise<{ etag: string }> {
    return this.run(() => this.inner.putIfAbsent(key, bytes))
  }
  putIfMatch(key: string, bytes: Uint8Array, etag: string): Promise<{ etag: string }> {
    return this.run(() => this.inner.putIfMatch(key, bytes, etag))
  }
  listChildren(prefix: string): Promise<string[]> {
    return this.run(() => this.inner.listChildren(prefix))
  }
  delete(key: string): Promise<void> {
    return this.run(() => this.inner.delete(key))
  }
  /** Listing pages are not limited: sync lists before it moves records. */
  list(prefix: string, options?: ListOptions): AsyncIterable<ObjectInfo> {
    return this.inner.list(prefix, options)
  }
}
