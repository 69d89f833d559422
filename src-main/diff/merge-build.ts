// Building the merged table from a plan: each column gathered from runs of source rows
// (ours, theirs, or resolution values) rather than cell by cell, so a merge with few
// changes costs about a copy. Used for a clean merge and again after resolution.
import {
  Field,
  Schema,
  Table,
  makeVector,
  vectorFromArray,
  type Data,
  type DataType,
  type Vector,
} from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import { RunsBuilder, columnOf, gatherColumn, type Column, type GatherRuns } from './columns'
import { LITERAL, OURS, THEIRS, type ColumnMode, type MergePlan } from './merge-plan'

/** Output runs of one side's rows (mode 'ours' / 'theirs' / 'merge': ours, else theirs), in one pass. */
function defaultRuns(plan: MergePlan, removed: ReadonlySet<number>, mode: ColumnMode): GatherRuns {
  const { rowOurs, rowTheirs } = plan
  const n = rowOurs.length
  const at = new Int32Array(n)
  const source = new Uint8Array(n)
  const row = new Int32Array(n)
  const len = new Int32Array(n)
  let count = 0
  let length = 0
  for (let i = 0; i < n; i++) {
    if (removed.size > 0 && removed.has(i)) continue
    const o = rowOurs[i]!
    const s = mode === 'ours' || (mode === 'merge' && o >= 0) ? OURS : THEIRS
    let r = s === OURS ? o : rowTheirs[i]!
    if (r < 0) r = -1
    const last = count - 1
    if (
      last >= 0 &&
      source[last] === s &&
      (r < 0 ? row[last]! < 0 : row[last]! >= 0 && row[last]! + len[last]! === r)
    ) {
      len[last]!++
    } else {
      at[count] = length
      source[count] = s
      row[count] = r
      len[count++] = 1
    }
    length++
  }
  return { length, count, at, source, row, len }
}

/**
 * A column's runs: the default runs with its few overridden cells spliced in, and rows of a
 * side that lacks the column (or has it with another type) as nulls. Costs per run and
 * override, not per row.
 */
function columnRuns(
  base: GatherRuns,
  overrides: [number, number, number][],
  lacking: readonly boolean[],
): GatherRuns {
  if (overrides.length === 0 && !lacking.some((x) => x)) return base
  const out = new RunsBuilder()
  const push = (source: number, row: number, len: number): void =>
    out.push(source, row < 0 || lacking[source] ? -1 : row, len)
  let p = 0
  for (let r = 0; r < base.count; r++) {
    const at = base.at[r]!
    const len = base.len[r]!
    const source = base.source[r]!
    const row = base.row[r]!
    let done = 0
    while (p < overrides.length && overrides[p]![0] < at + len) {
      const [pos, s, rowOverride] = overrides[p++]!
      const off = pos - at
      if (off > done) push(source, row < 0 ? -1 : row + done, off - done)
      push(s, rowOverride, 1)
      done = off + 1
    }
    if (done < len) push(source, row < 0 ? -1 : row + done, len - done)
  }
  return out.finish()
}

export function buildTable(
  plan: MergePlan,
  removed: ReadonlySet<number>,
  literals: Map<number, Map<number, unknown>>,
): Table {
  const n = plan.rowBase.length
  // Output position of each candidate row (removed rows are skipped).
  const outPos = new Int32Array(n)
  let m = 0
  for (let i = 0; i < n; i++) outPos[i] = removed.has(i) ? -1 : m++
  const defaults = new Map<ColumnMode, GatherRuns>()
  const fields: Field[] = []
  const vectors: Record<string, Vector> = {}
  plan.columns.forEach((pc, index) => {
    if (pc.mode === 'drop') return
    const field = pc.mode === 'theirs' ? pc.fields[THEIRS]! : pc.fields[OURS]!
    const sources: Column[] = plan.tables.map((t) => {
      const v = t.getChild(pc.name)
      return v && String(v.type) === String(field.type) ? columnOf(v) : emptyColumn(field.type)
    })
    const lacking = sources.map(
      (c, s) => s !== LITERAL && c.length === 0 && plan.tables[s]!.numRows > 0,
    )
    const overrides: [number, number, number][] = []
    for (const [i, [s, row]] of pc.overrides)
      if (outPos[i]! >= 0) overrides.push([outPos[i]!, s, row])
    const literal = literals.get(index)
    if (literal && literal.size > 0) {
      const values = [...literal.entries()].filter(([i]) => outPos[i]! >= 0)
      values.forEach(([i], k) => overrides.push([outPos[i]!, LITERAL, k]))
      try {
        sources.push(
          columnOf(
            vectorFromArray(
              values.map(([, v]) => v),
              field.type,
            ),
          ),
        )
      } catch (e) {
        throw new BadInputError(
          `A value given to resolve column "${pc.name}" does not fit its type ${String(field.type)}.`,
          { column: pc.name },
          { cause: e },
        )
      }
    }
    overrides.sort((x, y) => x[0] - y[0])
    let base = defaults.get(pc.mode)
    if (!base) defaults.set(pc.mode, (base = defaultRuns(plan, removed, pc.mode)))
    const vector = makeVector(
      gatherColumn(field.type, sources, columnRuns(base, overrides, lacking)) as Data[],
    )
    fields.push(
      vector.nullCount > 0 && !field.nullable
        ? new Field(field.name, field.type, true, field.metadata)
        : field,
    )
    vectors[pc.name] = vector
  })
  return new Table(new Schema(fields, plan.tables[OURS].schema.metadata), vectors)
}

function emptyColumn(type: DataType): Column {
  return columnOf(vectorFromArray([], type))
}
