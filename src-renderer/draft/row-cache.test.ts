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

describe('draft row cache: rows inserted before main answers', () => {
  it('an inserted row is blank and the rows from it on move down at once', () => {
    const cache = new RowCache(2)
    cache.accept(0, cache.markRequested(0), [['a'], ['b']])
    cache.accept(1, cache.markRequested(1), [['c']])
    cache.insertRows(1, 1, 1)
    expect([0, 1, 2, 3].map((r) => cache.getRow(r))).toEqual([['a'], [null], ['b'], ['c']])
  })

  it('a row appended at the end is loaded (blank) and takes a typed value', () => {
    const cache = new RowCache(2)
    cache.accept(0, cache.markRequested(0), [['a'], ['b']])
    cache.insertRows(2, 1, 2)
    cache.patch(2, 1, 'x')
    expect(cache.getRow(2)).toEqual([null, 'x'])
    expect(cache.getRow(1)).toEqual(['b'])
  })

  it("main's page replaces the shown rows once it lands", () => {
    const cache = new RowCache(2)
    cache.accept(0, cache.markRequested(0), [['a']])
    cache.insertRows(1, 1, 1)
    cache.invalidate()
    cache.accept(0, cache.markRequested(0), [['a'], ['from main']])
    expect(cache.getRow(1)).toEqual(['from main'])
  })
})

describe('draft row cache: memory', () => {
  it('keeps at most the page cap, dropping the pages farthest from the rows asked for', () => {
    const cache = new RowCache(10, 3)
    for (const p of [0, 1, 2, 3, 4]) cache.accept(p, cache.markRequested(p), [[p]])
    cache.pagesToFetch(40, 49)
    expect(cache.pageCount).toBe(3)
    expect(cache.getRow(40)).toEqual([4])
    expect(cache.getRow(0)).toBeUndefined()
    expect(cache.getRow(10)).toBeUndefined()
  })

  it('never drops a page inside the rows asked for', () => {
    const cache = new RowCache(10, 1)
    for (const p of [0, 1, 2]) cache.accept(p, cache.markRequested(p), [[p]])
    cache.pagesToFetch(0, 29)
    expect(cache.pageCount).toBe(3)
  })
})
