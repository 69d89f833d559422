import { describe, expect, it } from 'vitest'

import { commandFor, SHORTCUTS, type KeyPress } from './shortcuts'

const press = (key: string, held: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...held,
})

describe('global shortcuts', () => {
  it('Ctrl+N, Ctrl+O and Ctrl+, ask for their commands (Cmd on a Mac too)', () => {
    expect(commandFor(press('n', { ctrlKey: true }), false)).toBe('new-record')
    expect(commandFor(press('N', { ctrlKey: true }), false)).toBe('new-record')
    expect(commandFor(press('o', { metaKey: true }), false)).toBe('import')
    expect(commandFor(press(',', { ctrlKey: true }), false)).toBe('settings')
  })

  it('never fire while typing, without a modifier, or with another one held', () => {
    expect(commandFor(press('n', { ctrlKey: true }), true)).toBeNull()
    expect(commandFor(press('n'), false)).toBeNull()
    expect(commandFor(press('n', { ctrlKey: true, shiftKey: true }), false)).toBeNull()
    expect(commandFor(press('n', { ctrlKey: true, altKey: true }), false)).toBeNull()
    expect(commandFor(press('x', { ctrlKey: true }), false)).toBeNull()
  })

  it('every shortcut shows a label naming its key', () => {
    for (const s of SHORTCUTS) expect(s.label.toLowerCase()).toBe(`ctrl+${s.key}`)
  })
})
