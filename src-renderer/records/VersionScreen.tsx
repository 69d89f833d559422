// One version of a record: its intervals in the virtualised grid, its findings, and,
// when it is the current draft, the review actions (A approve, R reject).
import { useCallback, useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { ColumnInfo } from '../../shared/ipc/contract'
import type { MetadataJson } from '../../shared/metadata'
import { ErrorBanner, StatusBadge } from '../components/common'
import { ExportButtons } from '../components/ExportButtons'
import { ReviewButtons, ReviewDialog, type ReviewKind } from '../components/ReviewDialog'
import { VersionGrid, type SelectedRow } from '../components/VersionGrid'
import { formatCell, formatCount, plural } from '../format'
import { useCall, useStoreChanged } from '../ipc/client'
import { useShortcuts } from '../keyboard'
import { routeHref } from '../router'
import { Breadcrumbs } from '../components/Breadcrumbs'
import { FindingsList } from '../components/FindingsList'

/** The record and its versions, read again whenever the store says the record changed. */
function useRecordFollowed(recordId: string) {
  const detail = useCall('record.get', { recordId }, recordId)
  const versions = useCall('record.versions', { recordId }, recordId)
  const { reload: reloadDetail } = detail
  const { reload: reloadVersions } = versions
  const reload = useCallback(() => {
    reloadDetail()
    reloadVersions()
  }, [reloadDetail, reloadVersions])
  useStoreChanged(
    useCallback(
      (ids: string[]) => {
        if (ids.includes(recordId)) reload()
      },
      [recordId, reload],
    ),
  )
  return { detail, versions, reload }
}

/** The stored values of the row clicked in the grid (units as stored). */
function RowDetail({ selected }: { selected: SelectedRow }) {
  return (
    <section className="card row-detail" aria-labelledby="row-detail-title">
      <h2 id="row-detail-title">Row {formatCount(selected.index + 1)}</h2>
      <dl className="properties">
        {selected.columns.map((c, i) => (
          <div key={c.name} className="property">
            <dt>{c.name}</dt>
            <dd>
              {formatCell(selected.cells[i]) || <span className="muted">—</span>}
              {c.unit && selected.cells[i] !== null ? ` ${c.unit}` : ''}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

/** Approve and reject for the current draft; otherwise a link to the current version. */
function ReviewActions({
  recordId,
  version,
  metadata,
  canReview,
  errorCount,
  onReview,
}: {
  recordId: string
  version: number
  metadata: MetadataJson | undefined
  canReview: boolean
  errorCount: number
  onReview: (kind: ReviewKind) => void
}) {
  if (canReview)
    return (
      <ReviewButtons
        approveTitle={
          errorCount > 0 ? 'This version has error findings: approval will be refused.' : undefined
        }
        onReview={onReview}
      />
    )
  if (!metadata || metadata.current_version === version || !Number.isFinite(version)) return null
  return (
    <p className="notice">
      Not the current version.{' '}
      <a
        href={routeHref({
          name: 'version',
          recordId,
          version: metadata.current_version,
          row: null,
        })}
      >
        Open v{metadata.current_version}
      </a>
    </p>
  )
}

export function VersionScreen({
  recordId,
  version,
  focusRow,
  onToast,
}: {
  recordId: string
  version: number
  focusRow: number | null
  onToast: (message: string) => void
}) {
  const { detail, versions, reload } = useRecordFollowed(recordId)
  const findings = useCall('version.findings', { recordId, version }, `${recordId}@${version}`)
  const [review, setReview] = useState<ReviewKind | null>(null)
  const [selected, setSelected] = useState<SelectedRow | null>(null)
  const [shape, setShape] = useState<{ columns: number; rows: number } | null>(null)
  const onColumns = useCallback(
    (columns: ColumnInfo[], rows: number) => setShape({ columns: columns.length, rows }),
    [],
  )

  const metadata = detail.value?.metadata
  const info = versions.value?.versions.find((v) => v.version === version)
  const [gridError, setGridError] = useState<ErrorPayload | null>(null)
  // A version that cannot be read cannot be reviewed: the reviewer must see what they approve.
  const canReview =
    metadata?.current_version === version && metadata.status === 'draft' && gridError === null
  // One banner for what failed first: a corrupt file or a bad address fails every call alike.
  const screenError = gridError ?? (detail.status === 'error' ? detail.error : null)
  const findingsError =
    findings.status === 'error' && findings.error.code !== screenError?.code ? findings.error : null
  const subtitle = [
    info ? `Saved by ${info.created_by}` : null,
    shape ? plural(shape.rows, 'row') : null,
    shape ? plural(shape.columns, 'column') : null,
    info?.comment ? `“${info.comment}”` : null,
  ].filter((part) => part !== null)

  useShortcuts(
    {
      a: canReview ? () => setReview('approve') : undefined,
      r: canReview ? () => setReview('reject') : undefined,
    },
    review === null,
  )

  return (
    <section className="screen version-screen" aria-labelledby="version-title">
      <Breadcrumbs recordId={recordId} version={version} />
      <header className="screen-header">
        <div>
          <h1 id="version-title">
            {recordId} v{Number.isFinite(version) ? version : '?'}{' '}
            {info && <StatusBadge status={info.status} />}
          </h1>
          <p className="subtitle">{subtitle.length > 0 ? subtitle.join(' · ') : ' '}</p>
        </div>
        <div className="actions">
          {metadata && Number.isFinite(version) && gridError === null && (
            <ExportButtons recordId={recordId} version={version} onToast={onToast} />
          )}
          <ReviewActions
            recordId={recordId}
            version={version}
            metadata={metadata}
            canReview={canReview}
            errorCount={findings.value?.findings.filter((f) => f.severity === 'error').length ?? 0}
            onReview={setReview}
          />
        </div>
      </header>

      {screenError && (
        <ErrorBanner
          error={screenError}
          action={
            <a className="button" href={routeHref({ name: 'record', recordId })}>
              Back to {recordId}
            </a>
          }
        />
      )}

      <div className="version-layout" hidden={gridError !== null}>
        <VersionGrid
          recordId={recordId}
          version={version}
          findings={findings.value?.findings ?? []}
          focusRow={focusRow}
          onColumns={onColumns}
          onOpenError={setGridError}
          selectedRow={selected?.index ?? null}
          onSelectRow={setSelected}
        />
        <div className="side-stack">
          {selected && <RowDetail selected={selected} />}
          <aside className="findings-panel card" aria-labelledby="version-findings-title">
            <h2 id="version-findings-title">Findings</h2>
            {findingsError && <ErrorBanner error={findingsError} />}
            {findings.value && (
              <FindingsList
                findings={findings.value.findings}
                recordId={recordId}
                version={version}
              />
            )}
          </aside>
        </div>
      </div>

      {review && (
        <ReviewDialog
          kind={review}
          recordId={recordId}
          version={version}
          onClose={() => setReview(null)}
          onDone={(message) => {
            setReview(null)
            onToast(message)
            reload()
          }}
        />
      )}
    </section>
  )
}
