import { describe, expect, it } from 'vitest'

import { hasFilters, listQuery, NO_FILTERS, toggledSort } from './records-query'

const SORT = { field: 'updated_at', direction: 'asc' } as const

describe('records list query', () => {
  it('asks for every status under the All chip and leaves empty filters out', () => {
    expect(listQuery({ status: 'all', filters: NO_FILTERS, searchText: '', sort: SORT })).toEqual({
      sort: SORT,
    })
  })

  it('takes the end of the "to" day, so records updated that day are included', () => {
    const q = listQuery({
      status: 'draft',
      filters: { ...NO_FILTERS, since: '2026-03-02', before: '2026-03-02', author: 'j.doe' },
      searchText: 'BH',
      sort: SORT,
    })
    expect(q.status).toEqual(['draft'])
    expect(q.createdBy).toBe('j.doe')
    expect(q.text).toBe('BH')
    expect(Date.parse(q.updatedBefore ?? '') - Date.parse(q.updatedSince ?? '')).toBe(
      24 * 3600 * 1000,
    )
  })

  it('counts any typed filter, search included, as filtering', () => {
    expect(hasFilters(NO_FILTERS)).toBe(false)
    expect(hasFilters({ ...NO_FILTERS, text: ' ' })).toBe(true)
  })

  it('reverses the sorted column and starts another ascending', () => {
    expect(toggledSort(SORT, 'updated_at')).toEqual({ field: 'updated_at', direction: 'desc' })
    expect(toggledSort({ field: 'status', direction: 'desc' }, 'record_id')).toEqual({
      field: 'record_id',
      direction: 'asc',
    })
  })
})
