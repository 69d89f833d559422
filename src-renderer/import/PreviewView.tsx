// Step 2 of the import: what main would store, shown before anything is saved. The
// source columns beside the mapping the user can change, the units of the file's
// depths, the first rows as stored (converted to metres, shown in the user's units)
// and the findings of validation.
import { UNITS, type ImportPreview, type Units } from '../../shared/ipc/contract'
import { RadioGroup } from '../components/form'
import { columnTypeInWords, formatCount, formatShownCell, plural } from '../format'
import { shownUnit } from '../units'
import type { Mapping } from './import-mapping'

const LEAVE_EMPTY = ''
const PREVIEW_ROWS_SHOWN = 20

export function PreviewView({
  preview,
  mapping,
  onMapping,
  sourceUnits,
  onSourceUnits,
  shownUnits,
  isPreviewing,
  twice,
  unused,
  errorCount,
  warningCount,
}: {
  preview: ImportPreview
  mapping: Mapping
  onMapping: (target: string, source: string | null) => void
  sourceUnits: Units
  onSourceUnits: (units: Units) => void
  shownUnits: Units
  isPreviewing: boolean
  twice: string[]
  unused: string[]
  errorCount: number
  warningCount: number
}) {
  const detected = preview.detectedUnits
  return (
    <div className="preview-stack">
      <p className="preview-summary" aria-live="polite" data-testid="import-summary">
        {preview.format.toUpperCase()} · {plural(preview.rowCount, 'row')}
        {preview.holes.length > 0 ? ` · ${plural(preview.holes.length, 'hole')}` : ''} ·{' '}
        {plural(errorCount, 'error')}, {plural(warningCount, 'warning')}
        {isPreviewing ? ' · updating…' : ''}
      </p>

      <div className="preview-columns">
        <div>
          <h3>Source columns</h3>
          <SourceColumnsTable preview={preview} />
        </div>
        <div>
          <h3>Mapping</h3>
          <MappingTable preview={preview} mapping={mapping} onMapping={onMapping} />
          {twice.length > 0 && (
            <p className="field-hint field-error">
              Mapped to more than one column: {twice.join(', ')}.
            </p>
          )}
          {unused.length > 0 && <p className="field-hint">Not imported: {unused.join(', ')}.</p>}
        </div>
      </div>

      <RadioGroup
        label="Depths in the file are in"
        value={sourceUnits}
        options={UNITS.map((u) => ({ value: u, label: u === 'm' ? 'metres (m)' : 'feet (ft)' }))}
        onChange={onSourceUnits}
      />
      {detected && (
        <p className="field-hint">
          The file&rsquo;s headings suggest {detected === 'ft' ? 'feet' : 'metres'}.
        </p>
      )}

      <StoredRows preview={preview} shownUnits={shownUnits} />

      <div>
        <h3>Findings</h3>
        <ImportFindings findings={preview.findings} />
      </div>
    </div>
  )
}

function SourceColumnsTable({ preview }: { preview: ImportPreview }) {
  return (
    <table className="data-table compact-table" aria-label="Source columns">
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Samples</th>
        </tr>
      </thead>
      <tbody>
        {preview.sourceColumns.map((c) => (
          <tr key={c.name}>
            <td className="mono">{c.name}</td>
            <td className="muted truncate samples-cell">{c.samples.slice(0, 3).join(' · ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function MappingTable({
  preview,
  mapping,
  onMapping,
}: {
  preview: ImportPreview
  mapping: Mapping
  onMapping: (target: string, source: string | null) => void
}) {
  return (
    <table className="data-table compact-table" aria-label="Column mapping">
      <thead>
        <tr>
          <th scope="col">Column of {preview.format === 'ags4' ? 'the records' : 'the table'}</th>
          <th scope="col">Takes source column</th>
        </tr>
      </thead>
      <tbody>
        {preview.targetColumns.map((c) => (
          <tr key={c.name}>
            <th scope="row" className="mono target-name">
              {c.name}
              {c.isKey && (
                <span className="key-mark" title="Key column">
                  {' '}
                  ⚷
                </span>
              )}
              <span className="muted small"> {shownUnit(c, 'm') ?? columnTypeInWords(c)}</span>
            </th>
            <td>
              <select
                aria-label={`Source for ${c.name}`}
                value={mapping[c.name] ?? LEAVE_EMPTY}
                onChange={(e) =>
                  onMapping(c.name, e.target.value === LEAVE_EMPTY ? null : e.target.value)
                }
                className="mapping-select"
              >
                <option value={LEAVE_EMPTY}>— leave empty —</option>
                {preview.sourceColumns.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function StoredRows({ preview, shownUnits }: { preview: ImportPreview; shownUnits: Units }) {
  const rows = preview.previewRows.slice(0, PREVIEW_ROWS_SHOWN)
  return (
    <div>
      <h3>
        First rows as stored{' '}
        <span className="muted small">
          (depths shown in {shownUnits === 'm' ? 'metres' : 'feet'}; stored in metres)
        </span>
      </h3>
      {/* Focusable so the rows scroll from the keyboard (axe scrollable-region-focusable). */}
      <div
        className="table-scroll"
        tabIndex={0}
        role="region"
        aria-label="First rows as stored (scrolls)"
      >
        <table
          className="data-table compact-table"
          aria-label="Rows as they will be stored"
          data-testid="import-preview-rows"
        >
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              {preview.targetColumns.map((c) => (
                <th key={c.name} scope="col" className={c.kind === 'number' ? 'num' : undefined}>
                  <span className="mono">{c.name}</span>
                  {shownUnit(c, shownUnits) && (
                    <span className="muted small"> ({shownUnit(c, shownUnits)})</span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td className="num muted">{i + 1}</td>
                {preview.targetColumns.map((c, j) => (
                  <td key={c.name} className={c.kind === 'number' ? 'num' : undefined}>
                    {formatShownCell(row[j], c, shownUnits)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.rowCount > rows.length && (
        <p className="field-hint">
          {formatCount(rows.length)} of {formatCount(preview.rowCount)} rows shown.
        </p>
      )}
    </div>
  )
}

function ImportFindings({ findings }: { findings: ImportPreview['findings'] }) {
  if (findings.length === 0)
    return <p className="notice">No findings: the data passes validation.</p>
  return (
    <ul className="findings findings-scroll" aria-label="Import findings" tabIndex={0}>
      {findings.map((f, i) => (
        <li key={i} className="finding">
          <span className={`severity severity-${f.severity}`}>{f.severity}</span>
          <span>{f.message}</span>
          <span className="finding-link muted">
            {f.row !== null ? `Row ${formatCount(f.row + 1)}` : 'Table'}
            {f.column ? ` · ${f.column}` : ''}
          </span>
        </li>
      ))}
    </ul>
  )
}
