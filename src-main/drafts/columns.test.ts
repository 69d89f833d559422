import { Field, Float32, Float64, Schema } from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import { parsedValue, typedValue } from './columns'
import { describeColumns } from '../schema/index'

describe('draft column typing', () => {
  it('a depth whose unit comes only from its name (_m) converts pasted feet, as the grid labels it', () => {
    const field = new Field('water_strike_m', new Float64(), true)
    expect(describeColumns(new Schema([field]), [])[0]!.unit).toBe('m')
    expect(parsedValue(field, 0, '10', 'ft')).toBe(3.048)
    expect(parsedValue(field, 0, '10', 'm')).toBe(10)
  })

  it('columns in other units never convert from feet (mm, unitless)', () => {
    expect(parsedValue(new Field('size_mm', new Float64(), true), 0, '10', 'ft')).toBe(10)
    expect(parsedValue(new Field('spt_ratio', new Float64(), true), 0, '10', 'ft')).toBe(10)
  })

  it('a float32 column holds what it will save: typed and pasted values are rounded to single precision', () => {
    const field = new Field('ratio', new Float32(), true)
    expect(typedValue(field, 0, 0.3)).toBe(Math.fround(0.3))
    expect(parsedValue(field, 0, '0.3', 'm')).toBe(Math.fround(0.3))
    const depth = new Field('depth_top_m', new Float32(), true)
    expect(parsedValue(depth, 0, '10', 'ft')).toBe(Math.fround(3.048))
    // float64 keeps the value typed.
    expect(typedValue(new Field('x', new Float64(), true), 0, 0.3)).toBe(0.3)
  })
})
