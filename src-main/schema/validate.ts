// validateTable: the findings of one version. A draft saves
// with findings; approval needs zero errors, so severity is a promise: an error is
// something a reviewer must not sign off (overlapping layers, a base above its top),
// a warning is something to look at that can be right (a firm's own legend code).
// Rows in findings are 0-based (shared/metadata.ts); messages say the 1-based row a
// person sees, the values, and what to do.
//
// Speed: a 1,000,000-row version validates in well under a second. Every rule reads
// whole columns as typed arrays (columns.ts), strings are compared as interned codes,
// and interval order comes from a counting sort on the hole code when the rows are
// not already in (hole, top) order. A message string is built only for a finding kept.
import { type Int, type Table, Type, type Vector } from 'apache-arrow'

import type { Finding } from '../../shared/metadata'
import {
  type NumberColumn,
  type StringCodes,
  internStrings,
  isNumericType,
  isStringType,
  readBlankStrings,
  readKeyCodes,
  readNumbers,
  readValidity,
} from './columns'
import { castKind } from './conform'
import type { TableDefinition } from './definition'
import { KNOWN_LEGEND_CODES, normalizeLegendCode } from '../../shared/legend-codes'
import { typeToString } from './schema-json'

type Severity = Finding['severity']

/** Every rule validateTable applies: id -> severity and what it checks. */
export const RULES = {
  'missing-column': { severity: 'error', checks: 'a required column is present' },
  'column-type': { severity: 'error', checks: "a column's type can hold the registered type" },
  'key-null': { severity: 'error', checks: 'every key column has a value in every row' },
  'required-null': { severity: 'error', checks: 'every required column has a value in every row' },
  'duplicate-key': { severity: 'error', checks: 'no two rows share a key' },
  'depth-not-finite': { severity: 'error', checks: 'depths are numbers (not NaN or infinite)' },
  'negative-depth': { severity: 'error', checks: 'depths are not negative' },
  'top-not-above-base': { severity: 'error', checks: 'depth_top_m < depth_base_m' },
  'interval-overlap': { severity: 'error', checks: 'intervals of one hole do not overlap' },
  'interval-gap': {
    severity: 'warning',
    checks: 'intervals of one hole leave no undescribed depth',
  },
  'beyond-final-depth': {
    severity: 'error',
    checks: "no depth is below the header's final_depth_m",
  },
  'header-final-depth': { severity: 'warning', checks: "the header's final_depth_m is a depth" },
  'spt-negative': { severity: 'error', checks: 'spt_n is not negative' },
  'spt-implausible': { severity: 'warning', checks: 'spt_n is at most 500' },
  'water-strike-outside-hole': {
    severity: 'warning',
    checks: "water_strike_m lies within the hole's logged depth",
  },
  'unknown-legend-code': {
    severity: 'warning',
    checks: 'legend_code is an AGS, BS 5930 or USCS code',
  },
  'empty-description': { severity: 'warning', checks: 'every interval has a description' },
  'hole-id-mismatch': { severity: 'warning', checks: "hole_id matches the header's hole_id" },
} as const satisfies Record<string, { severity: Severity; checks: string }>

export type RuleId = keyof typeof RULES

/** Depths are logged to the centimetre; this absorbs float noise without hiding a real 1 cm gap. */
const DEPTH_TOLERANCE_M = 1e-6
/**
 * An SPT test drive normally stops at 50 blows (refusal), so an N far above that is a
 * typing error; the margin leaves room for the extrapolated N values some firms report.
 */
const SPT_IMPLAUSIBLE_ABOVE = 500
export const DEFAULT_MAX_FINDINGS_PER_RULE = 1000

export type Header = Readonly<Record<string, string | undefined>>

export interface ValidateOptions {
  /** Findings listed per rule; further ones are counted in one table-level finding. */
  maxFindingsPerRule?: number
  /** Accepted legend codes, normalized with normalizeLegendCode. Default: KNOWN_LEGEND_CODES. */
  legendCodes?: ReadonlySet<string>
}

class FindingList {
  private readonly counts = new Map<RuleId, number>()
  private readonly kept: Finding[] = []

  constructor(private readonly maxPerRule: number) {}

  add(rule: RuleId, row: number | null, column: string | null, message: () => string): void {
    const count = (this.counts.get(rule) ?? 0) + 1
    this.counts.set(rule, count)
    if (count <= this.maxPerRule)
      this.kept.push({ severity: RULES[rule].severity, row, column, rule, message: message() })
  }

  /** Kept findings in table order (table-level first, then by row, column, rule), plus overflow summaries. */
  finish(columnOrder: readonly string[]): Finding[] {
    for (const [rule, count] of this.counts) {
      if (count <= this.maxPerRule) continue
      this.kept.push({
        severity: RULES[rule].severity,
        row: null,
        column: null,
        rule,
        message: `${count.toLocaleString('en-GB')} rows break rule ${rule} (${RULES[rule].checks}); the first ${this.maxPerRule.toLocaleString('en-GB')} are listed.`,
      })
    }
    const position = new Map(columnOrder.map((c, i) => [c, i]))
    return this.kept.sort(
      (a, b) =>
        (a.row ?? -1) - (b.row ?? -1) ||
        (a.column === null ? -1 : (position.get(a.column) ?? columnOrder.length)) -
          (b.column === null ? -1 : (position.get(b.column) ?? columnOrder.length)) ||
        (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
    )
  }
}

function fmt(value: number): string {
  return String(value)
}

function rowLabel(row: number): string {
  return `Row ${row + 1}`
}

/**
 * Rows where `include` holds, ordered by the key arrays lexicographically, ties by row.
 * When `denseCodes` > 0 the first key holds integer codes 0..denseCodes-1 (interned
 * strings): a stable counting sort on it leaves only small groups to sort.
 */
function orderRows(
  n: number,
  include: (row: number) => boolean,
  keys: Float64Array[],
  denseCodes: number,
): Uint32Array {
  let count = 0
  const rows = new Uint32Array(n)
  for (let i = 0; i < n; i++) if (include(i)) rows[count++] = i
  const picked = rows.subarray(0, count)
  const compare = (a: number, b: number): number => {
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!
      const d = key[a]! - key[b]!
      if (d !== 0) return d
    }
    return a - b
  }
  let sorted = true
  for (let j = 1; j < count; j++) {
    if (compare(picked[j - 1]!, picked[j]!) > 0) {
      sorted = false
      break
    }
  }
  if (sorted) return picked
  const first = keys[0]
  if (denseCodes <= 0 || !first) return picked.sort(compare)
  const starts = new Uint32Array(denseCodes + 1)
  for (let j = 0; j < count; j++) starts[first[picked[j]!]! + 1]!++
  for (let c = 0; c < denseCodes; c++) starts[c + 1]! += starts[c]!
  const out = new Uint32Array(count)
  const next = starts.slice(0, denseCodes)
  for (let j = 0; j < count; j++) {
    const row = picked[j]!
    out[next[first[row]!]!++] = row
  }
  // Within a group the first key is equal. Groups are a hole's intervals: short, and
  // usually sorted or a few sorted runs, where insertion sort on the second key is
  // near linear and much cheaper than TypedArray#sort with a comparator.
  const second = keys.length === 2 ? keys[1] : undefined
  for (let c = 0; c < denseCodes; c++) {
    const from = starts[c]!
    const to = starts[c + 1]!
    if (second && to - from <= 256) {
      for (let j = from + 1; j < to; j++) {
        const row = out[j]!
        const key = second[row]!
        let k = j - 1
        while (k >= from && second[out[k]!]! > key) {
          out[k + 1] = out[k]!
          k--
        }
        out[k + 1] = row
      }
      continue
    }
    const group = out.subarray(from, to)
    for (let j = 1; j < group.length; j++) {
      if (compare(group[j - 1]!, group[j]!) > 0) {
        group.sort(compare)
        break
      }
    }
  }
  return out
}

function isPresent(column: NumberColumn, row: number): boolean {
  return column.valid === null || column.valid[row] === 1
}

/**
 * Columns present with a type that can hold the registered type, by name, each read
 * at most once per validation (hole_id feeds key checks and interval checks).
 */
class Usable {
  private readonly vectors = new Map<string, Vector>()
  private readonly numberCache = new Map<string, NumberColumn>()
  private readonly stringCache = new Map<string, StringCodes>()
  private readonly keyCache = new Map<string, NumberColumn>()

  set(name: string, vector: Vector): void {
    this.vectors.set(name, vector)
  }

  has(name: string): boolean {
    return this.vectors.has(name)
  }

  get(name: string): Vector | undefined {
    return this.vectors.get(name)
  }

  /** Numeric column as float64 + validity; null when absent or not numeric. */
  numbers(name: string): NumberColumn | null {
    const vector = this.vectors.get(name)
    if (!vector || !isNumericType(vector.type)) return null
    let column = this.numberCache.get(name)
    if (!column) this.numberCache.set(name, (column = readNumbers(vector)))
    return column
  }

  /** String column as interned codes; null when absent or not a string column. */
  strings(name: string): StringCodes | null {
    const vector = this.vectors.get(name)
    if (!vector || !isStringType(vector.type)) return null
    let codes = this.stringCache.get(name)
    if (!codes) this.stringCache.set(name, (codes = internStrings(vector)))
    return codes
  }

  /** Comparable codes for key checks; 64-bit ints go through readKeyCodes so none lose precision. */
  keyCodes(name: string): NumberColumn {
    const vector = this.vectors.get(name)!
    const is64BitInt = vector.type.typeId === Type.Int && (vector.type as Int).bitWidth === 64
    let codes = (is64BitInt ? null : this.numbers(name)) ?? this.keyCache.get(name)
    if (!codes)
      this.keyCache.set(name, (codes = readKeyCodes(vector, this.strings(name) ?? undefined)))
    return codes
  }
}

/** Generic rules: required columns and their types, nulls in key and required columns, duplicate keys. */
function checkGeneric(table: Table, def: TableDefinition, findings: FindingList): Usable {
  const usable = new Usable()
  for (const field of def.schema.fields) {
    const column = table.getChild(field.name)
    if (!column) {
      if (def.required.includes(field.name)) {
        findings.add(
          'missing-column',
          null,
          field.name,
          () =>
            `Column "${field.name}" (${typeToString(field.type)}) is missing; table "${def.tableName}" requires it. Add the column.`,
        )
      }
      continue
    }
    if (castKind(column.type, field.type) === 'incompatible') {
      findings.add(
        'column-type',
        null,
        field.name,
        () =>
          `Column "${field.name}" is ${typeToString(column.type)}, but table "${def.tableName}" defines it as ${typeToString(field.type)}. Convert the column; its rules were not checked.`,
      )
      continue
    }
    usable.set(field.name, column)
  }
  const n = table.numRows
  const keyNames = def.keyColumns.filter((k) => usable.has(k))
  const keyCodes = keyNames.map((k) => usable.keyCodes(k))
  const keyIsValid = new Uint8Array(n).fill(1)
  keyNames.forEach((name, k) => {
    const codes = keyCodes[k]!
    for (let i = 0; i < n; i++) {
      if (isPresent(codes, i) && !Number.isNaN(codes.values[i])) continue
      keyIsValid[i] = 0
      findings.add(
        'key-null',
        i,
        name,
        () =>
          `${rowLabel(i)}: key column "${name}" has no value. Every row needs ${def.keyColumns.join(' and ')}; fill it in or delete the row.`,
      )
    }
  })
  for (const name of def.required) {
    if (def.keyColumns.includes(name)) continue
    const column = usable.get(name)
    if (!column) continue
    const valid = readValidity(column)
    if (!valid) continue
    for (let i = 0; i < n; i++) {
      if (valid[i] === 1) continue
      findings.add(
        'required-null',
        i,
        name,
        () =>
          `${rowLabel(i)}: "${name}" has no value; table "${def.tableName}" requires one. Fill it in.`,
      )
    }
  }

  if (keyNames.length > 0 && keyNames.length === def.keyColumns.length) {
    const firstKey = usable.get(keyNames[0]!)!
    const dense = isStringType(firstKey.type) ? codeCount(keyCodes[0]!.values) : 0
    const order = orderRows(
      n,
      (i) => keyIsValid[i] === 1,
      keyCodes.map((c) => c.values),
      dense,
    )
    const lastKey = keyNames[keyNames.length - 1]!
    let runStart = order[0] ?? 0
    for (let j = 1; j < order.length; j++) {
      const row = order[j]!
      const prev = order[j - 1]!
      let same = true
      for (let k = 0; k < keyCodes.length && same; k++) {
        const values = keyCodes[k]!.values
        same = values[row] === values[prev]
      }
      if (!same) {
        runStart = row
        continue
      }
      const first = runStart
      findings.add('duplicate-key', row, lastKey, () => {
        const key = keyNames.map((k) => `${k}=${String(usable.get(k)!.get(row))}`).join(', ')
        return `${rowLabel(row)} repeats the key of row ${first + 1} (${key}). A key may appear once: merge the rows or correct one of them.`
      })
    }
  }
  return usable
}

/** How many distinct interned codes a column holds (max code + 1), for the counting sort. */
function codeCount(codes: Float64Array): number {
  let max = -1
  for (let i = 0; i < codes.length; i++) if (codes[i]! > max) max = codes[i]!
  return max + 1
}

/** Plain decimal metres as AGS writes them (15.00); no sign, units, hex or exponents. */
const DECIMAL_DEPTH = /^(\d+\.?\d*|\.\d+)$/

function parseHeaderDepth(header: Header, findings: FindingList): number | null {
  const raw = header['final_depth_m']
  if (raw === undefined || raw.trim() === '') return null
  const value = DECIMAL_DEPTH.test(raw.trim()) ? Number(raw.trim()) : NaN
  if (!Number.isFinite(value)) {
    findings.add(
      'header-final-depth',
      null,
      null,
      () =>
        `The header's final_depth_m "${raw}" is not a depth in metres; depths were not checked against it. Correct the header.`,
    )
    return null
  }
  return value
}

/** The columns the borelog rules read, each read once; null when absent or of another type. */
interface BorelogColumns {
  rowCount: number
  top: NumberColumn | null
  base: NumberColumn | null
  water: NumberColumn | null
  spt: NumberColumn | null
  hole: StringCodes | null
  /** The hole a row names, as messages show it. */
  holeName: (row: number) => string
}

function borelogColumns(table: Table, usable: Usable): BorelogColumns {
  const hole = usable.strings('hole_id')
  return {
    rowCount: table.numRows,
    top: usable.numbers('depth_top_m'),
    base: usable.numbers('depth_base_m'),
    water: usable.numbers('water_strike_m'),
    spt: usable.numbers('spt_n'),
    hole,
    holeName: (row) => {
      const code = hole?.codes[row] ?? -1
      return code >= 0 ? (hole?.values[code] ?? '') : '(no hole_id)'
    },
  }
}

/** Each hole's logged depth, by hole code: NaN where a hole has no well-formed interval. */
interface HoleExtents {
  minTop: Float64Array
  maxBase: Float64Array
}

/** Per-row depth checks: every depth is a finite number, not negative. */
function checkDepthValues(
  columns: BorelogColumns,
  keyColumns: readonly string[],
  findings: FindingList,
): void {
  const depthColumns: [string, NumberColumn | null][] = [
    ['depth_top_m', columns.top],
    ['depth_base_m', columns.base],
    ['water_strike_m', columns.water],
  ]
  for (const [name, column] of depthColumns) {
    if (!column) continue
    const { values } = column
    for (let i = 0; i < columns.rowCount; i++) {
      const v = values[i]!
      if ((v >= 0 && v !== Infinity) || !isPresent(column, i)) continue
      // A NaN key depth is already a key-null finding.
      if (Number.isNaN(v) && keyColumns.includes(name)) continue
      if (!Number.isFinite(v)) {
        findings.add(
          'depth-not-finite',
          i,
          name,
          () => `${rowLabel(i)}: ${name} is ${fmt(v)}, not a depth. Enter the depth in metres.`,
        )
      } else {
        findings.add(
          'negative-depth',
          i,
          name,
          () =>
            `${rowLabel(i)}: ${name} is ${fmt(v)}. Depths are metres below ground level and cannot be negative; correct the value.`,
        )
      }
    }
  }
}

/**
 * Top above base. Returns the well-formed intervals (1 per row): both depths present,
 * finite, not negative, top above base; only these are ordered into a hole's sequence.
 */
function checkIntervalShapes(columns: BorelogColumns, findings: FindingList): Uint8Array {
  const { top, base, rowCount } = columns
  const wellFormed = new Uint8Array(rowCount)
  if (!top || !base) return wellFormed
  const t = top.values
  const b = base.values
  for (let i = 0; i < rowCount; i++) {
    if (!isPresent(top, i) || !isPresent(base, i)) continue
    const ti = t[i]!
    const bi = b[i]!
    if (!(ti >= 0 && bi >= 0 && ti !== Infinity && bi !== Infinity)) continue
    if (ti >= bi) {
      findings.add(
        'top-not-above-base',
        i,
        'depth_top_m',
        () =>
          `${rowLabel(i)}: depth_top_m ${fmt(ti)} is not above depth_base_m ${fmt(bi)}. The top of an interval must be shallower than its base; correct one of the depths.`,
      )
      continue
    }
    wellFormed[i] = 1
  }
  return wellFormed
}

/**
 * Overlaps and gaps between consecutive intervals of a hole, in (hole, top) order.
 * Returns each hole's logged depth, which the water-strike rule checks against.
 */
function checkIntervalSequence(
  columns: BorelogColumns,
  usable: Usable,
  wellFormed: Uint8Array,
  skipEqualTops: boolean,
  findings: FindingList,
): HoleExtents {
  const { top, base, hole, rowCount, holeName } = columns
  const holeCount = hole?.values.length ?? 0
  const extents: HoleExtents = {
    minTop: new Float64Array(holeCount).fill(NaN),
    maxBase: new Float64Array(holeCount).fill(NaN),
  }
  if (!top || !base || !hole) return extents
  const codes = hole.codes
  const holeKey = usable.keyCodes('hole_id').values
  const order = orderRows(
    rowCount,
    (i) => wellFormed[i] === 1 && codes[i]! >= 0,
    [holeKey, top.values],
    holeCount,
  )
  const t = top.values
  const b = base.values
  let maxRow = -1
  let prevRow = -1
  let maxBase = 0
  for (let j = 0; j < order.length; j++) {
    const row = order[j]!
    const code = codes[row]!
    if (prevRow < 0 || codes[prevRow] !== code) {
      extents.minTop[code] = t[row]!
      extents.maxBase[code] = b[row]!
      maxRow = row
      maxBase = b[row]!
      prevRow = row
      continue
    }
    const tr = t[row]!
    // Equal tops are a duplicate key, reported once as such.
    const duplicateTop = skipEqualTops && tr === t[prevRow]
    // Messages are built only for findings kept (add calls them at once, or never).
    const a = maxRow
    const aBase = maxBase
    if (!duplicateTop && tr < aBase - DEPTH_TOLERANCE_M) {
      const text = () =>
        `${holeName(row)} ${fmt(t[a]!)}-${fmt(aBase)} m (row ${a + 1}) and ${fmt(tr)}-${fmt(b[row]!)} m (row ${row + 1}) overlap. Intervals of a hole must not overlap: correct the base of row ${a + 1} or the top of row ${row + 1}.`
      findings.add('interval-overlap', a, 'depth_base_m', () => `${rowLabel(a)}: ${text()}`)
      findings.add('interval-overlap', row, 'depth_top_m', () => `${rowLabel(row)}: ${text()}`)
    } else if (tr > aBase + DEPTH_TOLERANCE_M) {
      const text = () =>
        `${holeName(row)} has no interval from ${fmt(aBase)} m (base of row ${a + 1}) to ${fmt(tr)} m (top of row ${row + 1}). Add an interval for the gap or correct the depths.`
      findings.add('interval-gap', a, 'depth_base_m', () => `${rowLabel(a)}: ${text()}`)
      findings.add('interval-gap', row, 'depth_top_m', () => `${rowLabel(row)}: ${text()}`)
    }
    if (b[row]! > maxBase) {
      maxBase = b[row]!
      maxRow = row
    }
    extents.maxBase[code] = maxBase
    prevRow = row
  }
  return extents
}

/** Depths beyond the header's final depth. */
function checkFinalDepth(columns: BorelogColumns, header: Header, findings: FindingList): void {
  const finalDepth = parseHeaderDepth(header, findings)
  if (finalDepth === null) return
  const { top, base } = columns
  const limit = finalDepth + DEPTH_TOLERANCE_M
  for (let i = 0; i < columns.rowCount; i++) {
    // Infinite depths are depth-not-finite findings already.
    const b = base?.values[i] ?? NaN
    const t = top?.values[i] ?? NaN
    const overBase = base !== null && isPresent(base, i) && b > limit && b !== Infinity
    const overTop = !overBase && top !== null && isPresent(top, i) && t > limit && t !== Infinity
    if (!overBase && !overTop) continue
    const name = overBase ? 'depth_base_m' : 'depth_top_m'
    const v = overBase ? b : t
    findings.add(
      'beyond-final-depth',
      i,
      name,
      () =>
        `${rowLabel(i)}: ${name} ${fmt(v)} m is below the hole's final depth of ${fmt(finalDepth)} m (header final_depth_m). Correct the depth or the header.`,
    )
  }
}

/** Water strikes outside the logged depth of their hole. */
function checkWaterStrikes(
  columns: BorelogColumns,
  extents: HoleExtents,
  findings: FindingList,
): void {
  const { water, hole } = columns
  if (!water || !hole) return
  for (let i = 0; i < columns.rowCount; i++) {
    if (!isPresent(water, i)) continue
    const code = hole.codes[i]!
    if (code < 0) continue
    const w = water.values[i]!
    const low = extents.minTop[code]!
    const high = extents.maxBase[code]!
    if (
      !(w >= 0) ||
      Number.isNaN(low) ||
      (w >= low - DEPTH_TOLERANCE_M && w <= high + DEPTH_TOLERANCE_M)
    )
      continue
    findings.add(
      'water-strike-outside-hole',
      i,
      'water_strike_m',
      () =>
        `${rowLabel(i)}: water_strike_m ${fmt(w)} m is outside the logged depth of ${columns.holeName(i)} (${fmt(low)}-${fmt(high)} m). Check the depth of the water strike.`,
    )
  }
}

/** SPT N values: not negative, not implausibly high. */
function checkSpt(columns: BorelogColumns, findings: FindingList): void {
  const { spt } = columns
  if (!spt) return
  for (let i = 0; i < columns.rowCount; i++) {
    const v = spt.values[i]!
    if ((v >= 0 && v <= SPT_IMPLAUSIBLE_ABOVE) || !isPresent(spt, i)) continue
    if (v < 0) {
      findings.add(
        'spt-negative',
        i,
        'spt_n',
        () =>
          `${rowLabel(i)}: spt_n is ${fmt(v)}. An SPT N value counts blows and cannot be negative; correct it.`,
      )
    } else if (v > SPT_IMPLAUSIBLE_ABOVE) {
      findings.add(
        'spt-implausible',
        i,
        'spt_n',
        () =>
          `${rowLabel(i)}: spt_n ${fmt(v)} is implausibly high (over ${SPT_IMPLAUSIBLE_ABOVE} blows). Check for a typing error; a refusal is recorded as 50 blows with the penetration reached.`,
      )
    }
  }
}

/** Legend codes (warning only: firms use their own codes). */
function checkLegendCodes(
  rowCount: number,
  usable: Usable,
  options: ValidateOptions,
  findings: FindingList,
): void {
  const legend = usable.strings('legend_code')
  if (!legend) return
  const known = options.legendCodes ?? KNOWN_LEGEND_CODES
  const unknown = legend.values.map((v) => !known.has(normalizeLegendCode(v)) && v.trim() !== '')
  for (let i = 0; i < rowCount; i++) {
    const code = legend.codes[i]!
    if (code < 0 || !unknown[code]) continue
    findings.add(
      'unknown-legend-code',
      i,
      'legend_code',
      () =>
        `${rowLabel(i)}: legend_code "${legend.values[code]}" is not an AGS, BS 5930 or USCS legend code. If it is your firm's own code, ignore this warning; otherwise correct it.`,
    )
  }
}

/** Every interval has a description. */
function checkDescriptions(rowCount: number, usable: Usable, findings: FindingList): void {
  const descriptionVector = usable.get('description')
  if (!descriptionVector || !isStringType(descriptionVector.type)) return
  const blank = readBlankStrings(descriptionVector)
  for (let i = 0; i < rowCount; i++) {
    if (blank[i] === 0) continue
    findings.add(
      'empty-description',
      i,
      'description',
      () => `${rowLabel(i)} has no description. Describe the stratum before approval.`,
    )
  }
}

/** Rows of another hole than the header's. */
function checkHoleIds(columns: BorelogColumns, header: Header, findings: FindingList): void {
  const { hole } = columns
  const headerHole = header['hole_id']?.trim()
  if (!hole || !headerHole) return
  const differs = hole.values.map((v) => v.trim() !== headerHole)
  for (let i = 0; i < columns.rowCount; i++) {
    const code = hole.codes[i]!
    if (code < 0 || !differs[code]) continue
    findings.add(
      'hole-id-mismatch',
      i,
      'hole_id',
      () =>
        `${rowLabel(i)}: hole_id "${hole.values[code]}" differs from the header's hole_id "${headerHole}". A borelog record holds one borehole: correct the hole_id or move the row.`,
    )
  }
}

/** The borelog rule set: depths, intervals, final depth, SPT, water strikes, legend codes, descriptions, hole id. */
function checkBorelog(
  table: Table,
  keyColumns: readonly string[],
  usable: Usable,
  header: Header,
  options: ValidateOptions,
  findings: FindingList,
  skipEqualTops: boolean,
): void {
  const columns = borelogColumns(table, usable)
  checkDepthValues(columns, keyColumns, findings)
  const wellFormed = checkIntervalShapes(columns, findings)
  const extents = checkIntervalSequence(columns, usable, wellFormed, skipEqualTops, findings)
  checkFinalDepth(columns, header, findings)
  checkWaterStrikes(columns, extents, findings)
  checkSpt(columns, findings)
  checkLegendCodes(columns.rowCount, usable, options, findings)
  checkDescriptions(columns.rowCount, usable, findings)
  checkHoleIds(columns, header, findings)
}

/**
 * The findings of `table` against `def`: the generic rules for every table, plus
 * the definition's rule sets ('borelog'). `header` is the record's header properties
 * (hole_id, final_depth_m, ...). Never throws for bad data: bad data is findings.
 */
export function validateTable(
  table: Table,
  def: TableDefinition,
  header: Header = {},
  options: ValidateOptions = {},
): Finding[] {
  const findings = new FindingList(options.maxFindingsPerRule ?? DEFAULT_MAX_FINDINGS_PER_RULE)
  const usable = checkGeneric(table, def, findings)
  if (def.rules?.includes('borelog')) {
    const skipEqualTops =
      def.keyColumns.length === 2 &&
      def.keyColumns.includes('hole_id') &&
      def.keyColumns.includes('depth_top_m')
    checkBorelog(table, def.keyColumns, usable, header, options, findings, skipEqualTops)
  }
  const order = [...def.schema.fields.map((f) => f.name), ...table.schema.fields.map((f) => f.name)]
  return findings.finish(order)
}
