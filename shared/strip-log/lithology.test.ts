import { describe, expect, it } from 'vitest'

import { classifyStratum, lithologyName, minorsOfText, principalOfText } from './lithology'

describe('classifyStratum', () => {
  it('takes the pattern from the AGS legend code of the real files', () => {
    expect(classifyStratum('102', 'MADE GROUND: Black sandy GRAVEL.')).toEqual({
      principal: 'made-ground',
      minors: [],
      source: 'legend-code',
    })
    expect(classifyStratum('101', '')).toMatchObject({ principal: 'topsoil' })
    expect(classifyStratum('201', '')).toMatchObject({ principal: 'clay', minors: [] })
    expect(classifyStratum('301', '')).toMatchObject({ principal: 'silt' })
    expect(classifyStratum('401', '')).toMatchObject({ principal: 'sand' })
    expect(classifyStratum('501', '')).toMatchObject({ principal: 'gravel' })
    expect(classifyStratum('601', '')).toMatchObject({ principal: 'peat' })
    expect(classifyStratum('802', '')).toMatchObject({ principal: 'siltstone' })
    expect(classifyStratum('805', 'In Chalk')).toMatchObject({ principal: 'chalk' })
  })

  it('draws the secondary constituents a composite code names', () => {
    expect(classifyStratum('203', '')).toMatchObject({ principal: 'clay', minors: ['sand'] })
    expect(classifyStratum('211', '')).toMatchObject({
      principal: 'clay',
      minors: ['silt', 'sand', 'gravel'],
    })
    expect(classifyStratum('408', '')).toMatchObject({
      principal: 'sand',
      minors: ['clay', 'silt', 'gravel'],
    })
    expect(classifyStratum('504', '')).toMatchObject({ principal: 'gravel', minors: ['sand'] })
  })

  it('keeps the family of an unlisted code and takes the detail from the description', () => {
    expect(classifyStratum('205', 'Firm brown silty gravelly CLAY.')).toEqual({
      principal: 'clay',
      minors: ['silt', 'gravel'],
      source: 'legend-code',
    })
    expect(classifyStratum('804', 'Strong grey LIMESTONE.')).toMatchObject({
      principal: 'limestone',
      source: 'legend-code',
    })
    // 8xx says rock; the description says which, or the generic rock pattern stands.
    expect(classifyStratum('809', 'Grey rock, recovered as gravel')).toMatchObject({
      principal: 'rock',
    })
  })

  it('falls back to the soil group symbol in the legend column', () => {
    expect(classifyStratum('CL', '')).toMatchObject({ principal: 'clay', source: 'soil-symbol' })
    expect(classifyStratum('SM', '')).toMatchObject({ principal: 'sand', minors: ['silt'] })
    expect(classifyStratum('GC', '')).toMatchObject({ principal: 'gravel', minors: ['clay'] })
    expect(classifyStratum('Pt', '')).toMatchObject({ principal: 'peat' })
    expect(classifyStratum('MG', '')).toMatchObject({ principal: 'made-ground' })
    expect(classifyStratum('OH', '')).toMatchObject({ principal: 'clay', minors: ['organic'] })
    expect(classifyStratum('SAND', '')).toMatchObject({ principal: 'sand', source: 'soil-symbol' })
  })

  it('falls back to the description keywords when there is no usable code', () => {
    expect(classifyStratum(null, 'Soft brown slightly sandy CLAY with rare roots.')).toEqual({
      principal: 'clay',
      minors: ['sand'],
      source: 'description',
    })
    expect(classifyStratum('997', 'Dense SAND with some gravel')).toEqual({
      principal: 'sand',
      minors: ['gravel'],
      source: 'description',
    })
    expect(classifyStratum('', 'To Chalk')).toMatchObject({ principal: 'chalk' })
    expect(classifyStratum('X9', 'Weak grey MUDSTONE')).toMatchObject({ principal: 'mudstone' })
  })

  it('draws "not classified" when neither code nor description says what the stratum is', () => {
    expect(classifyStratum(null, null)).toEqual({
      principal: 'unknown',
      minors: [],
      source: 'none',
    })
    expect(classifyStratum('997', 'Undefined')).toMatchObject({ principal: 'unknown' })
  })
})

describe('description reading', () => {
  it('names the first capitalised principal, never an adjective', () => {
    expect(principalOfText('Possible MADE GROUND: soft brown sandy CLAY')).toBe('made-ground')
    expect(principalOfText('Weak SILTSTONE. Recovered as GRAVEL of siltstone')).toBe('siltstone')
    expect(principalOfText('very sandy gravelly clay')).toBe('clay')
  })

  it('reads secondary constituents from the first sentence only', () => {
    // "Sand is fine to coarse." describes a constituent already named, not a new one.
    expect(minorsOfText('Soft CLAY. Sand is fine; gravelly pockets.', 'clay')).toEqual([])
    expect(minorsOfText('Firm silty CLAY with occasional gravel', 'clay')).toEqual([
      'silt',
      'gravel',
    ])
    expect(minorsOfText('Weak sandy MUDSTONE', 'mudstone')).toEqual([])
  })

  it('names a pattern the way the key reads it', () => {
    expect(
      lithologyName({ principal: 'clay', minors: ['sand', 'gravel'], source: 'legend-code' }),
    ).toBe('Sandy gravelly clay')
    expect(lithologyName({ principal: 'made-ground', minors: [], source: 'legend-code' })).toBe(
      'Made ground',
    )
  })
})
