// The records as a virtualised table: a sortable header row, then only the rows in
// view, each fetched with its page as it scrolls in, so 10,000 records cost one
// screenful. A click anywhere on a row opens the record; the record id is its link.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type ReactNode } from 'react'

import type { RecordSummary } from '../../shared/records'
import { EmptyState, StatusBadge } from '../components/common'
import { formatAge, formatTime } from '../format'
import type { PagedRows } from '../paged-rows'
import { navigate, routeHref } from '../router'
import type { Sort, SortField } from './records-query'

const ROW_HEIGHT_PX = 44

const COLUMNS: Array<{ id: string; label: string; sort?: SortField; width: string }> = [
  { id: 'record', label: 'Record', sort: 'record_id', width: 'minmax(220px, 2fr)' },
  { id: 'status', label: 'Status', sort: 'status', width: '130px' },
  { id: 'table', label: 'Table', sort: 'table_name', width: '110px' },
  { id: 'version', label: 'Version', sort: 'current_version', width: '90px' },
  { id: 'author', label: 'Author', width: 'minmax(120px, 1fr)' },
  { id: 'updated', label: 'Updated', sort: 'updated_at', width: '170px' },
]
const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ')

export function RecordsTable({
  paged,
  sort,
  onSort,
  emptyState,
}: {
  paged: PagedRows<RecordSummary>
  sort: Sort
  onSort: (field: SortField) => void
  /** Shown as the table's one row when no record matches. */
  emptyState: ReactNode
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const total = paged.total ?? 0
  // The virtualizer's measurements change every scroll frame: this component is not memoised by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const firstIndex = items[0]?.index ?? 0
  const lastIndex = items[items.length - 1]?.index ?? 0
  const { ensureRange } = paged
  useEffect(() => ensureRange(firstIndex, lastIndex), [ensureRange, firstIndex, lastIndex])

  return (
    <div
      className="list"
      role="table"
      aria-label="Records"
      aria-rowcount={total + 1}
      data-testid="records-table"
      data-total={paged.total ?? ''}
    >
      <ColumnHeaders sort={sort} onSort={onSort} />
      <div className="list-body" ref={scrollRef}>
        {paged.total === 0 && (
          // A table must hold rows (axe aria-required-children): the empty state is one.
          <div role="rowgroup">
            <div role="row">
              <div role="cell">{emptyState}</div>
            </div>
          </div>
        )}
        <div
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
          role={total > 0 ? 'rowgroup' : undefined}
        >
          {items.map((item) => {
            const record = paged.getRow(item.index)
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className="list-row"
                style={{
                  gridTemplateColumns: GRID_TEMPLATE,
                  height: ROW_HEIGHT_PX,
                  transform: `translateY(${item.start}px)`,
                }}
                onClick={
                  record
                    ? () => navigate({ name: 'record', recordId: record.record_id })
                    : undefined
                }
                data-record-id={record?.record_id}
              >
                {record ? (
                  <RecordCells record={record} />
                ) : (
                  <div role="cell" className="muted placeholder-cell">
                    Loading…
                  </div>
                )}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}

function ColumnHeaders({ sort, onSort }: { sort: Sort; onSort: (field: SortField) => void }) {
  return (
    <div
      className="list-header"
      role="row"
      style={{ gridTemplateColumns: GRID_TEMPLATE }}
      aria-rowindex={1}
    >
      {COLUMNS.map((c) => {
        const active = c.sort !== undefined && sort.field === c.sort
        return (
          <div
            key={c.id}
            role="columnheader"
            aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
          >
            {c.sort ? (
              <button
                type="button"
                className="sort-button"
                onClick={() => onSort(c.sort as SortField)}
              >
                {c.label}
                <span className="sort-arrow" aria-hidden="true">
                  {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            ) : (
              c.label
            )}
          </div>
        )
      })}
    </div>
  )
}

function RecordCells({ record }: { record: RecordSummary }) {
  return (
    <>
      <div role="cell" className="cell-record">
        <a href={routeHref({ name: 'record', recordId: record.record_id })} className="record-link">
          {record.record_id}
        </a>
        <span className="muted small">
          {[record.header.project, record.header.hole_id].filter(Boolean).join(' · ')}
        </span>
      </div>
      <div role="cell">
        <StatusBadge status={record.status} />
      </div>
      <div role="cell" className="mono small">
        {record.table_name}
      </div>
      <div role="cell" className="mono small">
        v{record.current_version}
      </div>
      <div role="cell" className="truncate">
        {record.created_by}
      </div>
      <div role="cell" className="cell-stack" title={record.updated_at}>
        <span>{formatTime(record.updated_at)}</span>
        <span className="muted small">{formatAge(record.updated_at)}</span>
      </div>
    </>
  )
}

/** Why the list is empty, and what to do about it. */
export function NoRecords({
  isStoreEmpty,
  isFiltered,
  isWaitingForReview,
}: {
  isStoreEmpty: boolean
  isFiltered: boolean
  isWaitingForReview: boolean
}) {
  return (
    <EmptyState
      title={
        isStoreEmpty && !isFiltered
          ? 'No records in this store yet.'
          : isWaitingForReview && !isFiltered
            ? 'Nothing waits for review.'
            : 'No records match.'
      }
    >
      {isFiltered && <p>Try clearing the filters.</p>}
      {isStoreEmpty && !isFiltered && (
        <p>
          <a href={routeHref({ name: 'new-record', from: null })}>Create a record</a> or{' '}
          <a href={routeHref({ name: 'import' })}>import a file</a>.
        </p>
      )}
    </EmptyState>
  )
}
