// The diff's view controls: layout, changed rows only, all columns (side by side), and
// next/previous change (N / P) with where the reviewer is among the changes.
import type { DiffSummaryView } from '../../shared/ipc/contract'
import { formatCount, plural } from '../format'
import type { DiffMode } from './diff-columns'
import type { DiffPosition } from './use-diff-navigation'

export interface DiffViewOptions {
  mode: DiffMode
  onlyChanges: boolean
  showAllColumns: boolean
}

export function DiffToolbar({
  view,
  options,
  onOptions,
  current,
  onStep,
}: {
  view: DiffSummaryView
  options: DiffViewOptions
  onOptions: (change: Partial<DiffViewOptions>) => void
  current: DiffPosition | null
  onStep: (direction: 'next' | 'previous') => void
}) {
  const { mode } = options
  return (
    <div className="diff-toolbar" role="toolbar" aria-label="Diff view">
      <div className="segmented" role="radiogroup" aria-label="Layout">
        {(['split', 'unified'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={mode === m}
            onClick={() => onOptions({ mode: m })}
          >
            {m === 'split' ? 'Side by side' : 'Unified'}
          </button>
        ))}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={options.onlyChanges}
          onChange={(e) => onOptions({ onlyChanges: e.target.checked })}
        />
        Changed rows only
      </label>
      {mode === 'split' && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={options.showAllColumns}
            onChange={(e) => onOptions({ showAllColumns: e.target.checked })}
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
        onClick={() => onStep('previous')}
        aria-keyshortcuts="p"
      >
        ◀ Previous <kbd>P</kbd>
      </button>
      <button type="button" className="button" onClick={() => onStep('next')} aria-keyshortcuts="n">
        Next change <kbd>N</kbd> ▶
      </button>
    </div>
  )
}
