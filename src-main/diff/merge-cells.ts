// Cell merge of the columns planned 'merge': only candidate rows where ours and theirs
// differ are compared with the base. A change on theirs only becomes an override of the
// cell; a change on both sides, each its own way, a conflict.
import { cellValue, isValid } from './columns'
import { compareColumn, pairRuns } from './compare'
import type { ConflictLog } from './merge-conflicts'
import type { Matched, SideMask } from './merge-match'
import { BASE, OURS, THEIRS, type MergePlan, type Side } from './merge-plan'

/**
 * Cells of the merged columns: only candidate rows where ours and theirs differ need the
 * base, compared by the kernels. A change on theirs only becomes an override; a change on
 * both sides a conflict.
 */
export function mergeCells(m: Matched, sides: SideMask, plan: MergePlan, log: ConflictLog): void {
  const { ot } = m
  const { mask, words } = sides
  const differing: number[] = []
  for (let i = 0; i < plan.rowOurs.length; i++) {
    const o = plan.rowOurs[i]!
    if (o < 0 || plan.rowTheirs[i]! < 0) continue
    const k = ot.pairOfA[o]!
    for (let w = 0; w < words; w++) {
      if (mask[k * words + w] !== 0) {
        differing.push(i)
        break
      }
    }
  }
  sides.shared.forEach((name, bit) => {
    const index = plan.columns.findIndex(
      (c) => c.name === name && c.mode === 'merge' && !c.schemaConflict,
    )
    if (index < 0) return
    const word = bit >>> 5
    const flag = 1 << (bit & 31)
    const rows = differing.filter(
      (i) => (mask[ot.pairOfA[plan.rowOurs[i]!]! * words + word]! & flag) !== 0,
    )
    if (rows.length > 0) mergeColumnCells(m, plan, log, index, rows)
  })
}

/** One merged column over the candidate rows where ours and theirs differ. */
function mergeColumnCells(
  { cols }: Matched,
  plan: MergePlan,
  log: ConflictLog,
  index: number,
  rows: number[],
): void {
  const name = plan.columns[index]!.name
  const colO = cols[OURS].get(name)!
  const colT = cols[THEIRS].get(name)!
  const baseCol = cols[BASE].get(name)
  const changedFromBase = (side: Side): Uint32Array | null => {
    if (!baseCol) return null
    const baseRows = Int32Array.from(rows, (i) => plan.rowBase[i]!)
    const sideRows = Int32Array.from(rows, (i) =>
      side === OURS ? plan.rowOurs[i]! : plan.rowTheirs[i]!,
    )
    const changed = new Uint32Array(rows.length)
    compareColumn(baseCol, side === OURS ? colO : colT, pairRuns(baseRows, sideRows), {
      mask: changed,
      words: 1,
      bit: 0,
    })
    return changed
  }
  const changedO = changedFromBase(OURS)
  const changedT = changedFromBase(THEIRS)
  rows.forEach((i, j) => {
    const o = plan.rowOurs[i]!
    const t = plan.rowTheirs[i]!
    const b = plan.rowBase[i]!
    const fromBase = b >= 0 && baseCol !== undefined
    // Both added the row (or the column): a cell left null takes the other side's value.
    const oursChanged = fromBase ? changedO![j] !== 0 : isValid(colO, o)
    const theirsChanged = fromBase ? changedT![j] !== 0 : isValid(colT, t)
    if (!theirsChanged) return
    if (!oursChanged) {
      plan.columns[index]!.overrides.set(i, [THEIRS, t])
      return
    }
    const values: [unknown, unknown, unknown] = [
      fromBase ? cellValue(baseCol, b) : null,
      cellValue(colO, o),
      cellValue(colT, t),
    ]
    log.addCell(index, i, values, fromBase)
  })
}
