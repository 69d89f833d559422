import { describe, expect, it } from 'vitest'

import { RowCache } from './row-cache'

describe('draft row cache', () => {
  it('asks for each missing page once, then not while the request is out', () => {
    const cache = new RowCache(10)
    expect(cache.pagesToFetch(5, 25)).toEqual([0, 1, 2])
    for (const p of [0, 1, 2]) cache.markRequested(p)
    expect(cache.pagesToFetch(5, 25)).toEqual([])
  })

  it('an edit makes every page stale but keeps showing it until the refetch lands', () => {
    const cache = new RowCache(2)
    const rev = cache.markRequested(0)
    cache.accept(0, rev, [['a'], ['b']])
    cache.invalidate()
    expect(cache.getRow(1)).toEqual(['b'])
    expect(cache.pagesToFetch(0, 1)).toEqual([0])
    cache.accept(0, cache.markRequested(0), [['a'], ['c']])
    expect(cache.getRow(1)).toEqual(['c'])
    expect(cache.pagesToFetch(0, 1)).toEqual([])
  })

  it('a page answered for an older revision never overwrites a typed value', () => {
    const cache = new RowCache(2)
    cache.accept(0, cache.markRequested(0), [[1], [2]])
    cache.invalidate()
    const old = cache.markRequested(0)
    cache.patch(1, 0, 20)
    cache.invalidate()
    expect(cache.accept(0, old, [[1], [2]])).toBe(false)
    expect(cache.getRow(1)).toEqual([20])
  })

  it('a failed request can be asked again', () => {
    const cache = new RowCache(2)
    const rev = cache.markRequested(0)
    cache.forget(0, rev)
    expect(cache.pagesToFetch(0, 0)).toEqual([0])
  })
})
