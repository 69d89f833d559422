// The SPT N profile: one point per test on a fixed N scale, joined in depth order. A full
// test plots at its N; a refusal or partial test at its blows scaled to the 300 mm test
// drive, labelled with its notation ("50/75 mm"), never as an N. What lies beyond the
// scale (N above it, a test that did not penetrate) is drawn at its edge with an arrow,
// and the foot says so, so the scale stays readable for the usual values.
import { scaleLinear } from 'd3-scale'

import { fixed, type DepthScale } from './dimensions'
import type { Column, DepthUnits, Point, SptPoint, StripLogModel } from './model-types'
import type { Prepared } from './prepare'
import { TEST_BLOW_LIMIT, TEST_DRIVE_MM, type SptResult } from './spt-notation'

const KIND_TEXT: Record<SptResult['kind'], string> = {
  full: '',
  refusal: 'refusal',
  partial: 'partial test',
}

function describe(r: SptResult): string {
  if (r.kind === 'full') return r.notation
  const stop =
    r.testPenetrationMm !== null && r.testPenetrationMm > 0
      ? `stopped at ${Math.round(r.testPenetrationMm)} of the ${TEST_DRIVE_MM} mm test drive`
      : 'no test drive'
  return `${r.notation} (${KIND_TEXT[r.kind]}: ${stop}; no N)`
}

/** Inner padding of the profile inside its column; the header's axis numbers use it too. */
export const SPT_PAD = 8

/** The N scale of a profile: 0-50, or 0-100 when a full test is above 50. */
export function sptScaleEnd(tests: Prepared['spt']): number {
  const maxN = tests.reduce((m, t) => Math.max(m, t.result.n ?? 0), 0)
  return maxN <= TEST_BLOW_LIMIT ? TEST_BLOW_LIMIT : 100
}

export function buildSpt(
  tests: Prepared['spt'],
  y: DepthScale,
  sptCol: Column,
  units: DepthUnits,
): { spt: StripLogModel['spt']; nEnd: number } {
  const nEnd = sptScaleEnd(tests)
  const xN = scaleLinear()
    .domain([0, nEnd])
    .range([sptCol.x + SPT_PAD, sptCol.x + sptCol.width - SPT_PAD])
  let lastLabelY = -Infinity
  const points: SptPoint[] = tests.map((t) => {
    const r = t.result
    const isClipped = r.plotN > nEnd
    const yy = y(t.depthM)
    // A stopped test's notation is the result itself: always written, as it has no N.
    const showLabel = r.kind !== 'full' || yy - lastLabelY >= 9
    if (showLabel) lastLabelY = yy
    const reported = t.record.report ? `; reported "${t.record.report}"` : ''
    return {
      x: xN(Math.min(r.plotN, nEnd)),
      y: yy,
      n: r.n,
      kind: r.kind,
      label: r.kind === 'full' ? String(r.n) : r.notation,
      isClipped,
      showLabel,
      tooltip: `SPT at ${fixed(t.depthM)} ${units}: ${describe(r)}${reported}`,
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
