// The strip log reads the borelog interval table as the AGS4 importer writes it
// (src-main/ags4/borelog-table.ts): samples, SPT tests and core runs are packed into
// text columns, one item per "; ". A draft being typed may hold anything in them, so
// parsing never throws: what it cannot read is left out of the drawing, not guessed.
import { classifySpt, type SptRecord, type SptResult } from './spt-notation'

/** One interval row; the column names are the table's (snake_case, as stored). */
export interface StripLogRow {
  hole_id?: string | null
  depth_top_m: number | null
  depth_base_m: number | null
  description?: string | null
  legend_code?: string | null
  geology_code?: string | null
  /** N of the shallowest SPT in the interval. */
  spt_n?: number | null
  /** "TYPE REF @ depth; ..." */
  sample_refs?: string | null
  /** Shallowest water strike in the interval. */
  water_strike_m?: number | null
  remarks?: string | null
  /** "depth: reported result; ..." */
  spt_tests?: string | null
  /** "top-base: text; ..." */
  details?: string | null
  /** "top-base TCR a% SCR b% RQD c%; ..." */
  core_runs?: string | null
}

const NUMBER_COLUMNS = new Set(['depth_top_m', 'depth_base_m', 'spt_n', 'water_strike_m'])
const TEXT_COLUMNS = new Set([
  'hole_id',
  'description',
  'legend_code',
  'geology_code',
  'sample_refs',
  'remarks',
  'spt_tests',
  'details',
  'core_runs',
])

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim())
    return Number.isFinite(n) ? n : null
  }
  return null
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  const s = typeof value === 'string' ? value : String(value)
  return s === '' ? null : s
}

/**
 * Rows as the grid holds them (cells in `columns` order, numbers possibly still text
 * while a draft is typed) -> strip log rows. Unknown columns are ignored.
 */
export function rowsFromCells(
  columns: readonly string[],
  cells: readonly (readonly unknown[])[],
): StripLogRow[] {
  const numbers: [number, string][] = []
  const texts: [number, string][] = []
  columns.forEach((name, i) => {
    if (NUMBER_COLUMNS.has(name)) numbers.push([i, name])
    else if (TEXT_COLUMNS.has(name)) texts.push([i, name])
  })
  return cells.map((row) => {
    const out: Record<string, number | string | null> = { depth_top_m: null, depth_base_m: null }
    for (const [i, name] of numbers) out[name] = toNumber(row[i])
    for (const [i, name] of texts) out[name] = toText(row[i])
    return out as unknown as StripLogRow
  })
}

function items(text: string | null | undefined): string[] {
  if (!text) return []
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

const DECIMAL = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)`

export interface Sample {
  depthM: number
  /** "D", "B", "U", "ES"... upper case, or "" when the item names none. */
  type: string
  /** "D 4" as logged. */
  label: string
  /** The depth was not written with the sample: it is drawn at the top of its interval. */
  isDepthAssumed: boolean
}

const SAMPLE_ITEM = new RegExp(String.raw`^(.*?)\s*@\s*(${DECIMAL})\s*$`)

export function parseSamples(
  text: string | null | undefined,
  intervalTopM: number | null,
): Sample[] {
  const out: Sample[] = []
  for (const item of items(text)) {
    const m = SAMPLE_ITEM.exec(item)
    const label = (m ? (m[1] ?? '') : item).trim()
    const depth = m ? Number(m[2]) : intervalTopM
    if (depth === null || !Number.isFinite(depth)) continue
    const type = /^[A-Za-z]+/.exec(label)?.[0].toUpperCase() ?? ''
    out.push({ depthM: depth, type, label: label === '' ? '?' : label, isDepthAssumed: !m })
  }
  return out
}

export interface SptTest {
  depthM: number
  /** The test as logged, for a typed SPT table to feed the same way. */
  record: SptRecord
  result: SptResult
}

const SPT_ITEM = new RegExp(String.raw`^(${DECIMAL})\s*:\s*(.*)$`)

/** Depth text as the tests are matched by: two decimals, as AGS4 ISPT_TOP is written. */
export const depthKey = (depthM: number): string => depthM.toFixed(2)

const ISPT_INCREMENTS = ['1', '2', '3', '4', '5', '6'] as const

/**
 * The SPT rows the AGS4 importer keeps in the header (key ags4_hole_groups, an
 * AgsGroupSet), by depth: their increments and penetrations, which the interval
 * columns do not carry. Missing or unreadable: none (the log still draws the reports).
 */
export function sptRecordsFromHeader(
  header: Readonly<Record<string, string>>,
): Map<string, SptRecord> {
  const out = new Map<string, SptRecord>()
  const text = header.ags4_hole_groups
  if (!text) return out
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    // A header edited by hand may hold anything: the log draws without the increments.
    return out
  }
  const groups = (parsed as { groups?: unknown }).groups
  if (!Array.isArray(groups)) return out
  const ispt = groups.find((g: { name?: unknown }) => g?.name === 'ISPT') as
    { headings?: unknown; rows?: unknown } | undefined
  if (!ispt || !Array.isArray(ispt.headings) || !Array.isArray(ispt.rows)) return out
  const headings = ispt.headings as unknown[]
  for (const row of ispt.rows as unknown[]) {
    if (!Array.isArray(row)) continue
    const cell = (h: string): string => {
      const v: unknown = row[headings.indexOf(h)]
      return typeof v === 'string' ? v : ''
    }
    const depthM = toNumber(cell('ISPT_TOP'))
    if (depthM === null) continue
    out.set(depthKey(depthM), {
      depthM,
      incrementBlows: ISPT_INCREMENTS.map((k) => toNumber(cell(`ISPT_INC${k}`))),
      incrementPenetrationsMm: ISPT_INCREMENTS.map((k) => toNumber(cell(`ISPT_PEN${k}`))),
      seatingBlows: toNumber(cell('ISPT_SEAT')),
      testBlows: toNumber(cell('ISPT_MAIN')),
      totalPenetrationMm: toNumber(cell('ISPT_NPEN')),
      n: toNumber(cell('ISPT_NVAL')),
      report: cell('ISPT_REP') || null,
    })
  }
  return out
}

/** The depth lies in the interval (its top included, its base not). */
export function isInside(row: StripLogRow, depthM: number): boolean {
  const { depth_top_m: top, depth_base_m: base } = row
  return top !== null && base !== null && depthM >= top && depthM < base
}

function testOf(record: SptRecord): SptTest | null {
  const result = classifySpt(record)
  return result === null ? null : { depthM: record.depthM, record, result }
}

/**
 * The SPT tests of an interval. spt_tests lists every test ("depth: reported"), matched
 * by depth to the kept ISPT rows for their increments; spt_n is the N a reviewer edits
 * in the grid: when no test of the interval has that N, it replaces the interval's first
 * full test (or is drawn at the top of the interval when there is none).
 */
export function parseSptTests(
  row: StripLogRow,
  logged: ReadonlyMap<string, SptRecord> = new Map(),
): SptTest[] {
  const out: SptTest[] = []
  for (const item of items(row.spt_tests)) {
    const m = SPT_ITEM.exec(item)
    if (!m) continue
    const depthM = Number(m[1])
    const reported = (m[2] ?? '').trim()
    const kept = logged.get(depthKey(depthM))
    const report = reported === '' || reported === '?' ? null : reported
    const test = testOf(kept ? { ...kept, report: report ?? kept.report } : { depthM, report })
    if (test) out.push(test)
  }
  out.sort((a, b) => a.depthM - b.depthM)
  const sptN = row.spt_n
  if (sptN === null || sptN === undefined || !Number.isFinite(sptN)) return out
  if (out.some((t) => t.result.n === sptN)) return out
  // A stratum split in a draft lists its tests in both halves: the edit is to a test of
  // this half's own depths where it has one.
  const isFull = (t: SptTest) => t.result.kind === 'full'
  const ownFull = out.findIndex((t) => isFull(t) && isInside(row, t.depthM))
  const edited = ownFull >= 0 ? ownFull : out.findIndex(isFull)
  const at = edited >= 0 ? edited : out.length > 0 ? 0 : -1
  if (at >= 0) {
    const test = testOf({ depthM: (out[at] as SptTest).depthM, n: sptN })
    if (test) out[at] = test
    return out
  }
  if (row.depth_top_m === null) return out
  const test = testOf({ depthM: row.depth_top_m, n: sptN })
  return test ? [test] : []
}

export interface CoreRun {
  topM: number
  baseM: number
  /** Total core recovery, solid core recovery, rock quality designation: percent or null. */
  tcr: number | null
  scr: number | null
  rqd: number | null
}

const CORE_ITEM = new RegExp(String.raw`^(${DECIMAL})\s*-\s*(${DECIMAL})(.*)$`)

const PERCENT = {
  TCR: new RegExp(String.raw`\bTCR\s*(${DECIMAL})`, 'i'),
  SCR: new RegExp(String.raw`\bSCR\s*(${DECIMAL})`, 'i'),
  RQD: new RegExp(String.raw`\bRQD\s*(${DECIMAL})`, 'i'),
}

function percent(rest: string, label: keyof typeof PERCENT): number | null {
  const m = PERCENT[label].exec(rest)
  if (!m) return null
  const v = Number(m[1])
  return Number.isFinite(v) ? Math.max(0, Math.min(100, v)) : null
}

export function parseCoreRuns(text: string | null | undefined): CoreRun[] {
  const out: CoreRun[] = []
  for (const item of items(text)) {
    const m = CORE_ITEM.exec(item)
    if (!m) continue
    const topM = Number(m[1])
    const baseM = Number(m[2])
    if (!(baseM > topM)) continue
    const rest = m[3] ?? ''
    out.push({
      topM,
      baseM,
      tcr: percent(rest, 'TCR'),
      scr: percent(rest, 'SCR'),
      rqd: percent(rest, 'RQD'),
    })
  }
  return out
}

export interface Detail {
  topM: number | null
  baseM: number | null
  text: string
}

const DETAIL_ITEM = new RegExp(String.raw`^(${DECIMAL})\s*-\s*(${DECIMAL})?\s*:\s*(.*)$`)

export function parseDetails(text: string | null | undefined): Detail[] {
  return items(text).map((item) => {
    const m = DETAIL_ITEM.exec(item)
    if (!m) return { topM: null, baseM: null, text: item }
    return {
      topM: Number(m[1]),
      baseM: m[2] === undefined ? null : Number(m[2]),
      text: (m[3] ?? '').trim(),
    }
  })
}
