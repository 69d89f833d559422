import {
  Bool,
  DateDay,
  Float64,
  Int64,
  Table,
  TimeUnit,
  Timestamp,
  Utf8,
  vectorFromArray,
} from 'apache-arrow'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import { type BorelogRow, makeBorelogTable } from './borelog-table'
import { tableFromCsv, tableToCsv } from './csv'
import { BORELOG_DEFINITION, defineTable, definitionFromTable } from './definition'
import { typeToString } from './schema-json'

function rowsOf(table: Table): Record<string, unknown>[] {
  return table.toArray().map((r) => (r as { toJSON(): Record<string, unknown> }).toJSON())
}

function typesOf(table: Table): string[] {
  return table.schema.fields.map((f) => `${f.name}:${typeToString(f.type)}`)
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

describe('tableFromCsv', () => {
  it("types columns by the table's schema: empty is null, quoted empty is text, units kept, file order kept", () => {
    const csv = [
      'hole_id,depth_top_m,depth_base_m,spt_n,description,extra',
      'BH1,0,0.3,,"",a',
      'BH1, 0.3 ,2.5,12,"Firm brown CLAY, fissured",b',
    ].join('\n')
    const table = tableFromCsv(csv, BORELOG_DEFINITION)
    expect(typesOf(table)).toEqual([
      'hole_id:utf8',
      'depth_top_m:float64',
      'depth_base_m:float64',
      'spt_n:int32',
      'description:utf8',
      'extra:utf8',
    ])
    expect(table.schema.fields[1]?.metadata.get('unit')).toBe('m')
    expect(rowsOf(table)).toEqual([
      {
        hole_id: 'BH1',
        depth_top_m: 0,
        depth_base_m: 0.3,
        spt_n: null,
        description: '',
        extra: 'a',
      },
      {
        hole_id: 'BH1',
        depth_top_m: 0.3,
        depth_base_m: 2.5,
        spt_n: 12,
        description: 'Firm brown CLAY, fissured',
        extra: 'b',
      },
    ])
  })

  it('accepts CRLF line ends, a byte-order mark and blank lines', () => {
    const csv = '\uFEFFhole_id,depth_top_m\r\nBH1,1\r\n\r\nBH2,2\r\n'
    expect(rowsOf(tableFromCsv(csv, BORELOG_DEFINITION))).toEqual([
      { hole_id: 'BH1', depth_top_m: 1 },
      { hole_id: 'BH2', depth_top_m: 2 },
    ])
  })

  it('a non-numeric value in a numeric column is BAD_INPUT naming the line and column', () => {
    const csv = 'hole_id,depth_top_m\nBH1,0\nBH1,1.2m\n'
    const error = thrown(() => tableFromCsv(csv, BORELOG_DEFINITION, { where: 'bh1.csv' }))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.details).toMatchObject({
      where: 'bh1.csv',
      line: 3,
      column: 'depth_top_m',
      value: '1.2m',
    })
  })

  it('line numbers count the lines of multi-line quoted values', () => {
    const csv = 'hole_id,description,spt_n\nBH1,"Firm CLAY\nwith roots",3\nBH1,Sand,x\n'
    expect(thrown(() => tableFromCsv(csv, BORELOG_DEFINITION)).details).toMatchObject({
      line: 4,
      column: 'spt_n',
    })
  })

  it('refuses a fraction or an out-of-range number in an int column, and hex in a float column', () => {
    expect(thrown(() => tableFromCsv('spt_n\n12.5\n', BORELOG_DEFINITION)).details).toMatchObject({
      line: 2,
      column: 'spt_n',
    })
    expect(thrown(() => tableFromCsv('spt_n\n3000000000\n', BORELOG_DEFINITION)).code).toBe(
      'BAD_INPUT',
    )
    expect(thrown(() => tableFromCsv('depth_top_m\n0x10\n', BORELOG_DEFINITION)).code).toBe(
      'BAD_INPUT',
    )
  })

  it('a line with the wrong number of fields is BAD_INPUT naming the line', () => {
    const error = thrown(() => tableFromCsv('a,b\n1,2\n3\n4,5\n'))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.details).toMatchObject({ line: 3 })
  })

  it('an unclosed quote is BAD_INPUT', () => {
    expect(thrown(() => tableFromCsv('a,b\n1,"2\n')).code).toBe('BAD_INPUT')
  })

  it('an empty file, an unnamed column or a repeated column name is BAD_INPUT', () => {
    expect(thrown(() => tableFromCsv('')).code).toBe('BAD_INPUT')
    expect(thrown(() => tableFromCsv('a,,c\n1,2,3\n')).details).toMatchObject({ column: 1 })
    expect(thrown(() => tableFromCsv('a,b,a\n1,2,3\n')).details).toMatchObject({ column: 'a' })
  })

  it('without a definition, all-numeric columns are float64 and the rest utf8', () => {
    const table = tableFromCsv('n,t,mixed,empty\n1,x,1,\n2.5,y,two,\n,z,3,\n')
    expect(typesOf(table)).toEqual(['n:float64', 't:utf8', 'mixed:utf8', 'empty:utf8'])
    expect(rowsOf(table)).toEqual([
      { n: 1, t: 'x', mixed: '1', empty: null },
      { n: 2.5, t: 'y', mixed: 'two', empty: null },
      { n: null, t: 'z', mixed: '3', empty: null },
    ])
  })

  it('reads booleans, dates, timestamps and int64 for tables that declare them', () => {
    const def = defineTable({
      tableName: 'readings',
      columns: [
        { name: 'ok', type: new Bool() },
        { name: 'day', type: new DateDay() },
        { name: 'at', type: new Timestamp(TimeUnit.MICROSECOND, 'UTC') },
        { name: 'count', type: new Int64() },
      ],
    })
    const csv =
      'ok,day,at,count\nyes,2026-03-02,2026-03-02T10:14:00.123456Z,9007199254740993\nfalse,1969-12-31,2026-03-02 11:14+01:00,-1\n,,,\n'
    const table = tableFromCsv(csv, def)
    expect(typesOf(table)).toEqual([
      'ok:bool',
      'day:date32',
      'at:timestamp[us, tz=UTC]',
      'count:int64',
    ])
    const at = table.getChild('at')!.data[0]!.values as BigInt64Array
    expect([...at.subarray(0, 2)]).toEqual([1772446440123456n, 1772446440000000n])
    expect(table.getChild('count')?.get(0)).toBe(9007199254740993n)
    expect(table.getChild('day')?.get(1)).toBe(-86_400_000)
    expect(table.getChild('ok')?.toArray()).toEqual([true, false, null])
    expect(thrown(() => tableFromCsv('day\n2026-02-30\n', def)).details).toMatchObject({
      column: 'day',
    })
  })
})

describe('tableToCsv', () => {
  it('quotes per RFC 4180 and tells null from empty text', () => {
    const table = new Table({
      t: vectorFromArray(
        ['plain', 'a,b', 'say "hi"', 'two\nlines', '', null, ' padded'],
        new Utf8(),
      ),
      n: vectorFromArray([1, 2.5, null, -3, NaN, Infinity, 0.1], new Float64()),
    })
    expect(tableToCsv(table)).toBe(
      [
        't,n',
        'plain,1',
        '"a,b",2.5',
        '"say ""hi""",',
        '"two\nlines",-3',
        '"",NaN',
        ',Infinity',
        '" padded",0.1',
        '',
      ].join('\r\n'),
    )
  })

  it('a one-column table keeps its null rows', () => {
    const table = new Table({ t: vectorFromArray(['a', null, '', null], new Utf8()) })
    expect(rowsOf(tableFromCsv(tableToCsv(table), definitionFromTable('t', table)))).toEqual(
      rowsOf(table),
    )
  })

  it('booleans, dates, timestamps and int64 round-trip exactly', () => {
    const def = defineTable({
      tableName: 'readings',
      columns: [
        { name: 'ok', type: new Bool() },
        { name: 'day', type: new DateDay() },
        { name: 'at', type: new Timestamp(TimeUnit.NANOSECOND, 'UTC') },
        { name: 'count', type: new Int64() },
      ],
    })
    const csv =
      'ok,day,at,count\r\ntrue,2026-03-02,2026-03-02T10:14:00.123456789Z,-9007199254740993\r\n,,,\r\n'
    expect(tableToCsv(tableFromCsv(csv, def))).toBe(csv)
  })
})

const text = fc.option(fc.string({ unit: 'grapheme', maxLength: 12 }), { nil: null })
const depth = fc.option(
  fc.double().map((v) => (Object.is(v, -0) ? 0 : v)),
  { nil: null },
)
const borelogRow: fc.Arbitrary<BorelogRow> = fc.record({
  hole_id: text,
  depth_top_m: depth,
  depth_base_m: depth,
  description: text,
  legend_code: text,
  geology_code: text,
  spt_n: fc.option(fc.integer(), { nil: null }),
  sample_refs: text,
  water_strike_m: depth,
  remarks: text,
})

describe('CSV round trip', () => {
  it('tableFromCsv(tableToCsv(t), borelog) gives back every value of a borelog table', () => {
    fc.assert(
      fc.property(fc.array(borelogRow, { maxLength: 8 }), (rows) => {
        const table = makeBorelogTable(rows)
        const back = tableFromCsv(tableToCsv(table), BORELOG_DEFINITION)
        expect(rowsOf(back)).toEqual(rowsOf(table))
        expect(typesOf(back)).toEqual(typesOf(table))
      }),
      { numRuns: 300 },
    )
  })
})
