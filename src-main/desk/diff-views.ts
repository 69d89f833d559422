// Diffs for the diff view: any two versions of a record, computed once by
// the diff layer and kept (versions are immutable, so a diff never goes stale), then
// served a page at a time, all rows or changes only, with "next/previous change"
// answered in main so a million-row diff never crosses the boundary whole.
import type { Table } from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import type { DiffPage, DiffSummaryView } from '../../shared/ipc/contract'
import { diffTables, type DiffResult, type DiffRow, type SchemaChange } from '../diff/index'
import type { VersionedStore } from '../store/index'
import { describeColumns, toCell } from './arrow-cells'
import { recordDiffOptions } from './record-diff'
import type { TaskRegistry } from './tasks'
import type { VersionPages } from './version-pages'

const MAX_CACHED_DIFFS = 2

export interface DiffRequest {
  recordId: string
  from: number
  to: number
}

interface DiffView {
  result: DiffResult
  summary: DiffSummaryView
  /** Per display column: its name in `from` (a) and in `to` (b); null where absent. */
  sides: Array<{ a: string | null; b: string | null }>
}

function describeSchemaChange(change: SchemaChange): string {
  switch (change.kind) {
    case 'column_added':
      return `Column ${change.column} (${change.type}) added`
    case 'column_removed':
      return `Column ${change.column} (${change.type}) removed`
    case 'column_renamed':
      return `Column ${change.from} renamed to ${change.to}`
    case 'type_changed':
      return `Column ${change.column} changed type from ${change.from} to ${change.to}`
    case 'nullability_changed':
      return `Column ${change.column} ${change.to ? 'may now be empty' : 'may no longer be empty'}`
    case 'columns_reordered':
      return `Columns reordered: ${change.to.join(', ')}`
  }
}

export class DiffViews {
  private readonly views = new Map<string, Promise<DiffView>>()

  constructor(
    private readonly store: VersionedStore,
    private readonly pages: VersionPages,
    private readonly tasks: TaskRegistry,
  ) {}

  async summary(request: DiffRequest): Promise<DiffSummaryView> {
    return (await this.view(request)).summary
  }

  async page(
    request: DiffRequest & { offset: number; limit: number; onlyChanges: boolean },
  ): Promise<DiffPage> {
    const { result, sides } = await this.view(request)
    const total = request.onlyChanges ? result.changes.length : result.rowCount
    const offset = Math.min(request.offset, total)
    const rows = request.onlyChanges
      ? result.page(offset, request.limit)
      : result.rows(offset, request.limit)
    return { rowCount: total, offset, rows: rows.map((row) => this.toPageRow(row, sides)) }
  }

  async seek(
    request: DiffRequest & { at: number; direction: 'next' | 'previous' },
  ): Promise<{ row: number | null; ordinal: number; changeCount: number }> {
    const { result } = await this.view(request)
    const row =
      request.direction === 'next'
        ? result.nextChange(request.at)
        : result.previousChange(request.at)
    return {
      row,
      ordinal: row === null ? 0 : result.changesUpTo(row),
      changeCount: result.changes.length,
    }
  }

  private toPageRow(row: DiffRow, sides: DiffView['sides']): DiffPage['rows'][number] {
    const pick = (values: Record<string, unknown> | null, side: 'a' | 'b') =>
      values === null ? null : sides.map((s) => (s[side] === null ? null : toCell(values[s[side]])))
    return {
      row: row.row,
      change: row.change,
      rowA: row.rowA,
      rowB: row.rowB,
      before: pick(row.before, 'a'),
      after: pick(row.after, 'b'),
      changed: row.cells.map((c) => c.column),
    }
  }

  private view(request: DiffRequest): Promise<DiffView> {
    if (request.from === request.to) {
      return Promise.reject(
        new BadInputError(
          `Cannot diff ${request.recordId} v${request.from} with itself: choose two versions.`,
          {
            ...request,
          },
        ),
      )
    }
    const key = `${request.recordId}@${request.from}..${request.to}`
    const cached = this.views.get(key)
    if (cached) return cached
    const computing = this.compute(request)
    this.views.set(key, computing)
    // Never cache a failure; keep only the most recent diffs (each holds two tables).
    computing.catch(() => this.views.delete(key))
    while (this.views.size > MAX_CACHED_DIFFS)
      this.views.delete(this.views.keys().next().value as string)
    return computing
  }

  private compute({ recordId, from, to }: DiffRequest): Promise<DiffView> {
    const label = `Comparing ${recordId} v${from} with v${to}`
    // Cancellable while the two versions are read; the comparison itself is one short step.
    return this.tasks.run({ label, isCancellable: true }, async (task) => {
      const metadata = await this.store.getMetadata(recordId)
      const [a, b, infoA, infoB] = await task.unlessCancelled(
        Promise.all([
          this.pages.wholeVersion(recordId, from),
          this.pages.wholeVersion(recordId, to),
          this.store.readVersionInfo(recordId, from),
          this.store.readVersionInfo(recordId, to),
        ]),
      )
      const keyColumns =
        infoB.key_columns.length > 0 ? infoB.key_columns : (metadata.key_columns ?? [])
      const result = diffTables(
        a,
        b,
        recordDiffOptions(metadata.table_name, keyColumns, { a: infoA.header, b: infoB.header }),
      )
      return { result, ...this.describe(result, a, b, from, to) }
    })
  }

  private describe(
    result: DiffResult,
    a: Table,
    b: Table,
    from: number,
    to: number,
  ): Omit<DiffView, 'result'> {
    const keyColumns = [...result.keyColumns]
    const nameInA = new Map(result.columns.map((c) => [c.name, c.nameA]))
    const comparedA = new Set(result.columns.map((c) => c.nameA))
    const columnsB = describeColumns(b, keyColumns).map((c) => ({
      ...c,
      presence: nameInA.has(c.name) ? ('both' as const) : ('added' as const),
    }))
    const onlyA = describeColumns(a, keyColumns)
      .filter((c) => !comparedA.has(c.name))
      .map((c) => ({ ...c, presence: 'removed' as const }))
    const sides = [
      ...columnsB.map((c) => ({ a: nameInA.get(c.name) ?? null, b: c.name })),
      ...onlyA.map((c) => ({ a: c.name, b: null })),
    ]
    const s = result.summary
    const summary: DiffSummaryView = {
      from,
      to,
      matchedBy: result.matchedBy,
      keyColumns,
      columns: [...columnsB, ...onlyA],
      rowCount: result.rowCount,
      changeCount: result.changes.length,
      counts: {
        added: s.added,
        removed: s.removed,
        changed: s.changed,
        unchanged: s.unchanged,
        changedCells: s.changed_cells,
        duplicateKeys: s.duplicate_keys,
      },
      perColumn: { ...s.perColumn },
      schemaChanges: result.schemaChanges.map((c) => ({
        kind: c.kind,
        text: describeSchemaChange(c),
      })),
      headerChanges: result.headerChanges.map((c) => ({
        key: c.key,
        change: c.change,
        old: c.old,
        new: c.new,
      })),
      depthEvents: result.depthEvents.map((e) => ({
        kind: e.kind,
        hole: e.hole,
        from: e.from.map((i) => ({ ...i })),
        to: e.to.map((i) => ({ ...i })),
      })),
    }
    return { summary, sides }
  }
}
