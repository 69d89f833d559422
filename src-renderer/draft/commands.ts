// The draft editor's commands and their shortcuts, in one table, so the keyboard, the
// toolbar's labels and tooltips and the tests all read the same bindings (every
// shortcut is shown in a menu or a tooltip).

export type DraftCommand =
  | 'undo'
  | 'redo'
  | 'save'
  | 'insert-above'
  | 'insert-below'
  | 'delete-rows'
  | 'move-up'
  | 'move-down'
  | 'fill-down'
  | 'clear'

export const COMMAND_SHORTCUTS: Record<DraftCommand, string> = {
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Y',
  save: 'Ctrl+S',
  'insert-above': 'Ctrl+I',
  'insert-below': 'Ctrl+Shift+I',
  'delete-rows': 'Ctrl+-',
  'move-up': 'Alt+Up',
  'move-down': 'Alt+Down',
  'fill-down': 'Ctrl+D',
  clear: 'Delete',
}

export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

/** The command a key press runs in the grid (not while a cell is edited); null: none. */
export function commandForKey(e: KeyPress): DraftCommand | null {
  // Cmd on macOS is Ctrl elsewhere.
  const mod = e.ctrlKey || e.metaKey
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key
  if (e.altKey && !mod) {
    if (key === 'ArrowUp') return 'move-up'
    if (key === 'ArrowDown') return 'move-down'
    return null
  }
  if (e.altKey) return null
  if (!mod) return key === 'Delete' || key === 'Backspace' ? 'clear' : null
  switch (key) {
    case 'z':
      return e.shiftKey ? 'redo' : 'undo'
    case 'y':
      return 'redo'
    case 's':
      return 'save'
    case 'i':
      return e.shiftKey ? 'insert-below' : 'insert-above'
    // Ctrl+Delete too: some keyboards and browsers keep Ctrl+- for zoom.
    case '-':
    case 'Delete':
      return 'delete-rows'
    case 'd':
      return 'fill-down'
    default:
      return null
  }
}

/** A button's tooltip and accessible name: what it does, then its shortcut. */
export function withShortcut(label: string, command: DraftCommand): string {
  return `${label} (${COMMAND_SHORTCUTS[command]})`
}
