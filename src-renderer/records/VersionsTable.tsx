// Every version of a record, newest first, with its status, author, size, findings and
// comment, and links to the version and to what changed in it.
import type { ResponseOf } from '../../shared/ipc/contract'
import { StatusBadge } from '../components/common'
import { formatCount, formatTime, plural } from '../format'
import { routeHref } from '../router'

type VersionRow = ResponseOf<'record.versions'>['versions'][number]

export function VersionsTable({
  recordId,
  versions,
  currentVersion,
}: {
  recordId: string
  versions: VersionRow[]
  currentVersion: number
}) {
  return (
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
        {[...versions].reverse().map((v) => (
          <VersionTableRow
            key={v.version}
            recordId={recordId}
            version={v}
            currentVersion={currentVersion}
          />
        ))}
      </tbody>
    </table>
  )
}

function VersionTableRow({
  recordId,
  version: v,
  currentVersion,
}: {
  recordId: string
  version: VersionRow
  currentVersion: number
}) {
  return (
    <tr>
      <td>
        <a href={routeHref({ name: 'version', recordId, version: v.version, row: null })}>
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
        {v.status === 'draft' && v.version < currentVersion ? (
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
          <span className="severity severity-error">{plural(v.error_count, 'error')}</span>
        )}{' '}
        {v.warning_count > 0 && (
          <span className="severity severity-warning">{plural(v.warning_count, 'warning')}</span>
        )}
        {v.error_count === 0 && v.warning_count === 0 && <span className="muted">none</span>}
      </td>
      <td className="truncate comment-cell" title={v.comment ?? ''}>
        {v.comment ?? <span className="muted">—</span>}
      </td>
    </tr>
  )
}
