// Three-way merge of two edits of one table by key (issue 4; DESIGN.md 4: sync conflicts).
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
import { Field, Schema, Table, makeVector, vectorFromArray, type DataType, type Data, type Vector } from 'apache-arrow'

import { BadInputError, MergeConflictError } from '../../shared/errors'
import { cellValue, columnOf, gatherColumn, isValid, type Column, type GatherPlan } from './columns'
import { compareColumn, pairRuns } from './compare'
import { alignByKey, compareKeys, encodeKeys, type Alignment, type KeyWords } from './keys'
import type { Conflict, MergeOptions, Resolution } from './types'
import { jsonValue, valuesEqual } from './values'

const BASE = 0
const OURS = 1
const THEIRS = 2
const LITERAL = 3

type Side = typeof OURS | typeof THEIRS
type ColumnMode = 'merge' | 'ours' | 'theirs' | 'drop'

interface PlannedColumn {
  name: string
  mode: ColumnMode
  /** Fields on each side (null where the column is absent). */
  fields: [Field | null, Field | null, Field | null]
  /** Rows (candidate-row indexed) and their source table. */
  plan: GatherPlan | null
  schemaConflict: string | null
}

interface CellConflictRef {
  column: number
  row: number
}

interface MergePlan {
  tables: [Table, Table, Table]
  keyColumns: readonly string[]
  /** Candidate output rows: the row of base / ours / theirs each comes from (-1: none). */
  rowBase: Int32Array
  rowOurs: Int32Array
  rowTheirs: Int32Array
  columns: PlannedColumn[]
  cellConflicts: Map<string, CellConflictRef>
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

/** Rows of `kw` at `rows`, as their own key words (to match the rows two sides added). */
function subsetKeys(kw: KeyWords, rows: Int32Array): KeyWords {
  const w = kw.width
  const words = new Uint32Array(rows.length * w)
  for (let i = 0; i < rows.length; i++) words.set(kw.words.subarray(rows[i]! * w, rows[i]! * w + w), i * w)
  const sub: KeyWords = { words, width: w, rows: rows.length, sorted: false, strict: false }
  let sorted = true
  let strict = true
  for (let i = 1; i < rows.length; i++) {
    const c = compareKeys(sub, i - 1, sub, i)
    if (c > 0) sorted = false
    if (c >= 0) strict = false
  }
  sub.sorted = sorted
  sub.strict = sorted && strict
  return sub
}

function assertNoDuplicates(alignment: Alignment, where: [string, string], keyColumns: readonly string[]): void {
  const group = alignment.duplicates[0]
  if (!group) return
  const side = group.rowsA.length > 1 ? where[0] : where[1]
  const rows = group.rowsA.length > 1 ? group.rowsA : group.rowsB
  throw new BadInputError(
    `Cannot merge: ${side} has ${rows.length} rows with one key (${keyColumns.join(', ')}) at rows ${rows.slice(0, 5).join(', ')}. Make the key unique in ${side}, then merge again.`,
    { table: side, rows },
  )
}

interface SideDiff {
  alignment: Alignment
  /** Per base row: the row of this side, and the aligned index of the pair. */
  rowOfBase: Int32Array
  pairOfBase: Int32Array
  /** Per row of this side: its base row or -1 (added). */
  baseOfRow: Int32Array
  mask: Uint32Array
  maskWords: number
  /** Bit per base column name (columns the side shares with base). */
  bits: Map<string, number>
  changedCells: Map<string, number>
}

function diffSide(base: Table, side: Table, kBase: KeyWords, kSide: KeyWords, name: string, keyColumns: readonly string[]): SideDiff {
  const alignment = alignByKey(kBase, kSide)
  assertNoDuplicates(alignment, ['base', name], keyColumns)
  const { alignedA, alignedB } = alignment
  const rowOfBase = new Int32Array(base.numRows).fill(-1)
  const pairOfBase = new Int32Array(base.numRows).fill(-1)
  const baseOfRow = new Int32Array(side.numRows).fill(-1)
  for (let k = 0; k < alignedA.length; k++) {
    const ra = alignedA[k]!
    const rb = alignedB[k]!
    if (ra >= 0) {
      rowOfBase[ra] = rb
      pairOfBase[ra] = k
    }
    if (rb >= 0) baseOfRow[rb] = ra
  }
  const shared = base.schema.fields.filter((f) => side.schema.fields.some((g) => g.name === f.name))
  const maskWords = Math.max(1, Math.ceil(shared.length / 32))
  const mask = new Uint32Array(alignedA.length * maskWords)
  const runs = pairRuns(alignedA, alignedB)
  const bits = new Map<string, number>()
  const changedCells = new Map<string, number>()
  shared.forEach((f, bit) => {
    bits.set(f.name, bit)
    if (keyColumns.includes(f.name) && String(f.type) === String(side.schema.fields.find((g) => g.name === f.name)!.type)) {
      changedCells.set(f.name, 0)
      return
    }
    const n = compareColumn(columnOf(base.getChild(f.name)!), columnOf(side.getChild(f.name)!), runs, { mask, words: maskWords, bit })
    changedCells.set(f.name, n)
  })
  return { alignment, rowOfBase, pairOfBase, baseOfRow, mask, maskWords, bits, changedCells }
}

function bitSet(d: SideDiff, k: number, bit: number): boolean {
  return (d.mask[k * d.maskWords + (bit >>> 5)]! & (1 << (bit & 31))) !== 0
}

function rowEdited(d: SideDiff, k: number): boolean {
  for (let w = 0; w < d.maskWords; w++) if (d.mask[k * d.maskWords + w] !== 0) return true
  return false
}

export function mergeTables(base: Table, ours: Table, theirs: Table, options: MergeOptions): MergeResult {
  const keyColumns = options.keyColumns
  if (keyColumns.length === 0) {
    throw new BadInputError('A three-way merge needs key columns to match rows; none were given. Pass --key or the table name.')
  }
  const tables: [Table, Table, Table] = [base, ours, theirs]
  const [kBase, kOurs, kTheirs] = encodeKeys(tables, keyColumns, ['base', 'ours', 'theirs']) as [KeyWords, KeyWords, KeyWords]
  const dOurs = diffSide(base, ours, kBase, kOurs, 'ours', keyColumns)
  const dTheirs = diffSide(base, theirs, kBase, kTheirs, 'theirs', keyColumns)

  // Rows both sides added under one key.
  const addedOurs = Int32Array.from(indicesWhere(dOurs.baseOfRow, (b) => b < 0))
  const addedTheirs = Int32Array.from(indicesWhere(dTheirs.baseOfRow, (b) => b < 0))
  const bothAdded = alignByKey(subsetKeys(kOurs, addedOurs), subsetKeys(kTheirs, addedTheirs))
  const theirsOfAddedOurs = new Int32Array(ours.numRows).fill(-1)
  const oursOfAddedTheirs = new Int32Array(theirs.numRows).fill(-1)
  for (let k = 0; k < bothAdded.alignedA.length; k++) {
    const i = bothAdded.alignedA[k]!
    const j = bothAdded.alignedB[k]!
    if (i >= 0 && j >= 0) {
      theirsOfAddedOurs[addedOurs[i]!] = addedTheirs[j]!
      oursOfAddedTheirs[addedTheirs[j]!] = addedOurs[i]!
    }
  }

  const conflicts: Conflict[] = []
  const nextId = (): string => `c${conflicts.length + 1}`
  const cols = tables.map(columnsOf) as [Map<string, Column>, Map<string, Column>, Map<string, Column>]

  // Candidate rows, in ours' order (removed base rows where they were).
  const { alignedA: oBase, alignedB: oRow } = dOurs.alignment
  const theirsOnly = Array.from(addedTheirs).filter((t) => oursOfAddedTheirs[t]! < 0)
  let rows: CandidateRows = {
    base: new Int32Array(oBase.length),
    ours: new Int32Array(oBase.length),
    theirs: new Int32Array(oBase.length),
    count: 0,
  }
  const pending: { row: number; deletedBy: Side }[] = []
  for (let k = 0; k < oBase.length; k++) {
    const b = oBase[k]!
    const o = oRow[k]!
    if (b >= 0) {
      const t = dTheirs.rowOfBase[b]!
      if (o >= 0 && t >= 0) pushRow(rows, b, o, t)
      else if (o >= 0 && t < 0 && rowEdited(dOurs, k)) {
        pending.push({ row: rows.count, deletedBy: THEIRS })
        pushRow(rows, b, o, -1)
      } else if (o < 0 && t >= 0 && rowEdited(dTheirs, dTheirs.pairOfBase[b]!)) {
        pending.push({ row: rows.count, deletedBy: OURS })
        pushRow(rows, b, -1, t)
      }
    } else {
      pushRow(rows, -1, o, theirsOfAddedOurs[o]!)
    }
  }
  rows = insertTheirsOnly(theirsOnly, kBase, kOurs, kTheirs, rows, pending)
  const rowConflicts = new Map<string, { row: number; deletedBy: Side }>()
  const plan: MergePlan = {
    tables,
    keyColumns,
    rowBase: rows.base.subarray(0, rows.count),
    rowOurs: rows.ours.subarray(0, rows.count),
    rowTheirs: rows.theirs.subarray(0, rows.count),
    columns: [],
    cellConflicts: new Map(),
    rowConflicts,
    schemaConflicts: new Map(),
  }
  const keyOf = (row: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    const [side, r] = plan.rowOurs[row]! >= 0 ? [OURS, plan.rowOurs[row]!] : plan.rowTheirs[row]! >= 0 ? [THEIRS, plan.rowTheirs[row]!] : [BASE, plan.rowBase[row]!]
    for (const c of keyColumns) out[c] = cellValue(cols[side]!.get(c)!, r)
    return out
  }
  const rowsOf = (row: number): Conflict['rows'] => ({
    base: nonNegative(plan.rowBase[row]!),
    ours: nonNegative(plan.rowOurs[row]!),
    theirs: nonNegative(plan.rowTheirs[row]!),
  })

  for (const p of pending) {
    const id = nextId()
    rowConflicts.set(id, p)
    const rowObject = (side: number, r: number): Record<string, unknown> | null => {
      if (r < 0) return null
      const out: Record<string, unknown> = {}
      for (const [name, col] of cols[side]!) out[name] = cellValue(col, r)
      return out
    }
    const deleter = p.deletedBy === OURS ? 'ours' : 'theirs'
    const editor = p.deletedBy === OURS ? 'theirs' : 'ours'
    const key = keyOf(p.row)
    conflicts.push({
      id,
      kind: 'delete_edit',
      key,
      column: null,
      base: rowObject(BASE, plan.rowBase[p.row]!),
      ours: rowObject(OURS, plan.rowOurs[p.row]!),
      theirs: rowObject(THEIRS, plan.rowTheirs[p.row]!),
      rows: rowsOf(p.row),
      deletedBy: deleter,
      message: `Row ${describeKey(key)} was deleted by ${deleter} and edited by ${editor}. Resolve with 'ours' or 'theirs' (whose version of the row stays).`,
    })
  }

  // Columns by name: ours' order, then columns only theirs has.
  const names = [...ours.schema.fields.map((f) => f.name)]
  for (const f of theirs.schema.fields) if (!names.includes(f.name)) names.push(f.name)
  for (const name of names) {
    const fields = tables.map((t) => t.schema.fields.find((f) => f.name === name) ?? null) as PlannedColumn['fields']
    const decision = decideColumn(name, fields, dOurs, dTheirs, cols, addedOurs, addedTheirs)
    const planned: PlannedColumn = { name, mode: decision.mode, fields, plan: null, schemaConflict: null }
    if (decision.conflict) {
      const id = nextId()
      planned.schemaConflict = id
      plan.schemaConflicts.set(id, plan.columns.length)
      conflicts.push({
        id,
        kind: 'schema',
        key: null,
        column: name,
        base: fields[BASE] ? String(fields[BASE].type) : null,
        ours: fields[OURS] ? String(fields[OURS].type) : null,
        theirs: fields[THEIRS] ? String(fields[THEIRS].type) : null,
        rows: { base: null, ours: null, theirs: null },
        message: `Column "${name}": ${decision.conflict}. Resolve with 'ours' or 'theirs' (whose version of the column stays).`,
      })
    }
    if (planned.mode !== 'drop') {
      planned.plan =
        planned.mode === 'merge'
          ? mergeCells(name, plan, dOurs, dTheirs, cols, (row, kind, values) => {
              const id = nextId()
              plan.cellConflicts.set(id, { column: plan.columns.length, row })
              const key = keyOf(row)
              conflicts.push({
                id,
                kind,
                key,
                column: name,
                base: values[BASE],
                ours: values[OURS],
                theirs: values[THEIRS],
                rows: rowsOf(row),
                message: `${describeKey(key)}, column "${name}": ours set ${show(values[OURS])}, theirs set ${show(values[THEIRS])}${kind === 'cell' ? ` (base ${show(values[BASE])})` : ''}. Resolve with 'ours', 'theirs' or a value.`,
              })
            })
          : sidePlan(planned.mode === 'ours' ? OURS : THEIRS, plan)
    }
    plan.columns.push(planned)
  }
  return new MergeResult(conflicts.length === 0 ? buildTable(plan, new Set(), new Map()) : null, conflicts, plan)
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

function indicesWhere(xs: Int32Array, keep: (x: number) => boolean): number[] {
  const out: number[] = []
  for (let i = 0; i < xs.length; i++) if (keep(xs[i]!)) out.push(i)
  return out
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

/**
 * Put rows only theirs added among the candidates: in key order when every table is sorted
 * by key (the candidates then are too), else after them.
 */
function insertTheirsOnly(
  theirsOnly: number[],
  kBase: KeyWords,
  kOurs: KeyWords,
  kTheirs: KeyWords,
  rows: CandidateRows,
  pending: { row: number }[],
): CandidateRows {
  const n = rows.count
  const out: CandidateRows = {
    base: new Int32Array(n + theirsOnly.length),
    ours: new Int32Array(n + theirsOnly.length),
    theirs: new Int32Array(n + theirsOnly.length),
    count: 0,
  }
  const sorted = kBase.sorted && kOurs.sorted && kTheirs.sorted
  const moved = new Int32Array(n)
  let j = 0
  for (let i = 0; i < n; i++) {
    const o = rows.ours[i]!
    const [kw, r] = o >= 0 ? [kOurs, o] : [kBase, rows.base[i]!]
    while (sorted && j < theirsOnly.length && compareKeys(kTheirs, theirsOnly[j]!, kw, r) < 0) pushRow(out, -1, -1, theirsOnly[j++]!)
    moved[i] = out.count
    pushRow(out, rows.base[i]!, o, rows.theirs[i]!)
  }
  for (; j < theirsOnly.length; j++) pushRow(out, -1, -1, theirsOnly[j]!)
  for (const p of pending) p.row = moved[p.row]!
  return out
}

interface ColumnDecision {
  mode: ColumnMode
  conflict: string | null
}

/** Whether a side edited column `name`: changed a cell, its type, or gave an added row a value. */
function touched(
  name: string,
  side: Side,
  fields: PlannedColumn['fields'],
  d: SideDiff,
  cols: [Map<string, Column>, Map<string, Column>, Map<string, Column>],
  added: Int32Array,
): boolean {
  const field = fields[side]
  if (!field) return false
  if (!fields[BASE]) return true
  if (String(field.type) !== String(fields[BASE].type)) return true
  if ((d.changedCells.get(name) ?? 0) > 0) return true
  const col = cols[side].get(name)!
  for (const r of added) if (isValid(col, r)) return true
  return false
}

function decideColumn(
  name: string,
  fields: PlannedColumn['fields'],
  dOurs: SideDiff,
  dTheirs: SideDiff,
  cols: [Map<string, Column>, Map<string, Column>, Map<string, Column>],
  addedOurs: Int32Array,
  addedTheirs: Int32Array,
): ColumnDecision {
  const [b, o, t] = fields
  const type = (f: Field | null): string | null => (f ? String(f.type) : null)
  const oursTouched = touched(name, OURS, fields, dOurs, cols, addedOurs)
  const theirsTouched = touched(name, THEIRS, fields, dTheirs, cols, addedTheirs)
  if (o && t) {
    if (type(o) === type(t)) return { mode: 'merge', conflict: null }
    const oursRetyped = type(o) !== type(b)
    const theirsRetyped = type(t) !== type(b)
    if (oursRetyped && !theirsTouched) return { mode: 'ours', conflict: null }
    if (theirsRetyped && !oursTouched) return { mode: 'theirs', conflict: null }
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
    return oursTouched ? { mode: 'ours', conflict: 'theirs removed it while ours edited it' } : { mode: 'drop', conflict: null }
  }
  if (t && !o) {
    if (!b) return { mode: 'theirs', conflict: null }
    return theirsTouched ? { mode: 'theirs', conflict: 'ours removed it while theirs edited it' } : { mode: 'drop', conflict: null }
  }
  return { mode: 'drop', conflict: null }
}

/** Every candidate row from one side's version of the column (null where that side has no row). */
function sidePlan(side: Side, plan: MergePlan): GatherPlan {
  const rows = side === OURS ? plan.rowOurs : plan.rowTheirs
  return { source: new Uint8Array(rows.length).fill(side), rows: rows.slice() }
}

function mergeCells(
  name: string,
  plan: MergePlan,
  dOurs: SideDiff,
  dTheirs: SideDiff,
  cols: [Map<string, Column>, Map<string, Column>, Map<string, Column>],
  conflict: (row: number, kind: 'cell' | 'add_add', values: [unknown, unknown, unknown]) => void,
): GatherPlan {
  const n = plan.rowBase.length
  const source = new Uint8Array(n)
  const rows = new Int32Array(n)
  const colB = cols[BASE].get(name)
  const colO = cols[OURS].get(name)!
  const colT = cols[THEIRS].get(name)!
  const bitO = dOurs.bits.get(name)
  const bitT = dTheirs.bits.get(name)
  const { rowBase, rowOurs, rowTheirs } = plan
  for (let i = 0; i < n; i++) {
    const b = rowBase[i]!
    const o = rowOurs[i]!
    const t = rowTheirs[i]!
    if (o < 0 || t < 0) {
      source[i] = o >= 0 ? OURS : THEIRS
      rows[i] = o >= 0 ? o : t
      continue
    }
    source[i] = OURS
    rows[i] = o
    let changedO: boolean
    let changedT: boolean
    if (b >= 0 && colB && bitO !== undefined && bitT !== undefined) {
      changedO = bitSet(dOurs, dOurs.pairOfBase[b]!, bitO)
      changedT = bitSet(dTheirs, dTheirs.pairOfBase[b]!, bitT)
    } else {
      // Both added the row (or the column): a cell left null takes the other side's value.
      changedO = isValid(colO, o)
      changedT = isValid(colT, t)
    }
    if (!changedT) continue
    if (!changedO) {
      source[i] = THEIRS
      rows[i] = t
      continue
    }
    const vo = cellValue(colO, o)
    const vt = cellValue(colT, t)
    if (valuesEqual(vo, vt)) continue
    conflict(i, b >= 0 && colB ? 'cell' : 'add_add', [b >= 0 && colB ? cellValue(colB, b) : null, vo, vt])
  }
  return { source, rows }
}

function buildTable(plan: MergePlan, removedRows: Set<number>, literals: Map<number, { rows: Map<number, unknown> }>): Table {
  const n = plan.rowBase.length
  const keep = new Int32Array(n - removedRows.size)
  let m = 0
  for (let i = 0; i < n; i++) if (!removedRows.has(i)) keep[m++] = i
  const fields: Field[] = []
  const vectors: Record<string, Vector> = {}
  plan.columns.forEach((pc, index) => {
    if (pc.mode === 'drop' || !pc.plan) return
    const field = pc.mode === 'theirs' ? pc.fields[THEIRS]! : pc.fields[OURS]!
    const sources: Column[] = plan.tables.map((t) => {
      const v = t.getChild(pc.name)
      return v && String(v.type) === String(field.type) ? columnOf(v) : emptyColumn(field.type)
    })
    const src = pc.plan
    const source = new Uint8Array(m)
    const rows = new Int32Array(m)
    const literal = literals.get(index)
    const literalValues: unknown[] = []
    for (let i = 0; i < m; i++) {
      const from = keep[i]!
      if (literal?.rows.has(from)) {
        source[i] = LITERAL
        rows[i] = literalValues.length
        literalValues.push(literal.rows.get(from))
        continue
      }
      source[i] = src.source[from]!
      const col = sources[source[i]!]!
      rows[i] = col.length === 0 ? -1 : src.rows[from]!
    }
    if (literalValues.length > 0) {
      try {
        sources.push(columnOf(vectorFromArray(literalValues, field.type)))
      } catch (e) {
        throw new BadInputError(
          `A value given to resolve column "${pc.name}" does not fit its type ${String(field.type)}.`,
          { column: pc.name },
          { cause: e },
        )
      }
    }
    const data = gatherColumn(field.type, sources, { source, rows })
    const vector = makeVector(data as Data[])
    fields.push(vector.nullCount > 0 && !field.nullable ? new Field(field.name, field.type, true, field.metadata) : field)
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
export function resolveConflicts(result: MergeResult, resolutions: Readonly<Record<string, Resolution>>): Table {
  const plan = result.plan
  const known = new Set(result.conflicts.map((c) => c.id))
  const unknown = Object.keys(resolutions).filter((id) => !known.has(id))
  if (unknown.length > 0) {
    throw new BadInputError(`No conflict has id ${unknown.map((x) => `"${x}"`).join(', ')}; ids are ${[...known].join(', ')}.`, {
      unknown,
    })
  }
  const open = result.conflicts.filter((c) => resolutions[c.id] === undefined)
  if (open.length > 0) {
    throw new MergeConflictError(
      `${open.length} of ${result.conflicts.length} conflicts have no resolution (${open
        .slice(0, 5)
        .map((c) => c.id)
        .join(', ')}${open.length > 5 ? ', ...' : ''}). Nothing was merged; resolve each as 'ours', 'theirs' or a value.`,
      { unresolved: open.map((c) => c.id) },
    )
  }
  const columns: PlannedColumn[] = plan.columns.map((pc) => ({
    ...pc,
    plan: pc.plan ? { source: pc.plan.source.slice(), rows: pc.plan.rows.slice() } : null,
  }))
  const removed = new Set<number>()
  const literals = new Map<number, { rows: Map<number, unknown> }>()
  for (const c of result.conflicts) {
    const r = resolutions[c.id]!
    const side = r === 'ours' ? OURS : r === 'theirs' ? THEIRS : null
    if (c.kind === 'cell' || c.kind === 'add_add') {
      const ref = plan.cellConflicts.get(c.id)!
      const pc = columns[ref.column]!
      if (side === null) {
        const entry = literals.get(ref.column) ?? { rows: new Map() }
        entry.rows.set(ref.row, (r as { value: unknown }).value)
        literals.set(ref.column, entry)
      } else {
        pc.plan!.source[ref.row] = side
        pc.plan!.rows[ref.row] = side === OURS ? plan.rowOurs[ref.row]! : plan.rowTheirs[ref.row]!
      }
      continue
    }
    if (side === null) {
      throw new BadInputError(`Conflict ${c.id} (${c.kind}) is resolved by choosing 'ours' or 'theirs', not a value.`, {
        id: c.id,
      })
    }
    if (c.kind === 'delete_edit') {
      const ref = plan.rowConflicts.get(c.id)!
      if (ref.deletedBy === side) removed.add(ref.row)
      continue
    }
    const index = plan.schemaConflicts.get(c.id)!
    const pc = columns[index]!
    if (!pc.fields[side]) pc.mode = 'drop'
    else {
      pc.mode = side === OURS ? 'ours' : 'theirs'
      pc.plan = sidePlan(side, plan)
    }
  }
  return buildTable({ ...plan, columns }, removed, literals)
}
