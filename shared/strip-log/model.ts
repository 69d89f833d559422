// The strip log as data: every position, label and pattern of the drawing, computed
// from the rows and header alone (a pure function, so it is memoised per rows object
// and the same drawing is rendered on screen, printed and exported). Layout follows a
// BS 5930 borehole log sheet: hole header; columns for depth scale, samples, water,
// level, stratum base depth, legend, description, SPT N profile and core recovery;
// remarks and key at the foot. Labels that do not fit beside their stratum are moved
// (never overlapped) and tied to it by a leader line; when even one line per stratum
// cannot fit, the text gets smaller, then the log gets taller.
//
// This module assembles the drawing; each part is laid out in its own module: prepare
// (rows), header-cells, columns, depth-scale, strata, descriptions, samples, spt,
// core-runs and footer, on the grid of dimensions.
import { columnOf, layoutColumns } from './columns'
import { buildCore } from './core-runs'
import { depthTicks, fitVerticalScale, pxPerDepthUnit } from './depth-scale'
import { buildDescriptions, descriptionOf } from './descriptions'
import {
  BOUNDARY_FONT_SIZE,
  COLUMN_HEADER_HEIGHT,
  DEFAULT_SCALE,
  DEFAULT_WIDTH,
  fixed,
  FT_PER_M,
  HEADER_ROW_HEIGHT,
  HOLE_ID_BOX,
  HOLE_ID_BOX_WIDTH,
  LEADER_WIDTH,
  MARGIN,
  MIN_WIDTH,
  SAMPLE_FONT_SIZE,
  TITLE_HEIGHT,
} from './dimensions'
import { buildFooter } from './footer'
import { headerCells, parseHeaderNumber } from './header-cells'
import { classifyStratum, lithologyName, type Lithology } from './lithology'
import type { Column, DepthUnits, StripLogModel, StripLogOptions, WaterMark } from './model-types'
import { sptRecordsFromHeader, type StripLogRow } from './parse'
import { prepare, type ValidLayer } from './prepare'
import { buildSamples } from './samples'
import { buildSpt } from './spt'
import { buildBoundaries, buildLayers } from './strata'

function countOf(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`
}

/**
 * One lithology, so one pattern, per legend code in a hole: a code's first stratum sets
 * it, since the description (which adds detail to a code we only know the family of)
 * would otherwise give one code two patterns, and the key two entries.
 */
function lithologiesOf(valid: readonly ValidLayer[]): Lithology[] {
  const byCode = new Map<string, Lithology>()
  return valid.map((v) => {
    const code = (v.row.legend_code ?? '').trim()
    const known = code === '' ? undefined : byCode.get(code)
    if (known) return known
    const lithology = classifyStratum(v.row.legend_code, v.row.description)
    if (code !== '') byCode.set(code, lithology)
    return lithology
  })
}

export function buildStripLogModel(
  rows: readonly StripLogRow[],
  header: Readonly<Record<string, string>>,
  options: StripLogOptions = {},
): StripLogModel {
  const units: DepthUnits = options.units ?? 'm'
  const factor = units === 'ft' ? FT_PER_M : 1
  const width = Math.max(MIN_WIDTH, Math.round(options.width ?? DEFAULT_WIDTH))
  const holeId =
    (header.hole_id ?? '').trim() || (rows.find((r) => r.hole_id)?.hole_id ?? '').trim()
  const finalDepthM = parseHeaderNumber(header.final_depth_m)
  const groundLevel = parseHeaderNumber(header.ground_level_m)
  const prepared = prepare(
    rows,
    factor,
    finalDepthM === null ? null : finalDepthM * factor,
    sptRecordsFromHeader(header),
  )
  const { valid } = prepared
  const lithologies = lithologiesOf(valid)

  const inner = width - 2 * MARGIN
  const headerTop = MARGIN
  const headerBottom = headerTop + TITLE_HEIGHT + 2 * HEADER_ROW_HEIGHT

  const hasCore = prepared.core.length > 0
  const hasLevel = groundLevel !== null
  const columns = layoutColumns(units, inner, hasLevel, hasCore)
  const col = (key: Column['key']) => columnOf(columns, key)
  const description = col('description')

  const columnHeaderTop = headerBottom + 8
  const bodyTop = columnHeaderTop + COLUMN_HEADER_HEIGHT
  const maxDepth = prepared.maxDepth > 0 ? prepared.maxDepth : units === 'ft' ? 10 : 3

  const descriptionTexts = valid.map((v, i) =>
    descriptionOf(v, units, lithologyName(lithologies[i] as Lithology)),
  )
  const endDepth = valid.length > 0 || finalDepthM !== null ? maxDepth : null
  const labelTexts = descriptionTexts.map((d) => d.text)
  if (endDepth !== null) labelTexts.push(`End of borehole at ${fixed(endDepth)} ${units}`)

  const scale = options.scale ?? DEFAULT_SCALE
  const {
    y,
    depthEnd,
    bodyHeight,
    tickStep,
    layout: d,
  } = fitVerticalScale({
    valid,
    maxDepth,
    endDepth,
    labelTexts,
    textWidthPx: description.width - LEADER_WIDTH - 8,
    bodyTop,
    pxPerUnit: pxPerDepthUnit(scale, units),
  })
  const bodyBottom = bodyTop + bodyHeight
  const endY = endDepth === null ? null : y(endDepth)

  const layers = buildLayers(valid, lithologies, y, units)
  const descriptions = buildDescriptions({
    labelTexts,
    descriptionTexts,
    layers,
    layout: d,
    endY,
    descriptionX: description.x,
  })
  const boundaries = buildBoundaries({
    valid,
    y,
    bodyTop,
    bodyBottom,
    levelDatum: groundLevel === null ? null : groundLevel * factor,
    units,
    legendX: col('legend').x,
    leftEdge: hasLevel ? col('level').x : col('base').x,
  })
  const samples = buildSamples(prepared.samples, y, bodyTop, bodyBottom, col('samples').x, units)
  const { spt, nEnd } = buildSpt(prepared.spt, y, col('spt'), units)
  const core = hasCore ? buildCore(prepared.core, y, col('core'), units) : null
  const water: WaterMark[] = prepared.water.map((w) => ({
    y: y(w.depth),
    depthText: fixed(w.depth),
    tooltip: `Water strike at ${fixed(w.depth)} ${units}`,
  }))
  const { ticks, minorTicks } = depthTicks(y, tickStep, depthEnd)

  const footerTop = Math.max(bodyBottom, d.bottom) + 10
  const footer = buildFooter({
    header,
    inner,
    footerTop,
    units,
    hasLevel,
    skipped: prepared.skipped,
    layers,
    sampleTypes: [...new Set(prepared.samples.map((s) => s.type))],
    hasWater: water.length > 0,
    points: spt.points,
    nEnd,
  })

  const rangeText = valid.length > 0 ? ` from 0 to ${fixed(endDepth ?? maxDepth)} ${units}` : ''
  const summary = [
    `${countOf(valid.length, 'stratum', 'strata')}${rangeText}`,
    countOf(prepared.samples.length, 'sample'),
    countOf(spt.points.length, 'SPT test'),
    countOf(water.length, 'water strike'),
    ...(hasCore ? [countOf(prepared.core.length, 'core run')] : []),
  ].join(', ')

  return {
    width,
    height: footer.height,
    scale,
    holeId,
    ariaLabel: `Strip log of borehole ${holeId || '(no hole id)'}`,
    summary,
    units,
    headerTitleY: headerTop,
    headerBottom,
    headerCells: headerCells(header, MARGIN, headerTop + TITLE_HEIGHT, inner, units, factor),
    holeIdBox: { x: MARGIN + inner - HOLE_ID_BOX_WIDTH, ...HOLE_ID_BOX },
    columns,
    columnHeaderTop,
    bodyTop,
    bodyBottom,
    depthEnd,
    endY,
    ticks,
    minorTicks,
    layers,
    descriptionFontSize: d.fontSize,
    descriptionLineHeight: d.lineHeight,
    descriptions,
    boundaryFontSize: BOUNDARY_FONT_SIZE,
    boundaries,
    samples,
    spt,
    core,
    water,
    emptyMessage: valid.length === 0 ? 'No intervals' : null,
    footerTop,
    remarks: footer.remarks,
    notes: footer.notes,
    keyItems: footer.keyItems,
    patternKeys: footer.patternKeys,
  }
}

export const LAYOUT = { MARGIN, LEADER_WIDTH, SAMPLE_FONT_SIZE } as const
