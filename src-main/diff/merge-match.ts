// Matching the three tables of a merge by key: base against ours, base against theirs and
// ours against theirs, each once, with duplicate keys refused (a row is never paired by
// guess), and ours against theirs compared cell by cell, so that later steps consult the
// base only where the two sides differ.
import type { Table } from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import { columnOf, type Column } from './columns'
import { compareColumn, pairRuns } from './compare'
import { alignByKey, encodeKeys, type Alignment, type KeyWords } from './keys'
import { OURS, THEIRS, type Columns } from './merge-plan'

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

/** Row maps of one alignment (see partners). */
type Partners = ReturnType<typeof partners>

/** The three tables matched by key: what every step of a merge reads. */
export interface Matched {
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

export function matchTables(tables: [Table, Table, Table], keyColumns: readonly string[]): Matched {
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
export interface SideMask {
  shared: string[]
  words: number
  mask: Uint32Array
}

export function compareSides({ tables, cols, alSides }: Matched): SideMask {
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
