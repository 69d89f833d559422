// Three-way merge of a record that was saved on both sides: the interval table
// by key through the diff engine, the header property by property here. A merge
// with conflicts yields nothing to save until every conflict has an answer.
// See docs/ARCHITECTURE.md, "Diff and merge".
import type { Table } from 'apache-arrow'

import { BadInputError, MergeConflictError } from '../../shared/errors'
import {
  jsonValue,
  mergeTables,
  resolveConflicts,
  type Conflict,
  type MergeResult,
  type Resolution,
} from '../diff/index'

/** One cell, row, column or header property the two sides changed differently. */
export interface SyncConflict {
  /** Stable for the same three versions: the key of a resolution. */
  id: string
  kind: Conflict['kind'] | 'header'
  /** Key column values of the row (JSON values); null for column and header conflicts. */
  key: Record<string, unknown> | null
  /** The column or header property; null for a whole-row conflict. */
  column: string | null
  base: unknown
  ours: unknown
  theirs: unknown
  message: string
}

export type { Resolution }

export interface MergeSide {
  table: Table
  header: Record<string, string>
}

export interface RecordMerge {
  conflicts: SyncConflict[]
  /** The merged table and header; null while there are conflicts. */
  merged: MergeSide | null
  result: MergeResult
  header: HeaderMerge
}

interface HeaderMerge {
  merged: Record<string, string>
  conflicts: Map<
    string,
    { name: string; base: string | null; ours: string | null; theirs: string | null }
  >
}

const HEADER_PREFIX = 'header:'

function mergeHeaders(
  base: Record<string, string>,
  ours: Record<string, string>,
  theirs: Record<string, string>,
): HeaderMerge {
  const merged: Record<string, string> = {}
  const conflicts: HeaderMerge['conflicts'] = new Map()
  const names = [
    ...new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base)]),
  ].sort()
  for (const name of names) {
    const b = base[name] ?? null
    const o = ours[name] ?? null
    const t = theirs[name] ?? null
    let value: string | null
    if (o === t) value = o
    else if (o === b) value = t
    else if (t === b) value = o
    else {
      conflicts.set(HEADER_PREFIX + name, { name, base: b, ours: o, theirs: t })
      continue
    }
    if (value !== null) merged[name] = value
  }
  return { merged, conflicts }
}

/** `base` null: the record was created on both sides independently (nothing in common). */
export function mergeRecord(input: {
  keyColumns: readonly string[]
  base: MergeSide | null
  ours: MergeSide
  theirs: MergeSide
}): RecordMerge {
  const baseTable = input.base?.table ?? input.ours.table.slice(0, 0)
  const result = mergeTables(baseTable, input.ours.table, input.theirs.table, {
    keyColumns: input.keyColumns,
  })
  const header = mergeHeaders(input.base?.header ?? {}, input.ours.header, input.theirs.header)
  const conflicts: SyncConflict[] = result.conflicts.map((c) => ({
    id: c.id,
    kind: c.kind,
    key: c.key === null ? null : (jsonValue(c.key) as Record<string, unknown>),
    column: c.column,
    base: jsonValue(c.base),
    ours: jsonValue(c.ours),
    theirs: jsonValue(c.theirs),
    message: c.message,
  }))
  for (const [id, c] of header.conflicts) {
    conflicts.push({
      id,
      kind: 'header',
      key: null,
      column: c.name,
      base: c.base,
      ours: c.ours,
      theirs: c.theirs,
      message: `Header "${c.name}": ours set ${JSON.stringify(c.ours)}, theirs set ${JSON.stringify(c.theirs)} (base ${JSON.stringify(c.base)}). Resolve with 'ours', 'theirs' or a value.`,
    })
  }
  const merged =
    conflicts.length === 0 && result.merged ? { table: result.merged, header: header.merged } : null
  return { conflicts, merged, result, header }
}

/** The merged table and header once every conflict has an answer ('ours', 'theirs' or {value}). */
export function resolveRecordMerge(
  merge: RecordMerge,
  resolutions: Readonly<Record<string, Resolution>>,
): MergeSide {
  const known = new Set(merge.conflicts.map((c) => c.id))
  const unknown = Object.keys(resolutions).filter((id) => !known.has(id))
  if (unknown.length > 0) {
    throw new BadInputError(
      `No conflict has id ${unknown.map((id) => `"${id}"`).join(', ')}; the ids are ${[...known].join(', ')}.`,
      { unknown },
    )
  }
  const open = merge.conflicts.filter((c) => resolutions[c.id] === undefined)
  if (open.length > 0) {
    throw new MergeConflictError(
      `${open.length} of ${merge.conflicts.length} conflicts have no answer (${open
        .slice(0, 5)
        .map((c) => c.id)
        .join(
          ', ',
        )}${open.length > 5 ? ', ...' : ''}). Nothing was saved; answer each with 'ours', 'theirs' or a value.`,
      { unresolved: open.map((c) => c.id) },
    )
  }
  const header = { ...merge.header.merged }
  for (const [id, c] of merge.header.conflicts) {
    const answer = resolutions[id]!
    const value = answer === 'ours' ? c.ours : answer === 'theirs' ? c.theirs : answer.value
    if (value !== null && typeof value !== 'string') {
      throw new BadInputError(
        `The answer to ${id} must be a string or null (a header property), not ${JSON.stringify(value)}.`,
        { id },
      )
    }
    if (value === null) delete header[c.name]
    else header[c.name] = value
  }
  const tableAnswers = Object.fromEntries(
    Object.entries(resolutions).filter(([id]) => !id.startsWith(HEADER_PREFIX)),
  )
  const table = merge.result.merged ?? resolveConflicts(merge.result, tableAnswers)
  return { table, header }
}
