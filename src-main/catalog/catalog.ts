// The catalog answers listRecords without opening every metadata.json.
// It is never the source of truth: it is a cache of record summaries plus the
// changes/ cursor it is current to, and it can always be rebuilt from records/.
// - cold open: read the snapshot (one object) and apply the changes since its cursor;
//   with no snapshot, take the cursor first, then read every metadata.json once.
// - warm: this process's own commits update it at once; other writers' commits are
//   picked up from changes/ at most every REFRESH_INTERVAL_MS (cost: the new changes).
import { isBorelogError } from '../../shared/errors'
import type { MetadataJson, RecordStatus } from '../../shared/metadata'
import type { ListQuery, ListResult, RecordSummary } from '../../shared/records'
import {
  CATALOG_SNAPSHOT_KEY,
  changedSince,
  currentCursor,
  isCursor,
  isUnreadableRecord,
  listRecordIds,
  type RecordIndex,
  type VersionedStore,
} from '../store/index'

const REFRESH_INTERVAL_MS = 1_000
/** Write a new snapshot when a refresh applied at least this many changes. */
const SNAPSHOT_AFTER_CHANGES = 200
const READ_CONCURRENCY = 32

interface Snapshot {
  format: 1
  cursor: string
  records: RecordSummary[]
}

interface Entry {
  summary: RecordSummary
  /** Lower-cased text the search box matches: id, table, people, header values. */
  haystack: string
}

export function summarize(metadata: MetadataJson): RecordSummary {
  const { history, ...rest } = metadata
  const header = isStringRecord(metadata.header) ? metadata.header : {}
  return {
    ...rest,
    updated_at:
      metadata.updated_at ?? history[history.length - 1]?.created_at ?? metadata.created_at,
    header,
    history_length: history.length,
  }
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((v) => typeof v === 'string')
  )
}

function toEntry(summary: RecordSummary): Entry {
  const haystack = [
    summary.record_id,
    summary.table_name,
    summary.created_by,
    summary.approved_by ?? '',
    summary.rejected_by ?? '',
    ...Object.values(summary.header),
  ]
    .join('\u0000')
    .toLowerCase()
  return { summary, haystack }
}

export class Catalog implements RecordIndex {
  private readonly entries = new Map<string, Entry>()
  private cursor = ''
  private lastRefreshMs = 0
  private snapshotEtag: string | null = null
  private refreshing: Promise<void> | null = null

  private constructor(private readonly store: VersionedStore) {}

  /**
   * The catalog of `store`, kept current with the store's own commits. It loads on
   * first use, so a command that never lists (meta, get) never pays for it.
   */
  static attach(store: VersionedStore): Catalog {
    const catalog = new Catalog(store)
    store.onCommitted((metadata) => {
      if (catalog.loaded) catalog.put(metadata)
    })
    store.attachIndex(catalog)
    return catalog
  }

  private loaded = false
  private loading: Promise<void> | null = null

  /** Loads the snapshot (or rebuilds) once; later calls return at once. */
  async ready(): Promise<void> {
    if (this.loaded) return
    this.loading ??= this.load().then(
      () => {
        this.loaded = true
      },
      (e: unknown) => {
        // A load cut by an outage is tried again by the next call, not failed for good.
        this.loading = null
        throw e
      },
    )
    await this.loading
  }

  get size(): number {
    return this.entries.size
  }

  private put(metadata: MetadataJson): void {
    this.entries.set(metadata.record_id, toEntry(summarize(metadata)))
  }

  private async load(): Promise<void> {
    const got = await this.store.objects.get(CATALOG_SNAPSHOT_KEY)
    if (got) {
      this.snapshotEtag = got.etag
      if (this.loadSnapshot(got.bytes)) {
        // Outside the snapshot's try: an outage while catching up must fail the open,
        // not pass for a damaged snapshot.
        await this.applyChanges()
        return
      }
    }
    await this.rebuild()
  }

  /** Takes the entries of a saved snapshot; false for a damaged or foreign one. */
  private loadSnapshot(bytes: Uint8Array): boolean {
    try {
      const snapshot = JSON.parse(new TextDecoder().decode(bytes)) as Snapshot
      if (
        snapshot.format !== 1 ||
        typeof snapshot.cursor !== 'string' ||
        (snapshot.cursor !== '' && !isCursor(snapshot.cursor)) ||
        !Array.isArray(snapshot.records)
      )
        return false
      const entries = snapshot.records.map(toEntry)
      for (const entry of entries) this.entries.set(entry.summary.record_id, entry)
      this.cursor = snapshot.cursor
      return true
    } catch {
      // A damaged snapshot (bad JSON, or records of the wrong shape) is only a cache:
      // the caller rebuilds it from the records themselves.
      this.entries.clear()
      return false
    }
  }

  /** Reads every metadata.json: for a store without a usable snapshot. */
  async rebuild(): Promise<void> {
    const cursor = await currentCursor(this.store)
    const ids = await listRecordIds(this.store)
    this.entries.clear()
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next++]!
        try {
          this.put(await this.store.getMetadata(id))
        } catch (e) {
          // verify reports an unreadable record; the list shows the others. An outage
          // fails the rebuild: a snapshot written without the record would hide it.
          if (!isUnreadableRecord(e)) throw e
        }
      }
    }
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker))
    this.cursor = cursor
    this.lastRefreshMs = Date.now()
    await this.writeSnapshot()
  }

  /** Applies other writers' changes since the cursor; cheap, and throttled unless forced. */
  async refresh(force = false): Promise<void> {
    if (!this.loaded) return this.ready()
    if (!force && Date.now() - this.lastRefreshMs < REFRESH_INTERVAL_MS) return
    this.refreshing ??= this.applyChanges().finally(() => {
      this.refreshing = null
    })
    await this.refreshing
  }

  private async applyChanges(): Promise<void> {
    const changed = await changedSince(this.store, this.cursor || undefined)
    for (const id of changed.recordIds) {
      try {
        this.put(await this.store.getMetadata(id))
      } catch (e) {
        // Skipping an outage would move the cursor past this change and lose it.
        if (!isUnreadableRecord(e)) throw e
        if (e.code === 'NOT_FOUND') this.entries.delete(id)
      }
    }
    this.cursor = changed.cursor
    this.lastRefreshMs = Date.now()
    if (changed.eventsRead >= SNAPSHOT_AFTER_CHANGES) await this.writeSnapshot()
  }

  /** Best effort: a lost race or an outage only means the next open replays more changes. */
  private async writeSnapshot(): Promise<void> {
    const snapshot: Snapshot = {
      format: 1,
      cursor: this.cursor,
      records: [...this.entries.values()].map((e) => e.summary),
    }
    const bytes = new TextEncoder().encode(JSON.stringify(snapshot))
    try {
      const { etag } = this.snapshotEtag
        ? await this.store.objects.putIfMatch(CATALOG_SNAPSHOT_KEY, bytes, this.snapshotEtag)
        : await this.store.objects.putIfAbsent(CATALOG_SNAPSHOT_KEY, bytes)
      this.snapshotEtag = etag
    } catch (e) {
      if (!isBorelogError(e)) throw e
      // Best effort again: without the etag the next snapshot write loses its race,
      // which costs a replay, never data.
      this.snapshotEtag =
        (await this.store.objects.head(CATALOG_SNAPSHOT_KEY).catch(() => null))?.etag ?? null
    }
  }

  async list(query: ListQuery = {}): Promise<ListResult> {
    await this.ready()
    await this.refresh()
    return queryEntries([...this.entries.values()], query)
  }
}

export function queryEntries(all: Entry[], query: ListQuery): ListResult {
  const text = query.text?.trim().toLowerCase()
  const statuses =
    query.status && query.status.length > 0 ? new Set<RecordStatus>(query.status) : null
  const countsByStatus = { draft: 0, approved: 0, rejected: 0 }
  const matches: RecordSummary[] = []
  for (const { summary: s, haystack } of all) {
    if (query.tableName !== undefined && s.table_name !== query.tableName) continue
    if (query.createdBy !== undefined && s.created_by !== query.createdBy) continue
    if (query.approvedBy !== undefined && s.approved_by !== query.approvedBy) continue
    if (query.minVersion !== undefined && s.current_version < query.minVersion) continue
    if (query.maxVersion !== undefined && s.current_version > query.maxVersion) continue
    if (query.updatedSince !== undefined && s.updated_at < query.updatedSince) continue
    if (query.updatedBefore !== undefined && s.updated_at >= query.updatedBefore) continue
    if (query.idPrefix !== undefined && !s.record_id.startsWith(query.idPrefix)) continue
    if (text && !haystack.includes(text)) continue
    countsByStatus[s.status]++
    if (statuses && !statuses.has(s.status)) continue
    matches.push(s)
  }
  const sort = query.sort ?? { field: 'record_id', direction: 'asc' }
  const dir = sort.direction === 'asc' ? 1 : -1
  const field = sort.field
  matches.sort((a, b) => {
    const x = a[field]
    const y = b[field]
    const c = x < y ? -1 : x > y ? 1 : 0
    return c !== 0 ? c * dir : a.record_id < b.record_id ? -1 : a.record_id > b.record_id ? 1 : 0
  })
  const offset = query.offset ?? 0
  const records =
    query.limit !== undefined ? matches.slice(offset, offset + query.limit) : matches.slice(offset)
  return { records, total: matches.length, countsByStatus }
}
