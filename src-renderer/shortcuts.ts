// The app's global shortcuts: every action is reachable without a mouse, and its
// shortcut is shown in menus and tooltips. One table feeds the key handler, the menu
// items and the tooltips, so what is shown is what works. They fire from a search box,
// where Ctrl+N, Ctrl+O and Ctrl+, edit nothing and a user expects them to work, but
// never while the user types into any other field: there the keys are the user's.
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

/** Whether the focused element keeps Ctrl+letter for itself: any field but a search box. */
export function fieldOwnsCtrlKeys(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement && target.type === 'search') return false
  return isTyping(target)
}

export function useAppShortcuts(run: (command: AppCommand) => void): void {
  const ref = useRef(run)
  useEffect(() => {
    ref.current = run
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandFor(e, fieldOwnsCtrlKeys(e.target))
      if (!command) return
      e.preventDefault()
      ref.current(command)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
