// Three-way merge of two edits of one table by key: what sync does with conflicting edits
// (see docs/ARCHITECTURE.md, "Diff and merge" and "Sync").
// Rules, per row and cell, against the base:
// - an edit on one side only is taken; the same edit on both sides is taken once;
// - one cell changed to different values on the two sides is a 'cell' conflict;
// - a row deleted on one side and edited on the other is a 'delete_edit' conflict;
// - a row added on both sides under one key merges cell by cell, differing cells are
//   'add_add' conflicts (a cell one side left null takes the other side's value);
// - columns merge by name: added on one side is kept; removed on one side is dropped unless
//   the other side edited it; a type change is taken unless the other side edited the
//   column or changed its type differently; anything else is a 'schema' conflict.
//   Renames merge as a removal plus an addition.
// With conflicts, `merged` is null: nothing can be written until resolveConflicts has an
// answer for every conflict. Output rows follow ours; rows only theirs added are placed in
// key order when all three tables are sorted by key, else after ours' rows.
//
// Cost: ours and theirs are compared once, in full; the base is consulted only for the
// rows where they differ (a cell both sides left alone is equal on both). So a merge costs
// about one diff plus key matching, not two diffs.
//
// The steps live in merge-match (keys), merge-rows (candidate rows), merge-columns
// (column planning), merge-cells (cell merge), merge-conflicts (the conflict log) and
// merge-build (the output table), on the plan of merge-plan.
import type { Table } from 'apache-arrow'

import { BadInputError, MergeConflictError } from '../../shared/errors'
import { buildTable } from './merge-build'
import { mergeCells } from './merge-cells'
import { planColumns } from './merge-columns'
import { ConflictLog } from './merge-conflicts'
import { compareSides, matchTables } from './merge-match'
import { OURS, THEIRS, type MergePlan, type PlannedColumn } from './merge-plan'
import { candidateRows } from './merge-rows'
import type { Conflict, MergeOptions, Resolution } from './types'

export class MergeResult {
  /** The merged table, or null while there are conflicts. */
  readonly merged: Table | null
  readonly conflicts: readonly Conflict[]
  /** @internal What resolveConflicts needs to finish the merge. */
  readonly plan: MergePlan

  constructor(merged: Table | null, conflicts: Conflict[], plan: MergePlan) {
    this.merged = merged
    this.conflicts = conflicts
    this.plan = plan
  }
}

export function mergeTables(
  base: Table,
  ours: Table,
  theirs: Table,
  options: MergeOptions,
): MergeResult {
  if (options.keyColumns.length === 0) {
    throw new BadInputError(
      'A three-way merge needs key columns to match rows; none were given. Pass --key or the table name.',
    )
  }
  const m = matchTables([base, ours, theirs], options.keyColumns)
  const sides = compareSides(m)
  const { rows, pending } = candidateRows(m)
  const plan: MergePlan = {
    tables: m.tables,
    rowBase: rows.base.subarray(0, rows.count),
    rowOurs: rows.ours.subarray(0, rows.count),
    rowTheirs: rows.theirs.subarray(0, rows.count),
    columns: [],
    cellConflicts: new Map(),
    rowConflicts: new Map(),
    schemaConflicts: new Map(),
  }
  // Conflict ids follow this order: rows, then columns, then cells.
  const log = new ConflictLog(plan, m)
  for (const p of pending) log.addDeleteEdit(p)
  planColumns(m, plan, log)
  mergeCells(m, sides, plan, log)
  return new MergeResult(
    log.conflicts.length === 0 ? buildTable(plan, new Set(), new Map()) : null,
    log.conflicts,
    plan,
  )
}

/**
 * The merged table once every conflict has a resolution: 'ours', 'theirs', or a value for a
 * cell. Throws MergeConflictError while any conflict is unresolved (nothing is built).
 */
export function resolveConflicts(
  result: MergeResult,
  resolutions: Readonly<Record<string, Resolution>>,
): Table {
  const plan = result.plan
  const known = new Set(result.conflicts.map((c) => c.id))
  const unknown = Object.keys(resolutions).filter((id) => !known.has(id))
  if (unknown.length > 0) {
    throw new BadInputError(
      `No conflict has id ${unknown.map((x) => `"${x}"`).join(', ')}; ids are ${[...known].join(', ')}.`,
      {
        unknown,
      },
    )
  }
  const open = result.conflicts.filter((c) => resolutions[c.id] === undefined)
  if (open.length > 0) {
    throw new MergeConflictError(
      `${open.length} of ${result.conflicts.length} conflicts have no resolution (${open
        .slice(0, 5)
        .map((c) => c.id)
        .join(
          ', ',
        )}${open.length > 5 ? ', ...' : ''}). Nothing was merged; resolve each as 'ours', 'theirs' or a value.`,
      { unresolved: open.map((c) => c.id) },
    )
  }
  const columns: PlannedColumn[] = plan.columns.map((pc) => ({
    ...pc,
    overrides: new Map(pc.overrides),
  }))
  const removed = new Set<number>()
  const literals = new Map<number, Map<number, unknown>>()
  for (const c of result.conflicts) {
    const r = resolutions[c.id]!
    const side = r === 'ours' ? OURS : r === 'theirs' ? THEIRS : null
    if (c.kind === 'cell' || c.kind === 'add_add') {
      const ref = plan.cellConflicts.get(c.id)!
      if (side === null) {
        const entry = literals.get(ref.column) ?? new Map<number, unknown>()
        entry.set(ref.row, (r as { value: unknown }).value)
        literals.set(ref.column, entry)
      } else {
        columns[ref.column]!.overrides.set(ref.row, [
          side,
          side === OURS ? plan.rowOurs[ref.row]! : plan.rowTheirs[ref.row]!,
        ])
      }
      continue
    }
    if (side === null) {
      throw new BadInputError(
        `Conflict ${c.id} (${c.kind}) is resolved by choosing 'ours' or 'theirs', not a value.`,
        { id: c.id },
      )
    }
    if (c.kind === 'delete_edit') {
      const ref = plan.rowConflicts.get(c.id)!
      if (ref.deletedBy === side) removed.add(ref.row)
      continue
    }
    const pc = columns[plan.schemaConflicts.get(c.id)!]!
    pc.mode = pc.fields[side] ? (side === OURS ? 'ours' : 'theirs') : 'drop'
    pc.overrides = new Map()
  }
  return buildTable({ ...plan, columns }, removed, literals)
}
