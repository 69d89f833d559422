// AGS4 data TYPEs (the TYPE group of the standard dictionary): what a value of each
// TYPE looks like (Rule 8), how it converts to a JavaScript value, and how a number is
// written back. Conversion never replaces the original text: callers keep both.

export type TypeKind =
  | 'dp' // nDP: fixed decimal places
  | 'sf' // nSF: significant figures
  | 'sci' // nSCI: scientific notation with n decimals
  | 'dt' // date/time, format in the UNIT row
  | 't' // elapsed time, format in the UNIT row
  | 'dms' // degrees:minutes:seconds
  | 'yn'
  | 'u' // number in any format
  | 'mc' // BS 1377 moisture content
  | 'text' // X, XN, ID, PA, PT, PU, RL and unknown types

export interface TypeInfo {
  kind: TypeKind
  /** n of nDP / nSF / nSCI. */
  digits: number
}

const NUMERIC_TYPE = /^(\d+)(DP|SF|SCI)$/

export function typeInfo(type: string): TypeInfo {
  const m = NUMERIC_TYPE.exec(type)
  if (m) {
    const digits = Number(m[1])
    return { kind: m[2] === 'DP' ? 'dp' : m[2] === 'SF' ? 'sf' : 'sci', digits }
  }
  switch (type) {
    case 'DT':
      return { kind: 'dt', digits: 0 }
    case 'T':
      return { kind: 't', digits: 0 }
    case 'DMS':
      return { kind: 'dms', digits: 0 }
    case 'YN':
      return { kind: 'yn', digits: 0 }
    case 'U':
      return { kind: 'u', digits: 0 }
    case 'MC':
      return { kind: 'mc', digits: 0 }
    default:
      return { kind: 'text', digits: 0 }
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** A finite number written the way AGS allows (no thousands separators, no units), else null. */
export function parseAgsNumber(text: string): number | null {
  const t = text.trim()
  if (!NUMBER.test(t)) return null
  const n = Number(t)
  return Number.isFinite(n) ? n : null
}

export type AgsValue = number | string | boolean | null

/**
 * The JavaScript value of a field: numbers for numeric TYPEs, booleans for YN, text
 * otherwise (dates stay ISO text). Empty -> null. Text that does not fit its numeric
 * TYPE stays text (the checker reports it under Rule 8).
 */
export function convertValue(text: string, type: string): AgsValue {
  if (text === '') return null
  const { kind } = typeInfo(type)
  switch (kind) {
    case 'dp':
    case 'sf':
    case 'sci':
    case 'u':
    case 'mc': {
      const n = parseAgsNumber(text)
      return n === null ? text : n
    }
    case 'yn':
      return text === 'Y' || text === 'y' ? true : text === 'N' || text === 'n' ? false : text
    default:
      return text
  }
}

/** Round to n significant figures and write it the AGS way: 101 -> "100", 0.2 -> "0.20". */
export function formatSignificant(value: number, figures: number): string {
  if (value === 0) return figures > 1 ? (0).toFixed(figures - 1) : '0'
  const exponent = Math.floor(Math.log10(Math.abs(value)))
  const decimals = figures - 1 - exponent
  // toFixed takes at most 100 decimals: a smaller number (5e-324) is written in
  // exponent form rather than throwing out of the checker.
  if (decimals > 100) return value.toPrecision(figures)
  if (decimals > 0) {
    const rounded = Number(value.toPrecision(figures))
    // Rounding can carry into a new digit (9.96 -> 10.0): recompute the decimals.
    const e2 = Math.floor(Math.log10(Math.abs(rounded)))
    return rounded.toFixed(Math.max(0, figures - 1 - e2))
  }
  const factor = 10 ** -decimals
  return String(Math.round(value / factor) * factor)
}

/** Scientific notation with n decimals in the mantissa: 2.46e1 for 2SCI. */
function formatScientific(value: number, decimals: number): string {
  return value.toExponential(decimals).replace('e+', 'e')
}

/** How a number is written for a numeric TYPE (used by export for edited values). */
export function formatNumber(value: number, type: string): string {
  const { kind, digits } = typeInfo(type)
  switch (kind) {
    case 'dp':
      return value.toFixed(digits)
    case 'sf':
      return formatSignificant(value, digits)
    case 'sci':
      return formatScientific(value, digits)
    case 'mc':
      return Math.abs(value) < 100 ? formatSignificant(value, 2) : String(Math.round(value))
    default:
      return String(value)
  }
}

/**
 * A value typed in the app written in its field's TYPE (and, for DT, the format in its
 * UNIT), so that Rule 8 holds: "123456.7" in a 2DP field becomes "123456.70", "3.048"
 * becomes "3.05", "yes" in a YN field becomes "Y". Text that already fits its TYPE is
 * returned unchanged (no reformatting churn); text that cannot be read as the TYPE is
 * returned unchanged too, and the checker reports it.
 */
export function formatForType(text: string, type: string, unit: string): string {
  if (checkValueFormat(text, type, unit, '') === null) return text
  const { kind } = typeInfo(type)
  switch (kind) {
    case 'dp':
    case 'sf':
    case 'sci':
    case 'mc': {
      const n = readNumber(text)
      return n === null ? text : formatNumber(n, type)
    }
    case 'yn': {
      const t = text.trim().toLowerCase()
      if (t === 'yes' || t === 'true' || t === 'y') return 'Y'
      if (t === 'no' || t === 'false' || t === 'n') return 'N'
      return text
    }
    case 'dt':
      return formatDate(text.trim(), unit) ?? text
    default:
      return text
  }
}

/** A number as a form accepts it (Number(): "1e3", " 12 "), or null. */
function readNumber(text: string): number | null {
  const n = parseAgsNumber(text)
  if (n !== null) return n
  const m = text.trim() === '' ? NaN : Number(text)
  return Number.isFinite(m) ? m : null
}

// --- Rule 8: does the text match its TYPE (and, for DT and T, the format in its UNIT)?

function dpPattern(digits: number): RegExp {
  return digits === 0 ? /^[+-]?\d+$/ : new RegExp(`^[+-]?\\d+\\.\\d{${digits}}$`)
}
function sciPattern(digits: number): RegExp {
  return digits === 0
    ? /^[+-]?\d[eE][+-]?\d+$/
    : new RegExp(`^[+-]?\\d\\.\\d{${digits}}[eE][+-]?\\d+$`)
}
const patternCache = new Map<string, RegExp>()
function cached(key: string, make: () => RegExp): RegExp {
  let re = patternCache.get(key)
  if (!re) {
    re = make()
    patternCache.set(key, re)
  }
  return re
}

const DMS = /^[+-]?(\d{1,3}):(\d{2}):(\d{2}(\.\d+)?)$/

interface DateFormat {
  regex: RegExp
  fields: string[]
}

// Tokens of the date/time formats AGS writes in UNIT rows (yyyy-mm-ddThh:mm:ss.sss,
// hh:mm, yyyy-mm-ddThh:mmZ(+hh:mm) ...). "Z(+hh:mm)" asks for a zone, which AGS files
// write literally as Z(+03:00); plain Z or +03:00 (ISO 8601) are accepted too.
const DATE_TOKENS: [string, string, string | null][] = [
  ['Z(+hh:mm)', '(Z\\([+-]\\d{2}:\\d{2}\\)|Z|[+-]\\d{2}:\\d{2})', null],
  ['yyyy', '(\\d{4})', 'year'],
  ['sss', '(\\d{3})', null],
  ['dd', '(\\d{2})', 'day'],
  ['hh', '(\\d{2})', 'hour'],
  ['ss', '(\\d{2})', 'second'],
]

function dateFormat(unit: string): DateFormat | null {
  if (!/^[ymdhsTZ:+()\-.\s]+$/.test(unit) || !/(yyyy|hh)/.test(unit)) return null
  const fields: string[] = []
  let regex = ''
  let i = 0
  // "mm" is month after yyyy- and minutes after hh:, as ISO 8601 writes them.
  let lastWasHour = false
  while (i < unit.length) {
    const token = DATE_TOKENS.find(([t]) => unit.startsWith(t, i))
    if (token) {
      regex += token[1]
      if (token[2]) fields.push(token[2])
      if (token[2] === 'hour') lastWasHour = true
      if (token[0] === 'Z(+hh:mm)') fields.push('zone')
      i += token[0].length
      continue
    }
    if (unit.startsWith('mm', i)) {
      regex += '(\\d{2})'
      fields.push(lastWasHour ? 'minute' : 'month')
      i += 2
      continue
    }
    const c = unit[i] as string
    regex += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    i += 1
  }
  return { regex: new RegExp(`^${regex}$`), fields }
}

function isValidDateParts(parts: Map<string, number>): boolean {
  const month = parts.get('month')
  const day = parts.get('day')
  const year = parts.get('year') ?? 2000
  if (month !== undefined && (month < 1 || month > 12)) return false
  if (day !== undefined) {
    const m = month ?? 1
    const days = new Date(Date.UTC(year, m, 0)).getUTCDate()
    if (day < 1 || day > days) return false
  }
  const hour = parts.get('hour')
  if (hour !== undefined && hour > 23) return false
  const minute = parts.get('minute')
  if (minute !== undefined && minute > 59) return false
  const second = parts.get('second')
  if (second !== undefined && second > 59) return false
  return true
}

const ISO_ANY =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/
const ISO_FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second']
const dateFormats = new Map<string, DateFormat>()

function checkDate(text: string, unit: string): boolean {
  let format = dateFormats.get(unit)
  if (!format) {
    // No usable format in the UNIT row: any ISO 8601 date/time prefix.
    format = dateFormat(unit) ?? { regex: ISO_ANY, fields: ISO_FIELDS }
    dateFormats.set(unit, format)
  }
  const m = format.regex.exec(text)
  if (!m) return false
  const parts = new Map<string, number>()
  format.fields.forEach((f, k) => {
    const v = m[k + 1]
    if (v !== undefined && f !== 'zone') parts.set(f, Number(v))
  })
  return isValidDateParts(parts)
}

/** An ISO 8601 date/time written in the format a DT field's UNIT names, or null. */
function formatDate(text: string, unit: string): string | null {
  const m = ISO_ANY.exec(text)
  const format = dateFormat(unit)
  if (!m || !format) return null
  const parts = new Map<string, string>()
  ISO_FIELDS.forEach((f, k) =>
    parts.set(f, m[k + 1] ?? (f === 'month' || f === 'day' ? '01' : '00')),
  )
  // Rebuild the text from the UNIT: each token takes its part, the rest is literal.
  let out = ''
  let i = 0
  let lastWasHour = false
  while (i < unit.length) {
    const token = DATE_TOKENS.find(([t]) => unit.startsWith(t, i))
    if (token) {
      if (token[2] === null) return null // zone or milliseconds: not ours to invent
      out += parts.get(token[2])
      if (token[2] === 'hour') lastWasHour = true
      i += token[0].length
    } else if (unit.startsWith('mm', i)) {
      out += parts.get(lastWasHour ? 'minute' : 'month')
      i += 2
    } else {
      out += unit[i]
      i += 1
    }
  }
  return checkDate(out, unit) ? out : null
}

function checkElapsed(text: string, unit: string): boolean {
  const u = unit === '' ? 'hh:mm:ss' : unit
  const pieces = u.split(':')
  const got = text.split(':')
  if (pieces.length !== got.length) return false
  for (let k = 0; k < pieces.length; k++) {
    const g = got[k] as string
    const p = pieces[k] as string
    if (k === 0) {
      if (!/^\d{2,}$/.test(g)) return false
    } else if (p === 'ss.sss') {
      if (!/^\d{2}\.\d{3}$/.test(g) || Number(g) >= 60) return false
    } else if (!/^\d{2}$/.test(g) || Number(g) > 59) {
      return false
    }
  }
  return true
}

/**
 * Rule 8: null when `text` is a valid value of `type` (empty text always is), else the
 * finding message. `unit` gives the format of DT and T values.
 */
export function checkValueFormat(
  text: string,
  type: string,
  unit: string,
  heading: string,
): string | null {
  if (text === '') return null
  const { kind, digits } = typeInfo(type)
  switch (kind) {
    case 'dp':
      return cached(`DP${digits}`, () => dpPattern(digits)).test(text)
        ? null
        : `Value ${text} in ${heading} not of data type ${type}.`
    case 'sci':
      return cached(`SCI${digits}`, () => sciPattern(digits)).test(text)
        ? null
        : `Value ${text} in ${heading} not of data type ${type}.`
    case 'sf': {
      const n = parseAgsNumber(text)
      if (n === null) return `Value ${text} in ${heading} not of data type ${type}.`
      const expected = formatSignificant(n, digits)
      return text === expected
        ? null
        : `Value ${text} in ${heading} not of data type ${type}. (Expected: ${expected})`
    }
    case 'mc': {
      // BS 1377-2 reports moisture content to two significant figures; values of 100 %
      // and more are written as whole numbers (three figures).
      const n = parseAgsNumber(text)
      if (n === null) return `Value ${text} in ${heading} not of data type MC.`
      const ok = text === formatSignificant(n, 2) || text === formatNumber(n, 'MC')
      return ok
        ? null
        : `Value ${text} in ${heading} not of data type MC. (Expected: ${formatNumber(n, 'MC')})`
    }
    case 'u':
      return parseAgsNumber(text) === null
        ? `Value ${text} in ${heading} not of data type U. Numeric value expected.`
        : null
    case 'yn':
      // The AGS validator accepts y and n as well; so do we (Y/N is what we write).
      return /^[YNyn]$/.test(text) ? null : `Value ${text} in ${heading} not of data type YN.`
    case 'dms': {
      const m = DMS.exec(text)
      const ok = m !== null && Number(m[2]) < 60 && Number(m[3]) < 60
      return ok ? null : `Value ${text} in ${heading} not of data type DMS or is an invalid value.`
    }
    case 'dt':
      return checkDate(text, unit)
        ? null
        : `Value ${text} in ${heading} does not match the specified format (${unit || 'ISO 8601'}) or is an invalid date/time.`
    case 't':
      return checkElapsed(text, unit)
        ? null
        : `Value ${text} in ${heading} not in the specified elapsed time format (${unit || 'hh:mm:ss'}) or is an invalid elapsed time.`
    default:
      return null
  }
}
