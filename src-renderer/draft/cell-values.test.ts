import { describe, expect, it } from 'vitest'

import type { Cell, ColumnInfo } from '../../shared/ipc/contract'
import { clearEdit, copyBlock, exactText, fillDownEdit, parseTyped, shownText } from './cell-values'

const col = (name: string, kind: ColumnInfo['kind'], type: string, unit: string | null = null) => ({
  name,
  kind,
  type,
  unit,
  isKey: false,
})
const TOP = col('depth_top_m', 'number', 'Float64', 'm')
const SPT = col('spt_n', 'number', 'Int32', 'blows')
const DESCRIPTION = col('description', 'text', 'Utf8')
const columns = [TOP, col('depth_base_m', 'number', 'Float64', 'm'), DESCRIPTION]

const rows: Cell[][] = [
  [0, 1.2, 'TOPSOIL'],
  [1.2, 3.5, 'CLAY'],
  [3.5, null, null],
  [null, null, null],
]
const getCell = (row: number, col: number) => rows[row]?.[col]

describe('typed cell values', () => {
  it('depths typed in feet are stored in metres; in metres unchanged', () => {
    expect(parseTyped('10', TOP, 'ft')).toEqual({ ok: true, value: 3.048 })
    expect(parseTyped(' 2.5 ', TOP, 'm')).toEqual({ ok: true, value: 2.5 })
  })

  it('a decimal comma is refused when typed, as main refuses it when pasted', () => {
    expect(parseTyped('2,5', TOP, 'm')).toEqual({ ok: false, message: "'2,5' is not a number" })
  })

  it('feet typed store the same metres main stores for the same feet pasted (micrometres)', () => {
    expect(parseTyped('0.1', TOP, 'ft')).toEqual({ ok: true, value: 0.03048 })
  })

  it('text that is not a number is refused with a message naming it', () => {
    expect(parseTyped('abc', TOP, 'm')).toEqual({ ok: false, message: "'abc' is not a number" })
    expect(parseTyped('4.5', SPT, 'm')).toEqual({
      ok: false,
      message: "'4.5' is not a whole number",
    })
    expect(parseTyped('12', SPT, 'ft')).toEqual({ ok: true, value: 12 })
  })

  it('an empty cell clears the value; text keeps its spaces', () => {
    expect(parseTyped('  ', TOP, 'm')).toEqual({ ok: true, value: null })
    expect(parseTyped('', DESCRIPTION, 'm')).toEqual({ ok: true, value: null })
    expect(parseTyped(' Firm CLAY', DESCRIPTION, 'm')).toEqual({ ok: true, value: ' Firm CLAY' })
  })

  it('what the editor shows in feet types back to the same metres, to a micron', () => {
    const metres = 1.37
    const text = exactText(metres, TOP, 'ft')
    const parsed = parseTyped(text, TOP, 'ft')
    expect(parsed.ok && parsed.value).toBeCloseTo(metres, 6)
    expect(shownText(3.048, TOP, 'ft')).toBe('10')
    expect(shownText(null, TOP, 'ft')).toBe('')
  })
})

describe('selection edits', () => {
  it('fill down copies the top row of the selection into the rows below it', () => {
    expect(fillDownEdit({ top: 1, bottom: 3, left: 2, right: 2 }, columns, getCell)).toEqual({
      kind: 'set',
      cells: [
        { row: 2, column: 'description', value: 'CLAY' },
        { row: 3, column: 'description', value: 'CLAY' },
      ],
    })
  })

  it('fill down on one row copies the row above into it; nothing above the first row', () => {
    expect(fillDownEdit({ top: 3, bottom: 3, left: 0, right: 1 }, columns, getCell)).toEqual({
      kind: 'set',
      cells: [
        { row: 3, column: 'depth_top_m', value: 3.5 },
        { row: 3, column: 'depth_base_m', value: null },
      ],
    })
    expect(fillDownEdit({ top: 0, bottom: 0, left: 0, right: 2 }, columns, getCell)).toBeNull()
  })

  it('fill down refuses when the source row is not loaded rather than filling blanks', () => {
    expect(fillDownEdit({ top: 7, bottom: 9, left: 0, right: 0 }, columns, getCell)).toBeNull()
  })

  it('clear empties every selected cell in one edit', () => {
    const edit = clearEdit({ top: 0, bottom: 1, left: 1, right: 2 }, columns)
    expect(edit).toEqual({
      kind: 'set',
      cells: [
        { row: 0, column: 'depth_base_m', value: null },
        { row: 0, column: 'description', value: null },
        { row: 1, column: 'depth_base_m', value: null },
        { row: 1, column: 'description', value: null },
      ],
    })
  })

  it('copy gives the shown units at full precision, and nothing when a row is not loaded', () => {
    expect(copyBlock({ top: 0, bottom: 1, left: 0, right: 2 }, columns, getCell, 'm')).toEqual([
      ['0', '1.2', 'TOPSOIL'],
      ['1.2', '3.5', 'CLAY'],
    ])
    expect(copyBlock({ top: 2, bottom: 2, left: 0, right: 2 }, columns, getCell, 'ft')).toEqual([
      ['11.48294', '', ''],
    ])
    expect(copyBlock({ top: 3, bottom: 4, left: 0, right: 0 }, columns, getCell, 'm')).toBeNull()
  })
})
