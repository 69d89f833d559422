// What changed between the two versions at a glance: row counts, changes per column,
// the depth-aware layer changes (each with a link to its row in the grid), and header
// and schema changes.
import type { DiffSummaryView } from '../../shared/ipc/contract'
import { formatCount, formatDepthRange, plural } from '../format'
import { useUnits } from '../settings'
import type { ShownColumn } from './diff-columns'

export function DiffCounts({ view }: { view: DiffSummaryView }) {
  return (
    <div className="diff-summary" role="group" aria-label="Summary of changes">
      <span className="diff-count diff-count-added">+{formatCount(view.counts.added)} added</span>
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
  )
}

function LayerChanges({
  events,
  onShowRow,
}: {
  events: DiffSummaryView['depthEvents']
  onShowRow: (diffRow: number) => void
}) {
  const units = useUnits()
  return (
    <section className="card card-compact" aria-labelledby="layers-title">
      <h2 id="layers-title">Layers</h2>
      <ul className="plain-list">
        {events.map((e, i) => {
          const target = e.to[0] ?? e.from[0]
          return (
            <li key={i}>
              <strong className="depth-kind">{e.kind.replace('_', ' ')}</strong> {e.hole}:{' '}
              {e.from.map((x) => formatDepthRange(x.topM, x.baseM, units)).join(', ') || '—'} →{' '}
              {e.to.map((x) => formatDepthRange(x.topM, x.baseM, units)).join(', ') || '—'}{' '}
              {target && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onShowRow(target.diffRow)}
                >
                  show
                </button>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function ColumnChanges({ view, columns }: { view: DiffSummaryView; columns: ShownColumn[] }) {
  return (
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
  )
}

function HeaderChanges({ view }: { view: DiffSummaryView }) {
  return (
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
                <del className="diff-old">{c.old}</del> → <ins className="diff-new">{c.new}</ins>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

export function DiffCards({
  view,
  columns,
  onShowRow,
}: {
  view: DiffSummaryView
  columns: ShownColumn[]
  onShowRow: (diffRow: number) => void
}) {
  return (
    <div className="diff-cards">
      {view.depthEvents.length > 0 && (
        <LayerChanges events={view.depthEvents} onShowRow={onShowRow} />
      )}
      <ColumnChanges view={view} columns={columns} />
      {(view.headerChanges.length > 0 || view.schemaChanges.length > 0) && (
        <HeaderChanges view={view} />
      )}
    </div>
  )
}
