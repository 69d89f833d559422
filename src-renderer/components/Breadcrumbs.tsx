// Where a record screen sits: the list, the record, and the version when there is one.
import { routeHref } from '../router'

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
