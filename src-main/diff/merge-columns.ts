// Column planning: columns merge by name, each given a mode (merge cell by cell, take
// ours, take theirs, drop) or a schema conflict. A column removed or retyped on one side
// wins only when the other side left it alone, so no edit is lost silently.
import type { Field } from 'apache-arrow'

import { isValid } from './columns'
import { compareColumn, pairRuns, type PairRuns } from './compare'
import type { ConflictLog } from './merge-conflicts'
import type { Matched } from './merge-match'
import {
  BASE,
  OURS,
  THEIRS,
  type ColumnMode,
  type Columns,
  type MergePlan,
  type PlannedColumn,
  type Side,
} from './merge-plan'

/** Columns by name, ours' order then those only theirs has, each with a mode (or a conflict). */
export function planColumns(m: Matched, plan: MergePlan, log: ConflictLog): void {
  const { tables, cols, alOurs, alTheirs, bo, bt } = m
  const names = tables[OURS].schema.fields.map((f) => f.name)
  for (const f of tables[THEIRS].schema.fields) if (!names.includes(f.name)) names.push(f.name)
  const runsOf: Partial<Record<Side, PairRuns>> = {}
  const sideChanged = (name: string, side: Side): boolean => {
    const alignment = side === OURS ? alOurs : alTheirs
    runsOf[side] ??= pairRuns(alignment.alignedA, alignment.alignedB)
    const probe = new Uint32Array(alignment.alignedA.length)
    return (
      compareColumn(cols[BASE].get(name)!, cols[side].get(name)!, runsOf[side], {
        mask: probe,
        words: 1,
        bit: 0,
      }) > 0
    )
  }
  const addedRows = (side: Side): number[] => {
    const ofBase = side === OURS ? bo.ofB : bt.ofB
    const out: number[] = []
    for (let r = 0; r < ofBase.length; r++) if (ofBase[r]! < 0) out.push(r)
    return out
  }
  for (const name of names) {
    const fields = tables.map(
      (t) => t.schema.fields.find((f) => f.name === name) ?? null,
    ) as PlannedColumn['fields']
    const decision = decideColumn(fields, (side) =>
      touched(name, side, fields, cols, sideChanged, addedRows),
    )
    const planned: PlannedColumn = {
      name,
      mode: decision.mode,
      fields,
      overrides: new Map(),
      schemaConflict: null,
    }
    plan.columns.push(planned)
    if (decision.conflict) log.addSchema(planned, plan.columns.length - 1, decision.conflict)
  }
}

/** Whether a side edited column `name`: changed a cell, its type, or gave an added row a value. */
function touched(
  name: string,
  side: Side,
  fields: PlannedColumn['fields'],
  cols: Columns,
  sideChanged: (name: string, side: Side) => boolean,
  addedRows: (side: Side) => number[],
): boolean {
  const field = fields[side]
  if (!field) return false
  if (!fields[BASE]) return true
  if (String(field.type) !== String(fields[BASE].type)) return true
  const col = cols[side].get(name)!
  return sideChanged(name, side) || addedRows(side).some((r) => isValid(col, r))
}

function decideColumn(
  fields: PlannedColumn['fields'],
  touchedBy: (side: Side) => boolean,
): { mode: ColumnMode; conflict: string | null } {
  const [b, o, t] = fields
  const type = (f: Field | null): string | null => (f ? String(f.type) : null)
  if (o && t) {
    if (type(o) === type(t)) return { mode: 'merge', conflict: null }
    const oursRetyped = type(o) !== type(b)
    const theirsRetyped = type(t) !== type(b)
    if (oursRetyped && !touchedBy(THEIRS)) return { mode: 'ours', conflict: null }
    if (theirsRetyped && !touchedBy(OURS)) return { mode: 'theirs', conflict: null }
    const what = b
      ? oursRetyped && theirsRetyped
        ? `ours changed its type from ${type(b)} to ${type(o)}, theirs to ${type(t)}`
        : oursRetyped
          ? `ours changed its type from ${type(b)} to ${type(o)} while theirs edited it`
          : `theirs changed its type from ${type(b)} to ${type(t)} while ours edited it`
      : `both added it, ours as ${type(o)}, theirs as ${type(t)}`
    return { mode: 'ours', conflict: what }
  }
  if (o && !t) {
    if (!b) return { mode: 'ours', conflict: null }
    return touchedBy(OURS)
      ? { mode: 'ours', conflict: 'theirs removed it while ours edited it' }
      : { mode: 'drop', conflict: null }
  }
  if (t && !o) {
    if (!b) return { mode: 'theirs', conflict: null }
    return touchedBy(THEIRS)
      ? { mode: 'theirs', conflict: 'ours removed it while theirs edited it' }
      : { mode: 'drop', conflict: null }
  }
  return { mode: 'drop', conflict: null }
}
