// The vertical scale, depth to y. The log starts at its preferred height and grows
// taller until at least one line of every stratum's label fits (trying the smaller font
// first), so labels are never overlapped; depth ticks follow a 1-2-5 ladder.
import { scaleLinear } from 'd3-scale'

import { type DescriptionLayout, layoutDescriptions } from './descriptions'
import { DESCRIPTION_FONT_SIZES, fixed, type DepthScale } from './dimensions'
import type { DepthUnits, Tick } from './model-types'
import type { ValidLayer } from './prepare'
import { wrapText } from './text'

function tickStep(depth: number, bodyHeight: number): number {
  // About one labelled tick per 40 px, on a 1-2-5 ladder.
  const wanted = (depth * 40) / Math.max(bodyHeight, 1)
  for (const step of [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500])
    if (step >= wanted) return step
  return 1000
}

interface VerticalFit {
  y: DepthScale
  depthEnd: number
  bodyHeight: number
  layout: DescriptionLayout
}

/** Vertical scale: the preferred height, grown until one line per stratum fits. */
export function fitVerticalScale({
  valid,
  maxDepth,
  endDepth,
  labelTexts,
  textWidthPx,
  bodyTop,
  units,
  preferredHeight,
}: {
  valid: readonly ValidLayer[]
  maxDepth: number
  endDepth: number | null
  labelTexts: readonly string[]
  textWidthPx: number
  bodyTop: number
  units: DepthUnits
  preferredHeight: number | undefined
}): VerticalFit {
  const footerAllowance = 90
  const preferredBody =
    preferredHeight !== undefined
      ? Math.max(200, preferredHeight - bodyTop - footerAllowance)
      : Math.min(1200, Math.max(420, maxDepth * (units === 'ft' ? 24 : 80)))
  let bodyHeight = preferredBody
  let depthEnd = maxDepth
  let layout: DescriptionLayout | null = null
  let y = scaleLinear()
    .domain([0, depthEnd])
    .range([bodyTop, bodyTop + bodyHeight])
  // Wrapping does not depend on the scale: once per font size, whatever the attempts.
  const wrappedBySize = new Map<number, string[][]>()
  for (let attempt = 0; attempt < 8; attempt++) {
    const step = tickStep(maxDepth, bodyHeight)
    depthEnd = Math.ceil(maxDepth / step - 1e-9) * step
    // Room below the last stratum for the closing line, as on a log sheet.
    if (depthEnd - maxDepth < step / 2) depthEnd += step
    y = scaleLinear()
      .domain([0, depthEnd])
      .range([bodyTop, bodyTop + bodyHeight])
    const anchors = valid.map((v) => ({ top: y(v.top), base: y(v.base) }))
    if (endDepth !== null) anchors.push({ top: y(endDepth), base: y(endDepth) + 14 })
    const bodyBottom = bodyTop + bodyHeight
    for (const fontSize of DESCRIPTION_FONT_SIZES) {
      let wrapped = wrappedBySize.get(fontSize)
      if (!wrapped) {
        wrapped = labelTexts.map((t) => wrapText(t, textWidthPx, fontSize))
        wrappedBySize.set(fontSize, wrapped)
      }
      layout = layoutDescriptions(wrapped, anchors, textWidthPx, bodyTop, bodyBottom, fontSize)
      if (layout.bottom <= bodyBottom + 0.5) break
    }
    const l = layout as DescriptionLayout
    if (l.bottom <= bodyBottom + 0.5) break
    bodyHeight = Math.ceil(bodyHeight * Math.max(1.08, (l.bottom - bodyTop) / bodyHeight))
  }
  return { y, depthEnd, bodyHeight, layout: layout as DescriptionLayout }
}

/** Labelled depth ticks about every 40 px, and four minor ticks between each pair. */
export function depthTicks(
  y: DepthScale,
  maxDepth: number,
  bodyHeight: number,
  depthEnd: number,
): { ticks: Tick[]; minorTicks: number[] } {
  const step = tickStep(maxDepth, bodyHeight)
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
