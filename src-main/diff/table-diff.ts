// diffTables: the keyed row and cell diff of two Arrow tables. The result is
// compact: the aligned row pairs and one change-mask word per row and 32 columns, all typed
// arrays, plus the summary, computed at once. Rows are made into JS objects only when asked
// for (page, rows, row), so the first 100 changes of a 1M-row diff cost 100 rows.
import type { Table } from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import { cellValue, columnOf, type Column } from './columns'
import { compareColumn, pairRuns, type PairRuns } from './compare'
import { depthEvents } from './depth'
import { alignByKey, alignByPosition, encodeKeys, type Alignment } from './keys'
import { diffStringMaps, planColumns, type ComparedColumn } from './schema-diff'
import type {
  CellChange,
  DepthEvent,
  DiffOptions,
  DiffRow,
  DiffSummary,
  DuplicateKey,
  MapChange,
  RowChange,
  SchemaChange,
} from './types'

export class DiffResult {
  /** How rows were paired: by the key columns, or by position when there are none. */
  readonly matchedBy: 'key' | 'position'
  readonly keyColumns: readonly string[]
  /** Columns compared cell by cell (present in both), in b's order. */
  readonly columns: readonly ComparedColumn[]
  readonly summary: DiffSummary
  readonly schemaChanges: readonly SchemaChange[]
  readonly headerChanges: readonly MapChange[]
  readonly metadataChanges: readonly MapChange[]
  readonly duplicateKeys: readonly DuplicateKey[]
  /** Depth-aware events (borelogs); empty unless `depthAware` was given. */
  readonly depthEvents: readonly DepthEvent[]
  /** Rows of the aligned diff: every row of b, plus each removed row of a where it was. */
  readonly rowCount: number
  /** Aligned indices of the rows that are not unchanged, ascending. */
  readonly changes: Int32Array
  readonly a: Table
  readonly b: Table
  /** Row of a / b at each aligned index, -1 where that side has none. */
  readonly alignedA: Int32Array
  readonly alignedB: Int32Array
  /** Per aligned row, `maskWords` words: bit `column.bit` set when that cell changed. */
  readonly mask: Uint32Array
  readonly maskWords: number
  readonly duplicateRowsA: ReadonlySet<number>
  readonly duplicateRowsB: ReadonlySet<number>
  private diffRowOfB: Int32Array | null = null
  private diffRowOfA: Int32Array | null = null
  private readonly columnCache = new Map<Table, Map<string, Column>>()

  constructor(init: {
    a: Table
    b: Table
    matchedBy: 'key' | 'position'
    keyColumns: readonly string[]
    columns: readonly ComparedColumn[]
    summary: DiffSummary
    schemaChanges: SchemaChange[]
    headerChanges: MapChange[]
    metadataChanges: MapChange[]
    duplicateKeys: DuplicateKey[]
    depthEvents: DepthEvent[]
    alignment: Alignment
    changes: Int32Array
    mask: Uint32Array
    maskWords: number
  }) {
    this.a = init.a
    this.b = init.b
    this.matchedBy = init.matchedBy
    this.keyColumns = init.keyColumns
    this.columns = init.columns
    this.summary = init.summary
    this.schemaChanges = init.schemaChanges
    this.headerChanges = init.headerChanges
    this.metadataChanges = init.metadataChanges
    this.duplicateKeys = init.duplicateKeys
    this.depthEvents = init.depthEvents
    this.alignedA = init.alignment.alignedA
    this.alignedB = init.alignment.alignedB
    this.duplicateRowsA = init.alignment.duplicateRowsA
    this.duplicateRowsB = init.alignment.duplicateRowsB
    this.rowCount = this.alignedA.length
    this.changes = init.changes
    this.mask = init.mask
    this.maskWords = init.maskWords
  }

  /** Nothing differs: no row, cell, schema, header or metadata change. */
  get isEmpty(): boolean {
    return (
      this.changes.length === 0 &&
      this.schemaChanges.length === 0 &&
      this.headerChanges.length === 0 &&
      this.metadataChanges.length === 0
    )
  }

  /** Changes offset .. offset+limit-1 (in aligned order), materialised. */
  page(offset: number, limit: number): DiffRow[] {
    const out: DiffRow[] = []
    const end = Math.min(this.changes.length, Math.max(0, offset) + Math.max(0, limit))
    for (let i = Math.max(0, offset); i < end; i++) out.push(this.row(this.changes[i]!))
    return out
  }

  /** Aligned rows offset .. offset+limit-1, unchanged ones included (the diff grid). */
  rows(offset: number, limit: number): DiffRow[] {
    const out: DiffRow[] = []
    const end = Math.min(this.rowCount, Math.max(0, offset) + Math.max(0, limit))
    for (let k = Math.max(0, offset); k < end; k++) out.push(this.row(k))
    return out
  }

  /** The first change after aligned row `from` (-1: the first change), or null. */
  nextChange(from: number): number | null {
    const i = this.changeIndexAfter(from)
    return i < this.changes.length ? this.changes[i]! : null
  }

  /** The last change before aligned row `from` (rowCount: the last change), or null. */
  previousChange(from: number): number | null {
    const i = this.changeIndexAfter(from - 1) - 1
    return i >= 0 ? this.changes[i]! : null
  }

  /** How many changes lie at or before aligned row `row` ("change 17 of 12,000"). */
  changesUpTo(row: number): number {
    return this.changeIndexAfter(row)
  }

  /** The aligned row showing row `row` of table a or b. */
  diffRowOf(side: 'a' | 'b', row: number): number | null {
    if (side === 'a') this.diffRowOfA ??= invert(this.alignedA, this.a.numRows)
    else this.diffRowOfB ??= invert(this.alignedB, this.b.numRows)
    const map = side === 'a' ? this.diffRowOfA! : this.diffRowOfB!
    const k = map[row]
    return k === undefined || k < 0 ? null : k
  }

  /** The change status of aligned row k. */
  changeAt(k: number): RowChange {
    const ra = this.alignedA[k]!
    const rb = this.alignedB[k]!
    if (ra < 0) return 'added'
    if (rb < 0) return 'removed'
    for (let w = 0; w < this.maskWords; w++)
      if (this.mask[k * this.maskWords + w] !== 0) return 'changed'
    return 'unchanged'
  }

  /** Whether column `column` (a ComparedColumn) changed at aligned row k. */
  cellChanged(k: number, column: ComparedColumn): boolean {
    return (this.mask[k * this.maskWords + (column.bit >>> 5)]! & (1 << (column.bit & 31))) !== 0
  }

  row(k: number): DiffRow {
    if (!(k >= 0 && k < this.rowCount)) {
      throw new BadInputError(
        `Diff row ${k} does not exist; the diff has ${this.rowCount} rows (0-${this.rowCount - 1}).`,
        {
          row: k,
        },
      )
    }
    const ra = this.alignedA[k]!
    const rb = this.alignedB[k]!
    const change = this.changeAt(k)
    const before = ra >= 0 ? this.rowObject(this.a, ra) : null
    const after = rb >= 0 ? this.rowObject(this.b, rb) : null
    const keySource = after ?? before ?? {}
    const key: Record<string, unknown> = {}
    if (this.matchedBy === 'key') for (const c of this.keyColumns) key[c] = keySource[c]
    const cells: CellChange[] = []
    if (change === 'changed') {
      for (const c of this.columns) {
        if (this.cellChanged(k, c))
          cells.push({ column: c.name, old: before![c.nameA], new: after![c.name] })
      }
    }
    return {
      row: k,
      change,
      rowA: ra >= 0 ? ra : null,
      rowB: rb >= 0 ? rb : null,
      key,
      cells,
      before,
      after,
      duplicateKey:
        (ra >= 0 && this.duplicateRowsA.has(ra)) || (rb >= 0 && this.duplicateRowsB.has(rb)),
    }
  }

  private rowObject(table: Table, row: number): Record<string, unknown> {
    let columns = this.columnCache.get(table)
    if (!columns) {
      columns = new Map(table.schema.fields.map((f) => [f.name, columnOf(table.getChild(f.name)!)]))
      this.columnCache.set(table, columns)
    }
    const out: Record<string, unknown> = {}
    for (const [name, col] of columns) out[name] = cellValue(col, row)
    return out
  }

  private changeIndexAfter(from: number): number {
    let lo = 0
    let hi = this.changes.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.changes[mid]! <= from) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

function invert(aligned: Int32Array, rows: number): Int32Array {
  const out = new Int32Array(rows).fill(-1)
  for (let k = 0; k < aligned.length; k++) if (aligned[k]! >= 0) out[aligned[k]!] = k
  return out
}

function keyValues(
  table: Table,
  row: number,
  keyColumns: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const c of keyColumns) out[c] = cellValue(columnOf(table.getChild(c)!), row)
  return out
}

/** Compare the compared columns over aligned pairs into a fresh mask; per-column counts. */
function compareAligned(
  a: Table,
  b: Table,
  columns: readonly ComparedColumn[],
  rowCount: number,
  runs: PairRuns,
  skipKeys: boolean,
): { mask: Uint32Array; maskWords: number; perColumn: Record<string, number> } {
  const maskWords = Math.max(1, Math.ceil(columns.length / 32))
  const mask = new Uint32Array(rowCount * maskWords)
  const perColumn: Record<string, number> = {}
  for (const c of columns) {
    if (skipKeys && c.isKey && !c.typeChanged) {
      // Paired rows have equal keys by construction (same equality as cells).
      perColumn[c.name] = 0
      continue
    }
    const colA = columnOf(a.getChild(c.nameA)!)
    const colB = columnOf(b.getChild(c.name)!)
    perColumn[c.name] = compareColumn(colA, colB, runs, { mask, words: maskWords, bit: c.bit })
  }
  return { mask, maskWords, perColumn }
}

export function diffTables(a: Table, b: Table, options: DiffOptions = {}): DiffResult {
  return diffAligned(a, b, alignTables(a, b, options.keyColumns ?? []), options)
}

/** Pair the rows of a and b: by key (sorted inputs by a merge, others by a hash join), else by position. */
export function alignTables(a: Table, b: Table, keyColumns: readonly string[]): Alignment {
  if (keyColumns.length === 0) return alignByPosition(a.numRows, b.numRows)
  const [ka, kb] = encodeKeys([a, b], keyColumns, ['a', 'b'])
  return alignByKey(ka!, kb!)
}

/** The diff of a and b, rows paired as `alignment` says. */
export function diffAligned(
  a: Table,
  b: Table,
  alignment: Alignment,
  options: DiffOptions = {},
): DiffResult {
  const keyColumns = options.keyColumns ?? []
  const byKey = keyColumns.length > 0
  const { alignedA, alignedB } = alignment
  const runs = pairRuns(alignedA, alignedB)
  const plan = planColumns(a, b, alignment, runs, byKey ? keyColumns : [])
  const { mask, maskWords, perColumn } = compareAligned(
    a,
    b,
    plan.compared,
    alignedA.length,
    runs,
    byKey,
  )

  let added = 0
  let removed = 0
  let changed = 0
  let matched = 0
  const n = alignedA.length
  const changeList = new Int32Array(n)
  let count = 0
  for (let k = 0; k < n; k++) {
    const ra = alignedA[k]!
    const rb = alignedB[k]!
    if (ra < 0) {
      added++
      changeList[count++] = k
    } else if (rb < 0) {
      removed++
      changeList[count++] = k
    } else {
      matched++
      let any = 0
      for (let w = 0; w < maskWords; w++) any |= mask[k * maskWords + w]!
      if (any !== 0) {
        changed++
        changeList[count++] = k
      }
    }
  }
  const changedCells = Object.values(perColumn).reduce((s, x) => s + x, 0)

  let events: DepthEvent[] = []
  if (options.depthAware) {
    const depth = options.depthAware
    const bits = plan.compared.filter(
      (c) => c.name === depth.topColumn || c.name === depth.baseColumn,
    )
    events = depthEvents(
      {
        a,
        b,
        alignedA,
        alignedB,
        depthMoved: (k) =>
          bits.some((c) => (mask[k * maskWords + (c.bit >>> 5)]! & (1 << (c.bit & 31))) !== 0),
      },
      depth,
    )
  }
  const duplicateKeys: DuplicateKey[] = alignment.duplicates.map((g) => ({
    key:
      g.rowsB.length > 0
        ? keyValues(b, g.rowsB[0]!, keyColumns)
        : keyValues(a, g.rowsA[0]!, keyColumns),
    rowsA: g.rowsA,
    rowsB: g.rowsB,
  }))
  const summary: DiffSummary = {
    added,
    removed,
    changed,
    unchanged: matched - changed,
    changed_cells: changedCells,
    schema_changes: plan.changes,
    perColumn,
    duplicate_keys: duplicateKeys.length,
  }
  return new DiffResult({
    a,
    b,
    matchedBy: byKey ? 'key' : 'position',
    keyColumns: byKey ? [...keyColumns] : [],
    columns: plan.compared,
    summary,
    schemaChanges: plan.changes,
    headerChanges: options.headers ? diffStringMaps(options.headers.a, options.headers.b) : [],
    metadataChanges: options.metadata ? diffStringMaps(options.metadata.a, options.metadata.b) : [],
    duplicateKeys,
    depthEvents: events,
    alignment,
    changes: changeList.slice(0, count),
    mask,
    maskWords,
  })
}
