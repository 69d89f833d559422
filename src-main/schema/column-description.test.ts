import { Bool, Field, Float16, Float32, Float64, Int32, Int64, Schema, Utf8 } from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import {
  columnKindOf,
  describeColumns,
  editKindOf,
  isDepthField,
  unitOf,
  valueKindOf,
} from './column-description'

const withUnit = (name: string, type: Float64 | Int32, unit: string): Field =>
  new Field(name, type, true, new Map([['unit', unit]]))

describe('column description', () => {
  it('a unit comes from the field metadata, else the name suffix', () => {
    expect(unitOf(withUnit('depth', new Float64(), 'm'))).toBe('m')
    expect(unitOf(new Field('depth_top_m', new Float64()))).toBe('m')
    expect(unitOf(new Field('su_kpa', new Float64()))).toBe('kPa')
    expect(unitOf(new Field('description', new Utf8()))).toBeNull()
  })

  it('depth columns are float columns in metres, however the unit is given', () => {
    expect(isDepthField(withUnit('top', new Float64(), 'm'))).toBe(true)
    expect(isDepthField(new Field('water_strike_m', new Float32()))).toBe(true)
    expect(isDepthField(withUnit('spt_n', new Int32(), 'blows'))).toBe(false)
    expect(isDepthField(withUnit('count_m', new Int32(), 'm'))).toBe(false)
  })

  it('float16 takes imported numbers but is read-only in a draft', () => {
    expect(valueKindOf(new Float16())).toBe('float')
    expect(editKindOf(new Float16())).toBe('other')
    expect(editKindOf(new Int64())).toBe('int64')
  })

  it('the grid kind of a column', () => {
    expect(columnKindOf(new Int32())).toBe('number')
    expect(columnKindOf(new Utf8())).toBe('text')
    expect(columnKindOf(new Bool())).toBe('boolean')
    expect(
      describeColumns(new Schema([new Field('depth_top_m', new Float64())]), ['depth_top_m']),
    ).toEqual([{ name: 'depth_top_m', type: 'Float64', kind: 'number', unit: 'm', isKey: true }])
  })
})
