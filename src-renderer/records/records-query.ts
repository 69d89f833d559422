// What the records list asks the catalog for: the status chip, the filters and the sort
// as one ListQuery. Main filters, sorts and pages; the renderer only builds the question.
import type { RecordStatus } from '../../shared/metadata'
import type { ListQuery } from '../../shared/records'

export type StatusFilter = RecordStatus | 'all'
export type SortField = NonNullable<ListQuery['sort']>['field']
export interface Sort {
  field: SortField
  direction: 'asc' | 'desc'
}

/** The filters beside the status chips, as the inputs hold them ('' is no filter). */
export interface RecordFilters {
  tableName: string
  author: string
  /** Local days from date inputs (YYYY-MM-DD). */
  since: string
  before: string
  text: string
}

export const NO_FILTERS: RecordFilters = {
  tableName: '',
  author: '',
  since: '',
  before: '',
  text: '',
}

/** A date input (local day) to the ISO instant the query wants. */
export function dayToIso(day: string, endOfDay: boolean): string | undefined {
  if (!day) return undefined
  const d = new Date(`${day}T00:00:00`)
  if (endOfDay) d.setDate(d.getDate() + 1)
  return d.toISOString()
}

/** The query for the list; `searchText` is the trimmed search, which may lag its input. */
export function listQuery({
  status,
  filters,
  searchText,
  sort,
}: {
  status: StatusFilter
  filters: Omit<RecordFilters, 'text'>
  searchText: string
  sort: Sort
}): ListQuery {
  const q: ListQuery = { sort }
  if (status !== 'all') q.status = [status]
  if (filters.tableName) q.tableName = filters.tableName
  if (filters.author) q.createdBy = filters.author
  const sinceIso = dayToIso(filters.since, false)
  const beforeIso = dayToIso(filters.before, true)
  if (sinceIso) q.updatedSince = sinceIso
  if (beforeIso) q.updatedBefore = beforeIso
  if (searchText) q.text = searchText
  return q
}

export function hasFilters(filters: RecordFilters): boolean {
  return Object.values(filters).some((value) => value !== '')
}

/** A second click on the sorted column reverses it; another column starts ascending. */
export function toggledSort(sort: Sort, field: SortField): Sort {
  return sort.field === field
    ? { field, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
    : { field, direction: 'asc' }
}
