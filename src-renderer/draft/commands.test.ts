import { describe, expect, it } from 'vitest'

import { COMMAND_SHORTCUTS, commandForKey, withShortcut, type DraftCommand } from './commands'

const press = (
  key: string,
  mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {},
) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
})

describe('draft commands', () => {
  it('the shortcut shown for every command is the one the keyboard runs', () => {
    for (const [command, shortcut] of Object.entries(COMMAND_SHORTCUTS) as Array<
      [DraftCommand, string]
    >) {
      const parts = shortcut.split('+')
      const key = parts.at(-1) === '' ? '-' : (parts.at(-1) as string)
      const named: Record<string, string> = { Up: 'ArrowUp', Down: 'ArrowDown' }
      expect(
        commandForKey(
          press(named[key] ?? (key.length === 1 ? key.toLowerCase() : key), {
            ctrl: parts.includes('Ctrl'),
            shift: parts.includes('Shift'),
            alt: parts.includes('Alt'),
          }),
        ),
      ).toBe(command)
    }
  })

  it('redo answers to Ctrl+Y and Ctrl+Shift+Z; Cmd works as Ctrl', () => {
    expect(commandForKey(press('Z', { ctrl: true, shift: true }))).toBe('redo')
    expect(commandForKey(press('y', { ctrl: true }))).toBe('redo')
    expect(commandForKey(press('z', { meta: true }))).toBe('undo')
    expect(commandForKey(press('Delete', { ctrl: true }))).toBe('delete-rows')
  })

  it('plain letters and navigation keys are not commands (they type or move)', () => {
    expect(commandForKey(press('d'))).toBeNull()
    expect(commandForKey(press('ArrowUp'))).toBeNull()
    expect(commandForKey(press('ArrowUp', { ctrl: true, alt: true }))).toBeNull()
  })

  it('tooltips name the shortcut', () => {
    expect(withShortcut('Undo: Edit depth_base_m, row 4', 'undo')).toBe(
      'Undo: Edit depth_base_m, row 4 (Ctrl+Z)',
    )
  })
})
