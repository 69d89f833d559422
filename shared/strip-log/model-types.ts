// The shapes of the strip log model: what buildStripLogModel hands to the views (screen,
// print and SVG export). Every position is already in px of the drawing and every depth
// in display units, so the views draw and never lay out.
import type { Lithology } from './lithology'
import type { SptKind } from './spt-notation'

export type DepthUnits = 'm' | 'ft'

export interface StripLogOptions {
  /** Width of the drawing in px (default 820; at least 560). */
  width?: number
  units?: DepthUnits
  /** Vertical scale 1:scale on paper (default 50; 25 and 100 are offered). */
  scale?: number
}

export type Point = readonly [number, number]

export interface HeaderCell {
  label: string
  /** The value, wrapped to the cell at fontSize. */
  lines: string[]
  fontSize: number
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
  labelFontSize: number
  depthText: string
  leader: Point[] | null
  tooltip: string
}

export interface SptPoint {
  x: number
  y: number
  /** N of a full test; null for a refusal or partial test, which has none. */
  n: number | null
  kind: SptKind
  /** What is written beside the point: "12", or the notation "50/75 mm". */
  label: string
  /** Beyond the end of the N scale: drawn at its edge with an arrow. */
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
  kind: 'pattern' | 'sample' | 'water' | 'spt' | 'spt-refusal' | 'spt-partial'
  /** Pattern key, or sample type. */
  code: string
  label: string
  x: number
  y: number
}

export interface StripLogModel {
  width: number
  height: number
  /** Vertical scale 1:scale when printed at 96 px to the inch (A4 sheets, CLI). */
  scale: number
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
