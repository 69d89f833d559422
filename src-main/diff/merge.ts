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

import { BadInputError, MergeConflictError } from '../../shared/errors'
import {
  RunsBuilder,
  cellValue,
  columnOf,
  gatherColumn,
  isValid,
  type Column,
  type GatherRuns,
} from './columns'
import { compareColumn, pairRuns, type PairRuns } from './compare'
import { alignByKey, compareKeys, encodeKeys, type Alignment, type KeyWords } from './keys'
import type { Conflict, MergeOptions, Resolution } from './types'
import { jsonValue } from './values'

const BASE = 0
const OURS = 1
const THEIRS = 2
const LITERAL = 3

type Side = typeof OURS | typeof THEIRS
type ColumnMode = 'merge' | 'ours' | 'theirs' | 'drop'
type Columns = [Map<string, Column>, Map<string, Column>, Map<string, Column>]

interface PlannedColumn {
  name: string
  mode: ColumnMode
  /** Fields on each side (null where the column is absent). */
  fields: [Field | null, Field | null, Field | null]
  /** Cells not taken from the candidate row's default side: candidate row -> [source, row]. */
  overrides: Map<number, [number, number]>
  schemaConflict: string | null
}

interface MergePlan {
  tables: [Table, Table, Table]
  /** Candidate output rows: the row of base / ours / theirs each comes from (-1: none). */
  rowBase: Int32Array
  rowOurs: Int32Array
  rowTheirs: Int32Array
  columns: PlannedColumn[]
  cellConflicts: Map<string, { column: number; row: number }>
  /** delete_edit conflict id -> candidate row, and the side that deleted it. */
  rowConflicts: Map<string, { row: number; deletedBy: Side }>
  schemaConflicts: Map<string, number>
}

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

function columnsOf(table: Table): Map<string, Column> {
  return new Map(table.schema.fields.map((f) => [f.name, columnOf(table.getChild(f.name)!)]))
}

function assertNoDuplicates(
  alignment: Alignment,
  where: [string, string],
  keyColumns: readonly string[],
): void {
  const group = alignment.duplicates[0]
  if (!group) return
  const side = group.rowsA.length > 1 ? where[0] : where[1]
  const rows = group.rowsA.length > 1 ? group.rowsA : group.rowsB
  throw new BadInputError(
    `Cannot merge: ${side} has ${rows.length} rows with one key (${keyColumns.join(', ')}) at rows ${rows.slice(0, 5).join(', ')}. Make the key unique in ${side}, then merge again.`,
    { table: side, rows },
  )
}

/** Row maps of an alignment: partner in b of each row of a, and the reverse. */
function partners(
  alignment: Alignment,
  rowsA: number,
  rowsB: number,
): { ofA: Int32Array; ofB: Int32Array; pairOfA: Int32Array } {
  const ofA = new Int32Array(rowsA).fill(-1)
  const ofB = new Int32Array(rowsB).fill(-1)
  const pairOfA = new Int32Array(rowsA).fill(-1)
  const { alignedA, alignedB } = alignment
  for (let k = 0; k < alignedA.length; k++) {
    const ra = alignedA[k]!
    const rb = alignedB[k]!
    if (ra >= 0 && rb >= 0) {
      ofA[ra] = rb
      ofB[rb] = ra
      pairOfA[ra] = k
    }
  }
  return { ofA, ofB, pairOfA }
}

/** Which rows (rows[i] of a side, paired with baseRows[i]) differ from their base row in any shared column. */
function editedRows(cols: Columns, side: Side, baseRows: Int32Array, rows: Int32Array): Uint8Array {
  const edited = new Uint8Array(rows.length)
  if (rows.length === 0) return edited
  const runs = pairRuns(baseRows, rows)
  const mask = new Uint32Array(rows.length)
  for (const [name, col] of cols[side]) {
    const baseCol = cols[BASE].get(name)
    if (baseCol) compareColumn(baseCol, col, runs, { mask, words: 1, bit: 0 })
  }
  for (let i = 0; i < rows.length; i++) edited[i] = mask[i] !== 0 ? 1 : 0
  return edited
}

interface CandidateRows {
  base: Int32Array
  ours: Int32Array
  theirs: Int32Array
  count: number
}

function pushRow(rows: CandidateRows, b: number, o: number, t: number): void {
  rows.base[rows.count] = b
  rows.ours[rows.count] = o
  rows.theirs[rows.count++] = t
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

/** Row maps of one alignment (see partners). */
type Partners = ReturnType<typeof partners>

/** The three tables matched by key: what every step of a merge reads. */
interface Matched {
  tables: [Table, Table, Table]
  keyColumns: readonly string[]
  keys: [KeyWords, KeyWords, KeyWords]
  /** Base against ours, base against theirs, ours against theirs. */
  alOurs: Alignment
  alTheirs: Alignment
  alSides: Alignment
  bo: Partners
  bt: Partners
  ot: Partners
  cols: Columns
}

function matchTables(tables: [Table, Table, Table], keyColumns: readonly string[]): Matched {
  const [base, ours, theirs] = tables
  const keys = encodeKeys(tables, keyColumns, ['base', 'ours', 'theirs']) as Matched['keys']
  const [kBase, kOurs, kTheirs] = keys
  const alOurs = alignByKey(kBase, kOurs)
  assertNoDuplicates(alOurs, ['base', 'ours'], keyColumns)
  const alTheirs = alignByKey(kBase, kTheirs)
  assertNoDuplicates(alTheirs, ['base', 'theirs'], keyColumns)
  const alSides = alignByKey(kOurs, kTheirs)
  return {
    tables,
    keyColumns,
    keys,
    alOurs,
    alTheirs,
    alSides,
    bo: partners(alOurs, base.numRows, ours.numRows),
    bt: partners(alTheirs, base.numRows, theirs.numRows),
    ot: partners(alSides, ours.numRows, theirs.numRows),
    cols: tables.map(columnsOf) as Columns,
  }
}

/** Ours against theirs, every shared column: one bit per column and paired row. */
interface SideMask {
  shared: string[]
  words: number
  mask: Uint32Array
}

function compareSides({ tables, cols, alSides }: Matched): SideMask {
  const shared = tables[OURS].schema.fields
    .filter((f) => cols[THEIRS].has(f.name))
    .map((f) => f.name)
  const words = Math.max(1, Math.ceil(shared.length / 32))
  const mask = new Uint32Array(alSides.alignedA.length * words)
  const runs = pairRuns(alSides.alignedA, alSides.alignedB)
  shared.forEach((name, bit) =>
    compareColumn(cols[OURS].get(name)!, cols[THEIRS].get(name)!, runs, { mask, words, bit }),
  )
  return { shared, words, mask }
}

/** A row deleted on one side and edited on the other: candidate row, and who deleted it. */
interface PendingRow {
  row: number
  deletedBy: Side
}

/**
 * Candidate rows in ours' order (removed base rows where they were), then the rows only
 * theirs added. A row deleted on one side is kept, as a pending conflict, when the other
 * side edited it.
 */
function candidateRows(m: Matched): { rows: CandidateRows; pending: PendingRow[] } {
  const { alOurs, bt, ot, cols } = m
  const { alignedA: oBase, alignedB: oRow } = alOurs
  const rows: CandidateRows = {
    base: new Int32Array(oBase.length),
    ours: new Int32Array(oBase.length),
    theirs: new Int32Array(oBase.length),
    count: 0,
  }
  const goneTheirs: number[] = []
  const goneOurs: number[] = []
  for (let k = 0; k < oBase.length; k++) {
    const b = oBase[k]!
    if (b < 0) continue
    const o = oRow[k]!
    const t = bt.ofA[b]!
    if (o >= 0 && t < 0) goneTheirs.push(k)
    else if (o < 0 && t >= 0) goneOurs.push(k)
  }
  const baseRowsOf = (gone: number[]): Int32Array => Int32Array.from(gone, (k) => oBase[k]!)
  const editedByOurs = editedRows(
    cols,
    OURS,
    baseRowsOf(goneTheirs),
    Int32Array.from(goneTheirs, (k) => oRow[k]!),
  )
  const editedByTheirs = editedRows(
    cols,
    THEIRS,
    baseRowsOf(goneOurs),
    Int32Array.from(goneOurs, (k) => bt.ofA[oBase[k]!]!),
  )
  const pending: PendingRow[] = []
  let nextGoneTheirs = 0
  let nextGoneOurs = 0
  for (let k = 0; k < oBase.length; k++) {
    const b = oBase[k]!
    const o = oRow[k]!
    if (b < 0) {
      pushRow(rows, -1, o, ot.ofA[o]!)
      continue
    }
    const t = bt.ofA[b]!
    if (o >= 0 && t >= 0) pushRow(rows, b, o, t)
    else if (o >= 0) {
      if (editedByOurs[nextGoneTheirs++] === 1) {
        pending.push({ row: rows.count, deletedBy: THEIRS })
        pushRow(rows, b, o, -1)
      }
    } else if (t >= 0 && editedByTheirs[nextGoneOurs++] === 1) {
      pending.push({ row: rows.count, deletedBy: OURS })
      pushRow(rows, b, -1, t)
    }
  }
  const theirsOnly: number[] = []
  for (let t = 0; t < bt.ofB.length; t++) if (bt.ofB[t]! < 0 && ot.ofB[t]! < 0) theirsOnly.push(t)
  return { rows: insertTheirsOnly(theirsOnly, m.keys, rows, pending), pending }
}

/** The conflicts of one merge, numbered c1, c2, ... in the order they are found. */
class ConflictLog {
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

/** Columns by name, ours' order then those only theirs has, each with a mode (or a conflict). */
function planColumns(m: Matched, plan: MergePlan, log: ConflictLog): void {
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

/**
 * Cells of the merged columns: only candidate rows where ours and theirs differ need the
 * base, compared by the kernels. A change on theirs only becomes an override; a change on
 * both sides a conflict.
 */
function mergeCells(m: Matched, sides: SideMask, plan: MergePlan, log: ConflictLog): void {
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

/**
 * Put rows only theirs added among the candidates: in key order when every table is sorted
 * by key (the candidates then are too), else after them.
 */
function insertTheirsOnly(
  theirsOnly: number[],
  [kBase, kOurs, kTheirs]: Matched['keys'],
  rows: CandidateRows,
  pending: { row: number }[],
): CandidateRows {
  if (theirsOnly.length === 0) return rows
  const n = rows.count
  const out: CandidateRows = {
    base: new Int32Array(n + theirsOnly.length),
    ours: new Int32Array(n + theirsOnly.length),
    theirs: new Int32Array(n + theirsOnly.length),
    count: 0,
  }
  const sorted = kBase.sorted && kOurs.sorted && kTheirs.sorted
  const moved = new Int32Array(n)
  // theirs row t sorts before candidate c
  const before = (t: number, c: number): boolean => {
    const o = rows.ours[c]!
    return (
      (o >= 0 ? compareKeys(kTheirs, t, kOurs, o) : compareKeys(kTheirs, t, kBase, rows.base[c]!)) <
      0
    )
  }
  let j = 0
  let i = 0
  while (i < n) {
    // The candidates up to the next insertion point (binary search: candidates are in key order).
    let end = n
    if (sorted && j < theirsOnly.length) {
      let lo = i
      let hi = n
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (before(theirsOnly[j]!, mid)) hi = mid
        else lo = mid + 1
      }
      end = lo
    }
    out.base.set(rows.base.subarray(i, end), out.count)
    out.ours.set(rows.ours.subarray(i, end), out.count)
    out.theirs.set(rows.theirs.subarray(i, end), out.count)
    for (let x = i; x < end; x++) moved[x] = out.count + x - i
    out.count += end - i
    i = end
    if (i < n) pushRow(out, -1, -1, theirsOnly[j++]!)
  }
  for (; j < theirsOnly.length; j++) pushRow(out, -1, -1, theirsOnly[j]!)
  for (const p of pending) p.row = moved[p.row]!
  return out
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

function buildTable(
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
