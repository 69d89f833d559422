import { Float64, Int32, Utf8, vectorFromArray } from 'apache-arrow'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { sortOrder } from './version-pages'

describe('sortOrder', () => {
  it('orders numbers ascending and descending with nulls last and ties in stored order', () => {
    const column = vectorFromArray([3, null, 1, 3, 2], new Float64())
    expect(Array.from(sortOrder(column, 'asc'))).toEqual([2, 4, 0, 3, 1])
    expect(Array.from(sortOrder(column, 'desc'))).toEqual([0, 3, 4, 2, 1])
  })

  it('orders text by code unit with nulls last', () => {
    const column = vectorFromArray(['b', null, 'a', 'B'], new Utf8())
    expect(Array.from(sortOrder(column, 'asc'))).toEqual([3, 2, 0, 1])
  })

  it('is a permutation whose values never decrease (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }), {
          maxLength: 200,
        }),
        (values) => {
          const column = vectorFromArray(values, new Int32())
          const order = Array.from(sortOrder(column, 'asc'))
          expect([...order].sort((a, b) => a - b)).toEqual(values.map((_, i) => i))
          const present = order.map((i) => values[i]).filter((v): v is number => v !== null)
          for (let i = 1; i < present.length; i++) expect(present[i]! >= present[i - 1]!).toBe(true)
          const firstNull = order.findIndex((i) => values[i] === null)
          if (firstNull >= 0)
            expect(order.slice(firstNull).every((i) => values[i] === null)).toBe(true)
        },
      ),
    )
  })
})
