import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  clampSelection,
  cursorAt,
  moveForKey,
  moveSelection,
  rangeOf,
  type GridShape,
  type Move,
} from './selection'

const shape: GridShape = { rowCount: 10, colCount: 4, pageRows: 3 }
const key = (k: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
})

describe('draft grid selection', () => {
  it('arrows move the cursor one cell and stop at the edges', () => {
    let s = cursorAt(0, 0)
    s = moveSelection(s, 'up', shape, false)
    expect(s).toEqual(cursorAt(0, 0))
    s = moveSelection(s, 'right', shape, false)
    s = moveSelection(s, 'down', shape, false)
    expect(s).toEqual(cursorAt(1, 1))
    expect(moveSelection(cursorAt(9, 3), 'down', shape, false)).toEqual(cursorAt(9, 3))
    expect(moveSelection(cursorAt(9, 3), 'right', shape, false)).toEqual(cursorAt(9, 3))
  })

  it('Tab walks the cells in reading order and wraps to the next row', () => {
    expect(moveSelection(cursorAt(2, 3), 'next-cell', shape, false)).toEqual(cursorAt(3, 0))
    expect(moveSelection(cursorAt(3, 0), 'previous-cell', shape, false)).toEqual(cursorAt(2, 3))
    expect(moveSelection(cursorAt(9, 3), 'next-cell', shape, false)).toEqual(cursorAt(9, 3))
  })

  it('page, Home/End and Ctrl+Home/End jump within the grid', () => {
    expect(moveSelection(cursorAt(1, 2), 'page-down', shape, false)).toEqual(cursorAt(4, 2))
    expect(moveSelection(cursorAt(8, 2), 'page-down', shape, false)).toEqual(cursorAt(9, 2))
    expect(moveSelection(cursorAt(1, 2), 'page-up', shape, false)).toEqual(cursorAt(0, 2))
    expect(moveSelection(cursorAt(5, 2), 'row-start', shape, false)).toEqual(cursorAt(5, 0))
    expect(moveSelection(cursorAt(5, 2), 'row-end', shape, false)).toEqual(cursorAt(5, 3))
    expect(moveSelection(cursorAt(5, 2), 'grid-end', shape, false)).toEqual(cursorAt(9, 3))
    expect(moveSelection(cursorAt(5, 2), 'grid-start', shape, false)).toEqual(cursorAt(0, 0))
  })

  it('Shift keeps the anchor and grows the range in either direction', () => {
    let s = cursorAt(4, 1)
    s = moveSelection(s, 'down', shape, true)
    s = moveSelection(s, 'down', shape, true)
    s = moveSelection(s, 'left', shape, true)
    expect(rangeOf(s)).toEqual({ top: 4, bottom: 6, left: 0, right: 1 })
    s = moveSelection(s, 'grid-start', shape, true)
    expect(rangeOf(s)).toEqual({ top: 0, bottom: 4, left: 0, right: 1 })
    expect(moveSelection(s, 'down', shape, false)).toEqual(cursorAt(1, 0))
  })

  it('the cursor stays inside the grid under any sequence of moves', () => {
    const moves: Move[] = [
      'up',
      'down',
      'left',
      'right',
      'page-up',
      'page-down',
      'row-start',
      'row-end',
      'grid-start',
      'grid-end',
      'next-cell',
      'previous-cell',
    ]
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...moves), fc.boolean()), { maxLength: 40 }),
        (steps) => {
          let s = cursorAt(0, 0)
          for (const [move, extend] of steps) s = moveSelection(s, move, shape, extend)
          for (const p of [s.anchor, s.focus]) {
            expect(p.row).toBeGreaterThanOrEqual(0)
            expect(p.row).toBeLessThan(shape.rowCount)
            expect(p.col).toBeGreaterThanOrEqual(0)
            expect(p.col).toBeLessThan(shape.colCount)
          }
        },
      ),
    )
  })

  it('a selection past the end after rows were deleted is pulled back into the grid', () => {
    const s = { anchor: { row: 3, col: 1 }, focus: { row: 8, col: 3 } }
    expect(clampSelection(s, { rowCount: 5, colCount: 2, pageRows: 3 })).toEqual({
      anchor: { row: 3, col: 1 },
      focus: { row: 4, col: 1 },
    })
    expect(clampSelection(s, { rowCount: 0, colCount: 2, pageRows: 3 }).focus.row).toBe(0)
  })

  it('keys map to moves: Ctrl jumps, Shift extends, Alt and letters are not navigation', () => {
    expect(moveForKey(key('ArrowDown'))).toEqual({ move: 'down', extend: false })
    expect(moveForKey(key('ArrowDown', { shift: true }))).toEqual({ move: 'down', extend: true })
    expect(moveForKey(key('End', { ctrl: true }))).toEqual({ move: 'grid-end', extend: false })
    expect(moveForKey(key('Home'))).toEqual({ move: 'row-start', extend: false })
    expect(moveForKey(key('Tab', { shift: true }))).toEqual({
      move: 'previous-cell',
      extend: false,
    })
    expect(moveForKey(key('ArrowUp', { alt: true }))).toBeNull()
    expect(moveForKey(key('a'))).toBeNull()
  })
})
