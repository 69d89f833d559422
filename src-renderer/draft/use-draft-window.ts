// The draft screen's window-wide behaviour: save works from anywhere on the screen (a
// header field, a toolbar button), and undo and redo from anywhere but a text field
// (which has its own); closing or reloading the window while edits are queued (or a
// cell is being typed) asks first, since leaving would lose them.
import { useEffect, useRef, type RefObject } from 'react'

import type { DraftCommand } from './commands'

/** The command a Ctrl (Cmd) key runs anywhere on the screen; null: none. */
function windowCommand(e: KeyboardEvent, isField: boolean): DraftCommand | null {
  const key = e.key.toLowerCase()
  if (key === 's') return 'save'
  if (isField) return null
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo'
  if (key === 'y') return 'redo'
  return null
}

export function useDraftWindow(options: {
  /** Keys go to the dialog while one is open. */
  isDialogOpen: boolean
  runCommand: (command: DraftCommand) => void
  gridRef: RefObject<HTMLDivElement | null>
  hasPendingEdits: () => boolean
}): void {
  const { isDialogOpen, gridRef, hasPendingEdits } = options
  const runCommandRef = useRef(options.runCommand)
  useEffect(() => {
    runCommandRef.current = options.runCommand
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isDialogOpen || !(e.ctrlKey || e.metaKey) || e.altKey) return
      const isField =
        e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement
      const command = windowCommand(e, isField)
      if (!command) return
      e.preventDefault()
      if (isField) (e.target as HTMLElement).blur()
      runCommandRef.current(command)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [isDialogOpen])

  // The open field is committed first, and the browser (or Electron's will-prevent-unload
  // dialog) asks whether to leave.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const active = document.activeElement
      const isTyping =
        active instanceof HTMLInputElement && (gridRef.current?.contains(active) ?? false)
      if (active instanceof HTMLInputElement && active.closest('.draft-screen')) active.blur()
      if (!isTyping && !hasPendingEdits()) return
      e.preventDefault()
      // Older Chromium asks only when returnValue is set.
      e.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [gridRef, hasPendingEdits])
}
