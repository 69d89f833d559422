// What frames the draft editor: the breadcrumbs, the title with save and discard, and
// the banners that say the draft was recovered or that the record has moved on past
// the draft's base (saving would then be refused as a conflict).
import type { DraftState } from '../../shared/ipc/contract'
import { formatTime, plural } from '../format'
import { routeHref } from '../router'
import { withShortcut } from './commands'

export function DraftBreadcrumbs({ recordId }: { recordId: string }) {
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

export function DraftHeader({
  recordId,
  state,
  rowCount,
  onSave,
  onDiscard,
}: {
  recordId: string
  state: DraftState
  rowCount: number
  onSave: () => void
  onDiscard: () => void
}) {
  return (
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
          onClick={onDiscard}
          title="Discard this working draft"
        >
          Discard…
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={onSave}
          title={withShortcut('Save as a new version', 'save')}
          aria-label={withShortcut('Save as a new version', 'save')}
        >
          Save version…
        </button>
      </div>
    </header>
  )
}

export function DraftBanners({
  recordId,
  state,
  currentVersion,
}: {
  recordId: string
  state: DraftState
  /** The record's current version as stored now (followed live); undefined: not known. */
  currentVersion: number | undefined
}) {
  const isBehind =
    state.isBehind ||
    (state.baseVersion !== null &&
      currentVersion !== undefined &&
      currentVersion > state.baseVersion)
  return (
    <>
      {state.wasRecovered && (
        <div className="draft-banner" role="status" data-testid="recovered-banner">
          <span>
            Recovered unsaved edits from an earlier session ({plural(state.editCount, 'edit')}, last
            at {formatTime(state.updatedAt)}).
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
            draft started from v{state.baseVersion}. Saving will be refused as a conflict: open the
            record to see the newer version.
          </span>
          <a className="button" href={routeHref({ name: 'record', recordId })}>
            Open {recordId}
          </a>
        </div>
      )}
    </>
  )
}
