// Draft editing (issue 8): a record's working draft in an editable grid, with live
// findings, the borehole header, undo/redo, and save as a new version with a comment.
// Every change is an edit sent to main through one queue (draft/use-draft-session.ts);
// main keeps the working draft on local disk, so nothing typed is lost to a crash or a
// closed window, and its answer (findings, undo labels, rows) is what the screen shows.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import type { Finding } from '../../shared/metadata'
import { ErrorBanner, Loading } from '../components/common'
import { EditableGrid } from './EditableGrid'
import './editable-grid.css'
import { clearEdit, copyBlock, fillDownEdit, parseTyped } from './cell-values'
import { withShortcut, type DraftCommand } from './commands'
import { DiscardDraftDialog, SaveDraftDialog } from './DraftDialogs'
import { HeaderPanel } from './HeaderPanel'
import {
  clampSelection,
  cursorAt,
  rangeOf,
  rangeSize,
  type CellPos,
  type Selection,
} from './selection'
import { formatTsv, parseTsv } from './tsv'
import { useDraftSession } from './use-draft-session'
import { formatCount, formatTime, plural } from '../format'
import { useCall, useStoreChanged } from '../ipc/client'
import { navigate, routeHref } from '../router'
import { useTypedUnits } from '../settings'
import { rowsFromCells, StripLogPanel } from '../strip-log/index'

/** The strip log redraws from every row as the draft is typed: only for logs this short. */
const STRIP_LOG_MAX_ROWS = 2000
/** Cells one set edit may carry (the contract's cap): a bigger clear or fill is refused here. */
const MAX_SET_CELLS = 100_000
/** Paste edits are capped by the contract (rows × 200 columns). */
const MAX_PASTE_ROWS = 100_000
const MAX_PASTE_COLUMNS = 200

/** A log with thousands of findings lists the first ones (errors first); the grid marks them all. */
const MAX_LISTED_FINDINGS = 300

type DialogKind = 'save' | 'discard' | null

function FindingsPanel({
  findings,
  columns,
  onGo,
}: {
  findings: Finding[]
  columns: string[]
  onGo: (at: CellPos) => void
}) {
  const sorted = useMemo(
    () =>
      [...findings].sort(
        (a, b) =>
          (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
          (a.row ?? -1) - (b.row ?? -1),
      ),
    [findings],
  )
  if (findings.length === 0)
    return <p className="muted small">No findings: the draft passes every validation rule.</p>
  return (
    <ul className="draft-findings" aria-label="Findings">
      {sorted.slice(0, MAX_LISTED_FINDINGS).map((f, i) => {
        const where =
          f.row !== null
            ? `Row ${formatCount(f.row + 1)}${f.column ? ` · ${f.column}` : ''}`
            : (f.column ?? 'Table')
        const content = (
          <>
            <span className={`severity severity-${f.severity}`}>
              {f.severity === 'error' ? 'Error' : 'Warning'}
            </span>
            <span>{f.message}</span>
            <span className="draft-finding-where">{where}</span>
          </>
        )
        return (
          <li key={i}>
            {f.row !== null ? (
              <button
                type="button"
                className={`draft-finding draft-finding-${f.severity}`}
                onClick={() =>
                  onGo({
                    row: f.row ?? 0,
                    col: Math.max(0, f.column ? columns.indexOf(f.column) : 0),
                  })
                }
                title={`Go to ${where}`}
              >
                {content}
              </button>
            ) : (
              <div className={`draft-finding draft-finding-${f.severity}`}>{content}</div>
            )}
          </li>
        )
      })}
      {sorted.length > MAX_LISTED_FINDINGS && (
        <li className="muted small">
          and {formatCount(sorted.length - MAX_LISTED_FINDINGS)} more: fix these first.
        </li>
      )}
    </ul>
  )
}

export function DraftScreen({
  recordId,
  onToast,
}: {
  recordId: string
  onToast: (message: string) => void
}) {
  const session = useDraftSession(recordId)
  // Typed depths are stored as metres from these units: nothing is typed until they are known.
  const typedUnits = useTypedUnits()
  const units = typedUnits.units ?? 'm'
  const [rawSelection, setSelection] = useState<Selection>(cursorAt(0, 0))
  const [dialog, setDialog] = useState<DialogKind>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const gridRef = useRef<HTMLDivElement>(null)
  const { state } = session
  const columns = useMemo(() => state?.columns ?? [], [state?.columns])
  const { rowCount } = session
  // Rows deleted or undone away: the cursor stays on a row that exists.
  const selection = clampSelection(rawSelection, {
    rowCount,
    colCount: columns.length,
    pageRows: 1,
  })
  // The record as stored, followed live: another window, process or a sync may move it
  // past the draft's base while the engineer types (a new record has none yet).
  const hasBase = (state?.baseVersion ?? null) !== null
  const record = useCall('record.get', hasBase ? { recordId } : null, recordId)
  const { reload: reloadRecord } = record
  useStoreChanged(
    useCallback(
      (ids: string[]) => {
        if (ids.length === 0 || ids.includes(recordId)) reloadRecord()
      },
      [recordId, reloadRecord],
    ),
  )

  useEffect(() => {
    if (notice === null) return
    const t = setTimeout(() => setNotice(null), 6000)
    return () => clearTimeout(t)
  }, [notice])

  const focusGrid = () => gridRef.current?.focus()
  const range = rangeOf(selection)

  function sendPaste(text: string): void {
    const values = parseTsv(text)
    const column = columns[range.left]
    if (values.length === 0 || !column) {
      setNotice('Nothing to paste: the clipboard holds no text.')
      return
    }
    const width = Math.max(...values.map((r) => r.length))
    // Cutting a block down to the contract's cap would store part of it as if it were whole.
    if (values.length > MAX_PASTE_ROWS || width > MAX_PASTE_COLUMNS) {
      setNotice(
        `Nothing pasted: the clipboard holds ${formatCount(values.length)} × ${formatCount(width)} cells, and one paste takes at most ${formatCount(MAX_PASTE_ROWS)} rows × ${formatCount(MAX_PASTE_COLUMNS)} columns. Paste it in parts.`,
      )
      return
    }
    const at = { row: Math.min(range.top, rowCount), col: range.left }
    void session
      .edit({ kind: 'paste', row: at.row, column: column.name, values, units }, at)
      .then((ok) => {
        if (!ok) return
        setSelection({
          anchor: at,
          focus: {
            row: at.row + values.length - 1,
            col: Math.min(columns.length - 1, at.col + width - 1),
          },
        })
        setNotice(`Pasted ${formatCount(values.length)} × ${formatCount(width)} cells`)
      })
  }

  function runCommand(command: DraftCommand): void {
    if (!state) return
    const size = rangeSize(range)
    const hasRows = rowCount > 0
    switch (command) {
      // With edits still on their way the state's flags are not yet theirs: main decides.
      case 'undo':
        if (state.canUndo || session.pending > 0) void session.undo()
        return
      case 'redo':
        if (state.canRedo || session.pending > 0) void session.redo()
        return
      case 'save':
        setDialog('save')
        return
      case 'insert-above':
      case 'insert-below': {
        const count = hasRows ? size.rows : 1
        const at = !hasRows ? 0 : command === 'insert-above' ? range.top : range.bottom + 1
        // The new rows show at once (the session counts them): keys typed next go there.
        void session.edit({ kind: 'insert', at, count }, null)
        setSelection({
          anchor: { row: at, col: selection.focus.col },
          focus: { row: at + count - 1, col: selection.focus.col },
        })
        return
      }
      case 'delete-rows': {
        if (!hasRows) return
        const rows = Array.from({ length: size.rows }, (_, i) => range.top + i)
        void session.edit({ kind: 'delete', rows }, null)
        setSelection(cursorAt(range.top, selection.focus.col))
        return
      }
      case 'move-up':
      case 'move-down': {
        const step = command === 'move-up' ? -1 : 1
        if (!hasRows || range.top + step < 0 || range.bottom + step >= rowCount) return
        void session.edit(
          { kind: 'move', from: range.top, count: size.rows, to: range.top + step },
          null,
        )
        setSelection({
          anchor: { row: selection.anchor.row + step, col: selection.anchor.col },
          focus: { row: selection.focus.row + step, col: selection.focus.col },
        })
        return
      }
      case 'fill-down': {
        if (!hasRows) return
        if (size.rows * size.cols > MAX_SET_CELLS) {
          setNotice(`Fill down changes at most ${formatCount(MAX_SET_CELLS)} cells at a time.`)
          return
        }
        const edit = fillDownEdit(range, columns, (row, col) => session.getRow(row)?.[col])
        if (edit) void session.edit(edit, null)
        else
          setNotice(
            range.top === 0 && size.rows === 1
              ? 'Fill down copies the row above into the selection: select the rows to fill below a filled row.'
              : 'Fill down needs the top row loaded: scroll to it and try again.',
          )
        return
      }
      case 'clear': {
        if (!hasRows) return
        if (size.rows * size.cols > MAX_SET_CELLS) {
          setNotice(
            `Clear empties at most ${formatCount(MAX_SET_CELLS)} cells at a time; to remove whole rows, delete them (Ctrl+-).`,
          )
          return
        }
        const edit = clearEdit(range, columns)
        if (edit) void session.edit(edit, null)
        return
      }
    }
  }

  // Save works from anywhere on the screen (a header field, a toolbar button), and undo
  // and redo from anywhere but a text field (which has its own).
  const runCommandRef = useRef(runCommand)
  useEffect(() => {
    runCommandRef.current = runCommand
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || dialog !== null || !(e.ctrlKey || e.metaKey) || e.altKey) return
      const key = e.key.toLowerCase()
      const isField =
        e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement
      const command: DraftCommand | null =
        key === 's'
          ? 'save'
          : isField
            ? null
            : key === 'z'
              ? e.shiftKey
                ? 'redo'
                : 'undo'
              : key === 'y'
                ? 'redo'
                : null
      if (!command) return
      e.preventDefault()
      if (isField) (e.target as HTMLElement).blur()
      runCommandRef.current(command)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [dialog])

  // Closing or reloading the window while edits are queued (or a cell is being typed)
  // would lose them: the open field is committed first, and the browser (or Electron's
  // will-prevent-unload dialog) asks whether to leave.
  const { hasPendingEdits } = session
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
  }, [hasPendingEdits])

  const onCommit = useCallback(
    (at: CellPos, text: string): boolean => {
      const column = columns[at.col]
      if (!column) return false
      const parsed = parseTyped(text, column, units)
      if (!parsed.ok) {
        session.reportCellError({ ...at, message: parsed.message, code: null })
        return false
      }
      void session.edit(
        { kind: 'set', cells: [{ row: at.row, column: column.name, value: parsed.value }] },
        at,
        [{ row: at.row, col: at.col, value: parsed.value }],
      )
      return true
    },
    [columns, units, session],
  )

  async function copyToClipboard(): Promise<void> {
    const block = copyBlock(range, columns, (row, col) => session.getRow(row)?.[col], units)
    if (!block) {
      setNotice(
        'Copy needs every selected row loaded: scroll through the selection and copy again.',
      )
      return
    }
    try {
      await navigator.clipboard.writeText(formatTsv(block))
      setNotice(`Copied ${formatCount(block.length)} × ${formatCount(block[0]?.length ?? 0)} cells`)
    } catch {
      setNotice('The clipboard could not be written here: use Ctrl+C in the grid.')
    }
    focusGrid()
  }

  async function pasteFromClipboard(): Promise<void> {
    try {
      sendPaste(await navigator.clipboard.readText())
    } catch {
      setNotice('The clipboard could not be read here: use Ctrl+V in the grid.')
    }
    focusGrid()
  }

  // The strip log follows the draft as typed: all rows of a short log are kept loaded.
  const { ensureRows, getRow, rowsVersion, pending } = session
  const canDrawLog =
    state?.tableName === 'borelog' && rowCount > 0 && rowCount <= STRIP_LOG_MAX_ROWS
  useEffect(() => {
    if (canDrawLog) ensureRows(0, rowCount - 1)
  }, [canDrawLog, ensureRows, rowCount, rowsVersion, pending])
  const logRows = useMemo(() => {
    if (!canDrawLog) return null
    const cells = []
    for (let row = 0; row < rowCount; row++) {
      const r = getRow(row)
      if (r) cells.push([...r])
    }
    return rowsFromCells(
      columns.map((c) => c.name),
      cells,
    )
    // rowsVersion names the cache contents getRow reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [canDrawLog, rowCount, columns, getRow, rowsVersion])

  if (session.openError && !state) {
    return (
      <section className="screen" aria-label={`Draft of ${recordId}`}>
        <DraftBreadcrumbs recordId={recordId} />
        <ErrorBanner
          error={session.openError}
          action={
            <a className="button" href={routeHref({ name: 'record', recordId })}>
              Back to the record
            </a>
          }
        />
      </section>
    )
  }
  if (!state) return <Loading label={`Opening the draft of ${recordId}…`} />
  if (typedUnits.error)
    return (
      <section className="screen" aria-label={`Draft of ${recordId}`}>
        <DraftBreadcrumbs recordId={recordId} />
        <ErrorBanner error={typedUnits.error} />
      </section>
    )
  if (!typedUnits.units) return <Loading label="Reading your settings (units)…" />

  const errorCount = state.findings.filter((f) => f.severity === 'error').length
  const warningCount = state.findings.length - errorCount
  const currentVersion = record.value?.metadata.current_version
  const isBehind =
    state.isBehind ||
    (state.baseVersion !== null &&
      currentVersion !== undefined &&
      currentVersion > state.baseVersion)
  const where = `${size(range)}`
  const toolButton = (
    command: DraftCommand,
    label: string,
    text: string,
    isDisabled = false,
    description?: string,
  ) => {
    const title = withShortcut(description ?? label, command)
    return (
      <button
        type="button"
        className="button button-quiet"
        title={title}
        aria-label={title}
        disabled={isDisabled}
        onClick={() => {
          runCommand(command)
          if (command !== 'save') focusGrid()
        }}
      >
        {text}
      </button>
    )
  }

  return (
    <section className="screen draft-screen" aria-labelledby="draft-title">
      {/* Behind an open dialog nothing takes focus or keys (the dialogs are modal). */}
      <div className="draft-screen-body" inert={dialog !== null}>
        <DraftBreadcrumbs recordId={recordId} />
        <header className="screen-header">
          <div>
            <h1 id="draft-title">Draft of {recordId}</h1>
            <p className="subtitle">
              {[
                state.tableName,
                state.baseVersion !== null ? `from v${state.baseVersion}` : 'new record',
                plural(rowCount, 'interval'),
                plural(state.editCount, 'edit'),
                'kept on this computer until saved',
              ].join(' · ')}
            </p>
          </div>
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() => setDialog('discard')}
              title="Discard this working draft"
            >
              Discard…
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setDialog('save')}
              title={withShortcut('Save as a new version', 'save')}
              aria-label={withShortcut('Save as a new version', 'save')}
            >
              Save version…
            </button>
          </div>
        </header>

        {state.wasRecovered && (
          <div className="draft-banner" role="status" data-testid="recovered-banner">
            <span>
              Recovered unsaved edits from an earlier session ({plural(state.editCount, 'edit')},
              last at {formatTime(state.updatedAt)}).
            </span>
          </div>
        )}
        {isBehind && (
          <div
            className="draft-banner draft-banner-warning"
            role="status"
            data-testid="behind-banner"
          >
            <span>
              {recordId} moved on to{' '}
              {currentVersion !== undefined ? `v${currentVersion}` : 'a newer version'} since this
              draft started from v{state.baseVersion}. Saving will be refused as a conflict: open
              the record to see the newer version.
            </span>
            <a className="button" href={routeHref({ name: 'record', recordId })}>
              Open {recordId}
            </a>
          </div>
        )}
        {session.actionError && <ErrorBanner error={session.actionError} />}

        <div className="draft-toolbar" role="toolbar" aria-label="Draft editing">
          {toolButton(
            'undo',
            'Undo',
            '↶ Undo',
            !state.canUndo,
            state.undoLabel ? `Undo: ${state.undoLabel}` : 'Undo',
          )}
          {toolButton(
            'redo',
            'Redo',
            '↷ Redo',
            !state.canRedo,
            state.redoLabel ? `Redo: ${state.redoLabel}` : 'Redo',
          )}
          <span className="draft-toolbar-sep" aria-hidden="true" />
          {toolButton('insert-above', 'Insert rows above', 'Insert above')}
          {toolButton('insert-below', 'Insert rows below', 'Insert below')}
          {toolButton('delete-rows', 'Delete selected rows', 'Delete rows', rowCount === 0)}
          {toolButton('move-up', 'Move rows up', '↑ Move', rowCount === 0 || range.top === 0)}
          {toolButton(
            'move-down',
            'Move rows down',
            '↓ Move',
            rowCount === 0 || range.bottom >= rowCount - 1,
          )}
          <span className="draft-toolbar-sep" aria-hidden="true" />
          {toolButton('fill-down', 'Fill down', 'Fill down', rowCount === 0)}
          {toolButton('clear', 'Clear selected cells', 'Clear', rowCount === 0)}
          <button
            type="button"
            className="button button-quiet"
            title="Copy the selection as tab-separated text (Ctrl+C)"
            aria-label="Copy the selection as tab-separated text (Ctrl+C)"
            disabled={rowCount === 0}
            onClick={() => void copyToClipboard()}
          >
            Copy
          </button>
          <button
            type="button"
            className="button button-quiet"
            title="Paste tab-separated text from a spreadsheet at the cursor (Ctrl+V)"
            aria-label="Paste tab-separated text from a spreadsheet at the cursor (Ctrl+V)"
            onClick={() => void pasteFromClipboard()}
          >
            Paste
          </button>
          <span
            className="draft-toolbar-status"
            role="status"
            aria-live="polite"
            data-testid="draft-status"
          >
            {session.pending > 0 ? (
              <>
                <span className="spinner spinner-small" aria-hidden="true" />
                Saving edits…
              </>
            ) : (
              (notice ?? 'All edits kept')
            )}
          </span>
        </div>

        <div className="draft-layout">
          <div className="draft-main">
            {columns.length > 0 && (
              <EditableGrid
                label={`${recordId} draft intervals`}
                gridRef={gridRef}
                columns={columns}
                rowCount={rowCount}
                units={units}
                findings={state.findings}
                getRow={getRow}
                ensureRows={ensureRows}
                refreshKey={`${rowsVersion}:${pending}`}
                selection={selection}
                onSelectionChange={setSelection}
                onCommit={onCommit}
                onCommand={runCommand}
                onPaste={sendPaste}
                onNotice={setNotice}
                cellError={session.cellError}
                onDismissError={session.clearErrors}
                onAppendRow={() => {
                  // The cursor moves now, not when main answers: the next keys go to the new row.
                  void session.edit({ kind: 'insert', at: rowCount, count: 1 }, null)
                  setSelection(cursorAt(rowCount, 0))
                }}
              />
            )}
            <p className="draft-footer muted small">
              <span>
                {plural(rowCount, 'row')} · {where} · Enter or F2 edits, Ctrl+V pastes from a
                spreadsheet
              </span>
              <span>
                {errorCount > 0 && (
                  <span className="severity severity-error">{plural(errorCount, 'error')}</span>
                )}{' '}
                {warningCount > 0 && (
                  <span className="severity severity-warning">
                    {plural(warningCount, 'warning')}
                  </span>
                )}
              </span>
            </p>
          </div>
          <aside className="draft-side">
            <section className="card" aria-labelledby="draft-findings-title">
              <h2 id="draft-findings-title">Findings</h2>
              <FindingsPanel
                findings={state.findings}
                columns={columns.map((c) => c.name)}
                onGo={(at) => {
                  setSelection(cursorAt(at.row, at.col))
                  focusGrid()
                }}
              />
            </section>
            {canDrawLog && logRows && (
              <div className="card">
                <StripLogPanel
                  rows={logRows}
                  header={state.header}
                  units={units}
                  title="Strip log"
                  label={`Strip log of the ${recordId} draft`}
                />
              </div>
            )}
            <section className="card" aria-labelledby="draft-header-title">
              <h2 id="draft-header-title">Borehole</h2>
              <HeaderPanel header={state.header} units={units} onChange={session.editHeader} />
            </section>
          </aside>
        </div>
      </div>

      {dialog === 'save' && (
        <SaveDraftDialog
          recordId={recordId}
          editCount={state.editCount}
          pending={session.pending}
          refused={session.refused}
          columns={columns.map((c) => c.name)}
          onDismissRefused={session.dismissRefused}
          onClose={() => {
            setDialog(null)
            focusGrid()
          }}
          onSave={async (comment) => {
            const res = await session.save(comment)
            if (!res.ok) return res.error
            onToast(`Saved ${recordId} as v${res.value.current_version}`)
            navigate({ name: 'record', recordId })
            return null
          }}
        />
      )}
      {dialog === 'discard' && (
        <DiscardDraftDialog
          recordId={recordId}
          editCount={state.editCount}
          onClose={() => setDialog(null)}
          onDiscard={async () => {
            const res = await session.discard()
            if (!res.ok) return res.error
            onToast(`Discarded the working draft of ${recordId}`)
            navigate(
              state.baseVersion !== null ? { name: 'record', recordId } : { name: 'records' },
            )
            return null
          }}
        />
      )}
    </section>
  )
}

function size(range: ReturnType<typeof rangeOf>): string {
  const { rows, cols } = rangeSize(range)
  return rows === 1 && cols === 1
    ? `row ${formatCount(range.top + 1)}`
    : `${formatCount(rows)} × ${formatCount(cols)} selected`
}

function DraftBreadcrumbs({ recordId }: { recordId: string }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <a href="#/records">Borelogs</a>
      <span aria-hidden="true">/</span>
      <a href={routeHref({ name: 'record', recordId })}>{recordId}</a>
      <span aria-hidden="true">/</span>
      <span aria-current="page">Draft</span>
    </nav>
  )
}
