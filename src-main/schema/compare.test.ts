import {
  Dictionary,
  Field,
  Float64,
  Int8,
  Int32,
  Int64,
  LargeList,
  LargeUtf8,
  List,
  Schema,
  Utf8,
} from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import { compareSchemas, schemaChangeFindings } from './compare'
import { BORELOG_DEFINITION } from './definition'

const field = (name: string, type: Field['type'], nullable = true) =>
  new Field(name, type, nullable)

describe('compareSchemas', () => {
  it('equal schemas have no changes, whatever the nullability, metadata or dictionary ids', () => {
    const a = new Schema([
      field('a', new Dictionary(new Utf8(), new Int32(), 1)),
      field('b', new Float64(), true),
    ])
    const b = new Schema([
      field('a', new Dictionary(new Utf8(), new Int32(), 7)),
      new Field('b', new Float64(), false, new Map([['unit', 'm']])),
    ])
    expect(compareSchemas(a, b)).toEqual([])
    expect(compareSchemas(BORELOG_DEFINITION.schema, BORELOG_DEFINITION.schema)).toEqual([])
  })

  it('encodings are not changes: dictionary or large strings are utf8, large lists are lists', () => {
    const a = new Schema([field('s', new Utf8()), field('l', new List(field('item', new Utf8())))])
    const b = new Schema([
      field('s', new Dictionary(new LargeUtf8(), new Int32())),
      field('l', new LargeList(field('element', new Dictionary(new Utf8(), new Int8())))),
    ])
    expect(compareSchemas(a, b)).toEqual([])
    expect(
      compareSchemas(
        a,
        new Schema([field('s', new Dictionary(new Int32(), new Int32())), a.fields[1]!]),
      ),
    ).toEqual([{ kind: 'type-changed', column: 's', from: 'utf8', to: 'int32' }])
  })

  it('list item names are not a change (pyarrow "item" vs DuckDB "element")', () => {
    const a = new Schema([field('l', new List(field('item', new Float64())))])
    const b = new Schema([field('l', new List(field('element', new Float64())))])
    expect(compareSchemas(a, b)).toEqual([])
  })

  it('lists removed and retyped columns in the old order, then added ones in the new order', () => {
    const before = new Schema([
      field('a', new Utf8()),
      field('b', new Int32()),
      field('c', new Float64()),
    ])
    const after = new Schema([
      field('z', new Utf8()),
      field('b', new Int64()),
      field('a', new Utf8()),
      field('y', new Int32()),
    ])
    expect(compareSchemas(before, after)).toEqual([
      { kind: 'type-changed', column: 'b', from: 'int32', to: 'int64' },
      { kind: 'removed', column: 'c', type: 'float64' },
      { kind: 'added', column: 'z', type: 'utf8' },
      { kind: 'added', column: 'y', type: 'int32' },
    ])
  })

  it('makes one table-level warning per change for an unregistered table', () => {
    const before = new Schema([field('a', new Utf8()), field('b', new Int32())])
    const after = new Schema([field('b', new Float64()), field('c', new Utf8())])
    const findings = schemaChangeFindings(compareSchemas(before, after), 'borelog_versions')
    expect(
      findings.map(({ severity, row, column, rule }) => ({ severity, row, column, rule })),
    ).toEqual([
      { severity: 'warning', row: null, column: 'a', rule: 'schema-changed' },
      { severity: 'warning', row: null, column: 'b', rule: 'schema-changed' },
      { severity: 'warning', row: null, column: 'c', rule: 'schema-changed' },
    ])
  })
})
