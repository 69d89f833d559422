// The draft editor's toolbar: every command as a button whose name and tooltip carry its
// shortcut, copy and paste through the system clipboard, and the status line ("Saving
// edits…" while the queue is busy, else the last notice).
import type { DraftState } from '../../shared/ipc/contract'
import { withShortcut, type DraftCommand } from './commands'
import type { Range } from './selection'

function ToolButton({
  command,
  label,
  text,
  isDisabled = false,
  description,
  onRun,
}: {
  command: DraftCommand
  label: string
  text: string
  isDisabled?: boolean
  /** The tooltip's text when it says more than the label (e.g. what undo undoes). */
  description?: string
  onRun: (command: DraftCommand) => void
}) {
  const title = withShortcut(description ?? label, command)
  return (
    <button
      type="button"
      className="button button-quiet"
      title={title}
      aria-label={title}
      disabled={isDisabled}
      onClick={() => onRun(command)}
    >
      {text}
    </button>
  )
}

export function DraftToolbar({
  state,
  rowCount,
  range,
  pending,
  notice,
  onRun,
  onCopy,
  onPaste,
}: {
  state: DraftState
  rowCount: number
  range: Range
  /** Edits sent or waiting. */
  pending: number
  notice: string | null
  onRun: (command: DraftCommand) => void
  onCopy: () => void
  onPaste: () => void
}) {
  const isEmpty = rowCount === 0
  return (
    <div className="draft-toolbar" role="toolbar" aria-label="Draft editing">
      <ToolButton
        command="undo"
        label="Undo"
        text="↶ Undo"
        isDisabled={!state.canUndo}
        description={state.undoLabel ? `Undo: ${state.undoLabel}` : 'Undo'}
        onRun={onRun}
      />
      <ToolButton
        command="redo"
        label="Redo"
        text="↷ Redo"
        isDisabled={!state.canRedo}
        description={state.redoLabel ? `Redo: ${state.redoLabel}` : 'Redo'}
        onRun={onRun}
      />
      <span className="draft-toolbar-sep" aria-hidden="true" />
      <ToolButton
        command="insert-above"
        label="Insert rows above"
        text="Insert above"
        onRun={onRun}
      />
      <ToolButton
        command="insert-below"
        label="Insert rows below"
        text="Insert below"
        onRun={onRun}
      />
      <ToolButton
        command="delete-rows"
        label="Delete selected rows"
        text="Delete rows"
        isDisabled={isEmpty}
        onRun={onRun}
      />
      <ToolButton
        command="move-up"
        label="Move rows up"
        text="↑ Move"
        isDisabled={isEmpty || range.top === 0}
        onRun={onRun}
      />
      <ToolButton
        command="move-down"
        label="Move rows down"
        text="↓ Move"
        isDisabled={isEmpty || range.bottom >= rowCount - 1}
        onRun={onRun}
      />
      <span className="draft-toolbar-sep" aria-hidden="true" />
      <ToolButton
        command="fill-down"
        label="Fill down"
        text="Fill down"
        isDisabled={isEmpty}
        onRun={onRun}
      />
      <ToolButton
        command="clear"
        label="Clear selected cells"
        text="Clear"
        isDisabled={isEmpty}
        onRun={onRun}
      />
      <button
        type="button"
        className="button button-quiet"
        title="Copy the selection as tab-separated text (Ctrl+C)"
        aria-label="Copy the selection as tab-separated text (Ctrl+C)"
        disabled={isEmpty}
        onClick={onCopy}
      >
        Copy
      </button>
      <button
        type="button"
        className="button button-quiet"
        title="Paste tab-separated text from a spreadsheet at the cursor (Ctrl+V)"
        aria-label="Paste tab-separated text from a spreadsheet at the cursor (Ctrl+V)"
        onClick={onPaste}
      >
        Paste
      </button>
      <span
        className="draft-toolbar-status"
        role="status"
        aria-live="polite"
        data-testid="draft-status"
      >
        {pending > 0 ? (
          <>
            <span className="spinner spinner-small" aria-hidden="true" />
            Saving edits…
          </>
        ) : (
          (notice ?? 'All edits kept')
        )}
      </span>
    </div>
  )
}
