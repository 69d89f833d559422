// Diff view (issue 5): any two versions (default: the draft against the last approved
// one), side by side or unified, changed cells with old and new values, added and
// removed rows, per-column change counts, schema and header changes, the depth-aware
// layer changes, and next/previous change (N / P). The diff is computed and paged in
// main; the grid is virtualised. The newer version can be approved or rejected here.
import { memo, useCallback, useEffect, useRef, useState } from 'react'

import type { DiffPageRow, DiffSummaryView } from '../../shared/ipc/contract'
import { RowsWindow, useBigVirtualizer } from '../big-scroll'
import { ErrorBanner, Loading, StatusBadge } from '../components/common'
import { ReviewDialog, type ReviewKind } from '../components/ReviewDialog'
import { formatCount, formatShownCell, plural } from '../format'
import { useCall, useIpc } from '../ipc/client'
import { useShortcuts } from '../keyboard'
import { usePagedRows, type FetchPage } from '../paged-rows'
import { navigate, routeHref } from '../router'
import { useUnits } from '../settings'
import { shownUnit } from '../units'
import { Breadcrumbs } from '../components/Breadcrumbs'

const ROW_HEIGHT_PX = 26
/** The sticky column header's height (styles.css .grid-header). */
const HEADER_PX = 40
const PAGE_SIZE = 250
type Mode = 'split' | 'unified'
/** A column on screen, with its position in the summary's columns (the cells' order). */
type ShownColumn = DiffSummaryView['columns'][number] & { at: number }
type Columns = ShownColumn[]

/** Side by side halves the room per column: text columns get narrower there. */
function cellWidthPx(column: ShownColumn, mode: Mode): number {
  if (column.name === 'description') return mode === 'split' ? 190 : 420
  if (column.name === 'remarks') return mode === 'split' ? 140 : 250
  if (column.kind === 'number') return mode === 'split' ? 100 : 140
  return mode === 'split' ? 96 : 160
}

const CHANGE_MARK: Record<DiffPageRow['change'], string> = {
  added: '+',
  removed: '−',
  changed: '~',
  unchanged: '',
}

const DiffRowView = memo(function DiffRowView({
  row,
  position,
  startPx,
  columns,
  mode,
  template,
  isCurrent,
}: {
  row: DiffPageRow | undefined
  position: number
  startPx: number
  columns: Columns
  mode: Mode
  template: string
  isCurrent: boolean
}) {
  const units = useUnits()
  const style = {
    gridTemplateColumns: template,
    height: ROW_HEIGHT_PX,
    top: startPx,
  }
  if (!row)
    return <div role="row" aria-rowindex={position + 2} className="grid-row" style={style} />
  const changed = new Set(row.changed)
  const className = `grid-row diff-row diff-${row.change}${isCurrent ? ' diff-current' : ''}`
  const rowNumber = (n: number | null) => (n === null ? '' : formatCount(n + 1))
  if (mode === 'unified') {
    return (
      <div
        role="row"
        aria-rowindex={position + 2}
        className={className}
        style={style}
        data-diff-row={row.row}
        data-change={row.change}
      >
        <div role="rowheader" className="grid-rownum diff-mark" aria-label={row.change}>
          {CHANGE_MARK[row.change]}
        </div>
        <div role="gridcell" className="grid-rownum">
          {rowNumber(row.rowA)}
        </div>
        <div role="gridcell" className="grid-rownum">
          {rowNumber(row.rowB)}
        </div>
        {columns.map((c) => {
          const before = row.before?.[c.at]
          const after = row.after?.[c.at]
          const isChanged = changed.has(c.name)
          return (
            <div
              key={c.name}
              role="gridcell"
              className={`grid-cell${c.kind === 'number' ? ' num' : ''}${isChanged ? ' diff-cell-changed' : ''}`}
              title={
                isChanged
                  ? `${c.name}: ${formatShownCell(before, c, units)} → ${formatShownCell(after, c, units)}`
                  : undefined
              }
            >
              {isChanged ? (
                <>
                  <del className="diff-old">{formatShownCell(before, c, units)}</del>{' '}
                  <ins className="diff-new">{formatShownCell(after, c, units)}</ins>
                </>
              ) : (
                formatShownCell(row.after ? after : before, c, units)
              )}
            </div>
          )
        })}
      </div>
    )
  }
  return (
    <div
      role="row"
      aria-rowindex={position + 2}
      className={className}
      style={style}
      data-diff-row={row.row}
      data-change={row.change}
    >
      <div role="rowheader" className="grid-rownum diff-mark" aria-label={row.change}>
        {CHANGE_MARK[row.change]}
      </div>
      {(['before', 'after'] as const).map((side) => (
        <DiffSide
          key={side}
          side={side}
          row={row}
          columns={columns}
          changed={changed}
          rowNumber={rowNumber(side === 'before' ? row.rowA : row.rowB)}
        />
      ))}
    </div>
  )
})

function DiffSide({
  side,
  row,
  columns,
  changed,
  rowNumber,
}: {
  side: 'before' | 'after'
  row: DiffPageRow
  columns: Columns
  changed: Set<string>
  rowNumber: string
}) {
  const units = useUnits()
  const values = row[side]
  return (
    <>
      <div role="gridcell" className={`grid-rownum diff-side-start diff-side-${side}`}>
        {rowNumber}
      </div>
      {columns.map((c) => (
        <div
          key={c.name}
          role="gridcell"
          className={`grid-cell${c.kind === 'number' ? ' num' : ''}${values === null ? ' diff-absent' : ''}${
            changed.has(c.name) ? (side === 'before' ? ' diff-cell-old' : ' diff-cell-new') : ''
          }`}
        >
          {values === null ? '' : formatShownCell(values[c.at], c, units)}
        </div>
      ))}
    </>
  )
}

export function DiffScreen({
  recordId,
  from,
  to,
  onToast,
}: {
  recordId: string
  from: number
  to: number
  onToast: (message: string) => void
}) {
  const ipc = useIpc()
  const summary = useCall('diff.summary', { recordId, from, to }, `${recordId}@${from}..${to}`)
  const detail = useCall('record.get', { recordId }, recordId)
  const versions = useCall('record.versions', { recordId }, recordId)
  const [mode, setMode] = useState<Mode>('split')
  const [onlyChanges, setOnlyChanges] = useState(false)
  const [showAllColumns, setShowAllColumns] = useState(false)
  const [current, setCurrent] = useState<{ row: number; ordinal: number } | null>(null)
  const [review, setReview] = useState<ReviewKind | null>(null)
  const view = summary.value

  const fetchPage = useCallback<FetchPage<DiffPageRow>>(
    async (offset, limit) => {
      const res = await ipc.invoke('diff.page', { recordId, from, to, offset, limit, onlyChanges })
      return res.ok ? { ok: true, value: { rows: res.value.rows, total: res.value.rowCount } } : res
    },
    [ipc, recordId, from, to, onlyChanges],
  )
  const paged = usePagedRows(fetchPage, `${recordId}@${from}..${to}:${onlyChanges}`, PAGE_SIZE)

  const scrollRef = useRef<HTMLDivElement>(null)
  const big = useBigVirtualizer({
    count: paged.total ?? 0,
    rowHeightPx: ROW_HEIGHT_PX,
    scrollRef,
    headerPx: HEADER_PX,
  })
  const items = big.rows
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  const { ensureRange } = paged
  useEffect(() => ensureRange(first, last), [ensureRange, first, last])

  const step = useCallback(
    async (direction: 'next' | 'previous') => {
      const at = current?.row ?? (direction === 'next' ? -1 : (view?.rowCount ?? 0))
      const res = await ipc.invoke('diff.seek', { recordId, from, to, at, direction })
      if (!res.ok || res.value.row === null) return
      const found = { row: res.value.row, ordinal: res.value.ordinal }
      setCurrent(found)
      big.scrollToIndex(onlyChanges ? found.ordinal - 1 : found.row, 'center')
    },
    [ipc, recordId, from, to, current, view?.rowCount, onlyChanges, big],
  )

  const metadata = detail.value?.metadata
  const canReview =
    metadata?.current_version === to && metadata.status === 'draft' && view !== undefined
  useShortcuts(
    {
      n: () => void step('next'),
      j: () => void step('next'),
      p: () => void step('previous'),
      k: () => void step('previous'),
      a: canReview ? () => setReview('approve') : undefined,
      r: canReview ? () => setReview('reject') : undefined,
    },
    review === null,
  )

  const statusOf = (v: number) => versions.value?.versions.find((x) => x.version === v)?.status
  const allColumns: Columns = (view?.columns ?? []).map((c, at) => ({ ...c, at }))
  // Side by side doubles every column: by default it shows the keys, the description and
  // what changed, so both versions fit on one screen; "All columns" shows the rest.
  const columns =
    mode === 'split' && !showAllColumns && view
      ? allColumns.filter(
          (c) =>
            c.isKey ||
            c.name === 'description' ||
            c.presence !== 'both' ||
            (view.perColumn[c.name] ?? 0) > 0,
        )
      : allColumns
  const widths = columns.map((c) => cellWidthPx(c, mode))
  const cells = widths.map((w) => `${w}px`).join(' ')
  const cellsWidth = widths.reduce((sum, w) => sum + w, 0)
  const template = mode === 'split' ? `28px 56px ${cells} 56px ${cells}` : `28px 56px 56px ${cells}`
  const totalWidth = mode === 'split' ? 28 + 2 * (56 + cellsWidth) : 28 + 112 + cellsWidth

  const pickVersion = (which: 'from' | 'to', value: number) =>
    navigate({
      name: 'diff',
      recordId,
      from: which === 'from' ? value : from,
      to: which === 'to' ? value : to,
    })

  return (
    <section className="screen diff-screen" aria-labelledby="diff-title">
      <Breadcrumbs recordId={recordId} />
      <header className="screen-header">
        <div>
          <h1 id="diff-title">
            {recordId}: v{from} → v{to} {statusOf(to) && <StatusBadge status={statusOf(to)!} />}
          </h1>
          <div className="version-pickers">
            <label className="field field-inline">
              <span>From</span>
              <select value={from} onChange={(e) => pickVersion('from', Number(e.target.value))}>
                {versions.value?.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version} · {v.status} · {v.created_by}
                  </option>
                ))}
              </select>
            </label>
            <label className="field field-inline">
              <span>To</span>
              <select value={to} onChange={(e) => pickVersion('to', Number(e.target.value))}>
                {versions.value?.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version} · {v.status} · {v.created_by}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>
        <div className="actions">
          {canReview && (
            <>
              <button
                type="button"
                className="button button-reject"
                onClick={() => setReview('reject')}
                aria-keyshortcuts="r"
              >
                Reject v{to}… <kbd>R</kbd>
              </button>
              <button
                type="button"
                className="button button-approve"
                onClick={() => setReview('approve')}
                aria-keyshortcuts="a"
              >
                Approve v{to}… <kbd>A</kbd>
              </button>
            </>
          )}
        </div>
      </header>

      {summary.status === 'error' && (
        <ErrorBanner
          error={summary.error}
          action={
            <a className="button" href={routeHref({ name: 'record', recordId })}>
              Back to {recordId}
            </a>
          }
        />
      )}
      {!view && summary.status === 'loading' && (
        <Loading label={`Comparing v${from} with v${to}…`} />
      )}

      {view && (
        <>
          <div className="diff-summary" role="group" aria-label="Summary of changes">
            <span className="diff-count diff-count-added">
              +{formatCount(view.counts.added)} added
            </span>
            <span className="diff-count diff-count-removed">
              −{formatCount(view.counts.removed)} removed
            </span>
            <span className="diff-count diff-count-changed">
              ~{formatCount(view.counts.changed)} changed
            </span>
            <span className="muted">
              {plural(view.counts.changedCells, 'cell')} changed ·{' '}
              {view.matchedBy === 'key'
                ? `rows matched by ${view.keyColumns.join(', ')}`
                : 'rows matched by position (the table has no key)'}
              {view.counts.duplicateKeys > 0
                ? ` · ${plural(view.counts.duplicateKeys, 'duplicate key')}`
                : ''}
            </span>
          </div>

          <div className="diff-cards">
            {view.depthEvents.length > 0 && (
              <section className="card card-compact" aria-labelledby="layers-title">
                <h2 id="layers-title">Layers</h2>
                <ul className="plain-list">
                  {view.depthEvents.map((e, i) => (
                    <li key={i}>
                      <strong className="depth-kind">{e.kind.replace('_', ' ')}</strong> {e.hole}:{' '}
                      {e.from.map((x) => `${x.topM}–${x.baseM} m`).join(', ') || '—'} →{' '}
                      {e.to.map((x) => `${x.topM}–${x.baseM} m`).join(', ') || '—'}{' '}
                      {(e.to[0] ?? e.from[0]) && (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => {
                            const row = (e.to[0] ?? e.from[0])!.diffRow
                            setOnlyChanges(false)
                            setCurrent({ row, ordinal: current?.ordinal ?? 0 })
                            big.scrollToIndex(row, 'center')
                          }}
                        >
                          show
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <section className="card card-compact" aria-labelledby="columns-title">
              <h2 id="columns-title">Changes by column</h2>
              <ul className="column-counts">
                {columns
                  .filter((c) => (view.perColumn[c.name] ?? 0) > 0 || c.presence !== 'both')
                  .map((c) => (
                    <li key={c.name}>
                      <span className="mono">{c.name}</span>{' '}
                      {c.presence === 'both'
                        ? plural(view.perColumn[c.name] ?? 0, 'cell')
                        : `column ${c.presence}`}
                    </li>
                  ))}
                {Object.values(view.perColumn).every((n) => n === 0) && (
                  <li className="muted">No cell changed.</li>
                )}
              </ul>
            </section>
            {(view.headerChanges.length > 0 || view.schemaChanges.length > 0) && (
              <section className="card card-compact" aria-labelledby="header-changes-title">
                <h2 id="header-changes-title">Header and schema</h2>
                <ul className="plain-list">
                  {view.schemaChanges.map((c, i) => (
                    <li key={`s${i}`}>{c.text}</li>
                  ))}
                  {view.headerChanges.map((c) => (
                    <li key={c.key}>
                      <span className="mono">{c.key}</span>:{' '}
                      {c.change === 'added' ? (
                        <ins className="diff-new">{c.new}</ins>
                      ) : c.change === 'removed' ? (
                        <del className="diff-old">{c.old}</del>
                      ) : (
                        <>
                          <del className="diff-old">{c.old}</del> →{' '}
                          <ins className="diff-new">{c.new}</ins>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>

          <div className="diff-toolbar" role="toolbar" aria-label="Diff view">
            <div className="segmented" role="radiogroup" aria-label="Layout">
              {(['split', 'unified'] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  role="radio"
                  aria-checked={mode === m}
                  onClick={() => setMode(m)}
                >
                  {m === 'split' ? 'Side by side' : 'Unified'}
                </button>
              ))}
            </div>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={onlyChanges}
                onChange={(e) => {
                  setOnlyChanges(e.target.checked)
                  setCurrent(null)
                }}
              />
              Changed rows only
            </label>
            {mode === 'split' && (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={showAllColumns}
                  onChange={(e) => setShowAllColumns(e.target.checked)}
                />
                All columns
              </label>
            )}
            <span className="toolbar-spacer" />
            <span className="muted" aria-live="polite" data-testid="change-position">
              {view.changeCount === 0
                ? 'No changes'
                : current
                  ? `Change ${formatCount(current.ordinal)} of ${formatCount(view.changeCount)}`
                  : `${plural(view.changeCount, 'changed row')}`}
            </span>
            <button
              type="button"
              className="button"
              onClick={() => void step('previous')}
              aria-keyshortcuts="p"
            >
              ◀ Previous <kbd>P</kbd>
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void step('next')}
              aria-keyshortcuts="n"
            >
              Next change <kbd>N</kbd> ▶
            </button>
          </div>

          {paged.error && <ErrorBanner error={paged.error} />}
          <div
            className="grid diff-grid"
            role="grid"
            aria-label={`Differences between v${from} and v${to}`}
            aria-rowcount={(paged.total ?? 0) + 1}
            data-testid="diff-grid"
            data-mode={mode}
            ref={scrollRef}
            tabIndex={0}
          >
            <div
              className="grid-header"
              role="row"
              aria-rowindex={1}
              style={{ gridTemplateColumns: template, width: totalWidth }}
            >
              <div role="columnheader" className="grid-rownum-head" aria-label="Change" />
              {mode === 'split' ? (
                (['from', 'to'] as const).map((side) => (
                  <DiffHeaderCells
                    key={side}
                    label={`v${side === 'from' ? from : to}`}
                    columns={columns}
                    perColumn={view.perColumn}
                    side={side}
                  />
                ))
              ) : (
                <>
                  <div role="columnheader" className="grid-rownum-head">
                    v{from}
                  </div>
                  <div role="columnheader" className="grid-rownum-head">
                    v{to}
                  </div>
                  {columns.map((c) => (
                    <DiffColumnHeader key={c.name} column={c} count={view.perColumn[c.name] ?? 0} />
                  ))}
                </>
              )}
            </div>
            <div
              style={{ height: big.spacerPx, width: totalWidth, position: 'relative' }}
              role="rowgroup"
            >
              <RowsWindow big={big} headerPx={HEADER_PX}>
                {items.map((item) => {
                  const row = paged.getRow(item.index)
                  return (
                    <DiffRowView
                      key={item.key}
                      row={row}
                      position={item.index}
                      startPx={big.rowTop(item.start)}
                      columns={columns}
                      mode={mode}
                      template={template}
                      isCurrent={row !== undefined && row.row === current?.row}
                    />
                  )
                })}
              </RowsWindow>
            </div>
          </div>
        </>
      )}

      {review && (
        <ReviewDialog
          kind={review}
          recordId={recordId}
          version={to}
          onClose={() => setReview(null)}
          onDone={(message) => {
            setReview(null)
            onToast(message)
            detail.reload()
            versions.reload()
          }}
        />
      )}
    </section>
  )
}

function DiffColumnHeader({ column, count }: { column: ShownColumn; count: number }) {
  const units = useUnits()
  return (
    <div role="columnheader" className={`diff-col-head${column.kind === 'number' ? ' num' : ''}`}>
      <span className="grid-col-name">{column.name}</span>
      <span className="grid-col-type">
        {column.presence !== 'both'
          ? `column ${column.presence}`
          : count > 0
            ? plural(count, 'change')
            : (shownUnit(column, units) ?? column.type)}
      </span>
    </div>
  )
}

function DiffHeaderCells({
  label,
  columns,
  perColumn,
  side,
}: {
  label: string
  columns: Columns
  perColumn: Record<string, number>
  side: 'from' | 'to'
}) {
  return (
    <>
      <div role="columnheader" className={`grid-rownum-head diff-side-start diff-side-${side}`}>
        {label}
      </div>
      {columns.map((c) => (
        <DiffColumnHeader key={c.name} column={c} count={perColumn[c.name] ?? 0} />
      ))}
    </>
  )
}
