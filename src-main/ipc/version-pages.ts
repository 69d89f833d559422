// Pages of a version for the grid (issue 5: a 1,000,000-row version opens, scrolls
// and sorts; sorting is done in main). Version files are immutable once committed,
// so a decoded table and a sort order, once computed, stay right forever:
// - the first page of an unsorted view is decoded alone (its row group only), so the
//   grid paints without waiting for the whole file;
// - meanwhile the whole version is decoded once and kept (a small LRU), and every
//   later page, sorted or not, is a slice of it;
// - a sort order is a permutation computed once per column and direction.
import { DataType, type Table, type Vector } from 'apache-arrow'

import type { GridSort, VersionPage } from '../../shared/ipc/contract'
import { BadInputError } from '../../shared/errors'
import type { VersionedStore } from '../store/index'
import { describeColumns, rowsOf } from './arrow-cells'
import type { EventHub } from './events'

const MAX_CACHED_TABLES = 2
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

export class VersionPages {
  private readonly tables = new Lru<Promise<LoadedVersion>>(MAX_CACHED_TABLES)
  private readonly orders = new Lru<Promise<Uint32Array>>(MAX_CACHED_ORDERS)
  private taskCounter = 0

  constructor(
    private readonly store: VersionedStore,
    private readonly events: EventHub,
  ) {}

  async page(request: VersionPageRequest): Promise<VersionPage> {
    const key = `${request.recordId}@${request.version}`
    const cached = this.tables.get(key)
    if (!cached && !request.sort && request.offset === 0) return this.firstPage(request, key)
    const loaded = await this.load(request.recordId, request.version, key)
    const { table, keyColumns } = loaded
    const rowCount = table.numRows
    const start = Math.min(request.offset, rowCount)
    const end = Math.min(rowCount, start + request.limit)
    let positions: ArrayLike<number>
    if (request.sort) {
      const order = await this.order(key, loaded, request.sort)
      positions = order.subarray(start, end)
    } else {
      positions = Uint32Array.from({ length: end - start }, (_, i) => start + i)
    }
    return {
      columns: describeColumns(table, keyColumns),
      rowCount,
      offset: start,
      rows: rowsOf(table, positions),
      rowIndexes: Array.from(positions),
    }
  }

  private async firstPage(request: VersionPageRequest, key: string): Promise<VersionPage> {
    const page = await this.store.readVersion(request.recordId, request.version, {
      offset: 0,
      limit: request.limit,
    })
    // Warm the whole version for the next pages; a failure there surfaces on the next call.
    this.load(request.recordId, request.version, key).catch(() => undefined)
    const positions = Uint32Array.from({ length: page.table.numRows }, (_, i) => i)
    return {
      columns: describeColumns(page.table, page.info.key_columns),
      rowCount: page.rowCount,
      offset: 0,
      rows: rowsOf(page.table, positions),
      rowIndexes: Array.from(positions),
    }
  }

  private load(recordId: string, version: number, key: string): Promise<LoadedVersion> {
    const cached = this.tables.get(key)
    if (cached) return cached
    const loading = (async () => {
      const taskId = `open-${++this.taskCounter}`
      this.events.emit('progress', {
        taskId,
        label: `Opening ${recordId} v${version}`,
        done: 0,
        total: null,
      })
      try {
        const page = await this.store.readVersion(recordId, version)
        return { table: page.table, keyColumns: page.info.key_columns }
      } finally {
        this.events.emit('progress', {
          taskId,
          label: `Opening ${recordId} v${version}`,
          done: 1,
          total: 1,
        })
      }
    })()
    this.tables.set(key, loading)
    // Never cache a failure: a repaired file must open on the next try.
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
    const computing = (async () => {
      const taskId = `sort-${++this.taskCounter}`
      const label = `Sorting ${loaded.table.numRows} rows by ${sort.column}`
      this.events.emit('progress', { taskId, label, done: 0, total: 1 })
      const order = sortOrder(loaded.table.getChildAt(index) as Vector, sort.direction)
      this.events.emit('progress', { taskId, label, done: 1, total: 1 })
      return order
    })()
    this.orders.set(orderKey, computing)
    return computing
  }
}
