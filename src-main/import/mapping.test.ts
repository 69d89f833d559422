import { describe, expect, it } from 'vitest'

import { isBorelogError } from '../../shared/errors'
import { BORELOG_DEFINITION } from '../schema/index'
import { detectUnits, normalizeName, resolveMapping, suggestMapping } from './mapping'

function codeOf(run: () => unknown): string | null {
  try {
    run()
    return null
  } catch (e) {
    return isBorelogError(e) ? e.code : 'not a BorelogError'
  }
}

describe('normalizeName', () => {
  it('drops case, punctuation and unit markers', () => {
    expect(normalizeName('Depth top (ft)')).toBe('depth_top')
    expect(normalizeName('depth_base_m')).toBe('depth_base')
    expect(normalizeName(' Soil  Description ')).toBe('soil_description')
    expect(normalizeName('Water strike [m]')).toBe('water_strike')
  })
})

describe('suggestMapping', () => {
  it('maps the names field spreadsheets use onto the borelog columns', () => {
    const mapping = suggestMapping(
      ['Borehole', 'From', 'To', 'Soil description', 'Legend', 'Geology', 'N', 'Samples', 'Water'],
      BORELOG_DEFINITION,
    )
    expect(mapping).toEqual({
      hole_id: 'Borehole',
      depth_top_m: 'From',
      depth_base_m: 'To',
      description: 'Soil description',
      legend_code: 'Legend',
      geology_code: 'Geology',
      spt_n: 'N',
      sample_refs: 'Samples',
      water_strike_m: 'Water',
      remarks: null,
    })
  })

  it('knows feet headers, AGS headings and short forms', () => {
    const mapping = suggestMapping(
      ['LOCA_ID', 'Depth top (ft)', 'bottom', 'desc', 'legend code', 'SPT', 'Water strike (ft)'],
      BORELOG_DEFINITION,
    )
    expect(mapping).toMatchObject({
      hole_id: 'LOCA_ID',
      depth_top_m: 'Depth top (ft)',
      depth_base_m: 'bottom',
      description: 'desc',
      legend_code: 'legend code',
      spt_n: 'SPT',
      water_strike_m: 'Water strike (ft)',
    })
  })

  it('an exact column name wins over a synonym, and a source fills one target only', () => {
    const mapping = suggestMapping(['top', 'depth_top_m', 'base'], BORELOG_DEFINITION)
    expect(mapping.depth_top_m).toBe('depth_top_m')
    expect(mapping.depth_base_m).toBe('base')
    expect(Object.values(mapping).filter((s) => s === 'top')).toHaveLength(0)
  })

  it('every target column is in the mapping, null when nothing matches', () => {
    const mapping = suggestMapping(['colour'], BORELOG_DEFINITION)
    expect(Object.keys(mapping)).toEqual(BORELOG_DEFINITION.schema.fields.map((f) => f.name))
    expect(Object.values(mapping).every((s) => s === null)).toBe(true)
  })
})

describe('resolveMapping', () => {
  const sources = ['Top', 'Base', 'Desc']

  it("the user's mapping replaces the suggestion: targets it leaves out stay empty", () => {
    const mapping = resolveMapping({ depth_top_m: 'Base' }, sources, BORELOG_DEFINITION, 'f.csv')
    expect(mapping.depth_top_m).toBe('Base')
    expect(mapping.depth_base_m).toBeNull()
    expect(mapping.description).toBeNull()
  })

  it('without a mapping, the suggestion is used', () => {
    expect(resolveMapping(undefined, sources, BORELOG_DEFINITION, 'f.csv').description).toBe('Desc')
  })

  it('naming a source or target column that does not exist is BAD_INPUT', () => {
    expect(
      codeOf(() => resolveMapping({ depth_top_m: 'Depth' }, sources, BORELOG_DEFINITION, 'f.csv')),
    ).toBe('BAD_INPUT')
    expect(
      codeOf(() => resolveMapping({ colour: 'Top' }, sources, BORELOG_DEFINITION, 'f.csv')),
    ).toBe('BAD_INPUT')
  })
})

describe('detectUnits', () => {
  it('feet when a mapped depth header says so, metres when it says metres, else null', () => {
    const feet = suggestMapping(['Depth top (ft)', 'Depth base (ft)'], BORELOG_DEFINITION)
    expect(detectUnits(feet, BORELOG_DEFINITION)).toBe('ft')
    const feetSuffix = suggestMapping(['top_ft', 'base_feet'], BORELOG_DEFINITION)
    expect(detectUnits(feetSuffix, BORELOG_DEFINITION)).toBe('ft')
    const metres = suggestMapping(['depth_top_m', 'depth_base_m'], BORELOG_DEFINITION)
    expect(detectUnits(metres, BORELOG_DEFINITION)).toBe('m')
    expect(
      detectUnits(suggestMapping(['from', 'to'], BORELOG_DEFINITION), BORELOG_DEFINITION),
    ).toBeNull()
  })

  it('a feet marker on a column that is not a depth does not count', () => {
    const mapping = { ...suggestMapping(['top', 'base'], BORELOG_DEFINITION), remarks: 'Note (ft)' }
    expect(detectUnits(mapping, BORELOG_DEFINITION)).toBeNull()
  })
})
