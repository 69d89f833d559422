// The strip log as data: every position, label and pattern of the drawing, computed
// from the rows and header alone (a pure function, so it is memoised per rows object
// and the same drawing is rendered on screen, printed and exported). Layout follows a
// BS 5930 borehole log sheet: hole header; columns for depth scale, samples, water,
// level, stratum base depth, legend, description, SPT N profile and core recovery;
// remarks and key at the foot. Labels that do not fit beside their stratum are moved
// (never overlapped) and tied to it by a leader line; when even one line per stratum
// cannot fit, the text gets smaller, then the log gets taller.
import { scaleLinear, type ScaleLinear } from 'd3-scale'

import { layoutLabels, type LabelRequest } from './label-layout'
import { classifyStratum, lithologyName, type Lithology } from './lithology'
import {
  parseCoreRuns,
  parseDetails,
  parseSamples,
  parseSptTests,
  type CoreRun,
  type Sample,
  type SptTest,
  type StripLogRow,
} from './parse'
import { elideLines, fitLine, textWidth, wrapText } from './text'

export type DepthUnits = 'm' | 'ft'

export interface StripLogOptions {
  /** Width of the drawing in px (default 820; at least 560). */
  width?: number
  /** Preferred height in px; the log grows taller when its labels need it. */
  height?: number
  units?: DepthUnits
}

export type Point = readonly [number, number]

export interface HeaderCell {
  label: string
  value: string
  /** The value before eliding, for the tooltip. */
  fullValue: string
  x: number
  y: number
  width: number
  height: number
}

export interface Column {
  key: 'depth' | 'samples' | 'water' | 'level' | 'base' | 'legend' | 'description' | 'spt' | 'core'
  label: string
  unit: string
  x: number
  width: number
}

export interface Layer {
  index: number
  topY: number
  baseY: number
  lithology: Lithology
  patternKey: string
  name: string
  tooltip: string
}

export interface DescriptionLabel {
  layerIndex: number
  top: number
  lines: string[]
  isElided: boolean
  /** Boundary -> label top, drawn when the label had to move away from its stratum. */
  leader: Point[] | null
  /** "" when the label says it all. */
  tooltip: string
  /** The closing "End of borehole" line rather than a stratum. */
  isEnd: boolean
}

export interface BoundaryLabel {
  y: number
  rowBottom: number
  depthText: string
  levelText: string | null
  leader: Point[]
  tooltip: string
}

export interface SampleMark {
  y: number
  labelY: number
  type: string
  label: string
  depthText: string
  leader: Point[] | null
  tooltip: string
}

export interface SptPoint {
  x: number
  y: number
  n: number
  isPartial: boolean
  isClipped: boolean
  /** Drawn only where it does not collide with the label above. */
  showLabel: boolean
  tooltip: string
}

export interface CoreBar {
  topY: number
  baseY: number
  values: (number | null)[]
  tooltip: string
}

export interface WaterMark {
  y: number
  depthText: string
  tooltip: string
}

export interface Tick {
  y: number
  label: string | null
}

export interface KeyItem {
  kind: 'pattern' | 'sample' | 'water' | 'spt' | 'spt-partial'
  /** Pattern key, or sample type. */
  code: string
  label: string
  x: number
  y: number
}

export interface StripLogModel {
  width: number
  height: number
  holeId: string
  /** Accessible name of the whole drawing. */
  ariaLabel: string
  summary: string
  units: DepthUnits
  headerTitleY: number
  headerBottom: number
  headerCells: HeaderCell[]
  holeIdBox: { x: number; y: number; width: number; height: number }
  columns: Column[]
  columnHeaderTop: number
  bodyTop: number
  bodyBottom: number
  /** Depth of bodyBottom, in display units. */
  depthEnd: number
  endY: number | null
  ticks: Tick[]
  minorTicks: number[]
  layers: Layer[]
  descriptionFontSize: number
  descriptionLineHeight: number
  descriptions: DescriptionLabel[]
  boundaryFontSize: number
  boundaries: BoundaryLabel[]
  samples: SampleMark[]
  spt: {
    x: number
    width: number
    ticks: { x: number; label: string }[]
    points: SptPoint[]
    /** The profile line joining the points in depth order. */
    path: Point[]
  }
  core: { x: number; subWidth: number; bars: CoreBar[] } | null
  water: WaterMark[]
  /** "No intervals" when the table is empty. */
  emptyMessage: string | null
  footerTop: number
  remarks: { lines: string[]; tooltip: string } | null
  notes: string[]
  keyItems: KeyItem[]
  patternKeys: string[]
}

const FT_PER_M = 3.280839895
const MARGIN = 10
const TITLE_HEIGHT = 30
const HEADER_ROW_HEIGHT = 27
const COLUMN_HEADER_HEIGHT = 30
const DESCRIPTION_FONT_SIZES = [10, 9] as const
const BOUNDARY_FONT_SIZE = 8.5
const SAMPLE_FONT_SIZE = 8
const LEADER_WIDTH = 12
/** A description starts this far below its stratum's top line. */
const DESCRIPTION_OFFSET = 1.5
const MIN_WIDTH = 560
const HOLE_ID_BOX_WIDTH = 150
const HOLE_ID_BOX = { y: MARGIN, width: HOLE_ID_BOX_WIDTH, height: TITLE_HEIGHT }

export const DEFAULT_WIDTH = 820

export function patternKeyOf(l: Lithology): string {
  return l.minors.length === 0 ? l.principal : `${l.principal}~${l.minors.join('-')}`
}

function parseHeaderNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null
  const n = Number(text.trim())
  return Number.isFinite(n) ? n : null
}

function fixed(n: number, digits = 2): string {
  return (Object.is(n, -0) ? 0 : n).toFixed(digits)
}

interface ValidLayer {
  index: number
  row: StripLogRow
  top: number
  base: number
}

interface Prepared {
  valid: ValidLayer[]
  skipped: number
  samples: (Sample & { layer: number })[]
  spt: (SptTest & { layer: number })[]
  core: CoreRun[]
  water: { depth: number; layer: number }[]
  maxDepth: number
}

function prepare(
  rows: readonly StripLogRow[],
  factor: number,
  finalDepth: number | null,
): Prepared {
  const valid: ValidLayer[] = []
  let skipped = 0
  rows.forEach((row, index) => {
    const top = row.depth_top_m
    const base = row.depth_base_m
    if (
      top === null ||
      base === null ||
      !Number.isFinite(top) ||
      !Number.isFinite(base) ||
      base <= top ||
      top < 0
    ) {
      skipped++
      return
    }
    valid.push({ index, row, top: top * factor, base: base * factor })
  })
  // A draft may list intervals in any order; a log reads top to bottom.
  valid.sort((a, b) => a.top - b.top || a.base - b.base || a.index - b.index)
  const samples: Prepared['samples'] = []
  const spt: Prepared['spt'] = []
  const core: CoreRun[] = []
  const water: Prepared['water'] = []
  let maxDepth = finalDepth ?? 0
  // A stratum split in a draft keeps its text columns in both halves: the same test or
  // sample listed twice is one test or sample.
  const seen = new Set<string>()
  const isFirst = (key: string) => !seen.has(key) && seen.add(key) !== undefined
  valid.forEach((v, layer) => {
    maxDepth = Math.max(maxDepth, v.base)
    for (const s of parseSamples(v.row.sample_refs, v.row.depth_top_m)) {
      if (isFirst(`sample|${s.depthM}|${s.label}`)) {
        samples.push({ ...s, depthM: s.depthM * factor, layer })
      }
    }
    for (const t of parseSptTests(v.row)) {
      if (isFirst(`spt|${t.depthM}|${t.reported}`)) {
        spt.push({ ...t, depthM: t.depthM * factor, layer })
      }
    }
    for (const c of parseCoreRuns(v.row.core_runs)) {
      if (isFirst(`core|${c.topM}|${c.baseM}`)) {
        core.push({ ...c, topM: c.topM * factor, baseM: c.baseM * factor })
      }
    }
    const w = v.row.water_strike_m
    if (w !== null && w !== undefined && Number.isFinite(w) && w >= 0 && isFirst(`water|${w}`)) {
      water.push({ depth: w * factor, layer })
    }
  })
  for (const d of [
    ...samples.map((s) => s.depthM),
    ...spt.map((s) => s.depthM),
    ...core.map((c) => c.baseM),
    ...water.map((w) => w.depth),
  ]) {
    maxDepth = Math.max(maxDepth, d)
  }
  samples.sort((a, b) => a.depthM - b.depthM)
  spt.sort((a, b) => a.depthM - b.depthM)
  water.sort((a, b) => a.depth - b.depth)
  return { valid, skipped, samples, spt, core, water, maxDepth }
}

function tickStep(depth: number, bodyHeight: number): number {
  // About one labelled tick per 40 px, on a 1-2-5 ladder.
  const wanted = (depth * 40) / Math.max(bodyHeight, 1)
  for (const step of [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500])
    if (step >= wanted) return step
  return 1000
}

interface DescriptionText {
  text: string
  tooltip: string
}

function descriptionOf(v: ValidLayer, units: DepthUnits, lithologyLabel: string): DescriptionText {
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

interface DescriptionLayout {
  fontSize: number
  lineHeight: number
  tops: number[]
  lines: string[][]
  elided: boolean[]
  bottom: number
}

function layoutDescriptions(
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

function dogleg(
  fromX: number,
  fromY: number,
  toX: number,
  toY: number,
  direction: 1 | -1,
): Point[] {
  const bend = direction * 3
  return [
    [fromX, fromY],
    [fromX + bend, fromY],
    [toX - bend, toY],
    [toX, toY],
  ]
}

function headerCells(
  header: Readonly<Record<string, string>>,
  x0: number,
  y0: number,
  width: number,
  units: DepthUnits,
  factor: number,
): HeaderCell[] {
  const h = (k: string) => (header[k] ?? '').trim()
  const join = (parts: string[], sep: string) => parts.filter((p) => p !== '').join(sep)
  const depthValue = (k: string, suffix: string) => {
    const n = parseHeaderNumber(header[k])
    return n === null ? h(k) : `${fixed(n * factor)} ${suffix}`
  }
  const coordinates = join(
    [
      h('easting') !== '' ? `E ${h('easting')}` : '',
      h('northing') !== '' ? `N ${h('northing')}` : '',
      h('crs') !== '' ? `(${h('crs')})` : '',
    ],
    ' ',
  )
  const latLong = join([h('latitude'), h('longitude')], ', ')
  const method =
    h('method_description') !== '' && h('method') !== ''
      ? `${h('method_description')} (${h('method')})`
      : h('method_description') || h('method')
  const dates =
    h('start_date') !== '' && h('end_date') !== '' && h('start_date') !== h('end_date')
      ? `${h('start_date')} – ${h('end_date')}`
      : h('start_date') || h('end_date')
  const rows: [string, string, number][][] = [
    [
      ['Project', join([h('project') || h('project_id'), h('project_location')], ', '), 0.34],
      ['Project ID', h('project') !== '' ? h('project_id') : '', 0.18],
      ['Client', h('client'), 0.26],
      ['Ground level', depthValue('ground_level_m', units === 'ft' ? 'ft OD' : 'm OD'), 0.22],
    ],
    [
      ['Method', method, 0.3],
      ['Dates', dates, 0.22],
      ['Coordinates', coordinates || latLong, 0.26],
      ['Final depth', depthValue('final_depth_m', units), 0.11],
      ['Logged by', h('logged_by'), 0.11],
    ],
  ]
  const cells: HeaderCell[] = []
  rows.forEach((row, r) => {
    let x = x0
    row.forEach(([label, value, share], c) => {
      const w = c === row.length - 1 ? x0 + width - x : Math.round(width * share)
      const shown = value === '' ? '—' : fitLine(value, w - 8, 10.5)
      cells.push({
        label,
        value: shown,
        fullValue: value,
        x,
        y: y0 + r * HEADER_ROW_HEIGHT,
        width: w,
        height: HEADER_ROW_HEIGHT,
      })
      x += w
    })
  })
  return cells
}

type DepthScale = ScaleLinear<number, number>

/** Columns left to right; the description takes the width the others leave. */
function layoutColumns(
  units: DepthUnits,
  inner: number,
  hasLevel: boolean,
  hasCore: boolean,
): Column[] {
  const fixedColumns: Omit<Column, 'x'>[] = [
    { key: 'depth', label: 'Depth', unit: units, width: 40 },
    { key: 'samples', label: 'Samples', unit: 'type ref · depth', width: 76 },
    { key: 'water', label: 'Water', unit: units, width: 38 },
    ...(hasLevel
      ? [
          {
            key: 'level' as const,
            label: 'Level',
            unit: units === 'ft' ? 'ft OD' : 'm OD',
            width: 44,
          },
        ]
      : []),
    { key: 'base', label: 'Base', unit: units, width: 44 },
    { key: 'legend', label: 'Legend', unit: '', width: 46 },
    { key: 'description', label: 'Description of strata', unit: '', width: 0 },
    { key: 'spt', label: 'SPT N', unit: '', width: 104 },
    ...(hasCore ? [{ key: 'core' as const, label: 'Core', unit: 'TCR SCR RQD %', width: 78 }] : []),
  ]
  const used = fixedColumns.reduce((s, c) => s + c.width, 0)
  const columns: Column[] = []
  let cx = MARGIN
  for (const c of fixedColumns) {
    const w = c.key === 'description' ? inner - used : c.width
    columns.push({ ...c, x: cx, width: w })
    cx += w
  }
  return columns
}

interface VerticalFit {
  y: DepthScale
  depthEnd: number
  bodyHeight: number
  layout: DescriptionLayout
}

/** Vertical scale: the preferred height, grown until one line per stratum fits. */
function fitVerticalScale({
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

function buildLayers(
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

/** One label per stratum, then the closing line; a label moved off its stratum gets a leader. */
function buildDescriptions({
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

/** Base depth (and level) of every stratum, just above its base line. */
function buildBoundaries({
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

/** Samples: marker at the true depth, label moved when crowded. */
function buildSamples(
  samples: Prepared['samples'],
  y: DepthScale,
  bodyTop: number,
  bodyBottom: number,
  samplesX: number,
  units: DepthUnits,
): SampleMark[] {
  const sampleRow = SAMPLE_FONT_SIZE + 2.5
  const sampleTops = layoutLabels(
    samples.map((s) => ({ anchor: y(s.depthM) - sampleRow / 2, height: sampleRow })),
    bodyTop,
    bodyBottom + sampleRow,
  )
  return samples.map((s, i) => {
    const yy = y(s.depthM)
    const labelY = (sampleTops[i] as number) + sampleRow / 2
    const moved = Math.abs(labelY - yy) > 0.75
    return {
      y: yy,
      labelY,
      type: s.type,
      label: fitLine(s.label, 34, SAMPLE_FONT_SIZE),
      depthText: fixed(s.depthM),
      leader: moved ? dogleg(samplesX + 13, yy, samplesX + 19, labelY, 1) : null,
      tooltip: `Sample ${s.label} at ${fixed(s.depthM)} ${units}${s.isDepthAssumed ? ' (no depth given: drawn at the top of its interval)' : ''}`,
    }
  })
}

/** The SPT N profile on a 0-50 scale, or 0-100 when a test is above 50. */
function buildSpt(
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

function buildCore(
  runs: readonly CoreRun[],
  y: DepthScale,
  coreCol: Column,
  units: DepthUnits,
): NonNullable<StripLogModel['core']> {
  return {
    x: coreCol.x,
    subWidth: (coreCol.width - 6) / 3,
    bars: runs.map((c) => ({
      topY: y(c.topM),
      baseY: y(c.baseM),
      values: [c.tcr, c.scr, c.rqd],
      tooltip: `Core run ${fixed(c.topM)}–${fixed(c.baseM)} ${units}: TCR ${c.tcr ?? '—'}%, SCR ${c.scr ?? '—'}%, RQD ${c.rqd ?? '—'}%`,
    })),
  }
}

/** Labelled depth ticks about every 40 px, and four minor ticks between each pair. */
function depthTicks(
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

const SAMPLE_NAMES: Record<string, string> = {
  B: 'bulk',
  LB: 'large bulk',
  D: 'small disturbed',
  U: 'undisturbed',
  UT: 'undisturbed (thin wall)',
  P: 'piston',
  ES: 'environmental',
  EW: 'environmental water',
  W: 'water',
  C: 'core',
}

interface Footer {
  remarks: StripLogModel['remarks']
  notes: string[]
  keyItems: KeyItem[]
  patternKeys: string[]
  /** The height of the whole drawing, which ends with the footer. */
  height: number
}

/** Foot: remarks, notes, and a key of every pattern and mark the log uses. */
function buildFooter({
  header,
  inner,
  footerTop,
  units,
  hasLevel,
  skipped,
  layers,
  sampleTypes,
  hasWater,
  points,
  nEnd,
}: {
  header: Readonly<Record<string, string>>
  inner: number
  footerTop: number
  units: DepthUnits
  hasLevel: boolean
  skipped: number
  layers: readonly Layer[]
  sampleTypes: readonly string[]
  hasWater: boolean
  points: readonly SptPoint[]
  nEnd: number
}): Footer {
  let footerY = footerTop
  const remarksText = [
    header.hole_remarks ?? '',
    header.termination ? `Termination: ${header.termination}` : '',
  ]
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join(' ')
  let remarks: StripLogModel['remarks'] = null
  if (remarksText !== '') {
    const lines = elideLines(wrapText(remarksText, inner - 70, 9), 3, inner - 70, 9)
    remarks = { lines, tooltip: remarksText }
    footerY += lines.length * 11 + 8
  }
  const notes: string[] = []
  notes.push(
    `Depths in ${units === 'ft' ? 'feet' : 'metres'} below ground level${hasLevel ? `; levels in ${units === 'ft' ? 'ft' : 'm'} OD` : ''}.`,
  )
  if (skipped > 0) {
    notes.push(
      `${skipped} interval${skipped === 1 ? '' : 's'} without a valid top and base depth ${skipped === 1 ? 'is' : 'are'} not drawn.`,
    )
  }
  if (points.some((p) => p.isClipped)) notes.push(`SPT N above ${nEnd} drawn at ${nEnd} (arrow).`)
  footerY += 2

  const keyItems: KeyItem[] = []
  let kx = MARGIN
  let ky = footerY + notes.length * 11 + 10
  const addKey = (item: Omit<KeyItem, 'x' | 'y'>, itemWidth: number) => {
    if (kx + itemWidth > MARGIN + inner) {
      kx = MARGIN
      ky += 18
    }
    keyItems.push({ ...item, x: kx, y: ky })
    kx += itemWidth
  }
  const patternKeys: string[] = []
  layers.forEach((l) => {
    if (!patternKeys.includes(l.patternKey)) {
      patternKeys.push(l.patternKey)
      addKey(
        { kind: 'pattern', code: l.patternKey, label: l.name },
        26 + textWidth(l.name, 8.5) + 14,
      )
    }
  })
  for (const t of sampleTypes) {
    const label = `${t || '?'} ${SAMPLE_NAMES[t] ?? 'sample'}`
    addKey({ kind: 'sample', code: t, label }, 16 + textWidth(label, 8.5) + 14)
  }
  if (hasWater) addKey({ kind: 'water', code: '', label: 'Water strike' }, 16 + 60)
  if (points.length > 0) addKey({ kind: 'spt', code: '', label: 'SPT N' }, 16 + 40)
  if (points.some((p) => p.isPartial)) {
    addKey({ kind: 'spt-partial', code: '', label: 'SPT, partial penetration' }, 16 + 120)
  }
  const height = Math.ceil(ky + (keyItems.length > 0 ? 14 : 0) + MARGIN)
  return { remarks, notes, keyItems, patternKeys, height }
}

function countOf(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`
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
  const prepared = prepare(rows, factor, finalDepthM === null ? null : finalDepthM * factor)
  const { valid } = prepared
  const lithologies = valid.map((v) => classifyStratum(v.row.legend_code, v.row.description))

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

  const {
    y,
    depthEnd,
    bodyHeight,
    layout: d,
  } = fitVerticalScale({
    valid,
    maxDepth,
    endDepth,
    labelTexts,
    textWidthPx: description.width - LEADER_WIDTH - 8,
    bodyTop,
    units,
    preferredHeight: options.height,
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
  const { ticks, minorTicks } = depthTicks(y, maxDepth, bodyHeight, depthEnd)

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

function columnOf(columns: readonly Column[], key: Column['key']): Column {
  return columns.find((c) => c.key === key) as Column
}

export const LAYOUT = { MARGIN, LEADER_WIDTH, SAMPLE_FONT_SIZE } as const
