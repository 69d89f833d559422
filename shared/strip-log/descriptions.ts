// The description column: one label per stratum (its description, details and
// remarks, always in full), beside the stratum when there is room, else moved and tied
// to it by a leader line; labels never overlap and are never cut short: where they need
// more room than their strata, the log grows longer (and continues on further sheets).
import { DESCRIPTION_OFFSET, dogleg, fixed, FT_PER_M, LEADER_WIDTH } from './dimensions'
import { layoutLabels, type LabelRequest } from './label-layout'
import type { DepthUnits, DescriptionLabel, Layer } from './model-types'
import { parseDetails, type Detail } from './parse'
import type { ValidLayer } from './prepare'

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
  const factor = units === 'ft' ? FT_PER_M : 1
  const detailText = details
    .map((d) => (d.topM === null ? d.text : `${detailRange(d, factor)}: ${withoutDepth(d)}`))
    .join(' · ')
  const remarks = (v.row.remarks ?? '').replace(/\s+/g, ' ').trim()
  const text = [
    description === '' ? `(${lithologyLabel}, no description)` : description,
    detailText,
    remarks === '' ? '' : `Remarks: ${remarks}`,
  ]
    .filter((s) => s !== '')
    .join(' — ')
  const range = `${fixed(v.top)}–${fixed(v.base)} ${units}`
  const tooltip = [`${range}: ${description === '' ? '(no description)' : description}`]
  if (detailText !== '') tooltip.push(`Details: ${detailText}`)
  if (v.row.remarks) tooltip.push(`Remarks: ${v.row.remarks}`)
  return { text, tooltip: tooltip.join('\n') }
}

function detailRange(d: Detail, factor: number): string {
  const top = fixed((d.topM as number) * factor)
  return d.baseM === null || d.baseM === d.topM ? top : `${top}–${fixed(d.baseM * factor)}`
}

const DEPTH_TEXT = String.raw`\d+(?:\.\d+)?\s*m?`

/**
 * A detail whose text starts with its own depths ("13.14 - 13.33m ...") says them once:
 * the label already gives them.
 */
function withoutDepth(d: Detail): string {
  const lead = new RegExp(
    String.raw`^\s*(${DEPTH_TEXT})(?:\s*(?:-|–|to)\s*(${DEPTH_TEXT}))?\s*[:,;.-]?\s*`,
    'i',
  ).exec(d.text)
  if (!lead || Number.parseFloat(lead[1] as string) !== d.topM) return d.text
  const rest = d.text.slice(lead[0].length)
  return rest === '' ? d.text : rest
}

export interface DescriptionLayout {
  fontSize: number
  lineHeight: number
  tops: number[]
  lines: string[][]
  bottom: number
}

export function layoutDescriptions(
  wrapped: readonly string[][],
  anchors: readonly { top: number; base: number }[],
  bodyTop: number,
  bodyBottom: number,
  fontSize: number,
): DescriptionLayout {
  const lineHeight = Math.round(fontSize * 1.22 * 10) / 10
  const requests: LabelRequest[] = anchors.map((a, i) => ({
    anchor: a.top + DESCRIPTION_OFFSET,
    height: (wrapped[i] as string[]).length * lineHeight + 2,
  }))
  // Past bodyBottom when they do not fit: the caller then makes the log longer.
  const tops = layoutLabels(requests, bodyTop + 1, bodyBottom)
  let bottom = bodyTop
  tops.forEach((t, i) => {
    bottom = Math.max(bottom, t + (requests[i] as LabelRequest).height)
  })
  return { fontSize, lineHeight, tops, lines: wrapped.map((w) => [...w]), bottom }
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
      leader: moved ? dogleg(descriptionX, anchorY, descriptionX + LEADER_WIDTH, top, 1) : null,
      tooltip: isEnd ? '' : (descriptionTexts[i] as DescriptionText).tooltip,
      isEnd,
    }
  })
}
