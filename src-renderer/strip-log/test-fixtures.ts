// A generated borehole for tests, the e2e harness and the benchmark: `layerCount`
// strata of mixed thickness (many thin ones, the hard case for labels), soils over
// rock, SPT tests every 1.5 m, samples, two water strikes and core runs in the rock,
// encoded in the interval columns the way the AGS4 importer writes them. Seeded, so
// every run draws the same hole.
import type { StripLogRow } from '../../shared/strip-log/parse'

function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SOILS: readonly [string, string][] = [
  ['201', 'Firm brown CLAY.'],
  ['203', 'Stiff grey slightly sandy CLAY with rare rootlets.'],
  ['204', 'Soft to firm orange brown gravelly CLAY. Gravel is fine to medium subangular flint.'],
  ['301', 'Soft light grey SILT with occasional thin laminae of fine sand.'],
  ['401', 'Medium dense yellow brown fine to medium SAND.'],
  ['403', 'Loose grey silty fine SAND.'],
  ['404', 'Dense brown gravelly fine to coarse SAND. Gravel is fine to coarse rounded quartzite.'],
  ['501', 'Dense brown fine to coarse subrounded GRAVEL.'],
  ['504', 'Medium dense brown sandy GRAVEL. Sand is coarse.'],
  ['601', 'Soft dark brown fibrous PEAT.'],
  ['CL', 'Firm grey sandy CLAY (symbol only).'],
  ['', 'Very stiff dark grey clayey SILT with shell fragments.'],
]

const ROCKS: readonly [string, string][] = [
  ['801', 'Weak thinly bedded grey MUDSTONE.'],
  ['802', 'Moderately weak light grey SILTSTONE.'],
  ['803', 'Medium strong fine grained red brown SANDSTONE.'],
  ['804', 'Strong light grey fossiliferous LIMESTONE with calcite veins.'],
  ['805', 'Structureless white CHALK with occasional black flint.'],
]

export function generatedHole(
  layerCount: number,
  seed = 7,
): { rows: StripLogRow[]; header: Record<string, string> } {
  const next = random(seed)
  const rows: StripLogRow[] = []
  let top = 0
  let sample = 1
  const rockFrom = Math.floor(layerCount * 0.75)
  for (let i = 0; i < layerCount; i++) {
    const isThin = next() < 0.55
    const thickness = Math.round((isThin ? 0.05 + next() * 0.25 : 0.4 + next() * 1.6) * 100) / 100
    const base = Math.round((top + thickness) * 100) / 100
    const [code, text] =
      i === 0
        ? ['101', 'Dark brown TOPSOIL with grass rootlets.']
        : i === 1
          ? ['102', 'MADE GROUND: brown sandy gravel of brick, concrete and ash.']
          : i >= rockFrom
            ? (ROCKS[Math.floor(next() * ROCKS.length)] as [string, string])
            : (SOILS[Math.floor(next() * SOILS.length)] as [string, string])
    const sampleRefs: string[] = []
    if (next() < 0.6) sampleRefs.push(`${next() < 0.5 ? 'D' : 'B'} ${sample++} @ ${top.toFixed(2)}`)
    if (!isThin && next() < 0.5) sampleRefs.push(`U ${sample++} @ ${((top + base) / 2).toFixed(2)}`)
    const spt: string[] = []
    for (let d = Math.max(1.5, Math.ceil(top / 1.5) * 1.5); d < base; d += 1.5) {
      const n = Math.min(60, Math.round(2 + d * 1.2 + next() * 8))
      spt.push(
        n >= 50
          ? `${d.toFixed(2)}: 50/${Math.round(75 + next() * 150)} (25 for 75mm/50 for 150mm)`
          : `${d.toFixed(2)}: N=${n}`,
      )
    }
    const core: string[] = []
    if (i >= rockFrom) {
      const tcr = Math.round(60 + next() * 40)
      const scr = Math.round(tcr * (0.5 + next() * 0.5))
      const rqd = Math.round(scr * next())
      core.push(`${top.toFixed(2)}-${base.toFixed(2)} TCR ${tcr}% SCR ${scr}% RQD ${rqd}%`)
    }
    rows.push({
      hole_id: 'BH-GEN',
      depth_top_m: top,
      depth_base_m: base,
      description: `${text} (stratum ${i + 1})`,
      legend_code: code === '' ? null : code,
      geology_code: null,
      spt_n: null,
      sample_refs: sampleRefs.length > 0 ? sampleRefs.join('; ') : null,
      water_strike_m: i === 5 || i === 40 ? Math.round((top + thickness / 2) * 100) / 100 : null,
      remarks: null,
      spt_tests: spt.length > 0 ? spt.join('; ') : null,
      details: null,
      core_runs: core.length > 0 ? core.join('; ') : null,
    })
    top = base
  }
  return {
    rows,
    header: {
      hole_id: 'BH-GEN',
      project: 'Generated borehole (strip log test)',
      project_id: 'GEN-100',
      client: 'Borelog Desk',
      method: 'CP+RC',
      method_description: 'Cable percussion and rotary core',
      easting: '530000.00',
      northing: '180000.00',
      crs: 'OSGB',
      ground_level_m: '25.00',
      final_depth_m: top.toFixed(2),
      start_date: '2026-01-12',
      end_date: '2026-01-19',
      logged_by: 'Test',
      hole_remarks: `${layerCount} strata generated with seed ${seed}.`,
    },
  }
}
