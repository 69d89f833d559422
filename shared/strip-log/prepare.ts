// The rows as the drawing reads them: strata with a valid top and base, in depth order and
// display units, and the samples, SPT tests, core runs and water strikes they list, each
// once. A row that cannot be drawn is counted, never thrown on, so a row being typed in a
// draft cannot break the log.
import {
  parseCoreRuns,
  parseSamples,
  isInside,
  parseSptTests,
  type CoreRun,
  type Sample,
  type SptTest,
  type StripLogRow,
} from './parse'
import type { SptRecord } from './spt-notation'

export interface ValidLayer {
  index: number
  row: StripLogRow
  top: number
  base: number
}

export interface Prepared {
  valid: ValidLayer[]
  skipped: number
  samples: (Sample & { layer: number })[]
  spt: (SptTest & { layer: number })[]
  core: CoreRun[]
  water: { depth: number; layer: number }[]
  maxDepth: number
}

export function prepare(
  rows: readonly StripLogRow[],
  factor: number,
  finalDepth: number | null,
  loggedSpt: ReadonlyMap<string, SptRecord> = new Map(),
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
  const sptByDepth = new Map<number, { test: Prepared['spt'][number]; inside: boolean }>()
  valid.forEach((v, layer) => {
    maxDepth = Math.max(maxDepth, v.base)
    for (const s of parseSamples(v.row.sample_refs, v.row.depth_top_m)) {
      if (isFirst(`sample|${s.depthM}|${s.label}`)) {
        samples.push({ ...s, depthM: s.depthM * factor, layer })
      }
    }
    for (const t of parseSptTests(v.row, loggedSpt)) {
      // Listed by both halves of a split stratum: the half holding its depth says it.
      const inside = isInside(v.row, t.depthM)
      const known = sptByDepth.get(t.depthM)
      if (known && (known.inside || !inside)) continue
      sptByDepth.set(t.depthM, { test: { ...t, depthM: t.depthM * factor, layer }, inside })
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
  for (const { test } of sptByDepth.values()) spt.push(test)
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
