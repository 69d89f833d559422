import { describe, expect, it } from 'vitest'

import { parseHeaderValue, shownHeaderValue } from './header-values'

describe('draft header values', () => {
  it('the final depth shows in the user units and is stored in metres (micrometres)', () => {
    expect(shownHeaderValue('final_depth_m', '3.048', 'ft')).toBe('10')
    expect(shownHeaderValue('final_depth_m', '3.048', 'm')).toBe('3.048')
    expect(parseHeaderValue('final_depth_m', '10', 'ft')).toEqual({ ok: true, value: '3.048' })
    expect(parseHeaderValue('final_depth_m', '0.1', 'ft')).toEqual({ ok: true, value: '0.03048' })
    expect(parseHeaderValue('final_depth_m', ' 6.20 ', 'm')).toEqual({ ok: true, value: '6.2' })
  })

  it('a final depth that is not a number, or negative, is refused before sending', () => {
    expect(parseHeaderValue('final_depth_m', 'deep', 'm')).toEqual({
      ok: false,
      message: "'deep' is not a number",
    })
    expect(parseHeaderValue('final_depth_m', '-1', 'ft').ok).toBe(false)
  })

  it('other properties are stored as typed (trimmed); empty removes the property', () => {
    expect(parseHeaderValue('ground_level_m', '12.5', 'ft')).toEqual({ ok: true, value: '12.5' })
    expect(shownHeaderValue('ground_level_m', '12.5', 'ft')).toBe('12.5')
    expect(parseHeaderValue('project', '  A12 ', 'ft')).toEqual({ ok: true, value: 'A12' })
    expect(parseHeaderValue('project', '  ', 'm')).toEqual({ ok: true, value: null })
  })
})
