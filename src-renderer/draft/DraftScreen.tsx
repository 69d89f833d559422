// Draft editing: a record's working draft in an editable grid, with live findings, the
// borehole header, undo/redo, and save as a new version with a comment. Every change
// is an edit sent to main through one queue (use-draft-session.ts); main keeps the
// working draft on local disk, so nothing typed is lost to a crash or a closed window,
// and its answer (findings, undo labels, rows) is what the screen shows.
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react'

import type { DraftState, Units } from '../../shared/ipc/contract'
import { ErrorBanner, Loading } from '../components/common'
import { formatCount, plural } from '../format'
import { useCall, useStoreChanged } from '../ipc/client'
import { navigate, routeHref } from '../router'
import { useTypedUnits } from '../settings'
import { StripLogPanel } from '../strip-log/index'
import { copyBlock } from './cell-values'
import type { DraftCommand } from './commands'
import { DraftBanners, DraftBreadcrumbs, DraftHeader } from './DraftChrome'
import { DiscardDraftDialog, SaveDraftDialog } from './DraftDialogs'
import { DraftToolbar } from './DraftToolbar'
import { EditableGrid } from './EditableGrid'
import './editable-grid.css'
import { FindingsPanel } from './FindingsPanel'
import { HeaderPanel } from './HeaderPanel'
import {
  clampSelection,
  cursorAt,
  rangeOf,
  rangeSize,
  type Range,
  type Selection,
} from './selection'
import { formatTsv } from './tsv'
import { commitText, pasteText, runDraftCommand, type DraftEditing } from './use-draft-commands'
import { useDraftSession, type DraftSession } from './use-draft-session'
import { useDraftStripLog, type StripLogRows } from './use-draft-strip-log'
import { useDraftWindow } from './use-draft-window'

type DialogKind = 'save' | 'discard' | null

/** A status-line message that goes away on its own after a few seconds. */
function useNotice(): [string | null, (message: string | null) => void] {
  const [notice, setNotice] = useState<string | null>(null)
  useEffect(() => {
    if (notice === null) return
    const t = setTimeout(() => setNotice(null), 6000)
    return () => clearTimeout(t)
  }, [notice])
  return [notice, setNotice]
}

/**
 * The record's current version as stored, followed live: another window, process or a
 * sync may move it past the draft's base while the engineer types (a new record has none).
 */
function useStoredVersion(recordId: string, state: DraftState | null): number | undefined {
  const hasBase = (state?.baseVersion ?? null) !== null
  const record = useCall('record.get', hasBase ? { recordId } : null, recordId)
  const { reload } = record
  useStoreChanged(
    useCallback(
      (ids: string[]) => {
        if (ids.length === 0 || ids.includes(recordId)) reload()
      },
      [recordId, reload],
    ),
  )
  return record.value?.metadata.current_version
}

/** The toolbar's Copy: the selection, through the system clipboard. */
async function copyToClipboard(
  session: DraftSession,
  ctx: DraftEditing,
  focusGrid: () => void,
): Promise<void> {
  const range = rangeOf(ctx.selection)
  const block = copyBlock(range, ctx.columns, (row, col) => session.getRow(row)?.[col], ctx.units)
  if (!block) {
    ctx.setNotice(
      'Copy needs every selected row loaded: scroll through the selection and copy again.',
    )
    return
  }
  try {
    await navigator.clipboard.writeText(formatTsv(block))
    ctx.setNotice(
      `Copied ${formatCount(block.length)} × ${formatCount(block[0]?.length ?? 0)} cells`,
    )
  } catch (e) {
    // Not a failure of the draft: the page may not write the clipboard (no permission, or
    // no focus: a DOMException), and the grid's own Ctrl+C works without that permission.
    if (!(e instanceof DOMException)) throw e
    ctx.setNotice('The clipboard could not be written here: use Ctrl+C in the grid.')
  }
  focusGrid()
}

/** The toolbar's Paste: the system clipboard's text at the selection. */
async function pasteFromClipboard(
  session: DraftSession,
  ctx: DraftEditing,
  focusGrid: () => void,
): Promise<void> {
  let text: string
  try {
    text = await navigator.clipboard.readText()
  } catch (e) {
    // As for copy: reading the clipboard needs a permission that Ctrl+V does not.
    if (!(e instanceof DOMException)) throw e
    ctx.setNotice('The clipboard could not be read here: use Ctrl+V in the grid.')
    focusGrid()
    return
  }
  // Outside the try: a failing paste is the draft's to report, not the clipboard's.
  pasteText(session, ctx, text)
  focusGrid()
}

function selectionText(range: Range): string {
  const { rows, cols } = rangeSize(range)
  return rows === 1 && cols === 1
    ? `row ${formatCount(range.top + 1)}`
    : `${formatCount(rows)} × ${formatCount(cols)} selected`
}

function DraftFooter({
  state,
  rowCount,
  range,
}: {
  state: DraftState
  rowCount: number
  range: Range
}) {
  const errorCount = state.findings.filter((f) => f.severity === 'error').length
  const warningCount = state.findings.length - errorCount
  return (
    <p className="draft-footer muted small">
      <span>
        {plural(rowCount, 'row')} · {selectionText(range)} · Enter or F2 edits, Ctrl+V pastes from a
        spreadsheet
      </span>
      <span>
        {errorCount > 0 && (
          <span className="severity severity-error">{plural(errorCount, 'error')}</span>
        )}{' '}
        {warningCount > 0 && (
          <span className="severity severity-warning">{plural(warningCount, 'warning')}</span>
        )}
      </span>
    </p>
  )
}

function DraftSide({
  recordId,
  session,
  state,
  units,
  logRows,
  onGo,
}: {
  recordId: string
  session: DraftSession
  state: DraftState
  units: Units
  logRows: StripLogRows | null
  onGo: (selection: Selection) => void
}) {
  return (
    <aside className="draft-side">
      <section className="card" aria-labelledby="draft-findings-title">
        <h2 id="draft-findings-title">Findings</h2>
        <FindingsPanel
          findings={state.findings}
          columns={state.columns.map((c) => c.name)}
          onGo={(at) => onGo(cursorAt(at.row, at.col))}
        />
      </section>
      {logRows && (
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
  )
}

function DraftDialog({
  kind,
  recordId,
  session,
  state,
  onClose,
  onToast,
}: {
  kind: DialogKind
  recordId: string
  session: DraftSession
  state: DraftState
  onClose: () => void
  onToast: (message: string) => void
}) {
  if (kind === 'save')
    return (
      <SaveDraftDialog
        recordId={recordId}
        editCount={state.editCount}
        pending={session.pending}
        refused={session.refused}
        columns={state.columns.map((c) => c.name)}
        onDismissRefused={session.dismissRefused}
        onClose={onClose}
        onSave={async (comment) => {
          const res = await session.save(comment)
          if (!res.ok) return res.error
          onToast(`Saved ${recordId} as v${res.value.current_version}`)
          navigate({ name: 'record', recordId })
          return null
        }}
      />
    )
  if (kind === 'discard')
    return (
      <DiscardDraftDialog
        recordId={recordId}
        editCount={state.editCount}
        onClose={onClose}
        onDiscard={async () => {
          const res = await session.discard()
          if (!res.ok) return res.error
          onToast(`Discarded the working draft of ${recordId}`)
          navigate(state.baseVersion !== null ? { name: 'record', recordId } : { name: 'records' })
          return null
        }}
      />
    )
  return null
}

function DraftProblem({ recordId, children }: { recordId: string; children: ReactNode }) {
  return (
    <section className="screen" aria-label={`Draft of ${recordId}`}>
      <DraftBreadcrumbs recordId={recordId} />
      {children}
    </section>
  )
}

/** What the screen keeps while the draft opens: the editor's state, and its window keys. */
function useDraftEditorState(session: DraftSession, units: Units) {
  const [rawSelection, setSelection] = useState<Selection>(cursorAt(0, 0))
  const [dialog, setDialog] = useState<DialogKind>(null)
  const [notice, setNotice] = useNotice()
  const gridRef = useRef<HTMLDivElement>(null)
  const { state, rowCount } = session
  const columns = useMemo(() => state?.columns ?? [], [state?.columns])
  // Rows deleted or undone away: the cursor stays on a row that exists.
  const selection = clampSelection(rawSelection, {
    rowCount,
    colCount: columns.length,
    pageRows: 1,
  })
  const ctx: DraftEditing = { columns, units, selection, setSelection, setNotice }
  const runCommand = (command: DraftCommand) =>
    runDraftCommand(session, ctx, command, () => setDialog('save'))
  useDraftWindow({
    isDialogOpen: dialog !== null,
    runCommand,
    gridRef,
    hasPendingEdits: session.hasPendingEdits,
  })
  return { ctx, dialog, setDialog, notice, gridRef, runCommand }
}

type EditorState = ReturnType<typeof useDraftEditorState>

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
  const editor = useDraftEditorState(session, units)
  const { state } = session
  const currentVersion = useStoredVersion(recordId, state)
  const logRows = useDraftStripLog(session)
  if (session.openError && !state)
    return (
      <DraftProblem recordId={recordId}>
        <ErrorBanner
          error={session.openError}
          action={
            <a className="button" href={routeHref({ name: 'record', recordId })}>
              Back to the record
            </a>
          }
        />
      </DraftProblem>
    )
  if (!state) return <Loading label={`Opening the draft of ${recordId}…`} />
  if (typedUnits.error)
    return (
      <DraftProblem recordId={recordId}>
        <ErrorBanner error={typedUnits.error} />
      </DraftProblem>
    )
  if (!typedUnits.units) return <Loading label="Reading your settings (units)…" />
  return (
    <DraftEditor
      recordId={recordId}
      session={session}
      state={state}
      editor={editor}
      currentVersion={currentVersion}
      logRows={logRows}
      onToast={onToast}
    />
  )
}

function DraftEditor({
  recordId,
  session,
  state,
  editor,
  currentVersion,
  logRows,
  onToast,
}: {
  recordId: string
  session: DraftSession
  state: DraftState
  editor: EditorState
  currentVersion: number | undefined
  logRows: StripLogRows | null
  onToast: (message: string) => void
}) {
  const { ctx, dialog, setDialog, gridRef, runCommand } = editor
  const { rowCount } = session
  const range = rangeOf(ctx.selection)
  const focusGrid = () => gridRef.current?.focus()

  return (
    <section className="screen draft-screen" aria-labelledby="draft-title">
      {/* Behind an open dialog nothing takes focus or keys (the dialogs are modal). */}
      <div className="draft-screen-body" inert={dialog !== null}>
        <DraftBreadcrumbs recordId={recordId} />
        <DraftHeader
          recordId={recordId}
          state={state}
          rowCount={rowCount}
          onSave={() => setDialog('save')}
          onDiscard={() => setDialog('discard')}
        />
        <DraftBanners recordId={recordId} state={state} currentVersion={currentVersion} />
        {session.actionError && <ErrorBanner error={session.actionError} />}
        <DraftToolbar
          state={state}
          rowCount={rowCount}
          range={range}
          pending={session.pending}
          notice={editor.notice}
          onRun={(command) => {
            runCommand(command)
            if (command !== 'save') focusGrid()
          }}
          onCopy={() => void copyToClipboard(session, ctx, focusGrid)}
          onPaste={() => void pasteFromClipboard(session, ctx, focusGrid)}
        />
        <div className="draft-layout">
          <div className="draft-main">
            {ctx.columns.length > 0 && (
              <DraftGrid
                recordId={recordId}
                session={session}
                gridRef={gridRef}
                ctx={ctx}
                findings={state.findings}
                onCommand={runCommand}
              />
            )}
            <DraftFooter state={state} rowCount={rowCount} range={range} />
          </div>
          <DraftSide
            recordId={recordId}
            session={session}
            state={state}
            units={ctx.units}
            logRows={logRows}
            onGo={(next) => {
              ctx.setSelection(next)
              focusGrid()
            }}
          />
        </div>
      </div>
      <DraftDialog
        kind={dialog}
        recordId={recordId}
        session={session}
        state={state}
        onClose={() => {
          setDialog(null)
          if (dialog === 'save') focusGrid()
        }}
        onToast={onToast}
      />
    </section>
  )
}

function DraftGrid({
  recordId,
  session,
  gridRef,
  ctx,
  findings,
  onCommand,
}: {
  recordId: string
  session: DraftSession
  gridRef: RefObject<HTMLDivElement | null>
  ctx: DraftEditing
  findings: DraftState['findings']
  onCommand: (command: DraftCommand) => void
}) {
  const { rowCount } = session
  return (
    <EditableGrid
      label={`${recordId} draft intervals`}
      gridRef={gridRef}
      columns={ctx.columns}
      rowCount={rowCount}
      units={ctx.units}
      findings={findings}
      getRow={session.getRow}
      ensureRows={session.ensureRows}
      refreshKey={`${session.rowsVersion}:${session.pending}`}
      selection={ctx.selection}
      onSelectionChange={ctx.setSelection}
      onCommit={(at, text) => commitText(session, ctx, at, text)}
      onCommand={onCommand}
      onPaste={(text) => pasteText(session, ctx, text)}
      onNotice={ctx.setNotice}
      cellError={session.cellError}
      onDismissError={session.clearErrors}
      onAppendRow={() => {
        // The cursor moves now, not when main answers: the next keys go to the new row.
        void session.edit({ kind: 'insert', at: rowCount, count: 1 }, null)
        ctx.setSelection(cursorAt(rowCount, 0))
      }}
    />
  )
}
