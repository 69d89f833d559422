// The app's global shortcuts: every action is reachable without a mouse, and its
// shortcut is shown in menus and tooltips. One table feeds the key handler, the menu
// items and the tooltips, so what is shown is what works. They never fire while the
// user types in a field: Ctrl+N in a text box is the user's, not ours.
import { useEffect, useRef } from 'react'

import { isTyping } from './keyboard'

export type AppCommand = 'new-record' | 'import' | 'settings'

interface Shortcut {
  command: AppCommand
  /** KeyboardEvent.key, lower case. */
  key: string
  /** Shown in menus and tooltips. */
  label: string
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'new-record', key: 'n', label: 'Ctrl+N' },
  { command: 'import', key: 'o', label: 'Ctrl+O' },
  { command: 'settings', key: ',', label: 'Ctrl+,' },
]

export function shortcutLabel(command: AppCommand): string {
  return SHORTCUTS.find((s) => s.command === command)?.label ?? ''
}

export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

/** The command a key press asks for: Ctrl (Cmd on a Mac) with the key, nothing else held. */
export function commandFor(press: KeyPress, isTyping: boolean): AppCommand | null {
  if (isTyping || press.altKey || press.shiftKey) return null
  if (press.ctrlKey === press.metaKey) return null
  const key = press.key.toLowerCase()
  return SHORTCUTS.find((s) => s.key === key)?.command ?? null
}

export function useAppShortcuts(run: (command: AppCommand) => void): void {
  const ref = useRef(run)
  useEffect(() => {
    ref.current = run
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandFor(e, isTyping(e.target))
      if (!command) return
      e.preventDefault()
      ref.current(command)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
