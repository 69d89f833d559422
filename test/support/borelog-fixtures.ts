// Test support: small borelog tables and temp stores. Real files in real temp
// folders: nothing here mocks fs.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import {
  Field,
  Float64,
  Int32,
  Schema,
  Table,
  Utf8,
  vectorFromArray,
  type Vector,
} from 'apache-arrow'

export interface IntervalRow {
  hole_id: string
  depth_top_m: number
  depth_base_m: number
  description?: string | null
  legend_code?: string | null
  geology_code?: string | null
  spt_n?: number | null
  sample_refs?: string | null
  water_strike_m?: number | null
  remarks?: string | null
}

const COLUMNS: [keyof IntervalRow, 'utf8' | 'f64' | 'i32'][] = [
  ['hole_id', 'utf8'],
  ['depth_top_m', 'f64'],
  ['depth_base_m', 'f64'],
  ['description', 'utf8'],
  ['legend_code', 'utf8'],
  ['geology_code', 'utf8'],
  ['spt_n', 'i32'],
  ['sample_refs', 'utf8'],
  ['water_strike_m', 'f64'],
  ['remarks', 'utf8'],
]

export function intervalTable(rows: IntervalRow[]): Table {
  const vectors: Record<string, Vector> = {}
  const fields: Field[] = []
  for (const [name, kind] of COLUMNS) {
    const values = rows.map((r) => r[name] ?? null)
    const type = kind === 'utf8' ? new Utf8() : kind === 'f64' ? new Float64() : new Int32()
    vectors[name] =
      kind === 'utf8'
        ? vectorFromArray(values as (string | null)[], new Utf8())
        : vectorFromArray(values as (number | null)[], type as Float64 | Int32)
    fields.push(new Field(name, type, true))
  }
  return new Table(new Schema(fields), vectors)
}

/** A plausible three-layer hole. `variant` changes one description, for "a new version". */
export function sampleHole(holeId = 'BH01', variant = 0): Table {
  return intervalTable([
    {
      hole_id: holeId,
      depth_top_m: 0,
      depth_base_m: 0.4,
      description: 'MADE GROUND: brown sandy gravel',
      legend_code: '601',
    },
    {
      hole_id: holeId,
      depth_top_m: 0.4,
      depth_base_m: 2.1,
      description: `Firm brown CLAY${variant ? ` (v${variant})` : ''}`,
      legend_code: '201',
      spt_n: 12,
    },
    {
      hole_id: holeId,
      depth_top_m: 2.1,
      depth_base_m: 5,
      description: 'Dense SAND',
      legend_code: '401',
      spt_n: 35,
      water_strike_m: 3.2,
    },
  ])
}

export async function tempDir(
  prefix = 'borelog-test-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}
