// Column-level changes between two tables, and which columns are compared cell by cell:
// every column present in both (by name, or renamed when that is unambiguous). A rename
// is claimed only when exactly one removed and one added column share a type and most
// matched rows agree on their values; anything less is a removal plus an addition.
import type { Field, Table } from 'apache-arrow'

import { columnOf } from './columns'
import { compareColumn, type PairRuns } from './compare'
import type { Alignment } from './keys'
import type { MapChange, SchemaChange, StringMap } from './types'

export interface ComparedColumn {
  /** Name in b. */
  name: string
  /** Name in a (differs when renamed). */
  nameA: string
  /** Bit in the per-row change mask. */
  bit: number
  isKey: boolean
  typeChanged: boolean
}

interface ColumnPlan {
  compared: ComparedColumn[]
  changes: SchemaChange[]
}

export function planColumns(
  a: Table,
  b: Table,
  alignment: Alignment,
  runs: PairRuns,
  keyColumns: readonly string[],
): ColumnPlan {
  const fieldsA = new Map(a.schema.fields.map((f) => [f.name, f]))
  const fieldsB = new Map(b.schema.fields.map((f) => [f.name, f]))
  const removed = a.schema.fields.filter((f) => !fieldsB.has(f.name))
  const added = b.schema.fields.filter((f) => !fieldsA.has(f.name))
  const renamedTo = findRenames(a, b, removed, added, alignment, runs)
  const renamedFrom = new Map([...renamedTo].map(([from, to]) => [to, from]))

  const changes: SchemaChange[] = []
  for (const f of removed) {
    const to = renamedTo.get(f.name)
    if (to !== undefined)
      changes.push({ kind: 'column_renamed', from: f.name, to, type: String(f.type) })
    else changes.push({ kind: 'column_removed', column: f.name, type: String(f.type) })
  }
  for (const f of added) {
    if (!renamedFrom.has(f.name))
      changes.push({ kind: 'column_added', column: f.name, type: String(f.type) })
  }
  const compared: ComparedColumn[] = []
  for (const fb of b.schema.fields) {
    const nameA = renamedFrom.get(fb.name) ?? fb.name
    const fa = fieldsA.get(nameA)
    if (!fa) continue
    const typeChanged = String(fa.type) !== String(fb.type)
    if (typeChanged)
      changes.push({
        kind: 'type_changed',
        column: fb.name,
        from: String(fa.type),
        to: String(fb.type),
      })
    if (fa.nullable !== fb.nullable) {
      changes.push({
        kind: 'nullability_changed',
        column: fb.name,
        from: fa.nullable,
        to: fb.nullable,
      })
    }
    compared.push({
      name: fb.name,
      nameA,
      bit: compared.length,
      isKey: keyColumns.includes(fb.name),
      typeChanged,
    })
  }
  const orderA = a.schema.fields
    .map((f) => renamedTo.get(f.name) ?? f.name)
    .filter((n) => compared.some((c) => c.name === n))
  const orderB = compared.map((c) => c.name)
  if (orderA.some((n, i) => n !== orderB[i]))
    changes.push({ kind: 'columns_reordered', from: orderA, to: orderB })
  return { compared, changes }
}

function findRenames(
  a: Table,
  b: Table,
  removed: Field[],
  added: Field[],
  alignment: Alignment,
  runs: PairRuns,
): Map<string, string> {
  const renames = new Map<string, string>()
  const byType = (fields: Field[]): Map<string, Field[]> => {
    const m = new Map<string, Field[]>()
    for (const f of fields) m.set(String(f.type), [...(m.get(String(f.type)) ?? []), f])
    return m
  }
  const removedByType = byType(removed)
  const addedByType = byType(added)
  let matched = 0
  for (let r = 0; r < runs.count; r++) matched += runs.len[r]!
  if (matched === 0) return renames
  for (const [type, from] of removedByType) {
    const to = addedByType.get(type)
    if (from.length !== 1 || to?.length !== 1) continue
    const mask = new Uint32Array(alignment.alignedA.length)
    const differing = compareColumn(
      columnOf(a.getChild(from[0]!.name)!),
      columnOf(b.getChild(to[0]!.name)!),
      runs,
      { mask, words: 1, bit: 0 },
    )
    if (differing * 2 <= matched) renames.set(from[0]!.name, to[0]!.name)
  }
  return renames
}

function entries(map: StringMap): Map<string, string> {
  return map instanceof Map ? new Map(map) : new Map(Object.entries(map as Record<string, string>))
}

/** Added, removed and changed keys of two header or key-value metadata maps, sorted by key. */
export function diffStringMaps(a: StringMap, b: StringMap): MapChange[] {
  const x = entries(a)
  const y = entries(b)
  const keys = [...new Set([...x.keys(), ...y.keys()])].sort()
  const out: MapChange[] = []
  for (const key of keys) {
    const old = x.get(key)
    const now = y.get(key)
    if (old === undefined) out.push({ key, change: 'added', old: null, new: now! })
    else if (now === undefined) out.push({ key, change: 'removed', old, new: null })
    else if (old !== now) out.push({ key, change: 'changed', old, new: now })
  }
  return out
}
