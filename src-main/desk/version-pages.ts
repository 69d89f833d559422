// Pages of a version for the grid (a 1,000,000-row version opens, scrolls and sorts;
// sorting is done in main). Version files are immutable once committed,
// so a decoded table and a sort order, once computed, stay right forever:
// - unsorted pages are cut from decoded row groups (a small LRU): opening a version
//   decodes one group, not the file, so the grid paints at once;
// - sorting decodes the whole version once (a smaller LRU) and computes a permutation
//   once per column and direction; sorted pages are slices of that order.
import { DataType, type Table, type Vector } from 'apache-arrow'

import type { Cell, GridSort, VersionPage } from '../../shared/ipc/contract'
import { BadInputError } from '../../shared/errors'
import { DEFAULT_ROW_GROUP_SIZE } from '../parquet/index'
import { readVersionFileInfo, versionKey, type VersionedStore } from '../store/index'
import type { DecodePool } from './decode-pool'
import { describeColumns, rowsOf } from './arrow-cells'
import type { TaskRegistry } from './tasks'

const MAX_CACHED_TABLES = 2
/** Decoded row groups kept: a screenful never spans more than two, scrolling back is free. */
const MAX_CACHED_GROUPS = 16
/** Rows per decoded slice: the row group size the store writes, so a slice decodes one group. */
const GROUP_ROWS = DEFAULT_ROW_GROUP_SIZE
const MAX_CACHED_ORDERS = 6

export interface VersionPageRequest {
  recordId: string
  version: number
  offset: number
  limit: number
  sort?: GridSort | undefined
}

interface LoadedVersion {
  table: Table
  keyColumns: string[]
}

/** Map with least-recently-used eviction: insertion order is recency order. */
class Lru<V> {
  private readonly map = new Map<string, V>()
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key)
    if (value !== undefined) {
      this.map.delete(key)
      this.map.set(key, value)
    }
    return value
  }
  set(key: string, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string)
  }
  delete(key: string): void {
    this.map.delete(key)
  }
}

/** Row positions ordered by one column; nulls last in both directions, ties in stored order. */
export function sortOrder(column: Vector, direction: 'asc' | 'desc'): Uint32Array {
  const n = column.length
  const hasNulls = column.nullCount > 0
  const isNumeric = DataType.isInt(column.type) || DataType.isFloat(column.type)
  const values: unknown[] | Float64Array = isNumeric
    ? Float64Array.from({ length: n }, (_, i) => {
        const v = column.get(i) as number | bigint | null
        return v === null ? Number.NaN : Number(v)
      })
    : Array.from({ length: n }, (_, i) => column.get(i) as unknown)
  const present: number[] = []
  const missing: number[] = []
  for (let i = 0; i < n; i++) {
    const v = values[i]
    const isMissing =
      (hasNulls && !column.isValid(i)) ||
      v === null ||
      v === undefined ||
      (typeof v === 'number' && Number.isNaN(v))
    ;(isMissing ? missing : present).push(i)
  }
  const order = Uint32Array.from(present)
  const sign = direction === 'asc' ? 1 : -1
  if (values instanceof Float64Array) {
    order.sort((a, b) => sign * ((values[a] as number) - (values[b] as number)) || a - b)
  } else {
    const text = values.map((v) => (v === null || v === undefined ? '' : String(v)))
    order.sort((a, b) => {
      const x = text[a] as string
      const y = text[b] as string
      return x < y ? -sign : x > y ? sign : a - b
    })
  }
  const out = new Uint32Array(n)
  out.set(order, 0)
  out.set(missing, order.length)
  return out
}

/** A decoded slice of a version: rows [offset, offset + table.numRows). */
interface Slice {
  offset: number
  table: Table
  rowCount: number
  keyColumns: string[]
}

export class VersionPages {
  private readonly tables = new Lru<Promise<LoadedVersion>>(MAX_CACHED_TABLES)
  private readonly groups = new Lru<Promise<Slice>>(MAX_CACHED_GROUPS)
  private readonly orders = new Lru<Promise<Uint32Array>>(MAX_CACHED_ORDERS)

  constructor(
    private readonly store: VersionedStore,
    private readonly tasks: TaskRegistry,
    private readonly decoder: DecodePool,
  ) {}

  async page(request: VersionPageRequest): Promise<VersionPage> {
    const key = `${request.recordId}@${request.version}`
    if (request.sort) return this.sortedPage(request, key)
    // Unsorted: decode only the row groups the page touches; a whole-version decode
    // (seconds for 1M rows) happens only when the reviewer sorts.
    const first = await this.group(
      request.recordId,
      request.version,
      key,
      Math.floor(request.offset / GROUP_ROWS),
    )
    const start = Math.min(request.offset, first.rowCount)
    const end = Math.min(first.rowCount, start + request.limit)
    const rows: Cell[][] = []
    for (let at = start; at < end;) {
      const slice =
        at < first.offset + first.table.numRows
          ? first
          : await this.group(request.recordId, request.version, key, Math.floor(at / GROUP_ROWS))
      const upTo = Math.min(end, slice.offset + slice.table.numRows)
      if (upTo <= at) break
      rows.push(
        ...rowsOf(
          slice.table,
          Uint32Array.from({ length: upTo - at }, (_, i) => at - slice.offset + i),
        ),
      )
      at = upTo
    }
    return {
      columns: describeColumns(first.table, first.keyColumns),
      rowCount: first.rowCount,
      offset: start,
      rows,
      rowIndexes: Array.from({ length: rows.length }, (_, i) => start + i),
    }
  }

  private async sortedPage(request: VersionPageRequest, key: string): Promise<VersionPage> {
    const loaded = await this.load(request.recordId, request.version, key)
    const { table, keyColumns } = loaded
    const rowCount = table.numRows
    const start = Math.min(request.offset, rowCount)
    const end = Math.min(rowCount, start + request.limit)
    const order = await this.order(key, loaded, request.sort as GridSort)
    const positions = order.subarray(start, end)
    return {
      columns: describeColumns(table, keyColumns),
      rowCount,
      offset: start,
      rows: rowsOf(table, positions),
      rowIndexes: Array.from(positions),
    }
  }

  /** The whole decoded version (cached with the sort tables): what a diff compares. */
  async wholeVersion(recordId: string, version: number): Promise<Table> {
    return (await this.load(recordId, version, `${recordId}@${version}`)).table
  }

  /** Rows [g * GROUP_ROWS, (g + 1) * GROUP_ROWS): one Parquet row group as the store writes them. */
  private group(recordId: string, version: number, key: string, g: number): Promise<Slice> {
    const groupKey = `${key}#${g}`
    const cached = this.groups.get(groupKey)
    if (cached) return cached
    const loading = this.store
      .readVersion(recordId, version, { offset: g * GROUP_ROWS, limit: GROUP_ROWS })
      .then((page) => ({
        offset: g * GROUP_ROWS,
        table: page.table,
        rowCount: page.rowCount,
        keyColumns: page.info.key_columns,
      }))
    this.groups.set(groupKey, loading)
    // Never cache a failure: a repaired file must open on the next try (the caller still
    // gets the failure from `loading`).
    loading.catch(() => this.groups.delete(groupKey))
    return loading
  }

  private load(recordId: string, version: number, key: string): Promise<LoadedVersion> {
    const cached = this.tables.get(key)
    if (cached) return cached
    const label = `Reading all of ${recordId} v${version}`
    // Cancelling only stops waiting: the decode reads, so dropping its result is safe.
    const loading = this.tasks.run({ label, isCancellable: true }, async (task) => {
      // Verified bytes (sha256 checked by the store), decoded off main's thread.
      const bytes = await task.unlessCancelled(this.store.getVersionFile(recordId, version))
      const where = `${this.store.location}/${versionKey(recordId, version)}`
      const info = readVersionFileInfo(bytes, where)
      const table = await task.unlessCancelled(this.decoder.decode(bytes, where))
      return { table, keyColumns: info.key_columns }
    })
    this.tables.set(key, loading)
    // Never cache a failure (the caller still gets it from `loading`).
    loading.catch(() => this.tables.delete(key))
    return loading
  }

  private order(key: string, loaded: LoadedVersion, sort: GridSort): Promise<Uint32Array> {
    const orderKey = `${key}:${sort.column}:${sort.direction}`
    const cached = this.orders.get(orderKey)
    if (cached) return cached
    const index = loaded.table.schema.fields.findIndex((f) => f.name === sort.column)
    if (index < 0) {
      return Promise.reject(
        new BadInputError(`Cannot sort ${key} by ${sort.column}: the version has no such column.`, {
          column: sort.column,
        }),
      )
    }
    const label = `Sorting ${loaded.table.numRows} rows by ${sort.column}`
    const computing = this.tasks.run({ label, isCancellable: false }, async () =>
      sortOrder(loaded.table.getChildAt(index) as Vector, sort.direction),
    )
    this.orders.set(orderKey, computing)
    return computing
  }
}
