// What `borelog-desk diff` prints (see docs/CLI.md): a readable terminal report (colour only when
// stdout is a terminal) and JSON. `--summary --json` prints at least
// {"added","removed","changed","unchanged","changed_cells","schema_changes"}, row counts;
// those names are a public interface and stay.
import type { DiffResult } from './table-diff'
import type { DepthEvent, DiffRow, DiffSummary, MapChange, SchemaChange } from './types'
import { jsonValue } from './values'

/** The summary as `--summary --json` prints it: snake_case throughout, plus how rows matched. */
export type DiffSummaryJson = Omit<DiffSummary, 'perColumn'> & {
  per_column: DiffSummary['perColumn']
  matched_by: 'key' | 'position'
  key_columns: string[]
}

export function diffSummaryJson(diff: DiffResult): DiffSummaryJson {
  const s = diff.summary
  return {
    added: s.added,
    removed: s.removed,
    changed: s.changed,
    unchanged: s.unchanged,
    changed_cells: s.changed_cells,
    schema_changes: s.schema_changes,
    per_column: s.perColumn,
    duplicate_keys: s.duplicate_keys,
    matched_by: diff.matchedBy,
    key_columns: [...diff.keyColumns],
  }
}

/** A change row as JSON can carry it (NaN, bigints, bytes made explicit; see values.ts). */
export function diffRowJson(row: DiffRow): Record<string, unknown> {
  return {
    row: row.row,
    change: row.change,
    row_a: row.rowA,
    row_b: row.rowB,
    key: jsonValue(row.key),
    cells: row.cells.map((c) => ({
      column: c.column,
      old: jsonValue(c.old),
      new: jsonValue(c.new),
    })),
    ...(row.change === 'added' ? { values: jsonValue(row.after) } : {}),
    ...(row.change === 'removed' ? { values: jsonValue(row.before) } : {}),
    ...(row.duplicateKey ? { duplicate_key: true } : {}),
  }
}

/** The whole diff as JSON: summary, header/metadata changes, depth events, and changes. */
export function diffJson(
  diff: DiffResult,
  options: { limit?: number } = {},
): Record<string, unknown> {
  const limit = options.limit ?? diff.changes.length
  return {
    ...diffSummaryJson(diff),
    header_changes: diff.headerChanges,
    metadata_changes: diff.metadataChanges,
    depth_events: diff.depthEvents,
    duplicates: diff.duplicateKeys.map((d) => ({
      key: jsonValue(d.key),
      rows_a: d.rowsA,
      rows_b: d.rowsB,
    })),
    changes: diff.page(0, limit).map(diffRowJson),
    changes_omitted: Math.max(0, diff.changes.length - limit),
  }
}

const ANSI = {
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
}
type Tint = keyof typeof ANSI

const count = (n: number): string => n.toLocaleString('en-GB')

function show(value: unknown): string {
  const v = jsonValue(value)
  const text = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? 'null')
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

function describeKey(row: DiffRow): string {
  const values = Object.values(row.key)
  if (values.length === 0) return `row ${row.rowB ?? row.rowA}`
  return values.map((v) => (typeof v === 'string' ? v : show(v))).join(' @ ')
}

/** A few non-key values of an added or removed row, so the line says what the row was. */
function brief(values: Record<string, unknown> | null, key: Record<string, unknown>): string {
  if (!values) return ''
  const shown = Object.entries(values)
    .filter(([k, v]) => !(k in key) && v !== null && v !== undefined && v !== '')
    .slice(0, 3)
    .map(([k, v]) => `${k}=${show(v)}`)
  return shown.length > 0 ? `  ${shown.join(' ')}` : ''
}

function schemaLine(c: SchemaChange): [string, string] {
  switch (c.kind) {
    case 'column_added':
      return ['+', `column ${c.column} (${c.type})`]
    case 'column_removed':
      return ['-', `column ${c.column} (${c.type})`]
    case 'column_renamed':
      return ['~', `column ${c.from} renamed to ${c.to}`]
    case 'type_changed':
      return ['~', `column ${c.column}: ${c.from} -> ${c.to}`]
    case 'nullability_changed':
      return [
        '~',
        `column ${c.column}: ${c.from ? 'nullable' : 'required'} -> ${c.to ? 'nullable' : 'required'}`,
      ]
    case 'columns_reordered':
      return ['~', `columns reordered: ${c.to.join(', ')}`]
  }
}

function mapLine(c: MapChange): [string, string] {
  if (c.change === 'added') return ['+', `${c.key}: ${show(c.new)}`]
  if (c.change === 'removed') return ['-', `${c.key}: ${show(c.old)}`]
  return ['~', `${c.key}: ${show(c.old)} -> ${show(c.new)}`]
}

function metres(x: number): string {
  return `${x.toFixed(2)}`
}

function depthLine(e: DepthEvent): string {
  const span = (xs: DepthEvent['from']) =>
    xs.map((x) => `${metres(x.topM)}-${metres(x.baseM)}`).join(', ')
  const verb = {
    boundary_moved: 'boundary moved',
    split: 'split',
    merged: 'merged',
    rearranged: 'rearranged',
  }[e.kind]
  return `${e.hole}: ${verb} ${span(e.from)} m -> ${span(e.to)} m`
}

/** The terminal report. `limit` rows of changes are listed (the summary counts them all). */
export function renderDiffText(
  diff: DiffResult,
  options: { color?: boolean; limit?: number; summaryOnly?: boolean } = {},
): string {
  const color = options.color ?? false
  const paint = (tint: Tint, text: string): string =>
    color ? `${ANSI[tint]}${text}${ANSI.reset}` : text
  const sign = (s: string): string => paint(s === '+' ? 'green' : s === '-' ? 'red' : 'yellow', s)
  const s = diff.summary
  const lines: string[] = []
  const matched =
    diff.matchedBy === 'key'
      ? `matched by key: ${diff.keyColumns.join(', ')}`
      : 'matched by row position (no key columns)'
  lines.push(
    `${paint('bold', 'Diff')}: ${paint('green', `${count(s.added)} added`)}, ${paint('red', `${count(s.removed)} removed`)}, ${paint(
      'yellow',
      `${count(s.changed)} changed`,
    )} (${count(s.changed_cells)} cells), ${count(s.unchanged)} unchanged ${paint('dim', `[${matched}]`)}`,
  )
  if (s.duplicate_keys > 0)
    lines.push(
      paint(
        'red',
        `${count(s.duplicate_keys)} keys occur more than once; their rows are not paired.`,
      ),
    )
  const section = (title: string, entries: [string, string][]): void => {
    if (entries.length === 0) return
    lines.push('', paint('bold', title))
    for (const [mark, text] of entries) lines.push(`  ${sign(mark)} ${text}`)
  }
  section('Schema', diff.schemaChanges.map(schemaLine))
  section('Header', diff.headerChanges.map(mapLine))
  section('File metadata', diff.metadataChanges.map(mapLine))
  if (diff.depthEvents.length > 0) {
    lines.push('', paint('bold', 'Layers'))
    for (const e of diff.depthEvents) lines.push(`  ${sign('~')} ${depthLine(e)}`)
  }
  const perColumn = Object.entries(s.perColumn).filter(([, n]) => n > 0)
  if (perColumn.length > 0) {
    lines.push('', paint('bold', 'Changed cells per column'))
    lines.push(`  ${perColumn.map(([c, n]) => `${c} ${count(n)}`).join(', ')}`)
  }
  if (!options.summaryOnly && diff.changes.length > 0) {
    const limit = options.limit ?? 50
    const rows = diff.page(0, limit)
    lines.push(
      '',
      paint(
        'bold',
        `Changes${diff.changes.length > rows.length ? ` (first ${count(rows.length)} of ${count(diff.changes.length)})` : ''}`,
      ),
    )
    for (const row of rows) {
      const where = describeKey(row)
      if (row.change === 'added') lines.push(`  ${sign('+')} ${where}${brief(row.after, row.key)}`)
      else if (row.change === 'removed')
        lines.push(`  ${sign('-')} ${where}${brief(row.before, row.key)}`)
      else {
        lines.push(`  ${sign('~')} ${where}`)
        for (const c of row.cells)
          lines.push(
            `      ${c.column}: ${paint('red', show(c.old))} -> ${paint('green', show(c.new))}`,
          )
      }
    }
    if (diff.changes.length > rows.length) {
      lines.push(
        paint('dim', `  ... ${count(diff.changes.length - rows.length)} more (use --json for all)`),
      )
    }
  }
  return `${lines.join('\n')}\n`
}
