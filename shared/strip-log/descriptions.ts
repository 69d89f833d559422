// The description column: one label per stratum (its description, then its details),
// beside the stratum when there is room, else moved and tied to it by a leader line;
// labels never overlap, and lines that do not fit are elided with the full text kept in
// the tooltip.
import { DESCRIPTION_OFFSET, dogleg, fixed, FT_PER_M, LEADER_WIDTH } from './dimensions'
import { layoutLabels, type LabelRequest } from './label-layout'
import type { DepthUnits, DescriptionLabel, Layer } from './model-types'
import { parseDetails } from './parse'
import type { ValidLayer } from './prepare'
import { elideLines } from './text'

export interface DescriptionText {
  text: string
  tooltip: string
}

export function descriptionOf(
  v: ValidLayer,
  units: DepthUnits,
  lithologyLabel: string,
): DescriptionText {
  const description = (v.row.description ?? '').replace(/\s+/g, ' ').trim()
  const details = parseDetails(v.row.details)
  const detailText = details
    .map((d) =>
      d.topM === null ? d.text : `${fixed(d.topM * (units === 'ft' ? FT_PER_M : 1))}: ${d.text}`,
    )
    .join(' · ')
  const text = [
    description === '' ? `(${lithologyLabel}, no description)` : description,
    detailText,
  ]
    .filter((s) => s !== '')
    .join(' — ')
  const range = `${fixed(v.top)}–${fixed(v.base)} ${units}`
  const tooltip = [`${range}: ${description === '' ? '(no description)' : description}`]
  if (detailText !== '') tooltip.push(`Details: ${detailText}`)
  if (v.row.remarks) tooltip.push(`Remarks: ${v.row.remarks}`)
  return { text, tooltip: tooltip.join('\n') }
}

export interface DescriptionLayout {
  fontSize: number
  lineHeight: number
  tops: number[]
  lines: string[][]
  elided: boolean[]
  bottom: number
}

export function layoutDescriptions(
  wrapped: readonly string[][],
  anchors: readonly { top: number; base: number }[],
  textWidthPx: number,
  bodyTop: number,
  bodyBottom: number,
  fontSize: number,
): DescriptionLayout {
  const lineHeight = Math.round(fontSize * 1.22 * 10) / 10
  const allowed = wrapped.map((w, i) => {
    const a = anchors[i] as { top: number; base: number }
    const fits = Math.floor((a.base - a.top - 3) / lineHeight)
    return Math.max(1, Math.min(w.length, fits))
  })
  const requests: LabelRequest[] = anchors.map((a, i) => ({
    anchor: a.top + DESCRIPTION_OFFSET,
    height: (allowed[i] as number) * lineHeight + 2,
  }))
  const tops = layoutLabels(requests, bodyTop + 1, bodyBottom)
  // Grow each label into the free space below it, up to the next label.
  const lines = wrapped.map((w, i) => {
    const limit = i + 1 < tops.length ? (tops[i + 1] as number) : bodyBottom
    const used = (tops[i] as number) + (requests[i] as LabelRequest).height
    const extra = Math.max(0, Math.floor((limit - used) / lineHeight))
    return elideLines(w, Math.min(w.length, (allowed[i] as number) + extra), textWidthPx, fontSize)
  })
  const elided = lines.map((l, i) => l.length < (wrapped[i] as string[]).length)
  let bottom = bodyTop
  tops.forEach((t, i) => {
    bottom = Math.max(bottom, t + (requests[i] as LabelRequest).height)
  })
  return { fontSize, lineHeight, tops, lines, elided, bottom }
}

/** One label per stratum, then the closing line; a label moved off its stratum gets a leader. */
export function buildDescriptions({
  labelTexts,
  descriptionTexts,
  layers,
  layout: d,
  endY,
  descriptionX,
}: {
  labelTexts: readonly string[]
  descriptionTexts: readonly DescriptionText[]
  layers: readonly Layer[]
  layout: DescriptionLayout
  endY: number | null
  descriptionX: number
}): DescriptionLabel[] {
  return labelTexts.map((_, i) => {
    const isEnd = i >= layers.length
    const top = d.tops[i] as number
    const anchorY = isEnd ? (endY as number) : (layers[i] as Layer).topY
    const moved = Math.abs(top - (anchorY + DESCRIPTION_OFFSET)) > 0.75
    return {
      layerIndex: isEnd ? -1 : (layers[i] as Layer).index,
      top,
      lines: d.lines[i] as string[],
      isElided: d.elided[i] as boolean,
      leader: moved ? dogleg(descriptionX, anchorY, descriptionX + LEADER_WIDTH, top, 1) : null,
      tooltip: isEnd ? '' : (descriptionTexts[i] as DescriptionText).tooltip,
      isEnd,
    }
  })
}
