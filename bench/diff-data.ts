// Seeded borelog-shaped data for bench/diff.bench.ts: a 1M-row x 11-column base version
// and edited versions of it (1% of rows changed in several columns, 0.1% added,
// 0.1% removed). Rows are sorted by (hole_id, depth_top_m) as a store keeps a borelog.
import {
  Float64,
  Int32,
  Table,
  TimestampMillisecond,
  Utf8,
  makeData,
  makeVector,
  vectorFromArray,
  type Vector,
} from 'apache-arrow'

export const BENCH_KEY = ['hole_id', 'depth_top_m']
export const BENCH_DEPTH = {
  holeColumn: 'hole_id',
  topColumn: 'depth_top_m',
  baseColumn: 'depth_base_m',
}

/** Column arrays of one version; null is a missing value. */
export interface BenchColumns {
  hole_id: string[]
  depth_top_m: number[]
  depth_base_m: number[]
  description: string[]
  legend_code: string[]
  geology_code: (string | null)[]
  spt_n: (number | null)[]
  sample_refs: (string | null)[]
  water_strike_m: (number | null)[]
  remarks: (string | null)[]
  logged_at: number[]
}

type ColumnName = keyof BenchColumns

/** mulberry32: small, fast, seedable; the same seed gives the same data on every machine. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CONSISTENCY = ['Soft', 'Firm', 'Stiff', 'Very soft', 'Loose', 'Medium dense', 'Dense']
const COLOUR = ['brown', 'grey', 'dark brown', 'orange brown', 'light grey', 'black', 'red brown']
const MODIFIER = [
  'slightly sandy',
  'gravelly',
  'very sandy',
  'slightly gravelly sandy',
  'silty',
  'clayey',
]
const SOIL = ['CLAY', 'SILT', 'SAND', 'GRAVEL', 'PEAT']
const EXTRA = [
  'Sand is fine to coarse.',
  'Gravel is fine to medium subangular flint.',
  'With rare roots.',
  'Gravel is fine to coarse angular brick and clinker.',
  '',
]
const LEGEND = ['101', '102', '201', '203', '204', '401', '802']
const GEOLOGY = ['MG', 'ALV', 'GLT', 'HEAD', 'MMG']
const REMARKS = [
  'Hand dug inspection pit',
  'Water added to assist boring',
  'Slow progress',
  'Obstruction',
]

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T
}

function description(rand: () => number): string {
  return `${pick(rand, CONSISTENCY)} ${pick(rand, COLOUR)} ${pick(rand, MODIFIER)} ${pick(rand, SOIL)}. ${pick(rand, EXTRA)}`.trim()
}

const LOGGED_FROM_MS = Date.UTC(2024, 0, 1)

/** `holes` boreholes of `intervalsPerHole` intervals each, sorted by (hole_id, depth_top_m). */
export function generateBase(holes: number, intervalsPerHole: number, seed: number): BenchColumns {
  const rand = seededRandom(seed)
  const cols: BenchColumns = {
    hole_id: [],
    depth_top_m: [],
    depth_base_m: [],
    description: [],
    legend_code: [],
    geology_code: [],
    spt_n: [],
    sample_refs: [],
    water_strike_m: [],
    remarks: [],
    logged_at: [],
  }
  for (let h = 0; h < holes; h++) {
    const holeId = `BH${String(h + 1).padStart(6, '0')}`
    let top = 0
    for (let i = 0; i < intervalsPerHole; i++) {
      const base = Math.round((top + 0.1 + rand() * 2.9) * 100) / 100
      cols.hole_id.push(holeId)
      cols.depth_top_m.push(top)
      cols.depth_base_m.push(base)
      cols.description.push(description(rand))
      cols.legend_code.push(pick(rand, LEGEND))
      cols.geology_code.push(rand() < 0.3 ? null : pick(rand, GEOLOGY))
      cols.spt_n.push(rand() < 0.6 ? null : Math.floor(rand() * 60))
      cols.sample_refs.push(rand() < 0.5 ? null : `D${i + 1};B${i + 2}`)
      cols.water_strike_m.push(rand() < 0.95 ? null : Math.round((top + rand()) * 100) / 100)
      cols.remarks.push(rand() < 0.8 ? null : pick(rand, REMARKS))
      cols.logged_at.push(LOGGED_FROM_MS + Math.floor(rand() * 86_400_000 * 365))
      top = base
    }
  }
  return cols
}

/** The columns an edit changes: every column but the key (what a diff compares). */
export const EDITABLE: ColumnName[] = [
  'description',
  'legend_code',
  'geology_code',
  'spt_n',
  'sample_refs',
  'water_strike_m',
  'remarks',
  'logged_at',
  'depth_base_m',
]

function editedValue(column: ColumnName, old: unknown, rand: () => number): unknown {
  switch (column) {
    case 'description':
      return `${String(old)} Revised on review.`
    case 'legend_code':
      return pick(
        rand,
        LEGEND.filter((x) => x !== old),
      )
    case 'geology_code':
    case 'remarks':
      return old === null ? 'Added on review' : null
    case 'spt_n':
      return old === null ? 12 : (old as number) + 1
    case 'sample_refs':
      return `${old ?? ''};U9`
    case 'water_strike_m':
      return old === null ? 1.25 : (old as number) + 0.05
    case 'logged_at':
      return (old as number) + 3_600_000
    default:
      return Math.round(((old as number) + 0.05) * 100) / 100
  }
}

export interface EditPlan {
  changed: number
  added: number
  removed: number
  /** Rows of the base this edit must not touch (keeps two edits of one base disjoint). */
  avoidRows?: Set<number>
}

/** A new version of `base`: rows edited in 2-4 columns, rows removed, rows added (kept sorted). */
export function editVersion(
  base: BenchColumns,
  plan: EditPlan,
  seed: number,
): { version: BenchColumns; touchedRows: Set<number> } {
  const rand = seededRandom(seed)
  const n = base.hole_id.length
  const touched = new Set<number>()
  const free = (): number => {
    for (;;) {
      const r = Math.floor(rand() * n)
      if (!touched.has(r) && !plan.avoidRows?.has(r)) {
        touched.add(r)
        return r
      }
    }
  }
  const edits = new Map<number, Map<ColumnName, unknown>>()
  for (let k = 0; k < plan.changed; k++) {
    const row = free()
    const cells = new Map<ColumnName, unknown>()
    const count = 2 + Math.floor(rand() * 3)
    while (cells.size < count) {
      const column = pick(rand, EDITABLE)
      cells.set(column, editedValue(column, base[column][row], rand))
    }
    edits.set(row, cells)
  }
  const removed = new Set<number>()
  for (let k = 0; k < plan.removed; k++) removed.add(free())
  // An added interval is inserted after a base row, halfway down it (a new top depth).
  const addAfter = new Set<number>()
  for (let k = 0; k < plan.added; k++) addAfter.add(free())

  const names = Object.keys(base) as ColumnName[]
  const out = Object.fromEntries(names.map((c) => [c, []])) as unknown as BenchColumns
  const push = (column: ColumnName, value: unknown): void => {
    ;(out[column] as unknown[]).push(value)
  }
  for (let r = 0; r < n; r++) {
    if (!removed.has(r)) {
      const cells = edits.get(r)
      for (const c of names) push(c, cells?.has(c) ? cells.get(c) : base[c][r])
    }
    if (addAfter.has(r)) {
      const top = base.depth_top_m[r] as number
      const baseM = base.depth_base_m[r] as number
      const mid = Math.round(((top + baseM) / 2) * 1000) / 1000
      for (const c of names) {
        if (c === 'depth_top_m') push(c, mid)
        else if (c === 'description') push(c, `${description(rand)} Inserted layer.`)
        else push(c, base[c][r])
      }
    }
  }
  return { version: out, touchedRows: touched }
}

function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const encoder = new TextEncoder()
  const n = values.length
  const offsets = new Int32Array(n + 1)
  const nullBitmap = new Uint8Array((n + 7) >> 3)
  let bytes = new Uint8Array(n * 16)
  let end = 0
  let nullCount = 0
  for (let i = 0; i < n; i++) {
    const v = values[i]
    if (v === null || v === undefined) {
      nullCount++
    } else {
      nullBitmap[i >> 3]! |= 1 << (i & 7)
      if (bytes.length - end < v.length * 3) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, end + v.length * 3))
        grown.set(bytes.subarray(0, end))
        bytes = grown
      }
      end += encoder.encodeInto(v, bytes.subarray(end)).written
    }
    offsets[i + 1] = end
  }
  return makeVector(
    makeData({
      type: new Utf8(),
      length: n,
      nullCount,
      nullBitmap: nullCount > 0 ? nullBitmap : null,
      valueOffsets: offsets,
      data: bytes.subarray(0, end),
    }),
  )
}

export function toTable(cols: BenchColumns): Table {
  return new Table({
    hole_id: utf8Vector(cols.hole_id),
    depth_top_m: vectorFromArray(Float64Array.from(cols.depth_top_m)),
    depth_base_m: vectorFromArray(Float64Array.from(cols.depth_base_m)),
    description: utf8Vector(cols.description),
    legend_code: utf8Vector(cols.legend_code),
    geology_code: utf8Vector(cols.geology_code),
    spt_n: vectorFromArray(cols.spt_n, new Int32()),
    sample_refs: utf8Vector(cols.sample_refs),
    water_strike_m: vectorFromArray(cols.water_strike_m, new Float64()),
    remarks: utf8Vector(cols.remarks),
    logged_at: vectorFromArray(cols.logged_at, new TimestampMillisecond()),
  })
}
