// Record page (issue 5): header properties, every version with its status and author,
// the append-only history as a timeline with its hash chain checked by main, and the
// current version's validation findings, each linked to its row in the grid.
import { useCallback, useMemo } from 'react'

import type { Finding } from '../../shared/metadata'
import { ErrorBanner, Loading, StatusBadge } from '../components/common'
import { formatAge, formatCount, formatTime, plural, shortHash } from '../format'
import { useCall, useStoreChanged } from '../ipc/client'
import { routeHref } from '../router'
import { rowsFromCells, StripLogPanel } from '../strip-log/index'

const STRIP_LOG_MAX_ROWS = 2000

const HEADER_LABELS: Array<[string, string]> = [
  ['hole_id', 'Hole'],
  ['project', 'Project'],
  ['project_id', 'Project id'],
  ['project_location', 'Location'],
  ['client', 'Client'],
  ['contractor', 'Contractor'],
  ['easting', 'Easting'],
  ['northing', 'Northing'],
  ['crs', 'CRS'],
  ['latitude', 'Latitude'],
  ['longitude', 'Longitude'],
  ['ground_level_m', 'Ground level (m)'],
  ['final_depth_m', 'Final depth (m)'],
  ['method', 'Method'],
  ['hole_status', 'Status'],
  ['start_date', 'Start date'],
  ['end_date', 'End date'],
  ['purpose', 'Purpose'],
  ['termination', 'Termination'],
  ['logged_by', 'Logged by'],
  ['hole_remarks', 'Remarks'],
]

/** Header keys that hold machine data (the AGS4 groups kept for export), not properties to read. */
const isMachineKey = (key: string): boolean => key.startsWith('ags4_')

function headerRows(header: Record<string, string>): Array<[string, string]> {
  const known = new Set(HEADER_LABELS.map(([k]) => k))
  const rows: Array<[string, string]> = []
  for (const [key, label] of HEADER_LABELS) if (header[key]) rows.push([label, header[key]])
  for (const [key, value] of Object.entries(header)) {
    if (!known.has(key) && !isMachineKey(key) && value !== '') rows.push([key, value])
  }
  return rows
}

export function FindingsList({
  findings,
  recordId,
  version,
}: {
  findings: Finding[]
  recordId: string
  version: number
}) {
  if (findings.length === 0)
    return <p className="muted">No findings: the version passes every validation rule.</p>
  return (
    <ul className="findings" aria-label="Findings">
      {findings.map((f, i) => (
        <li key={i} className={`finding finding-${f.severity}`}>
          <span className={`severity severity-${f.severity}`}>
            {f.severity === 'error' ? 'Error' : 'Warning'}
          </span>
          <span className="finding-message">{f.message}</span>
          {f.row !== null ? (
            <a
              className="finding-link"
              href={routeHref({ name: 'version', recordId, version, row: f.row })}
            >
              Row {formatCount(f.row + 1)}
              {f.column ? ` · ${f.column}` : ''}
            </a>
          ) : (
            <span className="muted small">{f.column ?? 'table'}</span>
          )}
        </li>
      ))}
    </ul>
  )
}

export function RecordPage({ recordId }: { recordId: string }) {
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
      <header className="screen-header">
        <div>
          <h1 id="record-title">
            {recordId} <StatusBadge status={metadata.status} />
          </h1>
          <p className="subtitle">
            {[
              metadata.table_name,
              `v${metadata.current_version}`,
              rowCount !== undefined ? plural(rowCount, 'interval') : null,
              `created by ${metadata.created_by} ${formatAge(metadata.created_at)}`,
            ]
              .filter((part) => part !== null)
              .join(' · ')}
          </p>
        </div>
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
              workingDraft
                ? `Continue the working draft of ${recordId} (${plural(workingDraft.editCount, 'edit')} not yet saved)`
                : `Start a working draft of ${recordId} from v${metadata.current_version}`
            }
          >
            {workingDraft ? `Continue editing (${plural(workingDraft.editCount, 'edit')})` : 'Edit'}
          </a>
          {lastApproved && lastApproved.version !== metadata.current_version && (
            <a
              className="button"
              href={routeHref({
                name: 'diff',
                recordId,
                from: lastApproved.version,
                to: metadata.current_version,
              })}
            >
              Compare with approved v{lastApproved.version}
            </a>
          )}
          <a
            className="button button-primary"
            href={routeHref({
              name: 'version',
              recordId,
              version: metadata.current_version,
              row: null,
            })}
          >
            {metadata.status === 'draft'
              ? `Review v${metadata.current_version}`
              : `Open v${metadata.current_version}`}
          </a>
        </div>
      </header>

      <div className={canDrawLog ? 'record-layout record-layout-with-log' : 'record-layout'}>
        <div className="record-main">
          <section className="card" aria-labelledby="versions-title">
            <h2 id="versions-title">Versions</h2>
            {versions.status === 'error' && <ErrorBanner error={versions.error} />}
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Author</th>
                  <th scope="col">Saved</th>
                  <th scope="col" className="num">
                    Rows
                  </th>
                  <th scope="col">Findings</th>
                  <th scope="col">Comment</th>
                </tr>
              </thead>
              <tbody>
                {[...(versions.value?.versions ?? [])].reverse().map((v) => (
                  <tr key={v.version}>
                    <td>
                      <a
                        href={routeHref({
                          name: 'version',
                          recordId,
                          version: v.version,
                          row: null,
                        })}
                      >
                        v{v.version}
                      </a>
                      {v.parent_version !== null && v.parent_version !== v.version - 1 && (
                        <span className="muted small"> from v{v.parent_version}</span>
                      )}
                      {v.version > 1 && (
                        <a
                          className="small diff-link"
                          href={routeHref({
                            name: 'diff',
                            recordId,
                            from: v.parent_version ?? v.version - 1,
                            to: v.version,
                          })}
                          aria-label={`Changes in v${v.version}`}
                        >
                          changes
                        </a>
                      )}
                    </td>
                    <td>
                      {v.status === 'draft' && v.version < metadata.current_version ? (
                        <span className="muted small">Superseded</span>
                      ) : (
                        <StatusBadge status={v.status} />
                      )}
                    </td>
                    <td>{v.created_by}</td>
                    <td title={v.created_at}>{formatTime(v.created_at)}</td>
                    <td className="num">{formatCount(v.row_count)}</td>
                    <td>
                      {v.error_count > 0 && (
                        <span className="severity severity-error">
                          {plural(v.error_count, 'error')}
                        </span>
                      )}{' '}
                      {v.warning_count > 0 && (
                        <span className="severity severity-warning">
                          {plural(v.warning_count, 'warning')}
                        </span>
                      )}
                      {v.error_count === 0 && v.warning_count === 0 && (
                        <span className="muted">none</span>
                      )}
                    </td>
                    <td className="truncate comment-cell" title={v.comment ?? ''}>
                      {v.comment ?? <span className="muted">—</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            {history.status === 'error' && <ErrorBanner error={history.error} />}
            {history.value && (
              <>
                <p
                  className={`integrity ${history.value.integrity.isIntact ? 'integrity-ok' : 'integrity-broken'}`}
                  data-testid="integrity"
                  role="status"
                >
                  {history.value.integrity.isIntact
                    ? `✓ Intact: ${plural(history.value.integrity.checkedEntries, 'entry')} and ${plural(history.value.integrity.checkedVersions, 'file')} verified`
                    : `✗ Integrity check failed: ${plural(history.value.integrity.problems.length, 'problem')}`}
                </p>
                {history.value.integrity.problems.map((p, i) => (
                  <p key={i} className="integrity-problem" data-problem-code={p.code}>
                    {p.message}
                  </p>
                ))}
                <ol className="timeline">
                  {[...history.value.entries].reverse().map((e, i) => (
                    <li key={i} className={`timeline-item timeline-${e.action ?? e.status}`}>
                      <span className="timeline-dot" aria-hidden="true" />
                      <div>
                        <p className="timeline-title">
                          <strong>{e.action ?? e.status}</strong> v{e.version} by {e.created_by}
                        </p>
                        <p className="muted small" title={e.created_at}>
                          {formatTime(e.created_at)}
                          {e.file_sha256 && <> · file {shortHash(e.file_sha256)}</>}
                        </p>
                        {(e.reason ?? e.comment) && (
                          <p className="timeline-comment">{e.reason ?? e.comment}</p>
                        )}
                      </div>
                    </li>
                  ))}
                </ol>
              </>
            )}
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
          <section className="card" aria-labelledby="header-title">
            <h2 id="header-title">Borehole</h2>
            {Object.keys(header).some(isMachineKey) && (
              <p className="muted small">AGS4 groups of this hole are kept with it for export.</p>
            )}
            <dl className="properties">
              {headerRows(header).map(([label, value]) => (
                <div key={label} className="property">
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </section>
        </aside>
      </div>
    </section>
  )
}

export function Breadcrumbs({ recordId, version }: { recordId: string; version?: number }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <a href="#/records">Borelogs</a>
      <span aria-hidden="true">/</span>
      {version === undefined ? (
        <span aria-current="page">{recordId}</span>
      ) : (
        <>
          <a href={routeHref({ name: 'record', recordId })}>{recordId}</a>
          <span aria-hidden="true">/</span>
          <span aria-current="page">v{Number.isFinite(version) ? version : '?'}</span>
        </>
      )}
    </nav>
  )
}
