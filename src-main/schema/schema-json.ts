// Arrow Schema <-> plain JSON. Version files carry this JSON in their Parquet
// key-value metadata, and schemas.json uses the same type notation, so a file says
// what it holds without Arrow's binary IPC schema (self-describing files).
// Stable: the same schema always gives the same JSON (fixed key order, metadata keys
// sorted), so the JSON can be hashed and compared as text. Dictionary ids are not part
// of it, and typeToString ignores list item names: both are encoding details that
// differ between writers (pyarrow names list items "item", DuckDB "element").
import type { DataType } from 'apache-arrow'
import {
  Binary,
  BinaryView,
  Bool,
  DateDay,
  DateMillisecond,
  Decimal,
  Dictionary,
  Duration,
  Field,
  FixedSizeBinary,
  FixedSizeList,
  Float16,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  Interval,
  IntervalUnit,
  LargeBinary,
  LargeList,
  LargeUtf8,
  List,
  Map_,
  Null,
  Precision,
  Schema,
  Struct,
  Time,
  TimeUnit,
  Timestamp,
  Type,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  Utf8View,
  DateUnit,
} from 'apache-arrow'
import { z } from 'zod'

import { BadInputError } from '../../shared/errors'
import { corruptJson } from '../../shared/json-path'

export const SIMPLE_TYPE_NAMES = [
  'null',
  'bool',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float16',
  'float32',
  'float64',
  'utf8',
  'large_utf8',
  'utf8_view',
  'binary',
  'large_binary',
  'binary_view',
  'date32',
  'date64',
] as const
export type SimpleTypeName = (typeof SIMPLE_TYPE_NAMES)[number]

const INT_TYPE_NAMES = [
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
] as const
type IntTypeName = (typeof INT_TYPE_NAMES)[number]

const TIME_UNITS = ['s', 'ms', 'us', 'ns'] as const
type TimeUnitName = (typeof TIME_UNITS)[number]
const INTERVAL_UNITS = ['year_month', 'day_time', 'month_day_nano'] as const

export interface FieldJson {
  name: string
  type: TypeJson
  nullable: boolean
  metadata?: Record<string, string>
}

export type TypeJson =
  | SimpleTypeName
  | { type: 'decimal'; precision: number; scale: number; bit_width: 32 | 64 | 128 | 256 }
  | { type: 'timestamp'; unit: TimeUnitName; tz: string | null }
  | { type: 'time'; unit: TimeUnitName }
  | { type: 'duration'; unit: TimeUnitName }
  | { type: 'interval'; unit: (typeof INTERVAL_UNITS)[number] }
  | { type: 'fixed_size_binary'; byte_width: number }
  | { type: 'dictionary'; index: IntTypeName; value: TypeJson; ordered: boolean }
  | { type: 'list'; item: FieldJson }
  | { type: 'large_list'; item: FieldJson }
  | { type: 'fixed_size_list'; size: number; item: FieldJson }
  | { type: 'struct'; fields: FieldJson[] }
  | { type: 'map'; key: FieldJson; value: FieldJson; keys_sorted: boolean }

export interface SchemaJson {
  fields: FieldJson[]
  metadata?: Record<string, string>
}

const MetadataJsonSchema = z.record(z.string(), z.string())

export const FieldJsonSchema: z.ZodType<FieldJson> = z.lazy(() =>
  z.strictObject({
    name: z.string(),
    type: TypeJsonSchema,
    nullable: z.boolean(),
    metadata: MetadataJsonSchema.optional(),
  }),
)

export const TypeJsonSchema: z.ZodType<TypeJson> = z.lazy(() =>
  z.union([
    z.enum(SIMPLE_TYPE_NAMES),
    z.discriminatedUnion('type', [
      z.strictObject({
        type: z.literal('decimal'),
        precision: z.number().int().min(1).max(76),
        scale: z.number().int(),
        bit_width: z.union([z.literal(32), z.literal(64), z.literal(128), z.literal(256)]),
      }),
      z.strictObject({
        type: z.literal('timestamp'),
        unit: z.enum(TIME_UNITS),
        tz: z.string().nullable(),
      }),
      z.strictObject({ type: z.literal('time'), unit: z.enum(TIME_UNITS) }),
      z.strictObject({ type: z.literal('duration'), unit: z.enum(TIME_UNITS) }),
      z.strictObject({ type: z.literal('interval'), unit: z.enum(INTERVAL_UNITS) }),
      z.strictObject({
        type: z.literal('fixed_size_binary'),
        byte_width: z.number().int().positive(),
      }),
      z.strictObject({
        type: z.literal('dictionary'),
        index: z.enum(INT_TYPE_NAMES),
        value: TypeJsonSchema,
        ordered: z.boolean(),
      }),
      z.strictObject({ type: z.literal('list'), item: FieldJsonSchema }),
      z.strictObject({ type: z.literal('large_list'), item: FieldJsonSchema }),
      z.strictObject({
        type: z.literal('fixed_size_list'),
        size: z.number().int().positive(),
        item: FieldJsonSchema,
      }),
      z.strictObject({ type: z.literal('struct'), fields: z.array(FieldJsonSchema) }),
      z.strictObject({
        type: z.literal('map'),
        key: FieldJsonSchema,
        value: FieldJsonSchema,
        keys_sorted: z.boolean(),
      }),
    ]),
  ]),
)

export const SchemaJsonSchema: z.ZodType<SchemaJson> = z.strictObject({
  fields: z.array(FieldJsonSchema),
  metadata: MetadataJsonSchema.optional(),
})

const TIME_UNIT_NAME: Record<TimeUnit, TimeUnitName> = {
  [TimeUnit.SECOND]: 's',
  [TimeUnit.MILLISECOND]: 'ms',
  [TimeUnit.MICROSECOND]: 'us',
  [TimeUnit.NANOSECOND]: 'ns',
}
const TIME_UNIT_OF: Record<TimeUnitName, TimeUnit> = {
  s: TimeUnit.SECOND,
  ms: TimeUnit.MILLISECOND,
  us: TimeUnit.MICROSECOND,
  ns: TimeUnit.NANOSECOND,
}
const INTERVAL_UNIT_NAME: Record<IntervalUnit, (typeof INTERVAL_UNITS)[number]> = {
  [IntervalUnit.YEAR_MONTH]: 'year_month',
  [IntervalUnit.DAY_TIME]: 'day_time',
  [IntervalUnit.MONTH_DAY_NANO]: 'month_day_nano',
}
const INTERVAL_UNIT_OF = {
  year_month: IntervalUnit.YEAR_MONTH,
  day_time: IntervalUnit.DAY_TIME,
  month_day_nano: IntervalUnit.MONTH_DAY_NANO,
} as const

function sortedMetadata(metadata: Map<string, string>): Record<string, string> | undefined {
  if (metadata.size === 0) return undefined
  const out: Record<string, string> = {}
  for (const key of [...metadata.keys()].sort()) out[key] = metadata.get(key) ?? ''
  return out
}

function intName(type: DataType): IntTypeName {
  const t = type as unknown as { isSigned: boolean; bitWidth: 8 | 16 | 32 | 64 }
  return `${t.isSigned ? 'int' : 'uint'}${t.bitWidth}`
}

class UnsupportedTypeError extends BadInputError {
  constructor(type: DataType) {
    super(
      `Arrow type ${String(type)} is not supported by Borelog Desk schemas. Convert the column to a ` +
        'supported type (strings, numbers, booleans, dates, timestamps, decimals, lists, structs).',
      { type: String(type) },
    )
  }
}

export function fieldToJson(field: Field): FieldJson {
  const out: FieldJson = {
    name: field.name,
    type: typeToJson(field.type),
    nullable: field.nullable,
  }
  const metadata = sortedMetadata(field.metadata)
  if (metadata) out.metadata = metadata
  return out
}

export function typeToJson(type: DataType): TypeJson {
  switch (type.typeId) {
    case Type.Null:
      return 'null'
    case Type.Bool:
      return 'bool'
    case Type.Int:
      return intName(type)
    case Type.Float: {
      const precision = (type as Float64).precision
      return precision === Precision.HALF
        ? 'float16'
        : precision === Precision.SINGLE
          ? 'float32'
          : 'float64'
    }
    case Type.Utf8:
      return 'utf8'
    case Type.LargeUtf8:
      return 'large_utf8'
    case Type.Utf8View:
      return 'utf8_view'
    case Type.Binary:
      return 'binary'
    case Type.LargeBinary:
      return 'large_binary'
    case Type.BinaryView:
      return 'binary_view'
    case Type.Date:
      return (type as DateDay).unit === DateUnit.DAY ? 'date32' : 'date64'
    case Type.Decimal: {
      const d = type as Decimal
      return {
        type: 'decimal',
        precision: d.precision,
        scale: d.scale,
        bit_width: d.bitWidth as 32 | 64 | 128 | 256,
      }
    }
    case Type.Timestamp: {
      const t = type as Timestamp
      return { type: 'timestamp', unit: TIME_UNIT_NAME[t.unit], tz: t.timezone ?? null }
    }
    case Type.Time:
      return { type: 'time', unit: TIME_UNIT_NAME[(type as Time).unit] }
    case Type.Duration:
      return { type: 'duration', unit: TIME_UNIT_NAME[(type as Duration).unit] }
    case Type.Interval:
      return { type: 'interval', unit: INTERVAL_UNIT_NAME[(type as Interval).unit] }
    case Type.FixedSizeBinary:
      return { type: 'fixed_size_binary', byte_width: (type as FixedSizeBinary).byteWidth }
    case Type.Dictionary: {
      const d = type as Dictionary
      return {
        type: 'dictionary',
        index: intName(d.indices),
        value: typeToJson(d.dictionary),
        ordered: d.isOrdered,
      }
    }
    case Type.List:
      return { type: 'list', item: fieldToJson(childOf(type)) }
    case Type.LargeList:
      return { type: 'large_list', item: fieldToJson(childOf(type)) }
    case Type.FixedSizeList:
      return {
        type: 'fixed_size_list',
        size: (type as FixedSizeList).listSize,
        item: fieldToJson(childOf(type)),
      }
    case Type.Struct:
      return { type: 'struct', fields: (type as Struct).children.map(fieldToJson) }
    case Type.Map: {
      const m = type as Map_
      const entries = childOf(m).type as Struct
      const [key, value] = entries.children
      if (!key || !value) throw new UnsupportedTypeError(type)
      return {
        type: 'map',
        key: fieldToJson(key),
        value: fieldToJson(value),
        keys_sorted: m.keysSorted,
      }
    }
    default:
      throw new UnsupportedTypeError(type)
  }
}

function childOf(type: DataType): Field {
  const child = (type.children as Field[] | undefined)?.[0]
  if (!child) throw new UnsupportedTypeError(type)
  return child
}

export function schemaToJson(schema: Schema): SchemaJson {
  const out: SchemaJson = { fields: schema.fields.map(fieldToJson) }
  const metadata = sortedMetadata(schema.metadata)
  if (metadata) out.metadata = metadata
  return out
}

function metadataMap(metadata: Record<string, string> | undefined): Map<string, string> | null {
  return metadata ? new Map(Object.entries(metadata)) : null
}

export function fieldFromJson(json: FieldJson): Field {
  return new Field(json.name, typeFromJson(json.type), json.nullable, metadataMap(json.metadata))
}

function intType(name: IntTypeName): DataType {
  switch (name) {
    case 'int8':
      return new Int8()
    case 'int16':
      return new Int16()
    case 'int32':
      return new Int32()
    case 'int64':
      return new Int64()
    case 'uint8':
      return new Uint8()
    case 'uint16':
      return new Uint16()
    case 'uint32':
      return new Uint32()
    case 'uint64':
      return new Uint64()
  }
}

export function typeFromJson(json: TypeJson): DataType {
  if (typeof json === 'string') {
    switch (json) {
      case 'null':
        return new Null()
      case 'bool':
        return new Bool()
      case 'float16':
        return new Float16()
      case 'float32':
        return new Float32()
      case 'float64':
        return new Float64()
      case 'utf8':
        return new Utf8()
      case 'large_utf8':
        return new LargeUtf8()
      case 'utf8_view':
        return new Utf8View()
      case 'binary':
        return new Binary()
      case 'large_binary':
        return new LargeBinary()
      case 'binary_view':
        return new BinaryView()
      case 'date32':
        return new DateDay()
      case 'date64':
        return new DateMillisecond()
      default:
        return intType(json)
    }
  }
  switch (json.type) {
    case 'decimal':
      return new Decimal(json.scale, json.precision, json.bit_width)
    case 'timestamp':
      return new Timestamp(TIME_UNIT_OF[json.unit], json.tz)
    case 'time': {
      const unit = TIME_UNIT_OF[json.unit]
      return new Time(unit, unit === TimeUnit.SECOND || unit === TimeUnit.MILLISECOND ? 32 : 64)
    }
    case 'duration':
      return new Duration(TIME_UNIT_OF[json.unit])
    case 'interval':
      return new Interval(INTERVAL_UNIT_OF[json.unit])
    case 'fixed_size_binary':
      return new FixedSizeBinary(json.byte_width)
    case 'dictionary':
      return new Dictionary(
        typeFromJson(json.value),
        intType(json.index) as Int32,
        null,
        json.ordered,
      )
    case 'list':
      return new List(fieldFromJson(json.item))
    case 'large_list':
      return new LargeList(fieldFromJson(json.item))
    case 'fixed_size_list':
      return new FixedSizeList(json.size, fieldFromJson(json.item))
    case 'struct':
      return new Struct(json.fields.map(fieldFromJson))
    case 'map': {
      const entries = new Field(
        'entries',
        new Struct([fieldFromJson(json.key), fieldFromJson(json.value)]),
        false,
      )
      return new Map_(entries, json.keys_sorted)
    }
  }
}

/**
 * Rebuilds a Schema from JSON that came from outside (a version file's metadata, a
 * hand-edited file). `where` names the source in the CorruptMetadataError.
 */
export function schemaFromJson(json: unknown, where = 'schema JSON'): Schema {
  const parsed = SchemaJsonSchema.safeParse(json)
  if (!parsed.success) throw corruptJson(where, parsed.error)
  return new Schema(parsed.data.fields.map(fieldFromJson), metadataMap(parsed.data.metadata))
}

/**
 * The canonical one-line spelling of a type, for messages and for comparing types:
 * two types with the same string hold the same values the same way.
 */
export function typeToString(type: DataType): string {
  return typeJsonToString(typeToJson(type))
}

export function typeJsonToString(json: TypeJson): string {
  if (typeof json === 'string') return json
  switch (json.type) {
    case 'decimal':
      return `decimal${json.bit_width}(${json.precision}, ${json.scale})`
    case 'timestamp':
      return json.tz === null ? `timestamp[${json.unit}]` : `timestamp[${json.unit}, tz=${json.tz}]`
    case 'time':
    case 'duration':
    case 'interval':
      return `${json.type}[${json.unit}]`
    case 'fixed_size_binary':
      return `fixed_size_binary[${json.byte_width}]`
    case 'dictionary':
      return `dictionary<${json.index}, ${typeJsonToString(json.value)}${json.ordered ? ', ordered' : ''}>`
    case 'list':
    case 'large_list':
      return `${json.type}<${typeJsonToString(json.item.type)}>`
    case 'fixed_size_list':
      return `fixed_size_list<${typeJsonToString(json.item.type)}>[${json.size}]`
    case 'struct':
      return `struct<${json.fields.map((f) => `${f.name}: ${typeJsonToString(f.type)}`).join(', ')}>`
    case 'map':
      return `map<${typeJsonToString(json.key.type)}, ${typeJsonToString(json.value.type)}>`
  }
}

/**
 * The type with its encoding choices removed: dictionary<int32, utf8> is utf8,
 * large_utf8 and utf8_view are utf8, large_list is list. Writers pick these encodings
 * (pandas dictionaries, DuckDB views), so the same column can come back from another
 * tool in another encoding without its values changing.
 */
function logicalTypeJson(json: TypeJson): TypeJson {
  if (typeof json === 'string') {
    if (json === 'large_utf8' || json === 'utf8_view') return 'utf8'
    if (json === 'large_binary' || json === 'binary_view') return 'binary'
    return json
  }
  const field = (f: FieldJson): FieldJson => ({ ...f, type: logicalTypeJson(f.type) })
  switch (json.type) {
    case 'dictionary':
      return logicalTypeJson(json.value)
    case 'list':
    case 'large_list':
      return { type: 'list', item: field(json.item) }
    case 'fixed_size_list':
      return { ...json, item: field(json.item) }
    case 'struct':
      return { type: 'struct', fields: json.fields.map(field) }
    case 'map':
      return { ...json, key: field(json.key), value: field(json.value) }
    default:
      return json
  }
}

/** typeToString of the type without its encoding: equal for columns that hold the same values. */
export function logicalTypeToString(type: DataType): string {
  return typeJsonToString(logicalTypeJson(typeToJson(type)))
}
