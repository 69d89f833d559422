// The strata: each layer's band with its legend pattern (chosen by lithology), and its
// base depth and level beside the legend, moved down when crowded and tied to the base
// line by a leader so that no two depths overlap.
import { BOUNDARY_FONT_SIZE, fixed, type DepthScale } from './dimensions'
import { layoutLabels } from './label-layout'
import { lithologyName, type Lithology } from './lithology'
import type { BoundaryLabel, DepthUnits, Layer } from './model-types'
import type { ValidLayer } from './prepare'

export function patternKeyOf(l: Lithology): string {
  return l.minors.length === 0 ? l.principal : `${l.principal}~${l.minors.join('-')}`
}

export function buildLayers(
  valid: readonly ValidLayer[],
  lithologies: readonly Lithology[],
  y: DepthScale,
  units: DepthUnits,
): Layer[] {
  return valid.map((v, i) => {
    const lithology = lithologies[i] as Lithology
    const name = lithologyName(lithology)
    const codeText = v.row.legend_code ? `legend ${v.row.legend_code}` : 'no legend code'
    return {
      index: v.index,
      topY: y(v.top),
      baseY: y(v.base),
      lithology,
      patternKey: patternKeyOf(lithology),
      name,
      tooltip: `${fixed(v.top)}–${fixed(v.base)} ${units} (${fixed(v.base - v.top)} ${units} thick): ${name}, ${codeText}${v.row.geology_code ? `, geology ${v.row.geology_code}` : ''}`,
    }
  })
}

/** Base depth (and level) of every stratum, just above its base line. */
export function buildBoundaries({
  valid,
  y,
  bodyTop,
  bodyBottom,
  levelDatum,
  units,
  legendX,
  leftEdge,
}: {
  valid: readonly ValidLayer[]
  y: DepthScale
  bodyTop: number
  bodyBottom: number
  /** Ground level in display units; null without one. */
  levelDatum: number | null
  units: DepthUnits
  legendX: number
  leftEdge: number
}): BoundaryLabel[] {
  const rowHeight = BOUNDARY_FONT_SIZE + 3
  const boundaryTops = layoutLabels(
    valid.map((v) => ({ anchor: y(v.base) - rowHeight, height: rowHeight })),
    bodyTop,
    bodyBottom + rowHeight,
  )
  return valid.map((v, i) => {
    const yb = y(v.base)
    const rowBottom = (boundaryTops[i] as number) + rowHeight
    const level = levelDatum === null ? null : levelDatum - v.base
    return {
      y: yb,
      rowBottom,
      depthText: fixed(v.base),
      levelText: level === null ? null : fixed(level),
      leader: [
        [legendX, yb],
        [legendX - 3, yb],
        [legendX - 9, rowBottom],
        [leftEdge, rowBottom],
      ],
      tooltip: `Base of stratum at ${fixed(v.base)} ${units}${level === null ? '' : ` (${fixed(level)} ${units === 'ft' ? 'ft' : 'm'} OD)`}; thickness ${fixed(v.base - v.top)} ${units}`,
    }
  })
}
