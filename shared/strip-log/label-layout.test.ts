import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { layoutLabels } from './label-layout'

describe('layoutLabels', () => {
  it('leaves labels at their anchors when they do not collide', () => {
    expect(
      layoutLabels(
        [
          { anchor: 10, height: 10 },
          { anchor: 30, height: 10 },
        ],
        0,
        100,
      ),
    ).toEqual([10, 30])
  })

  it('spreads a cluster around its anchors instead of pushing it all down', () => {
    const tops = layoutLabels(
      [
        { anchor: 50, height: 10 },
        { anchor: 50, height: 10 },
        { anchor: 50, height: 10 },
      ],
      0,
      200,
    )
    expect(tops).toEqual([40, 50, 60])
  })

  it('keeps every label inside the bounds when they fit, in order, without overlap', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -50, max: 600, noNaN: true }), fc.integer({ min: 1, max: 30 })),
          {
            maxLength: 60,
          },
        ),
        (raw) => {
          const requests = raw
            .map(([anchor, height]) => ({ anchor, height }))
            .sort((a, b) => a.anchor - b.anchor)
          const total = requests.reduce((s, r) => s + r.height, 0)
          const maxY = Math.max(500, total)
          const tops = layoutLabels(requests, 0, maxY)
          tops.forEach((top, i) => {
            expect(top).toBeGreaterThanOrEqual(-1e-9)
            expect(top + requests[i]!.height).toBeLessThanOrEqual(maxY + 1e-6)
            if (i > 0)
              expect(top).toBeGreaterThanOrEqual(tops[i - 1]! + requests[i - 1]!.height - 1e-6)
          })
        },
      ),
    )
  })
})
