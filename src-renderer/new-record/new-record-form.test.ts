import { describe, expect, it } from 'vitest'

import {
  emptyHeaderForm,
  formFromHeader,
  headerFromForm,
  headerProblems,
  recordIdProblem,
  sourceRecordProblem,
} from './new-record-form'

describe('new record form', () => {
  it('a record id must be typed', () => {
    expect(recordIdProblem('')).not.toBeNull()
    expect(recordIdProblem('   ')).not.toBeNull()
    expect(recordIdProblem('BH01')).toBeNull()
  })

  it("a new record id follows the store's new-id rule: no device names, invisibles or mixed scripts", () => {
    for (const id of ['CON', 'con.txt', 'COM¹', 'R1\u3164', 'PАYMENT'])
      expect(recordIdProblem(id)).not.toBeNull()
  })

  it('only typed fields reach the header, trimmed', () => {
    const form = { ...emptyHeaderForm(), hole_id: 'BH01', project: ' Site A ', logged_by: 'j.doe' }
    expect(headerFromForm(form, 'm')).toEqual({
      hole_id: 'BH01',
      project: 'Site A',
      logged_by: 'j.doe',
    })
  })

  it('a final depth typed in feet is stored in metres and shows back in feet', () => {
    const form = { ...emptyHeaderForm(), final_depth_m: '10' }
    const header = headerFromForm(form, 'ft')
    expect(header.final_depth_m).toBe('3.048')
    expect(formFromHeader(header, 'ft', emptyHeaderForm()).final_depth_m).toBe('10')
    expect(formFromHeader(header, 'm', emptyHeaderForm()).final_depth_m).toBe('3.048')
  })

  it('numbers are checked; a negative final depth is refused', () => {
    const form = { ...emptyHeaderForm(), easting: '12a', final_depth_m: '-1', northing: '5' }
    expect(Object.keys(headerProblems(form)).sort()).toEqual(['easting', 'final_depth_m'])
  })

  it('a template fills the form but never the hole id or who logs it', () => {
    const form = formFromHeader(
      { hole_id: 'OLD', project: 'Site A', crs: 'EPSG:27700', logged_by: 'a.khan' },
      'm',
      { ...emptyHeaderForm(), logged_by: 'j.doe' },
    )
    expect(form.hole_id).toBe('')
    expect(form.project).toBe('Site A')
    expect(form.logged_by).toBe('j.doe')
  })

  it('a template or duplicate needs a source record that exists; a blank start none', () => {
    expect(sourceRecordProblem('blank', '', true)).toBeNull()
    expect(sourceRecordProblem('template', '  ', false)).toBe('Pick the record to start from.')
    expect(sourceRecordProblem('duplicate', 'BH9 ', true)).toBe('No record BH9 in this store.')
    expect(sourceRecordProblem('duplicate', 'BH9', false)).toBeNull()
  })
})
