// The embedded sample store `npm start` opens (issue 5): real borelogs (Hindley Mill
// Embankment, BGS, OGL v3.0; see resources/samples/SOURCES.md) with a made-up but
// plausible review history: several versions per record, some approved, one
// rejected, drafts waiting, one draft with a depth typo that validation flags.
// Created once, on first run, in a folder that has no records yet; never touched again.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { parse } from 'csv-parse/sync'

import { openBorelogStore } from '../catalog/index'
import { makeBorelogTable, type BorelogRow } from '../schema/index'
import { listRecordIds } from '../store/index'

type IntervalRow = BorelogRow & { depth_top_m: number; depth_base_m: number }

const blank = (s: string | undefined): string | null =>
  s === undefined || s.trim() === '' ? null : s
const num = (s: string | undefined): number | null => (blank(s) === null ? null : Number(s))

async function readCsv(path: string): Promise<Array<Record<string, string>>> {
  return parse(await readFile(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >
}

const REVIEWERS = ['p.lindqvist', 'a.osei']

type Plan =
  'approved' | 'approved-then-split' | 'draft' | 'rejected-typo' | 'draft-typo' | 'field-log-only'
const PLANS: Plan[] = [
  'approved-then-split',
  'approved',
  'draft',
  'rejected-typo',
  'approved-then-split',
  'approved',
  'draft',
  'draft-typo',
  'field-log-only',
  'approved',
  'draft',
  'approved-then-split',
]

/** v3 of a re-logged hole: the thickest layer split at its middle (a depth-aware change). */
function splitThickest(rows: IntervalRow[]): { rows: IntervalRow[]; atM: number } {
  let thickest = 0
  rows.forEach((r, i) => {
    const t = rows[thickest] as IntervalRow
    if (r.depth_base_m - r.depth_top_m > t.depth_base_m - t.depth_top_m) thickest = i
  })
  const layer = rows[thickest] as IntervalRow
  const atM = Math.round(((layer.depth_top_m + layer.depth_base_m) / 2) * 20) / 20
  const upper: IntervalRow = { ...layer, depth_base_m: atM, spt_n: null, water_strike_m: null }
  const lower: IntervalRow = {
    ...layer,
    depth_top_m: atM,
    description: `${layer.description ?? ''} Becoming firm below ${atM.toFixed(2)} m.`.trim(),
    sample_refs: layer.sample_refs,
  }
  return { rows: [...rows.slice(0, thickest), upper, lower, ...rows.slice(thickest + 1)], atM }
}

/** A transposed depth, as typed in a hurry: the base above the top. */
function withDepthTypo(rows: IntervalRow[]): { rows: IntervalRow[]; row: number } {
  const row = Math.min(1, rows.length - 1)
  const r = rows[row] as IntervalRow
  const typo: IntervalRow = { ...r, depth_base_m: r.depth_top_m - 0.45 }
  return { rows: rows.map((x, i) => (i === row ? typo : x)), row }
}

/**
 * Builds the sample store in `storeDir` unless it already has records. Returns the
 * number of records created (0 when the store was already there).
 */
export async function ensureSampleStore(storeDir: string, samplesDir: string): Promise<number> {
  let clockMs = Date.parse('2017-10-23T09:00:00Z')
  const opened = await openBorelogStore(storeDir, { now: () => new Date(clockMs) })
  if ((await listRecordIds(opened.store)).length > 0) return 0
  const { store } = opened

  const intervals = await readCsv(join(samplesDir, 'hindley-mill-intervals.csv'))
  const holes = await readCsv(join(samplesDir, 'hindley-mill-holes.csv'))
  holes.sort((a, b) => (a.hole_id ?? '').localeCompare(b.hole_id ?? ''))

  let created = 0
  for (const [i, hole] of holes.entries()) {
    const holeId = hole.hole_id ?? ''
    const full: IntervalRow[] = intervals
      .filter((r) => r.hole_id === holeId)
      .map((r) => ({
        hole_id: holeId,
        depth_top_m: Number(r.depth_top_m),
        depth_base_m: Number(r.depth_base_m),
        description: blank(r.description),
        legend_code: blank(r.legend_code),
        geology_code: blank(r.geology_code),
        spt_n: num(r.spt_n),
        sample_refs: blank(r.sample_refs),
        water_strike_m: num(r.water_strike_m),
        remarks: blank(r.remarks),
      }))
      .sort((a, b) => a.depth_top_m - b.depth_top_m)
    if (full.length === 0) continue
    const header: Record<string, string> = {}
    for (const [k, v] of Object.entries(hole)) if (v.trim() !== '') header[k] = v
    const recordId = `${hole.project_id ?? 'HME'}-${holeId}`
    const logger = hole.logged_by || 'field.engineer'
    const reviewer = REVIEWERS[i % REVIEWERS.length] as string
    const plan = PLANS[i % PLANS.length] as Plan
    const hour = 3_600_000
    clockMs = Date.parse(`${hole.start_date ?? '2017-10-23'}T16:00:00Z`) + i * 7 * 60_000

    // v1: the field log as typed on site, before the SPT and sample sheets came in.
    const fieldLog = full.map((r) => ({ ...r, spt_n: null, sample_refs: null }))
    await store.createRecord({
      recordId,
      table: makeBorelogTable(fieldLog),
      tableName: 'borelog',
      createdBy: logger,
      comment: 'Field log typed up on site.',
      header,
    })
    created++
    if (plan === 'field-log-only') continue

    clockMs += 20 * hour
    const typo = plan === 'rejected-typo' || plan === 'draft-typo' ? withDepthTypo(full) : null
    await store.updateRecord({
      recordId,
      table: makeBorelogTable(typo ? typo.rows : full),
      updatedBy: logger,
      comment: 'Added SPT N values and sample references from the field sheets.',
      header,
      baseVersion: 1,
    })
    if (plan === 'draft' || plan === 'draft-typo') continue

    clockMs += 26 * hour
    if (plan === 'rejected-typo') {
      await store.rejectRecord({
        recordId,
        version: 2,
        by: reviewer,
        reason: `Row ${(typo?.row ?? 0) + 1}: the base is above the top. Check the depths against the field sheet and save a corrected draft.`,
      })
      continue
    }
    await store.approveRecord({
      recordId,
      version: 2,
      by: reviewer,
      comment: 'Checked against the field sheets.',
    })
    if (plan !== 'approved-then-split') continue

    clockMs += 50 * hour
    const split = splitThickest(full)
    await store.updateRecord({
      recordId,
      table: makeBorelogTable(split.rows),
      updatedBy: logger,
      comment: `Re-logged from core photos: layer split at ${split.atM.toFixed(2)} m.`,
      header,
      baseVersion: 2,
    })
  }
  return created
}
