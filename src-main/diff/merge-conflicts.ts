// The conflict log of one merge: each conflict numbered in the order found, with the key,
// the three values and a message saying what each side did and how to resolve it. The ids
// are what a resolution answers, so the same three tables always give the same ids.
import { cellValue } from './columns'
import type { Matched } from './merge-match'
import { BASE, OURS, THEIRS, type MergePlan, type PlannedColumn } from './merge-plan'
import type { PendingRow } from './merge-rows'
import type { Conflict } from './types'
import { jsonValue } from './values'

/** The conflicts of one merge, numbered c1, c2, ... in the order they are found. */
export class ConflictLog {
  readonly conflicts: Conflict[] = []

  constructor(
    private readonly plan: MergePlan,
    private readonly m: Matched,
  ) {}

  addDeleteEdit(p: PendingRow): void {
    const { plan } = this
    const id = this.nextId()
    plan.rowConflicts.set(id, p)
    const deleter = p.deletedBy === OURS ? 'ours' : 'theirs'
    const editor = p.deletedBy === OURS ? 'theirs' : 'ours'
    const key = this.keyOf(p.row)
    this.conflicts.push({
      id,
      kind: 'delete_edit',
      key,
      column: null,
      base: this.rowObject(BASE, plan.rowBase[p.row]!),
      ours: this.rowObject(OURS, plan.rowOurs[p.row]!),
      theirs: this.rowObject(THEIRS, plan.rowTheirs[p.row]!),
      rows: this.rowsOf(p.row),
      deletedBy: deleter,
      message: `Row ${describeKey(key)} was deleted by ${deleter} and edited by ${editor}. Resolve with 'ours' or 'theirs' (whose version of the row stays).`,
    })
  }

  addSchema(planned: PlannedColumn, index: number, what: string): void {
    const id = this.nextId()
    planned.schemaConflict = id
    this.plan.schemaConflicts.set(id, index)
    const [b, o, t] = planned.fields
    this.conflicts.push({
      id,
      kind: 'schema',
      key: null,
      column: planned.name,
      base: b ? String(b.type) : null,
      ours: o ? String(o.type) : null,
      theirs: t ? String(t.type) : null,
      rows: { base: null, ours: null, theirs: null },
      message: `Column "${planned.name}": ${what}. Resolve with 'ours' or 'theirs' (whose version of the column stays).`,
    })
  }

  /** Both sides changed the cell of candidate row `row`, each its own way. */
  addCell(
    column: number,
    row: number,
    values: [unknown, unknown, unknown],
    fromBase: boolean,
  ): void {
    const id = this.nextId()
    this.plan.cellConflicts.set(id, { column, row })
    const kind = fromBase ? 'cell' : 'add_add'
    const key = this.keyOf(row)
    const name = this.plan.columns[column]!.name
    const [vb, vo, vt] = values
    this.conflicts.push({
      id,
      kind,
      key,
      column: name,
      base: vb,
      ours: vo,
      theirs: vt,
      rows: this.rowsOf(row),
      message: `${describeKey(key)}, column "${name}": ours set ${show(vo)}, theirs set ${show(vt)}${kind === 'cell' ? ` (base ${show(vb)})` : ''}. Resolve with 'ours', 'theirs' or a value.`,
    })
  }

  private nextId(): string {
    return `c${this.conflicts.length + 1}`
  }

  private keyOf(row: number): Record<string, unknown> {
    const { plan } = this
    const [side, r] =
      plan.rowOurs[row]! >= 0
        ? [OURS, plan.rowOurs[row]!]
        : plan.rowTheirs[row]! >= 0
          ? [THEIRS, plan.rowTheirs[row]!]
          : [BASE, plan.rowBase[row]!]
    return Object.fromEntries(
      this.m.keyColumns.map((c) => [c, cellValue(this.m.cols[side]!.get(c)!, r)]),
    )
  }

  private rowsOf(row: number): Conflict['rows'] {
    return {
      base: nonNegative(this.plan.rowBase[row]!),
      ours: nonNegative(this.plan.rowOurs[row]!),
      theirs: nonNegative(this.plan.rowTheirs[row]!),
    }
  }

  private rowObject(side: number, r: number): Record<string, unknown> | null {
    return r < 0
      ? null
      : Object.fromEntries([...this.m.cols[side]!].map(([name, col]) => [name, cellValue(col, r)]))
  }
}

function nonNegative(x: number): number | null {
  return x >= 0 ? x : null
}

function show(x: unknown): string {
  return JSON.stringify(jsonValue(x))
}

function describeKey(key: Record<string, unknown>): string {
  return `(${Object.entries(key)
    .map(([k, v]) => `${k}=${show(v)}`)
    .join(', ')})`
}
