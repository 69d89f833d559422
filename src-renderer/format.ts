// Display formats: times in the reviewer's locale with UTC kept in the tooltip,
// counts with thousands separators, sha256 shortened the way git does.
import { formatDistanceToNowStrict, parseISO } from 'date-fns'

import type { Cell, ColumnInfo, Units } from '../shared/ipc/contract'
import { isLengthColumn, metresToShown } from './units'

/**
 * A stored UTC instant in the user's own locale and time zone (a US reviewer reads
 * "Dec 8, 2026, 2:05 PM", a UK one "8 Dec 2026, 14:05"). `locale` is for tests only.
 */
export function formatTime(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '—'
  const date = parseISO(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

// An ISO 8601 UTC instant as the store writes it (created_at, reviewed_at).
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g

/**
 * A message from the main process with its ISO instants rewritten as local times: the
 * messages are written once for the CLI and the app, and only the screen knows the locale.
 */
export function localizeTimes(text: string, locale?: string): string {
  return text.replace(ISO_INSTANT, (iso) => formatTime(iso, locale))
}

export function formatAge(iso: string | null | undefined): string {
  if (!iso) return ''
  return `${formatDistanceToNowStrict(parseISO(iso))} ago`
}

const integer = new Intl.NumberFormat('en-GB')
export function formatCount(n: number): string {
  return integer.format(n)
}

export function shortHash(sha: string | null | undefined): string {
  return sha ? sha.slice(0, 10) : '—'
}

// No digit grouping in cells: depths, levels and codes are read and copied as plain numbers.
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3, useGrouping: false })
export function formatCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return decimal.format(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return value
}

// Depth cells read like a log (0.30, 2.20) yet keep a third decimal where one is stored
// (5 ft is 1.524 m): rounding it away would hide a real difference in the diff.
const depthCell = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 3,
  useGrouping: false,
})

/** A stored cell as the user reads it: depths (metre columns) in their chosen units. */
export function formatShownCell(
  value: Cell | undefined,
  column: Pick<ColumnInfo, 'unit' | 'kind'>,
  units: Units,
): string {
  if (typeof value === 'number' && isLengthColumn(column))
    return depthCell.format(metresToShown(value, units))
  return formatCell(value)
}

// Depths as loggers write them: always two decimals, so 0.3 m reads "0.30" beside "2.25".
const depth = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: false,
})

/** A stored metre depth in the user's units with two decimals: "1.75", or "5.74" in feet. */
export function formatDepth(metres: number, units: Units): string {
  return depth.format(metresToShown(metres, units))
}

/** A stored interval in the user's units: "1.75–3.90 m", or "5.74–12.80 ft". */
export function formatDepthRange(topM: number, baseM: number, units: Units): string {
  return `${formatDepth(topM, units)}–${formatDepth(baseM, units)} ${units}`
}

/**
 * A column's type in words ("number", "text") rather than its Arrow name ("Float64",
 * "Utf8"): the people reading the grid log boreholes, they do not write Parquet.
 */
export function columnTypeInWords(column: Pick<ColumnInfo, 'type' | 'kind'>): string {
  switch (column.kind) {
    case 'number':
      return /^u?int/i.test(column.type) ? 'whole number' : 'number'
    case 'text':
      return 'text'
    case 'boolean':
      return 'yes/no'
    default:
      if (/date|timestamp/i.test(column.type)) return 'date'
      if (/time/i.test(column.type)) return 'time of day'
      if (/list/i.test(column.type)) return 'list'
      return 'other'
  }
}

export function plural(n: number, word: string): string {
  if (n === 1) return `1 ${word}`
  return `${formatCount(n)} ${word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`
}
