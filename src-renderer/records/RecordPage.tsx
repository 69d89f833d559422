// Record page: header properties, every version with its status and author, the
// append-only history as a timeline with its hash chain checked by main, and the
// current version's validation findings, each linked to its row in the grid.
import { useCallback, useMemo } from 'react'

import type { ResponseOf } from '../../shared/ipc/contract'
import { Breadcrumbs } from '../components/Breadcrumbs'
import { ErrorBanner, Loading, StatusBadge } from '../components/common'
import { FindingsList } from '../components/FindingsList'
import { ScreenHeader } from '../components/ScreenHeader'
import { formatAge, plural } from '../format'
import { useCall, useStoreChanged } from '../ipc/client'
import { routeHref } from '../router'
import { rowsFromCells, StripLogPanel } from '../strip-log/index'
import { BoreholeCard } from './BoreholeCard'
import { HistoryTimeline } from './HistoryTimeline'
import { VersionsTable } from './VersionsTable'

const STRIP_LOG_MAX_ROWS = 2000

type RecordMetadata = ResponseOf<'record.get'>['metadata']

/** Everything the page reads from main, reloaded when a save or review changes the record. */
function useRecordPageData(recordId: string) {
  const detail = useCall('record.get', { recordId }, recordId)
  const versions = useCall('record.versions', { recordId }, recordId)
  const history = useCall('record.history', { recordId }, recordId)
  // A working draft on this computer: Edit resumes it, and says so.
  const drafts = useCall('drafts.list', {}, recordId)
  const workingDraft = drafts.value?.drafts.find((d) => d.recordId === recordId)
  const current = detail.value?.metadata.current_version
  const findings = useCall(
    'version.findings',
    current !== undefined ? { recordId, version: current } : null,
    `${recordId}@${current ?? ''}`,
  )
  const currentRows = versions.value?.versions.find((v) => v.version === current)?.row_count
  // The strip log draws the whole borehole: only for logs that fit one page.
  const canDrawLog =
    current !== undefined &&
    currentRows !== undefined &&
    currentRows <= STRIP_LOG_MAX_ROWS &&
    detail.value?.metadata.table_name === 'borelog'
  const logPage = useCall(
    'version.page',
    canDrawLog ? { recordId, version: current, offset: 0, limit: STRIP_LOG_MAX_ROWS } : null,
    `${recordId}@${current ?? ''}:log`,
  )
  const logRows = useMemo(
    () =>
      logPage.value
        ? rowsFromCells(
            logPage.value.columns.map((c) => c.name),
            logPage.value.rows,
          )
        : null,
    [logPage.value],
  )
  const { reload: reloadDetail } = detail
  const { reload: reloadVersions } = versions
  const { reload: reloadHistory } = history
  useStoreChanged(
    useCallback(
      (ids: string[]) => {
        if (!ids.includes(recordId)) return
        reloadDetail()
        reloadVersions()
        reloadHistory()
      },
      [recordId, reloadDetail, reloadVersions, reloadHistory],
    ),
  )
  return { detail, versions, history, findings, workingDraft, canDrawLog, logRows }
}

export function RecordPage({ recordId }: { recordId: string }) {
  const { detail, versions, history, findings, workingDraft, canDrawLog, logRows } =
    useRecordPageData(recordId)

  if (detail.status === 'error' && !detail.value) {
    return (
      <section className="screen" aria-label={`Record ${recordId}`}>
        <Breadcrumbs recordId={recordId} />
        <ErrorBanner
          error={detail.error}
          action={
            <a className="button" href="#/records">
              Back to records
            </a>
          }
        />
      </section>
    )
  }
  if (!detail.value) return <Loading label={`Opening ${recordId}…`} />
  const { metadata, header } = detail.value
  const rowCount = versions.value?.versions.find(
    (v) => v.version === metadata.current_version,
  )?.row_count
  const lastApproved = versions.value?.versions.filter((v) => v.status === 'approved').at(-1)

  return (
    <section className="screen record-screen" aria-labelledby="record-title">
      <Breadcrumbs recordId={recordId} />
      <ScreenHeader
        titleId="record-title"
        title={
          <>
            {recordId} <StatusBadge status={metadata.status} />
          </>
        }
        actions={
          <RecordActions
            recordId={recordId}
            metadata={metadata}
            draftEditCount={workingDraft?.editCount ?? null}
            lastApprovedVersion={lastApproved?.version ?? null}
          />
        }
      >
        {[
          metadata.table_name,
          `v${metadata.current_version}`,
          rowCount !== undefined ? plural(rowCount, 'interval') : null,
          `created by ${metadata.created_by} ${formatAge(metadata.created_at)}`,
        ]
          .filter((part) => part !== null)
          .join(' · ')}
      </ScreenHeader>

      <div className={canDrawLog ? 'record-layout record-layout-with-log' : 'record-layout'}>
        <div className="record-main">
          <section className="card" aria-labelledby="versions-title">
            <h2 id="versions-title">Versions</h2>
            {versions.status === 'error' && <ErrorBanner error={versions.error} />}
            <VersionsTable
              recordId={recordId}
              versions={versions.value?.versions ?? []}
              currentVersion={metadata.current_version}
            />
          </section>

          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            {history.status === 'error' && <ErrorBanner error={history.error} />}
            {history.value && <HistoryTimeline history={history.value} />}
          </section>
          <section className="card" aria-labelledby="findings-title">
            <h2 id="findings-title">Findings in v{metadata.current_version}</h2>
            {findings.status === 'error' && <ErrorBanner error={findings.error} />}
            {findings.value && (
              <FindingsList
                findings={findings.value.findings}
                recordId={recordId}
                version={metadata.current_version}
              />
            )}
          </section>
        </div>

        <aside className="record-side">
          {canDrawLog && logRows && (
            <div className="card">
              <StripLogPanel
                rows={logRows}
                header={header}
                title={`Strip log · v${metadata.current_version}`}
                label={`Strip log of ${recordId} v${metadata.current_version}`}
              />
            </div>
          )}
          <BoreholeCard header={header} />
        </aside>
      </div>
    </section>
  )
}

/** What can be done with the record: copy it, edit it, compare it, review or open it. */
function RecordActions({
  recordId,
  metadata,
  draftEditCount,
  lastApprovedVersion,
}: {
  recordId: string
  metadata: RecordMetadata
  /** Edits in this computer's working draft of the record; null without one. */
  draftEditCount: number | null
  lastApprovedVersion: number | null
}) {
  const current = metadata.current_version
  return (
    <div className="actions">
      <a
        className="button"
        href={routeHref({ name: 'new-record', from: { kind: 'duplicate', recordId } })}
        title={`A new record with a copy of ${recordId}'s header and intervals`}
      >
        Duplicate
      </a>
      <a
        className="button"
        href={routeHref({ name: 'new-record', from: { kind: 'template', recordId } })}
        title={`A new record with ${recordId}'s header (project, CRS, method…) and no intervals`}
      >
        Use as template
      </a>
      <a
        className="button"
        href={routeHref({ name: 'draft', recordId })}
        title={
          draftEditCount !== null
            ? `Continue the working draft of ${recordId} (${plural(draftEditCount, 'edit')} not yet saved)`
            : `Start a working draft of ${recordId} from v${current}`
        }
      >
        {draftEditCount !== null ? `Continue editing (${plural(draftEditCount, 'edit')})` : 'Edit'}
      </a>
      {lastApprovedVersion !== null && lastApprovedVersion !== current && (
        <a
          className="button"
          href={routeHref({ name: 'diff', recordId, from: lastApprovedVersion, to: current })}
        >
          Compare with approved v{lastApprovedVersion}
        </a>
      )}
      <a
        className="button button-primary"
        href={routeHref({ name: 'version', recordId, version: current, row: null })}
      >
        {metadata.status === 'draft' ? `Review v${current}` : `Open v${current}`}
      </a>
    </div>
  )
}
