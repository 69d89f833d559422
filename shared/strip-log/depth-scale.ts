// The vertical scale, depth to y, at a stated scale (1:50 by default) for a sheet
// printed at 96 px to the inch: a metre of hole is 1000/scale mm on paper. Descriptions
// are never cut: when they need more room than the hole's depth gives them at that
// scale (trying the smaller font first), the log runs on below the hole at the same
// scale. Depth ticks follow a 1-2-5 ladder.
import { scaleLinear } from 'd3-scale'

import { type DescriptionLayout, layoutDescriptions } from './descriptions'
import { DESCRIPTION_FONT_SIZES, fixed, FT_PER_M, PX_PER_MM, type DepthScale } from './dimensions'
import type { DepthUnits, Tick } from './model-types'
import type { ValidLayer } from './prepare'
import { wrapText } from './text'

/** Px of drawing per display unit of depth at 1:scale. */
export function pxPerDepthUnit(scale: number, units: DepthUnits): number {
  const pxPerM = (PX_PER_MM * 1000) / scale
  return units === 'ft' ? pxPerM / FT_PER_M : pxPerM
}

function tickStep(pxPerUnit: number): number {
  // About one labelled tick per 40 px, on a 1-2-5 ladder.
  const wanted = 40 / Math.max(pxPerUnit, 1e-9)
  for (const step of [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500])
    if (step >= wanted) return step
  return 1000
}

interface VerticalFit {
  y: DepthScale
  depthEnd: number
  bodyHeight: number
  tickStep: number
  layout: DescriptionLayout
}

/** The scale's y, and a body long enough for the hole and for every description in full. */
export function fitVerticalScale({
  valid,
  maxDepth,
  endDepth,
  labelTexts,
  textWidthPx,
  bodyTop,
  pxPerUnit,
}: {
  valid: readonly ValidLayer[]
  maxDepth: number
  endDepth: number | null
  labelTexts: readonly string[]
  textWidthPx: number
  bodyTop: number
  pxPerUnit: number
}): VerticalFit {
  const step = tickStep(pxPerUnit)
  let depthEnd = Math.ceil(maxDepth / step - 1e-9) * step
  // Room below the last stratum for the closing line, as on a log sheet.
  if (depthEnd - maxDepth < step / 2) depthEnd += step
  const y = scaleLinear()
    .domain([0, 1])
    .range([bodyTop, bodyTop + pxPerUnit])
  const anchors = valid.map((v) => ({ top: y(v.top), base: y(v.base) }))
  if (endDepth !== null) anchors.push({ top: y(endDepth), base: y(endDepth) + 14 })
  let layout: DescriptionLayout | null = null
  for (const fontSize of DESCRIPTION_FONT_SIZES) {
    const wrapped = labelTexts.map((t) => wrapText(t, textWidthPx, fontSize))
    layout = layoutDescriptions(wrapped, anchors, bodyTop, bodyTop + depthEnd * pxPerUnit, fontSize)
    if (layout.bottom <= bodyTop + depthEnd * pxPerUnit + 0.5) break
  }
  const l = layout as DescriptionLayout
  const needed = (l.bottom + 4 - bodyTop) / pxPerUnit
  if (needed > depthEnd) depthEnd = Math.ceil(needed / step - 1e-9) * step
  const bodyHeight = depthEnd * pxPerUnit
  return {
    y: y
      .copy()
      .domain([0, depthEnd])
      .range([bodyTop, bodyTop + bodyHeight]),
    depthEnd,
    bodyHeight,
    tickStep: step,
    layout: l,
  }
}

/** Labelled depth ticks about every 40 px, and four minor ticks between each pair. */
export function depthTicks(
  y: DepthScale,
  step: number,
  depthEnd: number,
): { ticks: Tick[]; minorTicks: number[] } {
  const ticks: Tick[] = y.ticks(Math.max(2, Math.round(depthEnd / step))).map((t) => ({
    y: y(t),
    label: step < 1 ? fixed(t, step < 0.5 ? 1 : 1) : String(t),
  }))
  const minorStep = step / 5
  const minorTicks: number[] = []
  for (let t = minorStep; t < depthEnd - 1e-9; t += minorStep) {
    if (Math.abs(t / step - Math.round(t / step)) > 1e-6) minorTicks.push(y(t))
  }
  return { ticks, minorTicks }
}
