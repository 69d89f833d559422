// The candidate rows of a merge: ours' rows in ours' order, base rows a side deleted
// (kept only while the other side edited them, as a pending conflict), and the rows only
// theirs added, in key order when every table is sorted by key, else after the others.
import { compareColumn, pairRuns } from './compare'
import { compareKeys } from './keys'
import type { Matched } from './merge-match'
import { BASE, OURS, THEIRS, type Columns, type Side } from './merge-plan'

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

/** A row deleted on one side and edited on the other: candidate row, and who deleted it. */
export interface PendingRow {
  row: number
  deletedBy: Side
}

/**
 * Candidate rows in ours' order (removed base rows where they were), then the rows only
 * theirs added. A row deleted on one side is kept, as a pending conflict, when the other
 * side edited it.
 */
export function candidateRows(m: Matched): { rows: CandidateRows; pending: PendingRow[] } {
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
