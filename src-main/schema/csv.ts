// CSV in and out for the CLI (`--from FILE.csv`, `export --csv`). Reading is the one CSV
// reader (csv-read.ts); typing is ours, per the definition's column types, with a
// BadInputError naming the line and column of the first value that does not fit. Null
// and empty text stay distinct both ways: an unquoted empty field is null, a quoted ""
// is the empty string, and tableToCsv writes them that way (RFC 4180 quoting), so text
// columns round-trip exactly.
import {
  type Data,
  type DataType,
  DateUnit,
  Field,
  Float64,
  Precision,
  TimeUnit,
  type Table,
  Type,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import { Utf8Writer, fixedWidthData, nullData, tableFromData } from './build'
import { internStrings, isStringType, readNumbers } from './columns'
import { type CsvCell, readCsvSync } from './csv-read'
import type { TableDefinition } from './definition'
import { typeToString } from './schema-json'
import { DECIMAL_NUMBER, booleanOfWord } from '../../shared/text-values'

export interface CsvOptions {
  /** Field separator; default ','. */
  delimiter?: string
  /** Names the input in error messages (a file name); default 'CSV'. */
  where?: string
}

interface Parsed {
  header: string[]
  rows: CsvCell[][]
  /** The line a data row starts on (1-based), for messages. */
  lineOf: (row: number) => number
}

function parseCsv(text: string, options: CsvOptions): Parsed {
  const where = options.where ?? 'CSV'
  const rows: CsvCell[][] = []
  const read = readCsvSync(
    text,
    { where, delimiter: options.delimiter ?? ',', keepsQuotedEmpty: true },
    () => (cells) => rows.push(cells as CsvCell[]),
  )
  const { header } = read
  const lineOf = (row: number): number => read.linesOf([row]).get(row) ?? row + 2
  const ragged = rows.findIndex((record) => record.length !== header.length)
  if (ragged >= 0) {
    const fields = rows[ragged]!.length
    const line = lineOf(ragged)
    throw new BadInputError(
      `${where} line ${line} has ${fields} fields, but the header names ${header.length} columns. Fix the line (a missing comma or an unquoted comma in a value).`,
      { where, line, fields, columns: header.length },
    )
  }
  return { header, rows, lineOf }
}

const INTEGER = /^[+-]?\d+$/
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/

/** A decimal number, or NaN/Infinity as JS and tableToCsv spell them; null if not a number. */
function parseNumber(text: string): number | null {
  if (DECIMAL_NUMBER.test(text)) return Number(text)
  if (text === 'NaN') return NaN
  if (text === 'Infinity' || text === '+Infinity') return Infinity
  if (text === '-Infinity') return -Infinity
  return null
}

const UNIT_DIGITS: Record<TimeUnit, number> = {
  [TimeUnit.SECOND]: 0,
  [TimeUnit.MILLISECOND]: 3,
  [TimeUnit.MICROSECOND]: 6,
  [TimeUnit.NANOSECOND]: 9,
}

/** ISO 8601 date or date-time -> integer count of `unit` since the epoch (no zone means UTC). */
function parseIsoTime(text: string, unit: TimeUnit): bigint | null {
  const m = ISO_TIME.exec(text)
  if (!m) return null
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  const check = new Date(ms)
  if (
    Number.isNaN(ms) ||
    check.getUTCDate() !== Number(d) ||
    check.getUTCMonth() !== Number(mo) - 1
  )
    return null
  let offsetMinutes = 0
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)))
  }
  const digits = UNIT_DIGITS[unit]
  if (frac.replace(/0+$/, '').length > digits) return null
  const seconds = BigInt((ms - offsetMinutes * 60_000) / 1000)
  const scale = 10n ** BigInt(digits)
  return seconds * scale + BigInt((frac + '000000000').slice(0, digits) || '0')
}

function formatIsoTime(count: bigint, unit: TimeUnit): string {
  const digits = UNIT_DIGITS[unit]
  const scale = 10n ** BigInt(digits)
  let seconds = count / scale
  let frac = count % scale
  if (frac < 0n) {
    frac += scale
    seconds -= 1n
  }
  const iso = new Date(Number(seconds) * 1000).toISOString().slice(0, 19)
  return digits === 0 ? `${iso}Z` : `${iso}.${frac.toString().padStart(digits, '0')}Z`
}

interface ColumnContext {
  where: string
  name: string
  lineOf: (row: number) => number
  tableName: string | null
}

function badValue(
  ctx: ColumnContext,
  row: number,
  text: string,
  type: DataType,
  what: string,
): BadInputError {
  const owner = ctx.tableName
    ? `table "${ctx.tableName}" stores "${ctx.name}" as ${typeToString(type)}`
    : `column "${ctx.name}" is ${typeToString(type)}`
  const line = ctx.lineOf(row)
  return new BadInputError(
    `${ctx.where} line ${line}, column "${ctx.name}": "${text}" is not ${what}, but ${owner}. Correct the value or leave it empty.`,
    {
      where: ctx.where,
      line,
      row,
      column: ctx.name,
      value: text,
      expected: typeToString(type),
    },
  )
}

/** One CSV column as Arrow data of `type`. */
function columnData(cells: CsvCell[], type: DataType, ctx: ColumnContext): Data {
  const n = cells.length
  switch (type.typeId) {
    case Type.Null:
      return nullData(type, n)
    case Type.Utf8: {
      const writer = new Utf8Writer(n)
      for (const cell of cells) writer.push(cell)
      return writer.finish(type as Utf8)
    }
    case Type.Float: {
      const precision = (type as Float64).precision
      const values = precision === Precision.SINGLE ? new Float32Array(n) : new Float64Array(n)
      const valid = new Uint8Array(n)
      cells.forEach((cell, i) => {
        const text = cell?.trim() ?? ''
        if (text === '') return
        const v = parseNumber(text)
        if (v === null) throw badValue(ctx, i, text, type, 'a number')
        values[i] = v
        valid[i] = 1
      })
      if (precision === Precision.HALF)
        return vectorFromArray(
          cells.map((_cell, i) => (valid[i] ? values[i]! : null)),
          type,
        ).data[0]!
      return fixedWidthData(type, values, valid, n)
    }
    case Type.Int: {
      const { bitWidth, isSigned } = type as unknown as { bitWidth: number; isSigned: boolean }
      const ArrayType = type.ArrayType as unknown as new (
        n: number,
      ) => { [i: number]: number | bigint } & ArrayBufferView
      const values = new ArrayType(n)
      const valid = new Uint8Array(n)
      const min = bitWidth === 64 ? null : isSigned ? -(2 ** (bitWidth - 1)) : 0
      const max = bitWidth === 64 ? null : isSigned ? 2 ** (bitWidth - 1) - 1 : 2 ** bitWidth - 1
      cells.forEach((cell, i) => {
        const text = cell?.trim() ?? ''
        if (text === '') return
        if (bitWidth === 64) {
          const v = INTEGER.test(text) ? BigInt(text) : null
          const limit = isSigned ? 2n ** 63n : 2n ** 64n
          if (v === null || v >= limit || v < (isSigned ? -limit : 0n)) {
            throw badValue(
              ctx,
              i,
              text,
              type,
              `a whole number in the range of ${typeToString(type)}`,
            )
          }
          values[i] = v
        } else {
          const v = parseNumber(text)
          if (v === null || !Number.isInteger(v) || v < min! || v > max!) {
            throw badValue(
              ctx,
              i,
              text,
              type,
              `a whole number in the range of ${typeToString(type)}`,
            )
          }
          values[i] = v
        }
        valid[i] = 1
      })
      return fixedWidthData(type, values, valid, n)
    }
    case Type.Bool: {
      const values = cells.map((cell, i) => {
        const text = cell?.trim().toLowerCase() ?? ''
        if (text === '') return null
        const value = booleanOfWord(text)
        if (value !== null) return value
        throw badValue(ctx, i, cell ?? '', type, 'true or false')
      })
      return vectorFromArray(values, type).data[0]!
    }
    case Type.Date:
    case Type.Timestamp: {
      const isDay =
        type.typeId === Type.Date && (type as unknown as { unit: DateUnit }).unit === DateUnit.DAY
      const unit =
        type.typeId === Type.Timestamp
          ? (type as unknown as { unit: TimeUnit }).unit
          : TimeUnit.MILLISECOND
      const values = isDay ? new Int32Array(n) : new BigInt64Array(n)
      const valid = new Uint8Array(n)
      cells.forEach((cell, i) => {
        const text = cell?.trim() ?? ''
        if (text === '') return
        const count = parseIsoTime(text, isDay ? TimeUnit.SECOND : unit)
        if (count === null)
          throw badValue(
            ctx,
            i,
            text,
            type,
            'an ISO 8601 date or time (2026-03-02 or 2026-03-02T10:14:00Z)',
          )
        if (isDay) {
          if (count % 86400n !== 0n)
            throw badValue(ctx, i, text, type, 'a date without a time of day')
          values[i] = Number(count / 86400n)
        } else values[i] = count
        valid[i] = 1
      })
      return fixedWidthData(type, values, valid, n)
    }
    default:
      if (isStringType(type)) {
        return vectorFromArray(cells, type as never).data[0]!
      }
      throw new BadInputError(
        `${ctx.where}: column "${ctx.name}" is ${typeToString(type)}, which CSV import cannot fill. Import the data as Parquet instead.`,
        { where: ctx.where, column: ctx.name, type: typeToString(type) },
      )
  }
}

/** float64 when every non-empty cell is a number, else utf8 (an all-empty column is utf8). */
function inferType(cells: CsvCell[]): DataType {
  let sawNumber = false
  for (const cell of cells) {
    if (cell === null) continue
    const text = cell.trim()
    if (text === '' || parseNumber(text) === null) return new Utf8()
    sawNumber = true
  }
  return sawNumber ? new Float64() : new Utf8()
}

/**
 * A table from CSV text with a header line. Columns named in `def` get its types;
 * others (and all, without a def) are float64 when every value is a number, else
 * utf8. Columns stay in the file's order: conformTable puts them in registered order.
 */
export function tableFromCsv(text: string, def?: TableDefinition, options: CsvOptions = {}): Table {
  const where = options.where ?? 'CSV'
  const { header, rows, lineOf } = parseCsv(text, options)
  const fields: Field[] = []
  const columns: Data[] = []
  header.forEach((name, c) => {
    const cells = rows.map((r) => r[c] ?? null)
    const registered = def?.schema.fields.find((f) => f.name === name)
    const type = registered?.type ?? inferType(cells)
    columns.push(
      columnData(cells, type, {
        where,
        name,
        lineOf,
        tableName: registered && def ? def.tableName : null,
      }),
    )
    fields.push(new Field(name, type, true, registered?.metadata ?? null))
  })
  return tableFromData(fields, columns, rows.length)
}

const NEEDS_QUOTES = /[",\r\n]/

function quote(text: string): string {
  return text === '' || NEEDS_QUOTES.test(text) || text.trim() !== text
    ? `"${text.replace(/"/g, '""')}"`
    : text
}

function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
}

/** Each cell of a column as CSV text (already quoted), null cells as ''. */
function columnText(vector: Vector): string[] {
  const n = vector.length
  const out = new Array<string>(n).fill('')
  const type = vector.type
  if (isStringType(type)) {
    const { codes, values } = internStrings(vector)
    const quoted = values.map(quote)
    for (let i = 0; i < n; i++) if (codes[i]! >= 0) out[i] = quoted[codes[i]!]!
    return out
  }
  if (
    type.typeId === Type.Float ||
    (type.typeId === Type.Int && (type as unknown as { bitWidth: number }).bitWidth < 64)
  ) {
    const { values, valid } = readNumbers(vector)
    for (let i = 0; i < n; i++) if (!valid || valid[i]) out[i] = String(values[i])
    return out
  }
  let row = 0
  for (const chunk of vector.data) {
    for (let i = 0; i < chunk.length; i++, row++) {
      if (!chunk.getValid(i)) continue
      switch (type.typeId) {
        case Type.Int:
          out[row] = String((chunk.values as BigInt64Array)[i])
          break
        case Type.Bool:
          out[row] = String(vector.get(row))
          break
        case Type.Date:
          if ((type as unknown as { unit: DateUnit }).unit === DateUnit.DAY) {
            out[row] = new Date((chunk.values as Int32Array)[i]! * 86_400_000)
              .toISOString()
              .slice(0, 10)
          } else out[row] = formatIsoTime((chunk.values as BigInt64Array)[i]!, TimeUnit.MILLISECOND)
          break
        case Type.Timestamp:
          out[row] = formatIsoTime(
            (chunk.values as BigInt64Array)[i]!,
            (type as unknown as { unit: TimeUnit }).unit,
          )
          break
        default: {
          // Lists, structs, decimals and the rest: JSON text, readable but not read back typed.
          const value = vector.get(row) as unknown
          const plain =
            value !== null && typeof value === 'object' && 'toJSON' in value
              ? (value as { toJSON(): unknown }).toJSON()
              : value
          out[row] = quote(typeof plain === 'string' ? plain : jsonText(plain))
        }
      }
    }
  }
  return out
}

/** The table as CSV: a header line, then one line per row, CRLF line ends (RFC 4180). */
export function tableToCsv(table: Table): string {
  const names = table.schema.fields.map((f) => quote(f.name))
  const columns = table.schema.fields.map((_f, c) => columnText(table.getChildAt(c)!))
  const lines = [names.join(',')]
  for (let i = 0; i < table.numRows; i++) {
    let line = ''
    for (let c = 0; c < columns.length; c++) line += (c === 0 ? '' : ',') + columns[c]![i]!
    lines.push(line)
  }
  return lines.join('\r\n') + '\r\n'
}
