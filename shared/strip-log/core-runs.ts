// The core column: one bar per core run with its total and solid core recovery and RQD,
// drawn only when the hole has core runs.
import { fixed, type DepthScale } from './dimensions'
import type { Column, DepthUnits, StripLogModel } from './model-types'
import type { CoreRun } from './parse'

export function buildCore(
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
