// Source values -> the target table's types, one row at a time, so CSV rows can be
// converted as they are parsed and never kept as text. A value that does not convert
// is left empty and becomes an 'import.type' error finding naming the value and its
// source line: the user sees every problem before anything is saved, instead of the
// whole file being refused for one bad cell.
import {
  type Data,
  type DataType,
  type Field,
  Table,
  Type,
  type Utf8,
  type Vector,
  makeData,
  makeVector,
  vectorFromArray,
} from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import { isBlankHoleId, theOneHoleId } from '../../shared/hole-id'
import type { Units } from '../../shared/ipc/contract'
import type { Finding } from '../../shared/metadata'
import { feetToMetres } from '../../shared/units'
import {
  DECIMAL_NUMBER,
  type EditKind,
  type TableDefinition,
  booleanOfWord,
  intRangeOf,
  isDepthField,
  typeToString,
  valueKindOf,
} from '../schema/index'
import type { ColumnMapping } from './mapping'

/** Type findings listed per column; the rest are counted in one summary finding. */
const MAX_TYPE_FINDINGS_PER_COLUMN = 100

const DECIMAL_COMMA_NUMBER = /^[+-]?\d+,\d+$/

export interface ConverterOptions {
  def: TableDefinition
  mapping: ColumnMapping
  sourceNames: readonly string[]
  sourceUnits: Units
  /** Written where hole_id is missing (the record id, or the file's base name). */
  holeIdFill: string
  /** "2,5" means 2.5 (semicolon-separated files from European locales). */
  acceptsDecimalComma: boolean
  /** How a source position is named in messages: "line 12" (CSV), "row 12" (Parquet). */
  positionName: 'line' | 'row'
  where: string
}

interface Target {
  field: Field
  kind: EditKind
  sourceIndex: number
  sourceName: string | null
  /** A metre column read from a file in feet: converted on the way in. */
  isFeet: boolean
  values: unknown[]
  typeErrors: number
}

/** A value that did not convert; its message is written once source positions are known. */
interface Failure {
  target: Target
  raw: unknown
  row: number
  what: string
}

function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value)
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)
}

/** Validity bitmap of `values` (bit i set = present), or null when none is missing. */
function validityOf(values: readonly unknown[]): {
  nullBitmap: Uint8Array | undefined
  nullCount: number
} {
  const bitmap = new Uint8Array((values.length + 7) >> 3)
  let nullCount = 0
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null) nullCount++
    else bitmap[i >> 3]! |= 1 << (i & 7)
  }
  return { nullBitmap: nullCount === 0 ? undefined : bitmap, nullCount }
}

/**
 * Converted values as Arrow data. Typed arrays filled once for numbers and UTF-8 text:
 * Arrow's generic vectorFromArray costs seconds per 100,000 rows of a borelog.
 */
function columnData(type: DataType, kind: EditKind, values: readonly unknown[]): Data {
  const length = values.length
  if (kind === 'float' || kind === 'int' || kind === 'int64') {
    const ArrayType = type.ArrayType as unknown as new (n: number) => {
      [i: number]: number | bigint
    } & ArrayBufferView
    const data = new ArrayType(length)
    const zero = kind === 'int64' ? 0n : 0
    for (let i = 0; i < length; i++) data[i] = (values[i] ?? zero) as number | bigint
    return makeData({ type: type as never, length, data: data as never, ...validityOf(values) })
  }
  if (kind === 'text' && type.typeId === Type.Utf8) {
    const encoder = new TextEncoder()
    const valueOffsets = new Int32Array(length + 1)
    let bytes = new Uint8Array(Math.max(64, length * 16))
    let end = 0
    for (let i = 0; i < length; i++) {
      const text = values[i]
      if (typeof text === 'string' && text !== '') {
        // UTF-8 needs at most 3 bytes per UTF-16 unit.
        if (end + text.length * 3 > bytes.length) {
          const grown = new Uint8Array(Math.max(bytes.length * 2, end + text.length * 3))
          grown.set(bytes.subarray(0, end))
          bytes = grown
        }
        end += encoder.encodeInto(text, bytes.subarray(end)).written
      }
      valueOffsets[i + 1] = end
    }
    return makeData({
      type: type as Utf8,
      length,
      valueOffsets,
      data: bytes.subarray(0, end),
      ...validityOf(values),
    })
  }
  return vectorFromArray(values as never[], type).data[0]!
}

export class TableConverter {
  private readonly targets: Target[]
  private readonly failures: Failure[] = []
  private rowCount = 0

  constructor(private readonly options: ConverterOptions) {
    const { def, mapping, sourceNames, sourceUnits } = options
    this.targets = def.schema.fields.map((field) => {
      const sourceName = mapping[field.name] ?? null
      const kind = valueKindOf(field.type)
      if (sourceName !== null && kind === 'other')
        throw new BadInputError(
          `Column "${field.name}" of table "${def.tableName}" is ${typeToString(field.type)}, which import cannot fill from "${sourceName}". Leave it unmapped.`,
          { where: options.where, target: field.name },
        )
      return {
        field,
        kind,
        sourceIndex: sourceName === null ? -1 : sourceNames.indexOf(sourceName),
        sourceName,
        isFeet: sourceUnits === 'ft' && isDepthField(field),
        values: [],
        typeErrors: 0,
      }
    })
  }

  /** One source row: values by source column position ('' and missing fields are empty). */
  push(row: ArrayLike<unknown>): void {
    const r = this.rowCount++
    for (const target of this.targets) {
      let value: unknown = null
      if (target.sourceIndex >= 0) {
        const raw = row[target.sourceIndex]
        value = raw === undefined ? null : this.convert(target, raw, r)
      }
      target.values.push(value)
    }
  }

  private convert(target: Target, raw: unknown, row: number): unknown {
    if (raw === null || raw === '') return null
    const text = typeof raw === 'string' ? raw.trim() : null
    if (text === '' && target.kind !== 'text') return null
    switch (target.kind) {
      case 'text':
        return typeof raw === 'string' ? raw : raw instanceof Date ? raw.toISOString() : String(raw)
      case 'float': {
        const n = this.toNumber(raw, text)
        if (n === undefined) return this.fail(target, raw, row, 'a number')
        return n === null || !target.isFeet ? n : feetToMetres(n)
      }
      case 'int': {
        const n = this.toNumber(raw, text)
        const [min, max] = intRangeOf(target.field.type)
        if (n === undefined || (n !== null && (!Number.isInteger(n) || n < min || n > max)))
          return this.fail(target, raw, row, 'a whole number')
        return n
      }
      case 'int64': {
        if (typeof raw === 'bigint') return raw
        const n = this.toNumber(raw, text)
        if (n === undefined || (n !== null && !Number.isSafeInteger(n)))
          return this.fail(target, raw, row, 'a whole number')
        return n === null ? null : BigInt(n)
      }
      case 'bool': {
        if (typeof raw === 'boolean') return raw
        return booleanOfWord(text ?? String(raw)) ?? this.fail(target, raw, row, 'true or false')
      }
      case 'other':
        return null
    }
  }

  /** A number, null for a missing one (NaN), undefined when the value is not a number. */
  private toNumber(raw: unknown, text: string | null): number | null | undefined {
    if (typeof raw === 'number') return Number.isNaN(raw) ? null : raw
    if (typeof raw === 'bigint') return Number(raw)
    if (text === null) return undefined
    if (DECIMAL_NUMBER.test(text)) return Number(text)
    if (this.options.acceptsDecimalComma && DECIMAL_COMMA_NUMBER.test(text))
      return Number(text.replace(',', '.'))
    return undefined
  }

  private fail(target: Target, raw: unknown, row: number, what: string): null {
    target.typeErrors++
    if (target.typeErrors <= MAX_TYPE_FINDINGS_PER_COLUMN)
      this.failures.push({ target, raw, row, what })
    return null
  }

  get rows(): number {
    return this.rowCount
  }

  /**
   * Rows without a hole id belong to the file's one hole when it names one (loggers often
   * write it on the first row only); else to `holeIdFill` (the record id or file name).
   */
  private fillHoleIds(): void {
    const hole = this.targets.find((t) => t.field.name === 'hole_id')
    if (!hole) return
    const fill = theOneHoleId(hole.values) ?? this.options.holeIdFill
    hole.values = hole.values.map((v) => (isBlankHoleId(v) ? fill : v))
  }

  /**
   * The converted table, in the definition's column order and types, and the conversion
   * findings in row order. `positionsOf` gives the source line (or row) of table rows.
   */
  finish(positionsOf: (rows: readonly number[]) => Map<number, number>): {
    table: Table
    findings: Finding[]
  } {
    const { where, positionName } = this.options
    const positions = positionsOf(this.failures.map((f) => f.row))
    const findings: Finding[] = this.failures
      .sort((a, b) => a.row - b.row)
      .map(({ target, raw, row, what }) => ({
        severity: 'error',
        row,
        column: target.field.name,
        rule: 'import.type',
        message: `${where} ${positionName} ${positions.get(row) ?? row + 1}, column "${target.sourceName}": ${describeValue(raw)} is not ${what}; ${target.field.name} is left empty. Correct it in the file or in the draft.`,
      }))
    this.fillHoleIds()
    const vectors: Record<string, Vector> = {}
    for (const target of this.targets) {
      vectors[target.field.name] = makeVector(
        columnData(target.field.type, target.kind, target.values),
      )
      target.values = []
      if (target.typeErrors > MAX_TYPE_FINDINGS_PER_COLUMN)
        findings.push({
          severity: 'error',
          row: null,
          column: target.field.name,
          rule: 'import.type',
          message: `${target.typeErrors - MAX_TYPE_FINDINGS_PER_COLUMN} more value(s) of column "${target.sourceName}" could not be converted; ${target.field.name} is left empty there.`,
        })
    }
    const table = new Table(this.options.def.schema, vectors)
    return { table, findings }
  }
}
