// A user's draft edit (contract DraftEdit) checked against the draft as it stands and
// turned into primitive row operations, applied as one undo step. A refused edit
// (BadInputError naming the row and column) changes nothing: every check runs before
// the first operation is applied. Undo applies the step's inverses, redo its
// operations again; a new edit clears the redo stack.
import { BadInputError } from '../../shared/errors'
import type { DraftEdit } from '../../shared/ipc/contract'
import { type Value, parsedValue, typedValue } from './columns'
import type { DraftRows, RowOp } from './rows'

export interface EditContext {
  recordId: string
  /** The borelog rule set: inserted intervals start where the one above ends. */
  isBorelog: boolean
}

interface Step {
  label: string
  ops: RowOp[]
  inverse: RowOp[]
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function checkRow(rows: DraftRows, row: number, what: string): void {
  if (row >= rows.rowCount) {
    throw new BadInputError(
      `${what}: row ${row + 1} is past the last row (${rows.rowCount}). Nothing was changed.`,
      { row, rowCount: rows.rowCount },
    )
  }
}

function columnOf(rows: DraftRows, name: string): number {
  const index = rows.columnIndex(name)
  if (index < 0) {
    throw new BadInputError(
      `The draft has no column "${name}" (columns: ${rows.columns.map((c) => c.field.name).join(', ')}). Nothing was changed.`,
      { column: name },
    )
  }
  return index
}

/** Ops placing `count` new rows at `at`, with hole_id and (borelogs) depth_top_m filled in. */
function insertOps(rows: DraftRows, at: number, count: number, context: EditContext): RowOp[] {
  const refs = Array.from({ length: count }, () => rows.newRef())
  const positions = refs.map((_, i) => at + i)
  const cells: { row: number; column: number; value: Value }[] = []
  const holeColumn = rows.columnIndex('hole_id')
  if (holeColumn >= 0 && rows.columns[holeColumn]!.kind === 'text') {
    const holeId = rows.header.hole_id ?? context.recordId
    for (const row of positions) cells.push({ row, column: holeColumn, value: holeId })
  }
  const top = rows.columnIndex('depth_top_m')
  const base = rows.columnIndex('depth_base_m')
  if (context.isBorelog && at > 0 && top >= 0 && base >= 0) {
    const above = rows.get(at - 1, base)
    if (typeof above === 'number') cells.push({ row: at, column: top, value: above })
  }
  const ops: RowOp[] = [{ kind: 'place', rows: positions, refs }]
  if (cells.length > 0) ops.push({ kind: 'cells', cells })
  return ops
}

/** Checks `edit` against the draft and plans it; throws before anything is applied. */
function plan(
  rows: DraftRows,
  edit: DraftEdit,
  context: EditContext,
): { label: string; ops: RowOp[] } {
  switch (edit.kind) {
    case 'set': {
      const cells = edit.cells.map((cell) => {
        const column = columnOf(rows, cell.column)
        checkRow(rows, cell.row, `Cannot edit ${cell.column}`)
        return {
          row: cell.row,
          column,
          value: typedValue(rows.columns[column]!.field, cell.row, cell.value),
        }
      })
      const first = edit.cells[0]!
      const label =
        cells.length === 1
          ? `Edit ${first.column}, row ${first.row + 1}`
          : `Edit ${cells.length} cells`
      return { label, ops: [{ kind: 'cells', cells }] }
    }
    case 'paste': {
      const start = columnOf(rows, edit.column)
      if (edit.row > rows.rowCount) checkRow(rows, edit.row, 'Cannot paste')
      const width = Math.max(...edit.values.map((line) => line.length))
      if (start + width > rows.columns.length) {
        throw new BadInputError(
          `Cannot paste ${width} columns from column ${edit.column}: only ${rows.columns.length - start} columns are to its right. Nothing was changed.`,
          { column: edit.column, width, available: rows.columns.length - start },
        )
      }
      const cells: { row: number; column: number; value: Value }[] = []
      edit.values.forEach((line, i) => {
        line.forEach((text, j) => {
          const column = start + j
          cells.push({
            row: edit.row + i,
            column,
            value: parsedValue(rows.columns[column]!.field, edit.row + i, text, edit.units),
          })
        })
      })
      const extra = edit.row + edit.values.length - rows.rowCount
      const ops = extra > 0 ? insertOps(rows, rows.rowCount, extra, context) : []
      ops.push({ kind: 'cells', cells })
      return { label: `Paste ${edit.values.length} × ${width} cells`, ops }
    }
    case 'insert': {
      if (edit.at > rows.rowCount) checkRow(rows, edit.at, 'Cannot insert')
      return {
        label: `Insert ${plural(edit.count, 'row')}`,
        ops: insertOps(rows, edit.at, edit.count, context),
      }
    }
    case 'delete': {
      const sorted = [...new Set(edit.rows)].sort((a, b) => a - b)
      for (const row of sorted) checkRow(rows, row, 'Cannot delete')
      return {
        label: `Delete ${plural(sorted.length, 'row')}`,
        ops: [{ kind: 'remove', rows: sorted }],
      }
    }
    case 'move': {
      if (edit.from + edit.count > rows.rowCount || edit.to + edit.count > rows.rowCount) {
        throw new BadInputError(
          `Cannot move rows ${edit.from + 1}-${edit.from + edit.count} to row ${edit.to + 1}: the draft has ${rows.rowCount} rows. Nothing was changed.`,
          { from: edit.from, count: edit.count, to: edit.to, rowCount: rows.rowCount },
        )
      }
      return {
        label: `Move ${plural(edit.count, 'row')}`,
        ops: [{ kind: 'move', from: edit.from, count: edit.count, to: edit.to }],
      }
    }
    case 'header':
      return {
        label: edit.value === null ? `Remove header ${edit.key}` : `Edit header ${edit.key}`,
        ops: [{ kind: 'header', key: edit.key, value: edit.value }],
      }
  }
}

/** The draft's rows plus its undo and redo stacks. */
export class EditHistory {
  private readonly done: Step[] = []
  private readonly undone: Step[] = []

  constructor(
    readonly rows: DraftRows,
    private readonly context: EditContext,
  ) {}

  /** Applies one edit as one undo step; BadInputError (nothing changed) when it does not fit. */
  edit(edit: DraftEdit): void {
    const { label, ops } = plan(this.rows, edit, this.context)
    const inverse = ops.map((op) => this.rows.apply(op)).reverse()
    this.done.push({ label, ops, inverse })
    this.undone.length = 0
  }

  undo(): boolean {
    const step = this.done.pop()
    if (!step) return false
    for (const op of step.inverse) this.rows.apply(op)
    this.undone.push(step)
    return true
  }

  redo(): boolean {
    const step = this.undone.pop()
    if (!step) return false
    step.inverse = step.ops.map((op) => this.rows.apply(op)).reverse()
    this.done.push(step)
    return true
  }

  get editCount(): number {
    return this.done.length
  }

  get undoLabel(): string | null {
    return this.done[this.done.length - 1]?.label ?? null
  }

  get redoLabel(): string | null {
    return this.undone[this.undone.length - 1]?.label ?? null
  }
}
