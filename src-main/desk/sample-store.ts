// The embedded sample store `npm start` opens: the real borelogs of an AGS4
// file (Hindley Mill Embankment, BGS, OGL v3.0; resources/samples/SOURCES.md) imported
// with the AGS4 layer, given a made-up but plausible review history: several versions
// per record, some approved, one rejected, drafts waiting, one draft with a depth typo
// that validation flags. Created once, on first run, in a folder that has no records
// yet; never touched again.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import {
  convertAgs,
  groupsFromHeader,
  HOLE_GROUPS_KEY,
  makeBorelogArrowTable,
  readAgs,
  type BorelogHole,
  type BorelogInterval,
} from '../ags4/index'
import { openBorelogStore } from '../catalog/index'
import { generateSigner } from '../identity/index'
import { listRecordIds, type VersionedStore } from '../store/index'

export const SAMPLE_AGS_FILE = 'Hindley Mill Embankment FRA01.ags'

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

type Interval = BorelogInterval & { depth_top_m: number; depth_base_m: number }

/** v3 of a re-logged hole: the thickest layer split at its middle (a depth-aware change). */
function splitThickest(rows: Interval[]): { rows: Interval[]; atM: number } {
  let thickest = 0
  rows.forEach((r, i) => {
    const t = rows[thickest] as Interval
    if (r.depth_base_m - r.depth_top_m > t.depth_base_m - t.depth_top_m) thickest = i
  })
  const layer = rows[thickest] as Interval
  const atM = Math.round(((layer.depth_top_m + layer.depth_base_m) / 2) * 20) / 20
  const upper: Interval = { ...layer, depth_base_m: atM, spt_n: null, water_strike_m: null }
  const lower: Interval = {
    ...layer,
    depth_top_m: atM,
    description: `${layer.description ?? ''} Becoming firm below ${atM.toFixed(2)} m.`.trim(),
  }
  return { rows: [...rows.slice(0, thickest), upper, lower, ...rows.slice(thickest + 1)], atM }
}

/** A transposed depth, as typed in a hurry: the base above the top. */
function withDepthTypo(rows: Interval[]): { rows: Interval[]; row: number } {
  const row = Math.min(1, rows.length - 1)
  const r = rows[row] as Interval
  const typo: Interval = { ...r, depth_base_m: r.depth_top_m - 0.45 }
  return { rows: rows.map((x, i) => (i === row ? typo : x)), row }
}

/** Who logged the hole (HDPH_LOG, initials as the file gives them), for the versions' author. */
function loggerOf(hole: BorelogHole): string {
  for (const group of groupsFromHeader(hole.header, HOLE_GROUPS_KEY)) {
    if (group.name !== 'HDPH') continue
    const at = group.headings.indexOf('HDPH_LOG')
    const logger = group.rows.map((r) => r[at] ?? '').find((v) => v.trim() !== '')
    if (logger) return logger.trim()
  }
  return 'field.engineer'
}

/**
 * Builds the sample store in `storeDir` unless it already has records. Returns the
 * number of records created (0 when the store was already there).
 */
export async function ensureSampleStore(storeDir: string, samplesDir: string): Promise<number> {
  let clockMs = 0
  const now = (): Date => new Date(clockMs)
  const { store: reader } = await openBorelogStore(storeDir, { now })
  if ((await listRecordIds(reader)).length > 0) return 0
  // The sample's authors are fictional: each signs with a key made here and thrown away,
  // so the sample's history verifies like any other (and nobody can write as them later).
  const stores = new Map<string, Promise<VersionedStore>>()
  const as = (name: string): Promise<VersionedStore> => {
    let opened = stores.get(name)
    if (!opened) {
      opened = openBorelogStore(storeDir, { now, signer: generateSigner(name) }).then(
        (o) => o.store,
      )
      stores.set(name, opened)
    }
    return opened
  }

  const bytes = await readFile(join(samplesDir, SAMPLE_AGS_FILE))
  const holes = convertAgs(readAgs(bytes, { fileName: SAMPLE_AGS_FILE }), {
    fileName: SAMPLE_AGS_FILE,
  }).holes
  holes.sort((a, b) => a.holeId.localeCompare(b.holeId))

  let created = 0
  for (const [i, hole] of holes.entries()) {
    const full = hole.intervals
      .filter((r): r is Interval => r.depth_top_m !== null && r.depth_base_m !== null)
      .sort((a, b) => a.depth_top_m - b.depth_top_m)
    if (full.length === 0) continue
    const { recordId, header } = hole
    const logger = loggerOf(hole)
    const reviewer = REVIEWERS[i % REVIEWERS.length] as string
    const plan = PLANS[i % PLANS.length] as Plan
    const hour = 3_600_000
    clockMs = Date.parse(`${header.start_date || '2017-10-23'}T16:00:00Z`) + i * 7 * 60_000

    // v1: the field log as typed on site, before the SPT and sample sheets came in.
    const fieldLog = full.map((r) => ({ ...r, spt_n: null, spt_tests: null, sample_refs: null }))
    await (
      await as(logger)
    ).createRecord({
      recordId,
      table: makeBorelogArrowTable(fieldLog),
      tableName: 'borelog',
      createdBy: logger,
      comment: 'Field log typed up on site.',
      header,
    })
    created++
    if (plan === 'field-log-only') continue

    clockMs += 20 * hour
    const typo = plan === 'rejected-typo' || plan === 'draft-typo' ? withDepthTypo(full) : null
    await (
      await as(logger)
    ).updateRecord({
      recordId,
      table: makeBorelogArrowTable(typo ? typo.rows : full),
      updatedBy: logger,
      comment: 'Added SPT N values and sample references from the field sheets.',
      header,
      baseVersion: 1,
    })
    if (plan === 'draft' || plan === 'draft-typo') continue

    clockMs += 26 * hour
    if (plan === 'rejected-typo') {
      await (
        await as(reviewer)
      ).rejectRecord({
        recordId,
        version: 2,
        by: reviewer,
        reason: `Row ${(typo?.row ?? 0) + 1}: the base is above the top. Check the depths against the field sheet and save a corrected draft.`,
      })
      continue
    }
    await (
      await as(reviewer)
    ).approveRecord({
      recordId,
      version: 2,
      by: reviewer,
      comment: 'Checked against the field sheets.',
    })
    if (plan !== 'approved-then-split') continue

    clockMs += 50 * hour
    const split = splitThickest(full)
    await (
      await as(logger)
    ).updateRecord({
      recordId,
      table: makeBorelogArrowTable(split.rows),
      updatedBy: logger,
      comment: `Re-logged from core photos: layer split at ${split.atM.toFixed(2)} m.`,
      header,
      baseVersion: 2,
    })
  }
  return created
}
