// Depth-aware reading of a borelog diff: within one hole, the intervals the keyed
// diff could not pair unchanged (removed, added, or paired with a moved top/base) are
// related by depth overlap. Each interval links to the interval on the other side it
// overlaps most (ties: the shallower one); the links' connected groups are the events:
// 1 -> 1 boundary_moved, 1 -> n split, n -> 1 merged, n -> m rearranged. A group with one
// side only stays a plain removal or addition. Intervals without a positive thickness
// (null or NaN depths, base <= top) overlap nothing and make no event.
import type { Table } from 'apache-arrow'

import { SchemaMismatchError } from '../../shared/errors'
import { cellValue, columnOf, type Column } from './columns'
import type { DepthColumns, DepthEvent, DepthInterval } from './types'

interface Candidate {
  side: 0 | 1
  row: number
  diffRow: number
  top: number
  base: number
}

interface DepthInput {
  a: Table
  b: Table
  alignedA: Int32Array
  alignedB: Int32Array
  /** Whether the paired rows at aligned index k differ in top or base depth. */
  depthMoved: (k: number) => boolean
}

function column(table: Table, name: string, side: string): Column {
  const v = table.getChild(name)
  if (!v) {
    throw new SchemaMismatchError(
      `Depth-aware diff needs column "${name}", which ${side} lacks. Check the depthAware column names.`,
      { column: name, table: side },
    )
  }
  return columnOf(v)
}

function depth(col: Column, row: number): number {
  const v = cellValue(col, row)
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN
}

export function depthEvents(input: DepthInput, columns: DepthColumns): DepthEvent[] {
  const { a, b, alignedA, alignedB } = input
  const cols = [a, b].map((t, i) => {
    const side = i === 0 ? 'a' : 'b'
    return {
      hole: column(t, columns.holeColumn, side),
      top: column(t, columns.topColumn, side),
      base: column(t, columns.baseColumn, side),
    }
  })
  const byHole = new Map<string, Candidate[]>()
  const add = (side: 0 | 1, row: number, diffRow: number): void => {
    const c = cols[side]!
    const top = depth(c.top, row)
    const base = depth(c.base, row)
    if (!(base > top)) return
    const hole = String(cellValue(c.hole, row))
    const list = byHole.get(hole) ?? []
    list.push({ side, row, diffRow, top, base })
    byHole.set(hole, list)
  }
  for (let k = 0; k < alignedA.length; k++) {
    const ra = alignedA[k]!
    const rb = alignedB[k]!
    const paired = ra >= 0 && rb >= 0
    if (paired && !input.depthMoved(k)) continue
    if (ra >= 0) add(0, ra, k)
    if (rb >= 0) add(1, rb, k)
  }
  const events: DepthEvent[] = []
  for (const [hole, candidates] of byHole) events.push(...holeEvents(hole, candidates))
  return events
}

function holeEvents(hole: string, candidates: Candidate[]): DepthEvent[] {
  const sorted = [...candidates].sort((x, y) => x.top - y.top || x.side - y.side || x.row - y.row)
  const n = sorted.length
  const bestOverlap = new Float64Array(n)
  const best = new Int32Array(n).fill(-1)
  // Sweep by top: an interval overlaps exactly the active intervals of the other side
  // whose base lies below its top.
  const active: [number[], number[]] = [[], []]
  const consider = (i: number, j: number): void => {
    const x = sorted[i]!
    const y = sorted[j]!
    const overlap = Math.min(x.base, y.base) - Math.max(x.top, y.top)
    if (overlap <= 0) return
    for (const [p, q] of [
      [i, j],
      [j, i],
    ] as const) {
      const current = best[p]!
      if (
        current === -1 ||
        overlap > bestOverlap[p]! ||
        (overlap === bestOverlap[p]! && sorted[q]!.top < sorted[current]!.top)
      ) {
        best[p] = q
        bestOverlap[p] = overlap
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const x = sorted[i]!
    const other = active[x.side === 0 ? 1 : 0]
    for (let p = other.length - 1; p >= 0; p--) {
      if (sorted[other[p]!]!.base <= x.top) other.splice(p, 1)
    }
    for (const j of other) consider(i, j)
    active[x.side].push(i)
  }
  const parent = Int32Array.from({ length: n }, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!
      i = parent[i]!
    }
    return i
  }
  for (let i = 0; i < n; i++) if (best[i]! >= 0) parent[find(i)] = find(best[i]!)
  const groups = new Map<number, Candidate[]>()
  for (let i = 0; i < n; i++) {
    const root = find(i)
    groups.set(root, [...(groups.get(root) ?? []), sorted[i]!])
  }
  const events: DepthEvent[] = []
  for (const group of groups.values()) {
    const from = group.filter((c) => c.side === 0).map(interval)
    const to = group.filter((c) => c.side === 1).map(interval)
    if (from.length === 0 || to.length === 0) continue
    const kind: DepthEvent['kind'] =
      from.length === 1 && to.length === 1
        ? 'boundary_moved'
        : from.length === 1
          ? 'split'
          : to.length === 1
            ? 'merged'
            : 'rearranged'
    events.push({ kind, hole, from, to })
  }
  return events.sort((x, y) => x.from[0]!.topM - y.from[0]!.topM)
}

function interval(c: Candidate): DepthInterval {
  return { row: c.row, diffRow: c.diffRow, topM: c.top, baseM: c.base }
}
