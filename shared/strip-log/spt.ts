// The SPT N profile: one point per test on a fixed N scale, joined in depth order. A test
// off the scale is drawn at its end and flagged (the footer notes it), so the scale stays
// readable for the usual values.
import { scaleLinear } from 'd3-scale'

import { fixed, type DepthScale } from './dimensions'
import type { Column, DepthUnits, Point, SptPoint, StripLogModel } from './model-types'
import type { Prepared } from './prepare'

/** The SPT N profile on a 0-50 scale, or 0-100 when a test is above 50. */
export function buildSpt(
  tests: Prepared['spt'],
  y: DepthScale,
  sptCol: Column,
  units: DepthUnits,
): { spt: StripLogModel['spt']; nEnd: number } {
  const maxN = tests.reduce((m, t) => Math.max(m, t.n), 0)
  const nEnd = maxN <= 50 ? 50 : 100
  const sptPad = 8
  const xN = scaleLinear()
    .domain([0, nEnd])
    .range([sptCol.x + sptPad, sptCol.x + sptCol.width - sptPad])
  let lastLabelY = -Infinity
  const points: SptPoint[] = tests.map((t) => {
    const isClipped = t.n > nEnd
    const yy = y(t.depthM)
    const showLabel = yy - lastLabelY >= 9
    if (showLabel) lastLabelY = yy
    return {
      x: xN(Math.min(t.n, nEnd)),
      y: yy,
      n: t.n,
      isPartial: t.isPartial,
      isClipped,
      showLabel,
      tooltip: `SPT at ${fixed(t.depthM)} ${units}: ${t.reported}${t.isPartial ? ' (partial penetration)' : ''}`,
    }
  })
  const spt = {
    x: sptCol.x,
    width: sptCol.width,
    ticks: xN.ticks(5).map((n) => ({ x: xN(n), label: String(n) })),
    points,
    path: points.map((p) => [p.x, p.y] as Point),
  }
  return { spt, nEnd }
}
