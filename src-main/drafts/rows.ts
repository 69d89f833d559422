// The rows of a working draft as an overlay on its base table: a row order (refs >= 0
// are base rows, refs < 0 rows the draft inserted) plus overridden cells per column,
// keyed by ref. An edit changes the order or a few overrides, never copies the base
// (a 1,000,000-row version stays one decoded table). Deleted rows keep their overrides
// so that undoing the delete puts the very same cells back.
//
// Primitive operations (RowOp) are what undo and redo replay; each has an exact inverse.
import { RecordBatch, Schema, Struct, Table, makeData, type Data } from 'apache-arrow'

import type { Cell } from '../../shared/ipc/contract'
import { type BaseColumn, type Value, baseColumn, toCell } from './columns'

export type RowOp =
  /** Cells at draft rows set to values. */
  | { kind: 'cells'; cells: { row: number; column: number; value: Value }[] }
  /** Refs placed so that refs[i] lands at rows[i] (rows ascending, in the result). */
  | { kind: 'place'; rows: number[]; refs: number[] }
  /** Rows removed (ascending, in the current order). */
  | { kind: 'remove'; rows: number[] }
  | { kind: 'move'; from: number; count: number; to: number }
  | { kind: 'header'; key: string; value: string | null }

export class DraftRows {
  readonly columns: BaseColumn[]
  readonly schema: Schema
  private order: Int32Array
  private readonly overrides: Map<number, Value>[]
  private nextInsertedRef = -1
  header: Record<string, string>
  /** Bumped by every change of the row order; a column's cache is valid for one revision. */
  private orderRevision = 0
  private readonly columnRevision: number[]
  private readonly cache: ({ order: number; column: number; data: Data } | null)[]
  private readonly baseRowCount: number

  constructor(base: Table, header: Record<string, string>) {
    this.schema = base.schema
    this.columns = base.schema.fields.map((f, i) => baseColumn(f, base.getChildAt(i)!))
    this.baseRowCount = base.numRows
    this.order = new Int32Array(base.numRows)
    for (let i = 0; i < base.numRows; i++) this.order[i] = i
    this.overrides = this.columns.map(() => new Map())
    this.columnRevision = this.columns.map(() => 0)
    this.cache = this.columns.map(() => null)
    this.header = { ...header }
  }

  get rowCount(): number {
    return this.order.length
  }

  columnIndex(name: string): number {
    return this.columns.findIndex((c) => c.field.name === name)
  }

  /** A fresh ref for an inserted row (deterministic, so a replayed journal makes the same refs). */
  newRef(): number {
    return this.nextInsertedRef--
  }

  get(row: number, column: number): Value {
    const ref = this.order[row]!
    const ov = this.overrides[column]!
    if (ov.has(ref)) return ov.get(ref)!
    return this.columns[column]!.get(ref)
  }

  refAt(row: number): number {
    return this.order[row]!
  }

  page(offset: number, limit: number): Cell[][] {
    const end = Math.min(this.rowCount, offset + limit)
    const rows: Cell[][] = []
    for (let r = offset; r < end; r++) {
      rows.push(this.columns.map((_, c) => toCell(this.get(r, c))))
    }
    return rows
  }

  /** Applies op and returns its inverse. Ops are checked by the caller (edits.ts). */
  apply(op: RowOp): RowOp {
    switch (op.kind) {
      case 'cells': {
        const previous = op.cells.map((cell) => ({
          ...cell,
          value: this.get(cell.row, cell.column),
        }))
        for (const { row, column, value } of op.cells) {
          this.overrides[column]!.set(this.order[row]!, value)
          this.columnRevision[column]!++
        }
        return { kind: 'cells', cells: previous.reverse() }
      }
      case 'place': {
        const next = new Int32Array(this.order.length + op.rows.length)
        let src = 0
        let k = 0
        for (let i = 0; i < next.length; i++) {
          if (k < op.rows.length && op.rows[k] === i) next[i] = op.refs[k++]!
          else next[i] = this.order[src++]!
        }
        this.setOrder(next)
        return { kind: 'remove', rows: [...op.rows] }
      }
      case 'remove': {
        const refs = op.rows.map((r) => this.order[r]!)
        const next = new Int32Array(this.order.length - op.rows.length)
        let k = 0
        let out = 0
        for (let i = 0; i < this.order.length; i++) {
          if (k < op.rows.length && op.rows[k] === i) k++
          else next[out++] = this.order[i]!
        }
        this.setOrder(next)
        return { kind: 'place', rows: [...op.rows], refs }
      }
      case 'move': {
        const { from, count, to } = op
        const moved = this.order.slice(from, from + count)
        const rest = new Int32Array(this.order.length - count)
        rest.set(this.order.subarray(0, from), 0)
        rest.set(this.order.subarray(from + count), from)
        const next = new Int32Array(this.order.length)
        next.set(rest.subarray(0, to), 0)
        next.set(moved, to)
        next.set(rest.subarray(to), to + count)
        this.setOrder(next)
        return { kind: 'move', from: to, count, to: from }
      }
      case 'header': {
        const previous = this.header[op.key] ?? null
        if (op.value === null) delete this.header[op.key]
        else this.header[op.key] = op.value
        return { kind: 'header', key: op.key, value: previous }
      }
    }
  }

  private setOrder(next: Int32Array): void {
    this.order = next
    this.orderRevision++
  }

  private isIdentity(): boolean {
    if (this.order.length !== this.baseRowCount) return false
    for (let i = 0; i < this.order.length; i++) if (this.order[i] !== i) return false
    return true
  }

  /**
   * The draft as one Arrow table in the base's schema. Columns whose cells and row
   * order did not change since the last call are reused, so after a one-cell edit only
   * that column is rebuilt.
   */
  materialize(): Table {
    let identity: boolean | null = null
    const children = this.columns.map((column, c) => {
      const cached = this.cache[c]
      if (
        cached &&
        cached.order === this.orderRevision &&
        cached.column === this.columnRevision[c]
      ) {
        return cached.data
      }
      const overrides = this.overrides[c]!
      identity ??= this.isIdentity()
      const data =
        identity && overrides.size === 0 ? column.data : column.gather(this.order, overrides)
      this.cache[c] = { order: this.orderRevision, column: this.columnRevision[c]!, data }
      return data
    })
    const fields = this.schema.fields
    const struct = makeData({
      type: new Struct(fields),
      length: this.rowCount,
      nullCount: 0,
      children,
    })
    const schema = new Schema(fields, this.schema.metadata)
    return new Table(schema, new RecordBatch(schema, struct))
  }
}
