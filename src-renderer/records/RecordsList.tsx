// Records list (issue 5): what waits for review first (the default chip), filters by
// status, table, author and date, search by record id / project / hole, sort by any
// column. Filtering, sorting and paging happen in main (the catalog); the list is
// virtualised and fetches pages as it scrolls, so 10,000 records cost one screenful.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'

import type { RecordStatus } from '../../shared/metadata'
import type { ListQuery, RecordSummary } from '../../shared/records'
import { ErrorBanner, EmptyState, StatusBadge } from '../components/common'
import { DraftsBanner } from '../components/DraftsBanner'
import { formatAge, formatCount, formatTime } from '../format'
import { useCall, useIpc, useStoreChanged } from '../ipc/client'
import { usePagedRows, type FetchPage } from '../paged-rows'
import { navigate, routeHref } from '../router'
import { shortcutLabel } from '../shortcuts'

const PAGE_SIZE = 200
const ROW_HEIGHT_PX = 44

type StatusFilter = RecordStatus | 'all'
type SortField = NonNullable<ListQuery['sort']>['field']

const CHIPS: Array<{ value: StatusFilter; label: string }> = [
  { value: 'draft', label: 'Waiting for review' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'all', label: 'All' },
]

const COLUMNS: Array<{ id: string; label: string; sort?: SortField; width: string }> = [
  { id: 'record', label: 'Record', sort: 'record_id', width: 'minmax(220px, 2fr)' },
  { id: 'status', label: 'Status', sort: 'status', width: '130px' },
  { id: 'table', label: 'Table', sort: 'table_name', width: '110px' },
  { id: 'version', label: 'Version', sort: 'current_version', width: '90px' },
  { id: 'author', label: 'Author', width: 'minmax(120px, 1fr)' },
  { id: 'updated', label: 'Updated', sort: 'updated_at', width: '170px' },
]
const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ')

/** A date input (local day) to the ISO instant the query wants. */
function dayToIso(day: string, endOfDay: boolean): string | undefined {
  if (!day) return undefined
  const d = new Date(`${day}T00:00:00`)
  if (endOfDay) d.setDate(d.getDate() + 1)
  return d.toISOString()
}

export function RecordsList() {
  const ipc = useIpc()
  const info = useCall('store.info', {}, 'info')
  const [status, setStatus] = useState<StatusFilter>('draft')
  const [tableName, setTableName] = useState('')
  const [author, setAuthor] = useState('')
  const [since, setSince] = useState('')
  const [before, setBefore] = useState('')
  const [text, setText] = useState('')
  const [sort, setSort] = useState<{ field: SortField; direction: 'asc' | 'desc' }>({
    field: 'updated_at',
    direction: 'asc',
  })
  const [counts, setCounts] = useState<{
    draft: number
    approved: number
    rejected: number
  } | null>(null)
  const [refresh, setRefresh] = useState(0)
  // Every keystroke queries main (the catalog answers 10,000 records in milliseconds);
  // deferring keeps typing responsive and stale pages are dropped by usePagedRows.
  const searchText = useDeferredValue(text.trim())

  const query = useMemo<ListQuery>(() => {
    const q: ListQuery = { sort }
    if (status !== 'all') q.status = [status]
    if (tableName) q.tableName = tableName
    if (author) q.createdBy = author
    const sinceIso = dayToIso(since, false)
    const beforeIso = dayToIso(before, true)
    if (sinceIso) q.updatedSince = sinceIso
    if (beforeIso) q.updatedBefore = beforeIso
    if (searchText) q.text = searchText
    return q
  }, [status, tableName, author, since, before, searchText, sort])

  const fetchPage = useCallback<FetchPage<RecordSummary>>(
    async (offset, limit) => {
      const res = await ipc.invoke('records.list', { ...query, offset, limit })
      if (!res.ok) return res
      if (offset === 0) setCounts(res.value.countsByStatus)
      return { ok: true, value: { rows: res.value.records, total: res.value.total } }
    },
    [ipc, query],
  )
  const key = `${JSON.stringify(query)}#${refresh}`
  const paged = usePagedRows(fetchPage, key, PAGE_SIZE)
  useStoreChanged(useCallback(() => setRefresh((n) => n + 1), []))

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

  const allCount = counts ? counts.draft + counts.approved + counts.rejected : null
  const countOf = (value: StatusFilter): number | null =>
    counts === null ? null : value === 'all' ? allCount : counts[value]

  const toggleSort = (field: SortField) =>
    setSort((s) =>
      s.field === field
        ? { field, direction: s.direction === 'asc' ? 'desc' : 'asc' }
        : { field, direction: 'asc' },
    )

  const hasFilters =
    tableName !== '' || author !== '' || since !== '' || before !== '' || text !== ''

  return (
    <section className="screen records-screen" aria-labelledby="records-title">
      <header className="screen-header">
        <div>
          <h1 id="records-title">Borelogs</h1>
          <p className="subtitle">
            {counts
              ? `${formatCount(counts.draft)} waiting for review · ${formatCount(allCount ?? 0)} records`
              : ' '}
          </p>
        </div>
        <div className="actions">
          <a
            className="button button-primary"
            href={routeHref({ name: 'new-record', from: null })}
            title={`New record (${shortcutLabel('new-record')})`}
            aria-keyshortcuts="Control+N"
          >
            New record <kbd>{shortcutLabel('new-record')}</kbd>
          </a>
          <a
            className="button"
            href={routeHref({ name: 'import' })}
            title={`Import a file (${shortcutLabel('import')})`}
            aria-keyshortcuts="Control+O"
          >
            Import <kbd>{shortcutLabel('import')}</kbd>
          </a>
        </div>
      </header>

      <DraftsBanner />

      <div className="chips" role="radiogroup" aria-label="Status">
        {CHIPS.map((chip) => {
          const n = countOf(chip.value)
          return (
            <button
              key={chip.value}
              type="button"
              role="radio"
              aria-checked={status === chip.value}
              className={`chip chip-${chip.value}`}
              onClick={() => setStatus(chip.value)}
              data-testid={`chip-${chip.value}`}
            >
              <span>{chip.label}</span>
              <span className="chip-count">{n === null ? '…' : formatCount(n)}</span>
            </button>
          )
        })}
      </div>

      <div className="filters" role="search">
        <label className="field field-grow">
          <span>Search</span>
          <input
            type="search"
            placeholder="Record id, project or hole"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Table</span>
          <select value={tableName} onChange={(e) => setTableName(e.target.value)}>
            <option value="">All tables</option>
            {info.value?.tableNames.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Author</span>
          <select value={author} onChange={(e) => setAuthor(e.target.value)}>
            <option value="">Anyone</option>
            {info.value?.authors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Updated from</span>
          <input type="date" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <label className="field">
          <span>to</span>
          <input type="date" value={before} onChange={(e) => setBefore(e.target.value)} />
        </label>
        {hasFilters && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setTableName('')
              setAuthor('')
              setSince('')
              setBefore('')
              setText('')
            }}
          >
            Clear filters
          </button>
        )}
      </div>

      {paged.error && <ErrorBanner error={paged.error} />}

      <div
        className="list"
        role="table"
        aria-label="Records"
        aria-rowcount={total + 1}
        data-testid="records-table"
        data-total={paged.total ?? ''}
      >
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
                aria-sort={
                  active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                }
              >
                {c.sort ? (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => toggleSort(c.sort as SortField)}
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
        <div className="list-body" ref={scrollRef}>
          {paged.total === 0 && (
            // A table must hold rows (axe aria-required-children): the empty state is one.
            <div role="rowgroup">
              <div role="row">
                <div role="cell">
                  <EmptyState
                    title={
                      allCount === 0 && !hasFilters
                        ? 'No records in this store yet.'
                        : status === 'draft' && !hasFilters
                          ? 'Nothing waits for review.'
                          : 'No records match.'
                    }
                  >
                    {hasFilters && <p>Try clearing the filters.</p>}
                    {allCount === 0 && !hasFilters && (
                      <p>
                        <a href={routeHref({ name: 'new-record', from: null })}>Create a record</a>{' '}
                        or <a href={routeHref({ name: 'import' })}>import a file</a>.
                      </p>
                    )}
                  </EmptyState>
                </div>
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
                    <>
                      <div role="cell" className="cell-record">
                        <a
                          href={routeHref({ name: 'record', recordId: record.record_id })}
                          className="record-link"
                        >
                          {record.record_id}
                        </a>
                        <span className="muted small">
                          {[record.header.project, record.header.hole_id]
                            .filter(Boolean)
                            .join(' · ')}
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
    </section>
  )
}
