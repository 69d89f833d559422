// Diff view: any two versions (default: the draft against the last approved one), side
// by side or unified, changed cells with old and new values, added and removed rows,
// per-column change counts, schema and header changes, the depth-aware layer changes,
// and next/previous change (N / P). The diff is computed and paged in main; the grid is
// virtualised. The newer version can be approved or rejected here.
import { useMemo, useState } from 'react'

import type { VersionInfo } from '../../shared/records'
import { ErrorBanner, Loading, StatusBadge } from '../components/common'
import { ReviewButtons, ReviewDialog, type ReviewKind } from '../components/ReviewDialog'
import { useCall } from '../ipc/client'
import { useShortcuts } from '../keyboard'
import { navigate, routeHref } from '../router'
import { Breadcrumbs } from '../components/Breadcrumbs'
import { shownColumns } from './diff-columns'
import { DiffGrid } from './DiffGrid'
import { DiffCards, DiffCounts } from './DiffSummary'
import { DiffToolbar, type DiffViewOptions } from './DiffToolbar'
import { useDiffNavigation } from './use-diff-navigation'

function VersionPicker({
  label,
  value,
  versions,
  onPick,
}: {
  label: string
  value: number
  versions: VersionInfo[] | undefined
  onPick: (version: number) => void
}) {
  return (
    <label className="field field-inline">
      <span>{label}</span>
      <select value={value} onChange={(e) => onPick(Number(e.target.value))}>
        {versions?.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version} · {v.status} · {v.created_by}
          </option>
        ))}
      </select>
    </label>
  )
}

/** The title, the two versions compared (each pickable), and the review actions. */
function DiffHeader({
  recordId,
  from,
  to,
  versions,
  onReview,
}: {
  recordId: string
  from: number
  to: number
  versions: VersionInfo[] | undefined
  /** null: the newer version cannot be reviewed here. */
  onReview: ((kind: ReviewKind) => void) | null
}) {
  const toStatus = versions?.find((x) => x.version === to)?.status
  const pick = (which: 'from' | 'to', value: number) =>
    navigate({
      name: 'diff',
      recordId,
      from: which === 'from' ? value : from,
      to: which === 'to' ? value : to,
    })
  return (
    <header className="screen-header">
      <div>
        <h1 id="diff-title">
          {recordId}: v{from} → v{to} {toStatus && <StatusBadge status={toStatus} />}
        </h1>
        <div className="version-pickers">
          <VersionPicker
            label="From"
            value={from}
            versions={versions}
            onPick={(v) => pick('from', v)}
          />
          <VersionPicker label="To" value={to} versions={versions} onPick={(v) => pick('to', v)} />
        </div>
      </div>
      <div className="actions">
        {onReview && <ReviewButtons versionLabel={`v${to}`} onReview={onReview} />}
      </div>
    </header>
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
  const summary = useCall('diff.summary', { recordId, from, to }, `${recordId}@${from}..${to}`)
  const detail = useCall('record.get', { recordId }, recordId)
  const versions = useCall('record.versions', { recordId }, recordId)
  const [options, setOptions] = useState<DiffViewOptions>({
    mode: 'split',
    onlyChanges: false,
    showAllColumns: false,
  })
  const [review, setReview] = useState<ReviewKind | null>(null)
  const view = summary.value
  const nav = useDiffNavigation({
    recordId,
    from,
    to,
    onlyChanges: options.onlyChanges,
    rowCount: view?.rowCount,
  })

  const metadata = detail.value?.metadata
  const canReview =
    metadata?.current_version === to && metadata.status === 'draft' && view !== undefined
  useShortcuts(
    {
      n: () => void nav.step('next'),
      j: () => void nav.step('next'),
      p: () => void nav.step('previous'),
      k: () => void nav.step('previous'),
      a: canReview ? () => setReview('approve') : undefined,
      r: canReview ? () => setReview('reject') : undefined,
    },
    review === null,
  )

  // Stable between scroll frames, so rows already on screen are not drawn again.
  const columns = useMemo(
    () => shownColumns(view, options.mode, options.showAllColumns),
    [view, options.mode, options.showAllColumns],
  )

  return (
    <section className="screen diff-screen" aria-labelledby="diff-title">
      <Breadcrumbs recordId={recordId} />
      <DiffHeader
        recordId={recordId}
        from={from}
        to={to}
        versions={versions.value?.versions}
        onReview={canReview ? setReview : null}
      />

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
          <DiffCounts view={view} />
          <DiffCards
            view={view}
            columns={columns}
            onShowRow={(row) => {
              setOptions((o) => ({ ...o, onlyChanges: false }))
              nav.showRow(row)
            }}
          />
          <DiffToolbar
            view={view}
            options={options}
            onOptions={(change) => {
              setOptions((o) => ({ ...o, ...change }))
              if (change.onlyChanges !== undefined) nav.resetCurrent()
            }}
            current={nav.current}
            onStep={(direction) => void nav.step(direction)}
          />
          {nav.paged.error && <ErrorBanner error={nav.paged.error} />}
          <DiffGrid
            from={from}
            to={to}
            view={view}
            columns={columns}
            mode={options.mode}
            paged={nav.paged}
            rows={nav.rows}
            scrollRef={nav.scrollRef}
            currentRow={nav.current?.row ?? null}
          />
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
