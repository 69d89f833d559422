import { Field, Float64, Int32, Schema, SparseUnion, Utf8 } from 'apache-arrow'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import { encodeParquet, readKeyValueMetadata } from '../parquet/index'
import { makeBorelogTable } from './borelog-table'
import { BORELOG_DEFINITION } from './definition'
import {
  type FieldJson,
  SIMPLE_TYPE_NAMES,
  type TypeJson,
  schemaFromJson,
  schemaToJson,
  typeFromJson,
  typeToJson,
  typeToString,
} from './schema-json'

const metadata = fc.option(
  fc.dictionary(fc.stringMatching(/^[a-z_.]{1,8}$/), fc.string({ maxLength: 12 }), {
    minKeys: 1,
    maxKeys: 3,
  }),
  { nil: undefined },
)
const timeUnit = fc.constantFrom('s' as const, 'ms' as const, 'us' as const, 'ns' as const)

const { type: typeJson } = fc.letrec<{ type: TypeJson; field: FieldJson }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SIMPLE_TYPE_NAMES),
    fc.record({
      type: fc.constant('decimal' as const),
      precision: fc.integer({ min: 1, max: 38 }),
      scale: fc.integer({ min: 0, max: 10 }),
      bit_width: fc.constantFrom(32 as const, 64 as const, 128 as const, 256 as const),
    }),
    fc.record({
      type: fc.constant('timestamp' as const),
      unit: timeUnit,
      tz: fc.option(fc.constantFrom('UTC', 'Europe/London', '+01:00'), { nil: null }),
    }),
    fc.record({ type: fc.constant('time' as const), unit: timeUnit }),
    fc.record({ type: fc.constant('duration' as const), unit: timeUnit }),
    fc.record({
      type: fc.constant('interval' as const),
      unit: fc.constantFrom('year_month' as const, 'day_time' as const, 'month_day_nano' as const),
    }),
    fc.record({
      type: fc.constant('fixed_size_binary' as const),
      byte_width: fc.integer({ min: 1, max: 64 }),
    }),
    fc.record({
      type: fc.constant('dictionary' as const),
      index: fc.constantFrom(
        'int8' as const,
        'int16' as const,
        'int32' as const,
        'uint32' as const,
        'int64' as const,
      ),
      value: fc.constantFrom(
        'utf8' as const,
        'large_utf8' as const,
        'int32' as const,
        'float64' as const,
      ),
      ordered: fc.boolean(),
    }),
    fc.record({
      type: fc.constant('list' as const),
      item: tie('field') as fc.Arbitrary<FieldJson>,
    }),
    fc.record({
      type: fc.constant('large_list' as const),
      item: tie('field') as fc.Arbitrary<FieldJson>,
    }),
    fc.record({
      type: fc.constant('fixed_size_list' as const),
      size: fc.integer({ min: 1, max: 8 }),
      item: tie('field') as fc.Arbitrary<FieldJson>,
    }),
    fc.record({
      type: fc.constant('struct' as const),
      fields: fc.array(tie('field') as fc.Arbitrary<FieldJson>, { maxLength: 3 }),
    }),
    fc.record({
      type: fc.constant('map' as const),
      key: fc.record({
        name: fc.constant('key'),
        type: fc.constantFrom('utf8' as const, 'int32' as const),
        nullable: fc.constant(false),
      }),
      // Arrow names a map's entry fields key and value whatever they were called.
      value: (tie('field') as fc.Arbitrary<FieldJson>).map((f) => ({ ...f, name: 'value' })),
      keys_sorted: fc.boolean(),
    }),
  ),
  field: fc.record(
    {
      name: fc.string({ maxLength: 10 }),
      type: tie('type') as fc.Arbitrary<TypeJson>,
      nullable: fc.boolean(),
      metadata,
    },
    { requiredKeys: ['name', 'type', 'nullable'] },
  ),
}))

const fieldJson: fc.Arbitrary<FieldJson> = fc.record(
  { name: fc.string({ maxLength: 10 }), type: typeJson, nullable: fc.boolean(), metadata },
  { requiredKeys: ['name', 'type', 'nullable'] },
)

/** JSON.stringify drops undefined properties, as any JSON writer does. */
function asStored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

function thrown(f: () => unknown): BorelogError {
  try {
    f()
  } catch (e) {
    if (e instanceof BorelogError) return e
    throw e
  }
  throw new Error('expected a BorelogError')
}

describe('schema JSON', () => {
  it('every describable Arrow type survives JSON -> Arrow -> JSON unchanged', () => {
    fc.assert(
      fc.property(typeJson, (json) => {
        expect(typeToJson(typeFromJson(json))).toEqual(asStored(json))
      }),
      { numRuns: 300 },
    )
  })

  it('schemaFromJson(schemaToJson(s)) describes the same schema, metadata included, through JSON text', () => {
    fc.assert(
      fc.property(fc.array(fieldJson, { maxLength: 5 }), metadata, (fields, schemaMetadata) => {
        const json = asStored({ fields, metadata: schemaMetadata })
        const schema = schemaFromJson(json)
        const again = schemaFromJson(JSON.parse(JSON.stringify(schemaToJson(schema))))
        expect(schemaToJson(again)).toEqual(schemaToJson(schema))
        expect(again.fields.map((f) => typeToString(f.type))).toEqual(
          schema.fields.map((f) => typeToString(f.type)),
        )
        const described = (s: Schema) =>
          s.fields.map((f) => [f.name, f.nullable, [...f.metadata].sort()])
        expect(described(again)).toEqual(described(schema))
      }),
      { numRuns: 200 },
    )
  })

  it('is stable: metadata keys sorted, so equal schemas give identical JSON text', () => {
    const a = new Schema([
      new Field(
        'x',
        new Int32(),
        true,
        new Map([
          ['b', '2'],
          ['a', '1'],
        ]),
      ),
    ])
    const b = new Schema([
      new Field(
        'x',
        new Int32(),
        true,
        new Map([
          ['a', '1'],
          ['b', '2'],
        ]),
      ),
    ])
    expect(JSON.stringify(schemaToJson(a))).toBe(JSON.stringify(schemaToJson(b)))
    expect(JSON.stringify(schemaToJson(a))).toBe(
      '{"fields":[{"name":"x","type":"int32","nullable":true,"metadata":{"a":"1","b":"2"}}]}',
    )
  })

  it('describes the borelog schema with its units', () => {
    const json = schemaToJson(BORELOG_DEFINITION.schema)
    expect(json.fields.map((f) => [f.name, f.type, f.metadata?.['unit'] ?? null])).toEqual([
      ['hole_id', 'utf8', null],
      ['depth_top_m', 'float64', 'm'],
      ['depth_base_m', 'float64', 'm'],
      ['description', 'utf8', null],
      ['legend_code', 'utf8', null],
      ['geology_code', 'utf8', null],
      ['spt_n', 'int32', 'blows'],
      ['sample_refs', 'utf8', null],
      ['water_strike_m', 'float64', 'm'],
      ['remarks', 'utf8', null],
    ])
  })

  it('travels in Parquet key-value metadata, so a version file describes itself', () => {
    const table = makeBorelogTable([{ hole_id: 'BH1', depth_top_m: 0, depth_base_m: 1 }])
    const bytes = encodeParquet(table, {
      keyValueMetadata: new Map([['borelog.schema', JSON.stringify(schemaToJson(table.schema))]]),
    })
    const stored = readKeyValueMetadata(bytes).get('borelog.schema')
    expect(schemaToJson(schemaFromJson(JSON.parse(stored ?? 'null'), 'v1.parquet'))).toEqual(
      schemaToJson(BORELOG_DEFINITION.schema),
    )
  })

  it('malformed JSON is CORRUPT_METADATA naming the source and the JSON path of the bad value', () => {
    const error = thrown(() =>
      schemaFromJson(
        {
          fields: [
            { name: 'a', type: 'utf8', nullable: true },
            { name: 'b', type: { type: 'timestamp', unit: 'hours', tz: null }, nullable: true },
          ],
        },
        'v3.parquet',
      ),
    )
    expect(error.code).toBe('CORRUPT_METADATA')
    expect(error.details).toMatchObject({ where: 'v3.parquet', path: 'fields[1].type.unit' })
  })

  it('an unknown type name is reported at the type', () => {
    const error = thrown(() =>
      schemaFromJson({ fields: [{ name: 'a', type: 'text', nullable: true }] }),
    )
    expect(error.details).toMatchObject({ path: 'fields[0].type' })
  })

  it('an unknown type object is reported at its "type" key', () => {
    const error = thrown(() =>
      schemaFromJson({ fields: [{ name: 'a', type: { type: 'geometry' }, nullable: true }] }),
    )
    expect(error.details).toMatchObject({ path: 'fields[0].type.type' })
  })

  it('an Arrow type it cannot describe is BAD_INPUT naming the type', () => {
    const union = new SparseUnion(
      [0, 1],
      [new Field('a', new Utf8()), new Field('b', new Float64())],
    )
    const error = thrown(() => schemaToJson(new Schema([new Field('u', union)])))
    expect(error.code).toBe('BAD_INPUT')
  })

  it('spells types for messages and comparison, ignoring list item names', () => {
    const list = (name: string) =>
      typeFromJson({ type: 'list', item: { name, type: 'float64', nullable: true } })
    expect(typeToString(list('item'))).toBe(typeToString(list('element')))
    expect(typeToString(typeFromJson({ type: 'timestamp', unit: 'ms', tz: 'UTC' }))).toBe(
      'timestamp[ms, tz=UTC]',
    )
    expect(
      typeToString(
        typeFromJson({ type: 'dictionary', index: 'int32', value: 'utf8', ordered: false }),
      ),
    ).toBe('dictionary<int32, utf8>')
  })
})
