// The borelog interval table as Arrow: the registered borelog columns (hole_id,
// depth_top_m, depth_base_m, description, legend_code, geology_code, spt_n,
// sample_refs, water_strike_m, remarks) plus three text columns AGS import fills
// (spt_tests, details, core_runs), which the schema layer keeps after the registered
// columns.
import { Table, Utf8, makeData, makeVector, type Vector } from 'apache-arrow'

import { makeBorelogTable } from '../schema/index'

export interface BorelogInterval {
  hole_id: string
  depth_top_m: number | null
  depth_base_m: number | null
  description: string | null
  legend_code: string | null
  geology_code: string | null
  /** SPT N of the shallowest test whose top lies in the interval. */
  spt_n: number | null
  /** Samples whose top lies in the interval: "TYPE REF @ depth; ...". */
  sample_refs: string | null
  /** Shallowest water strike in the interval. */
  water_strike_m: number | null
  remarks: string | null
  /** Every SPT in the interval: "depth: reported result; ...". */
  spt_tests: string | null
  /** DETL descriptions in the interval: "top-base: text; ...". */
  details: string | null
  /** CORE runs starting in the interval: "top-base TCR a SCR b RQD c; ...". */
  core_runs: string | null
}

export const BORELOG_TABLE_NAME = 'borelog'
export const BORELOG_KEY_COLUMNS = ['hole_id', 'depth_top_m']

type ColumnKind = 'utf8' | 'float64' | 'int32'

export const BORELOG_COLUMNS: readonly { name: keyof BorelogInterval; kind: ColumnKind }[] = [
  { name: 'hole_id', kind: 'utf8' },
  { name: 'depth_top_m', kind: 'float64' },
  { name: 'depth_base_m', kind: 'float64' },
  { name: 'description', kind: 'utf8' },
  { name: 'legend_code', kind: 'utf8' },
  { name: 'geology_code', kind: 'utf8' },
  { name: 'spt_n', kind: 'int32' },
  { name: 'sample_refs', kind: 'utf8' },
  { name: 'water_strike_m', kind: 'float64' },
  { name: 'remarks', kind: 'utf8' },
  { name: 'spt_tests', kind: 'utf8' },
  { name: 'details', kind: 'utf8' },
  { name: 'core_runs', kind: 'utf8' },
]

const utf8Encoder = new TextEncoder()

/** A utf8 vector laid out directly (Arrow's builders cost ~1.5 ms per small table). */
function utf8Column(values: readonly (string | null)[]): Vector {
  const length = values.length
  const bitmap = new Uint8Array((length + 7) >> 3)
  const offsets = new Int32Array(length + 1)
  let capacity = 0
  let nulls = 0
  for (const v of values) {
    if (v === null) nulls++
    else capacity += v.length * 3
  }
  const data = new Uint8Array(capacity)
  let at = 0
  for (let i = 0; i < length; i++) {
    const v = values[i]
    if (v !== null && v !== undefined) {
      bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7))
      at += utf8Encoder.encodeInto(v, data.subarray(at)).written
    }
    offsets[i + 1] = at
  }
  return makeVector(
    makeData({
      type: new Utf8(),
      length,
      nullCount: nulls,
      nullBitmap: nulls > 0 ? bitmap : null,
      valueOffsets: offsets,
      data: data.subarray(0, at),
    }),
  )
}

/**
 * Rows -> Arrow table: the registered borelog columns exactly as the schema layer
 * builds them (makeBorelogTable: order, types, units), then the AGS extra columns.
 */
export function makeBorelogArrowTable(rows: readonly BorelogInterval[]): Table {
  const base = makeBorelogTable(rows)
  const extra = new Table({
    spt_tests: utf8Column(rows.map((r) => r.spt_tests)),
    details: utf8Column(rows.map((r) => r.details)),
    core_runs: utf8Column(rows.map((r) => r.core_runs)),
  })
  return base.assign(extra)
}

function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null
  return typeof v === 'string' ? v : String(v)
}

function cellNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(v)
  return Number.isFinite(n) ? n : null
}

/**
 * Arrow table (as stored: any column order, extra columns ignored, missing ones null)
 * -> interval rows. Export reads tables through this, so a table the schema layer
 * has conformed or a user has edited still exports.
 */
export function borelogRowsFromTable(table: Table): BorelogInterval[] {
  const get = (name: string) => table.getChild(name)
  const cols = BORELOG_COLUMNS.map((c) => ({ ...c, vector: get(c.name) }))
  const out: BorelogInterval[] = []
  for (let i = 0; i < table.numRows; i++) {
    const row = {} as Record<string, unknown>
    for (const c of cols) {
      const v = c.vector ? c.vector.get(i) : null
      row[c.name] = c.kind === 'utf8' ? cellText(v) : cellNumber(v)
    }
    row.hole_id = (row.hole_id as string | null) ?? ''
    out.push(row as unknown as BorelogInterval)
  }
  return out
}
