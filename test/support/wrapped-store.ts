// A real object store seen through a thin wrapper that counts reads or fails chosen ones:
// tests observe what the store does on the real backend instead of mocking it.
import { StoreUnavailableError } from '../../shared/errors'
import type {
  GetResult,
  ListOptions,
  ObjectInfo,
  ObjectStore,
} from '../../src-main/object-store/index'

export class WrappedStore implements ObjectStore {
  /** How many times each key was read with get. */
  readonly gets = new Map<string, number>()
  /** Keys whose get fails as an outage would (the backend unreachable). */
  failGet: (key: string) => boolean = () => false

  constructor(private readonly inner: ObjectStore) {}

  get location(): string {
    return this.inner.location
  }

  /** Reads of keys ending with `suffix` since the counts were last cleared. */
  getsOf(suffix: string): number {
    let n = 0
    for (const [key, count] of this.gets) if (key.endsWith(suffix)) n += count
    return n
  }

  get(key: string): Promise<GetResult | null> {
    this.gets.set(key, (this.gets.get(key) ?? 0) + 1)
    if (this.failGet(key))
      return Promise.reject(new StoreUnavailableError(`${key}: connection reset (test outage).`))
    return this.inner.get(key)
  }
  head(key: string): Promise<ObjectInfo | null> {
    return this.inner.head(key)
  }
  putIfAbsent(key: string, bytes: Uint8Array): Promise<{ etag: string }> {
    return this.inner.putIfAbsent(key, bytes)
  }
  putIfMatch(key: string, bytes: Uint8Array, etag: string): Promise<{ etag: string }> {
    return this.inner.putIfMatch(key, bytes, etag)
  }
  list(prefix: string, options?: ListOptions): AsyncIterable<ObjectInfo> {
    return this.inner.list(prefix, options)
  }
  listChildren(prefix: string): Promise<string[]> {
    return this.inner.listChildren(prefix)
  }
  delete(key: string): Promise<void> {
    return this.inner.delete(key)
  }
}
