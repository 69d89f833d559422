// Records list: what waits for review first (the default chip), filters by status,
// table, author and date, search by record id / project / hole, sort by any column.
// Filtering, sorting and paging happen in main (the catalog); the list is virtualised
// and fetches pages as it scrolls, so 10,000 records cost one screenful.
import {
  useCallback,
  useDeferredValue,
  useMemo,
  useState,
  type Dispatch,
  type SetStateAction,
} from 'react'

import type { RecordSummary } from '../../shared/records'
import { ErrorBanner } from '../components/common'
import { DraftsBanner } from '../components/DraftsBanner'
import { ScreenHeader } from '../components/ScreenHeader'
import { formatCount } from '../format'
import { useCall, useIpc, useStoreChanged } from '../ipc/client'
import { usePagedRows, type FetchPage } from '../paged-rows'
import { routeHref } from '../router'
import { shortcutLabel } from '../shortcuts'
import {
  hasFilters,
  listQuery,
  NO_FILTERS,
  toggledSort,
  type RecordFilters,
  type Sort,
  type StatusFilter,
} from './records-query'
import { NoRecords, RecordsTable } from './RecordsTable'

const PAGE_SIZE = 200

const CHIPS: Array<{ value: StatusFilter; label: string }> = [
  { value: 'draft', label: 'Waiting for review' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'all', label: 'All' },
]

type StatusCounts = { draft: number; approved: number; rejected: number }

/** The matching records page by page, and the count per status from the first page. */
function useRecordPages(status: StatusFilter, filters: RecordFilters, sort: Sort) {
  const ipc = useIpc()
  const [counts, setCounts] = useState<StatusCounts | null>(null)
  const [refresh, setRefresh] = useState(0)
  // Every keystroke queries main (the catalog answers 10,000 records in milliseconds);
  // deferring keeps typing responsive and stale pages are dropped by usePagedRows.
  const searchText = useDeferredValue(filters.text.trim())
  // The search text enters the query deferred; the other filters at once.
  const { tableName, author, since, before } = filters
  const query = useMemo(
    () => listQuery({ status, filters: { tableName, author, since, before }, searchText, sort }),
    [status, tableName, author, since, before, searchText, sort],
  )
  const fetchPage = useCallback<FetchPage<RecordSummary>>(
    async (offset, limit) => {
      const res = await ipc.invoke('records.list', { ...query, offset, limit })
      if (!res.ok) return res
      if (offset === 0) setCounts(res.value.countsByStatus)
      return { ok: true, value: { rows: res.value.records, total: res.value.total } }
    },
    [ipc, query],
  )
  const paged = usePagedRows(fetchPage, `${JSON.stringify(query)}#${refresh}`, PAGE_SIZE)
  useStoreChanged(useCallback(() => setRefresh((n) => n + 1), []))
  return { paged, counts }
}

export function RecordsList() {
  const info = useCall('store.info', {}, 'info')
  const [status, setStatus] = useState<StatusFilter>('draft')
  const [filters, setFilters] = useState<RecordFilters>(NO_FILTERS)
  const [sort, setSort] = useState<Sort>({ field: 'updated_at', direction: 'asc' })
  const { paged, counts } = useRecordPages(status, filters, sort)

  const allCount = counts ? counts.draft + counts.approved + counts.rejected : null
  const isFiltered = hasFilters(filters)

  return (
    <section className="screen records-screen" aria-labelledby="records-title">
      <ScreenHeader titleId="records-title" title="Borelogs" actions={<RecordsActions />}>
        {counts
          ? `${formatCount(counts.draft)} waiting for review · ${formatCount(allCount ?? 0)} records`
          : ' '}
      </ScreenHeader>

      <DraftsBanner />

      <StatusChips
        status={status}
        onStatus={setStatus}
        countOf={(value) => (counts === null ? null : value === 'all' ? allCount : counts[value])}
      />
      <FiltersBar
        filters={filters}
        onFilters={setFilters}
        tableNames={info.value?.tableNames}
        authors={info.value?.authors}
      />

      {paged.error && <ErrorBanner error={paged.error} />}

      <RecordsTable
        paged={paged}
        sort={sort}
        onSort={(field) => setSort((s) => toggledSort(s, field))}
        emptyState={
          <NoRecords
            isStoreEmpty={allCount === 0}
            isFiltered={isFiltered}
            isWaitingForReview={status === 'draft'}
          />
        }
      />
    </section>
  )
}

function RecordsActions() {
  return (
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
  )
}

function StatusChips({
  status,
  onStatus,
  countOf,
}: {
  status: StatusFilter
  onStatus: (status: StatusFilter) => void
  /** Null until the first page answered. */
  countOf: (status: StatusFilter) => number | null
}) {
  return (
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
            onClick={() => onStatus(chip.value)}
            data-testid={`chip-${chip.value}`}
          >
            <span>{chip.label}</span>
            <span className="chip-count">{n === null ? '…' : formatCount(n)}</span>
          </button>
        )
      })}
    </div>
  )
}

function FiltersBar({
  filters,
  onFilters,
  tableNames,
  authors,
}: {
  filters: RecordFilters
  onFilters: Dispatch<SetStateAction<RecordFilters>>
  tableNames: string[] | undefined
  authors: string[] | undefined
}) {
  const set = (change: Partial<RecordFilters>) => onFilters((f) => ({ ...f, ...change }))
  return (
    <div className="filters" role="search">
      <label className="field field-grow">
        <span>Search</span>
        <input
          type="search"
          placeholder="Record id, project or hole"
          value={filters.text}
          onChange={(e) => set({ text: e.target.value })}
        />
      </label>
      <FilterSelect
        label="Table"
        anyLabel="All tables"
        value={filters.tableName}
        options={tableNames}
        onChange={(tableName) => set({ tableName })}
      />
      <FilterSelect
        label="Author"
        anyLabel="Anyone"
        value={filters.author}
        options={authors}
        onChange={(author) => set({ author })}
      />
      <label className="field">
        <span>Updated from</span>
        <input type="date" value={filters.since} onChange={(e) => set({ since: e.target.value })} />
      </label>
      <label className="field">
        <span>to</span>
        <input
          type="date"
          value={filters.before}
          onChange={(e) => set({ before: e.target.value })}
        />
      </label>
      {hasFilters(filters) && (
        <button type="button" className="button button-quiet" onClick={() => onFilters(NO_FILTERS)}>
          Clear filters
        </button>
      )}
    </div>
  )
}

/** A filter picked from the store's values; the first option ('') filters nothing. */
function FilterSelect({
  label,
  anyLabel,
  value,
  options,
  onChange,
}: {
  label: string
  anyLabel: string
  value: string
  options: string[] | undefined
  onChange: (value: string) => void
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{anyLabel}</option>
        {options?.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  )
}
