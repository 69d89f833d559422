import {
  Dictionary,
  Field,
  Float64,
  Int32,
  Schema,
  Table,
  Utf8,
  Vector,
  makeVector,
  vectorFromArray,
} from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import type { Finding } from '../../shared/metadata'
import { type BorelogRow, makeBorelogTable } from './borelog-table'
import { BORELOG_DEFINITION, definitionFromTable } from './definition'
import { RULES, type RuleId, validateTable } from './validate'

type ColumnInput = Vector | Float64Array | Int32Array | BigInt64Array | readonly (string | null)[]

/** A table from vectors and plain arrays (string arrays become utf8, not dictionaries). */
function tableOf(columns: Record<string, ColumnInput>): Table {
  return new Table(
    Object.fromEntries(
      Object.entries(columns).map(([name, c]) => [
        name,
        c instanceof Vector
          ? c
          : ArrayBuffer.isView(c)
            ? makeVector(c)
            : vectorFromArray(c as (string | null)[], new Utf8()),
      ]),
    ),
  )
}

const VALID: Partial<BorelogRow>[] = [
  {
    hole_id: 'BH1',
    depth_top_m: 0,
    depth_base_m: 0.3,
    description: 'Dark brown sandy TOPSOIL',
    legend_code: '101',
    geology_code: 'TS',
  },
  {
    hole_id: 'BH1',
    depth_top_m: 0.3,
    depth_base_m: 2.5,
    description: 'Firm brown CLAY',
    legend_code: '201',
    spt_n: 12,
    sample_refs: 'D1',
  },
  {
    hole_id: 'BH1',
    depth_top_m: 2.5,
    depth_base_m: 6,
    description: 'Medium dense grey SAND',
    legend_code: '401',
    spt_n: 25,
    water_strike_m: 3.2,
  },
  {
    hole_id: 'BH1',
    depth_top_m: 6,
    depth_base_m: 10,
    description: 'Weak white CHALK',
    legend_code: '805',
    spt_n: 50,
    remarks: 'Drillers description',
  },
]
const HEADER = { hole_id: 'BH1', final_depth_m: '10.00' }

/** VALID with the given changes per row index. */
function rowsWith(changes: Record<number, Partial<BorelogRow>>): Partial<BorelogRow>[] {
  return VALID.map((row, i) => ({ ...row, ...changes[i] }))
}

type Brief = Pick<Finding, 'rule' | 'row' | 'column' | 'severity'>

function brief(findings: Finding[]): Brief[] {
  return findings.map(({ rule, row, column, severity }) => ({ rule, row, column, severity }))
}

function expected(rule: RuleId, row: number | null, column: string | null): Brief {
  return { rule, row, column, severity: RULES[rule].severity }
}

function check(rows: Partial<BorelogRow>[], header: Record<string, string> = HEADER): Finding[] {
  return validateTable(makeBorelogTable(rows), BORELOG_DEFINITION, header)
}

describe('validateTable on a borelog', () => {
  it('a sound borelog has zero findings', () => {
    expect(check(VALID)).toEqual([])
  })

  it('rows in any order and several holes interleaved have zero findings (intervals are sorted per hole)', () => {
    const other = VALID.map((r) => ({ ...r, hole_id: 'BH2' }))
    const mixed = [
      VALID[2]!,
      other[3]!,
      VALID[0]!,
      other[1]!,
      VALID[3]!,
      other[0]!,
      VALID[1]!,
      other[2]!,
    ]
    expect(check(mixed, { final_depth_m: '10' })).toEqual([])
  })

  it('a long hole in shuffled order is sorted correctly too (more intervals than the insertion-sort limit)', () => {
    const rows = Array.from({ length: 600 }, (_, i) => ({
      hole_id: 'BH1',
      depth_top_m: i / 10,
      depth_base_m: (i + 1) / 10,
      description: 'CLAY',
      legend_code: '201',
    }))
    const shuffled = rows.map((_row, i) => rows[(i * 7919) % rows.length]!)
    expect(new Set(shuffled).size).toBe(rows.length)
    expect(check(shuffled, { final_depth_m: '60' })).toEqual([])
    const withGap = shuffled.filter((r) => r.depth_top_m !== 30)
    expect(brief(check(withGap, { final_depth_m: '60' })).map((f) => f.rule)).toEqual([
      'interval-gap',
      'interval-gap',
    ])
  })

  it('messages name the 1-based row a person sees', () => {
    const [finding] = check(rowsWith({ 2: { spt_n: -1 } }))
    expect(finding?.row).toBe(2)
    expect(finding?.message).toMatch(/^Row 3\b/)
  })

  it('a missing required column is one table-level error', () => {
    const table = makeBorelogTable(VALID).select(
      BORELOG_DEFINITION.schema.fields.map((f) => f.name).filter((n) => n !== 'depth_base_m'),
    )
    expect(brief(validateTable(table, BORELOG_DEFINITION, HEADER))).toEqual([
      expected('missing-column', null, 'depth_base_m'),
    ])
  })

  it('a missing optional column is no finding', () => {
    const table = makeBorelogTable(VALID).select(
      BORELOG_DEFINITION.schema.fields.map((f) => f.name).filter((n) => n !== 'remarks'),
    )
    expect(validateTable(table, BORELOG_DEFINITION, HEADER)).toEqual([])
  })

  it('a column of a type that cannot hold the registered type is a column-type error', () => {
    const base = makeBorelogTable(VALID)
    const columns = Object.fromEntries(
      base.schema.fields.map((f) => [f.name, base.getChild(f.name)!]),
    )
    const withText = new Table({
      ...columns,
      depth_top_m: vectorFromArray(['0', '0.3', '2.5', '6'], new Utf8()),
    })
    expect(brief(validateTable(withText, BORELOG_DEFINITION, HEADER))).toEqual([
      expected('column-type', null, 'depth_top_m'),
    ])
  })

  it('castable types (int64 depths, dictionary strings) validate like the registered types', () => {
    const table = tableOf({
      hole_id: vectorFromArray(['BH1', 'BH1'], new Dictionary(new Utf8(), new Int32())),
      depth_top_m: BigInt64Array.from([0n, 1n]),
      depth_base_m: BigInt64Array.from([1n, 2n]),
      description: ['Firm CLAY', 'Dense SAND'],
      legend_code: vectorFromArray(['201', '401'], new Dictionary(new Utf8(), new Int32())),
    })
    expect(
      validateTable(table, BORELOG_DEFINITION, { hole_id: 'BH1', final_depth_m: '2' }),
    ).toEqual([])
  })

  it('a null key value is a key-null error', () => {
    expect(brief(check(rowsWith({ 3: { hole_id: null } })))).toEqual([
      expected('key-null', 3, 'hole_id'),
    ])
  })

  it('a null required value is a required-null error', () => {
    expect(brief(check(rowsWith({ 3: { depth_base_m: null } })))).toEqual([
      expected('required-null', 3, 'depth_base_m'),
    ])
  })

  it('a repeated key is a duplicate-key error on the later row only', () => {
    const rows = [...VALID, { ...VALID[1]! }]
    expect(brief(check(rows))).toEqual([expected('duplicate-key', 4, 'depth_top_m')])
  })

  it('top not above base is an error', () => {
    expect(brief(check(rowsWith({ 3: { depth_base_m: 5 } })))).toEqual([
      expected('top-not-above-base', 3, 'depth_top_m'),
    ])
    expect(brief(check(rowsWith({ 3: { depth_base_m: 6 } })))).toEqual([
      expected('top-not-above-base', 3, 'depth_top_m'),
    ])
  })

  it('negative depths are errors, for interval depths and water strikes', () => {
    expect(brief(check(rowsWith({ 0: { depth_top_m: -0.1 } })))).toEqual([
      expected('negative-depth', 0, 'depth_top_m'),
    ])
    expect(brief(check(rowsWith({ 2: { water_strike_m: -1 } })))).toEqual([
      expected('negative-depth', 2, 'water_strike_m'),
    ])
  })

  it('NaN and infinite depths are depth-not-finite errors (not also beyond the final depth)', () => {
    expect(brief(check(rowsWith({ 3: { depth_base_m: NaN } })))).toEqual([
      expected('depth-not-finite', 3, 'depth_base_m'),
    ])
    expect(brief(check(rowsWith({ 3: { depth_base_m: Infinity } })))).toEqual([
      expected('depth-not-finite', 3, 'depth_base_m'),
    ])
  })

  it('a NaN key depth is reported once, as key-null', () => {
    expect(brief(check(rowsWith({ 3: { depth_top_m: NaN } })))).toEqual([
      expected('key-null', 3, 'depth_top_m'),
    ])
  })

  it('overlapping intervals are an error on both rows', () => {
    expect(brief(check(rowsWith({ 2: { depth_top_m: 2.0 } })))).toEqual([
      expected('interval-overlap', 1, 'depth_base_m'),
      expected('interval-overlap', 2, 'depth_top_m'),
    ])
  })

  it('an interval inside a longer one overlaps the longer one', () => {
    const rows = [
      ...VALID,
      {
        hole_id: 'BH1',
        depth_top_m: 7,
        depth_base_m: 8,
        description: 'Flint band',
        legend_code: '805',
      },
    ]
    expect(brief(check(rows))).toEqual([
      expected('interval-overlap', 3, 'depth_base_m'),
      expected('interval-overlap', 4, 'depth_top_m'),
    ])
  })

  it('a gap between intervals is a warning on both rows', () => {
    expect(brief(check(rowsWith({ 2: { depth_top_m: 3.0 } })))).toEqual([
      expected('interval-gap', 1, 'depth_base_m'),
      expected('interval-gap', 2, 'depth_top_m'),
    ])
  })

  it('depths within a micrometre of each other are neither a gap nor an overlap', () => {
    expect(check(rowsWith({ 2: { depth_top_m: 2.5 + 1e-9 } }))).toEqual([])
    expect(check(rowsWith({ 2: { depth_top_m: 0.1 + 0.2 + 2.2 } }))).toEqual([])
  })

  it("a depth below the header's final depth is an error", () => {
    expect(brief(check(VALID, { hole_id: 'BH1', final_depth_m: '8' }))).toEqual([
      expected('beyond-final-depth', 3, 'depth_base_m'),
    ])
  })

  it('the final-depth check reads the top when the base is missing', () => {
    expect(
      brief(check(rowsWith({ 3: { depth_base_m: null, depth_top_m: 9 } }), { final_depth_m: '8' })),
    ).toEqual([
      expected('beyond-final-depth', 3, 'depth_top_m'),
      expected('required-null', 3, 'depth_base_m'),
    ])
  })

  it('a final depth that is not a number is one header warning, and depths are not checked against it', () => {
    expect(brief(check(VALID, { hole_id: 'BH1', final_depth_m: 'about 8 m' }))).toEqual([
      expected('header-final-depth', null, null),
    ])
  })

  it('no final depth in the header means no final-depth check', () => {
    expect(check(VALID, { hole_id: 'BH1' })).toEqual([])
  })

  it('a negative SPT N is an error', () => {
    expect(brief(check(rowsWith({ 1: { spt_n: -1 } })))).toEqual([
      expected('spt-negative', 1, 'spt_n'),
    ])
  })

  it('an SPT N above 500 is a warning; 500 is not', () => {
    expect(brief(check(rowsWith({ 1: { spt_n: 501 } })))).toEqual([
      expected('spt-implausible', 1, 'spt_n'),
    ])
    expect(check(rowsWith({ 1: { spt_n: 500 } }))).toEqual([])
  })

  it('a water strike outside the logged depth of its hole is a warning; at the bottom it is not', () => {
    expect(brief(check(rowsWith({ 2: { water_strike_m: 12 } })))).toEqual([
      expected('water-strike-outside-hole', 2, 'water_strike_m'),
    ])
    expect(check(rowsWith({ 2: { water_strike_m: 10 } }))).toEqual([])
  })

  it('an unknown legend code is a warning; known codes match regardless of case and spaces', () => {
    expect(brief(check(rowsWith({ 1: { legend_code: 'XX9' } })))).toEqual([
      expected('unknown-legend-code', 1, 'legend_code'),
    ])
    expect(
      check(
        rowsWith({
          1: { legend_code: ' cl ' },
          2: { legend_code: 'SW' },
          3: { legend_code: 'Pt' },
        }),
      ),
    ).toEqual([])
  })

  it("a firm's own legend codes can be accepted through options", () => {
    const table = makeBorelogTable(rowsWith({ 1: { legend_code: 'XX9' } }))
    const legendCodes = new Set(['101', '201', '401', '805', 'XX9'])
    expect(validateTable(table, BORELOG_DEFINITION, HEADER, { legendCodes })).toEqual([])
  })

  it('an empty, blank or null description is a warning', () => {
    expect(brief(check(rowsWith({ 1: { description: '' } })))).toEqual([
      expected('empty-description', 1, 'description'),
    ])
    expect(
      brief(check(rowsWith({ 1: { description: ' \t ' }, 2: { description: null } }))),
    ).toEqual([
      expected('empty-description', 1, 'description'),
      expected('empty-description', 2, 'description'),
    ])
  })

  it("a hole_id other than the header's is a warning per row", () => {
    expect(brief(check(rowsWith({ 3: { hole_id: 'BH9' } })))).toEqual([
      expected('hole-id-mismatch', 3, 'hole_id'),
    ])
  })

  it('several faults give their findings sorted by row, then column order', () => {
    const findings = brief(
      check(rowsWith({ 1: { spt_n: -5, legend_code: 'ZZ' }, 0: { description: '' } })),
    )
    expect(findings).toEqual([
      expected('empty-description', 0, 'description'),
      expected('unknown-legend-code', 1, 'legend_code'),
      expected('spt-negative', 1, 'spt_n'),
    ])
  })

  it('past maxFindingsPerRule a rule lists no more rows but counts them in one table-level finding', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      hole_id: 'BH1',
      depth_top_m: i,
      depth_base_m: i + 1,
      description: 'CLAY',
      legend_code: 'MINE',
    }))
    const findings = validateTable(
      makeBorelogTable(rows),
      BORELOG_DEFINITION,
      {},
      { maxFindingsPerRule: 3 },
    )
    expect(brief(findings)).toEqual([
      expected('unknown-legend-code', null, null),
      expected('unknown-legend-code', 0, 'legend_code'),
      expected('unknown-legend-code', 1, 'legend_code'),
      expected('unknown-legend-code', 2, 'legend_code'),
    ])
    expect(findings[0]?.message).toContain('10')
  })

  it('a table of several record batches gives the same findings with whole-table row numbers', () => {
    const rows = rowsWith({ 3: { spt_n: -1 }, 2: { depth_top_m: 3 } })
    const single = validateTable(makeBorelogTable(rows), BORELOG_DEFINITION, HEADER)
    const batched = new Table([
      ...makeBorelogTable(rows.slice(0, 1)).batches,
      ...makeBorelogTable(rows.slice(1, 3)).batches,
      ...makeBorelogTable(rows.slice(3)).batches,
    ])
    expect(batched.batches.length).toBe(3)
    expect(validateTable(batched, BORELOG_DEFINITION, HEADER)).toEqual(single)
  })

  it('a sliced table (null bitmaps at a bit offset) reads nulls at the right rows', () => {
    const padding = Array.from({ length: 5 }, (_, i) => ({
      hole_id: 'BH0',
      depth_top_m: i,
      depth_base_m: i + 1,
      description: 'CLAY',
      legend_code: '201',
    }))
    const rows = [...padding, ...rowsWith({ 1: { description: null }, 3: { depth_base_m: null } })]
    const sliced = makeBorelogTable(rows).slice(5)
    expect(brief(validateTable(sliced, BORELOG_DEFINITION, HEADER))).toEqual([
      expected('empty-description', 1, 'description'),
      expected('required-null', 3, 'depth_base_m'),
    ])
  })
})

describe('validateTable on tables without the borelog rules', () => {
  const table = tableOf({
    sample_id: ['S1', 'S2', 'S2', null],
    depth_m: new Float64Array([1, 2, 3, 4]),
    description: ['', '', '', ''],
  })

  it('checks key nulls and duplicate keys of an unregistered table keyed on create', () => {
    const def = definitionFromTable('samples', table, ['sample_id'])
    expect(brief(validateTable(table, def))).toEqual([
      expected('duplicate-key', 2, 'sample_id'),
      expected('key-null', 3, 'sample_id'),
    ])
  })

  it('an unregistered table without key columns has no key findings', () => {
    expect(validateTable(table, definitionFromTable('samples', table))).toEqual([])
  })

  it('composite keys compare every key column; numeric first keys sort without interning', () => {
    const t = tableOf({
      run: new Int32Array([2, 1, 2, 1]),
      depth: new Float64Array([1.5, 1.5, 1.5, 2]),
    })
    const def = definitionFromTable('runs', t, ['run', 'depth'])
    expect(brief(validateTable(t, def))).toEqual([expected('duplicate-key', 2, 'depth')])
  })

  it('int64 keys beyond 2^53 that differ are not duplicates', () => {
    const t = tableOf({ id: BigInt64Array.from([2n ** 60n, 2n ** 60n + 1n, 2n ** 60n + 1n]) })
    const def = definitionFromTable('ids', t, ['id'])
    expect(brief(validateTable(t, def))).toEqual([expected('duplicate-key', 2, 'id')])
  })

  it('borelog-named columns in a table without the borelog rule set get only the generic rules', () => {
    const t = makeBorelogTable(rowsWith({ 1: { spt_n: -1, legend_code: 'ZZ' } }))
    const def = definitionFromTable('borelog_versions', t, ['hole_id', 'depth_top_m'])
    expect(validateTable(t, def, HEADER)).toEqual([])
  })

  it('required columns of a registered table are missing-column and required-null errors', () => {
    const schema = new Schema([
      new Field('a', new Utf8(), true),
      new Field('b', new Float64(), true),
    ])
    const def = { tableName: 't', schema, keyColumns: [], required: ['a', 'b'], units: {} }
    const t = tableOf({ a: ['x', null] })
    expect(brief(validateTable(t, def))).toEqual([
      expected('missing-column', null, 'b'),
      expected('required-null', 1, 'a'),
    ])
  })
})
