// Import (issue 8): a wizard that shows what would be stored BEFORE anything is saved.
// 1. Choose a file (CSV, TSV, Parquet, AGS4); its bytes go to main as base64 (the
//    renderer never touches paths). 2. Preview: main suggests a column mapping, converts
//    feet to metres and validates; the user changes the mapping or the source units and
//    sees the result again, findings with their rows included. 3. Import: CSV and
//    Parquet become a working draft the user saves with a comment; AGS4 saves every
//    hole as its record's next version. Import runs as a cancellable task.
import { useCallback, useEffect, useId, useRef, useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import {
  UNITS,
  type ImportPreview,
  type RequestOf,
  type ResponseOf,
  type Units,
} from '../../shared/ipc/contract'
import { bytesToBase64, MAX_IMPORT_BYTES } from '../base64'
import { ErrorBanner, Loading } from '../components/common'
import { RadioGroup, TextField } from '../components/form'
import { CancelTaskButton, ProgressBar, useTaskProgress } from '../components/ProgressStatus'
import { formatCount, formatShownCell, plural } from '../format'
import {
  canImport,
  FILE_ACCEPT,
  isAgsFileName,
  previewKey,
  recordIdFromFileName,
  singleHoleId,
  sourceUnitsAfterPreview,
  sourcesUsedTwice,
  unusedSources,
  withTarget,
  type Mapping,
} from './import-mapping'
import { useCall, useIpc } from '../ipc/client'
import { newTaskId } from '../progress'
import { navigate, routeHref } from '../router'
import { useTypedUnits } from '../settings'
import { shownUnit } from '../units'

interface ChosenFile {
  name: string
  size: number
  contentBase64: string
}

type AgsResults = Extract<ResponseOf<'import.apply'>, { kind: 'records' }>['results']

const LEAVE_EMPTY = ''
const PREVIEW_ROWS_SHOWN = 20

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

function Steps({ current }: { current: 1 | 2 | 3 }) {
  const steps = ['Choose a file', 'Check the preview', 'Import']
  return (
    <ol className="wizard-steps" aria-label="Import steps">
      {steps.map((label, i) => (
        <li
          key={label}
          aria-current={current === i + 1 ? 'step' : undefined}
          className={current > i + 1 ? 'is-done' : undefined}
        >
          <span className="wizard-step-number" aria-hidden="true">
            {i + 1}
          </span>
          {label}
        </li>
      ))}
    </ol>
  )
}

export function ImportScreen({ onToast }: { onToast: (message: string) => void }) {
  const ipc = useIpc()
  // Depths are shown (and the draft opened after import is typed) in these: wait for them.
  const typedUnits = useTypedUnits()
  const shownUnits = typedUnits.units ?? 'm'
  const info = useCall('store.info', {}, 'info')
  const fileInputId = useId()

  const [file, setFile] = useState<ChosenFile | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [isReading, setIsReading] = useState(false)
  const [tableName, setTableName] = useState('borelog')
  const [sourceUnits, setSourceUnits] = useState<Units>('m')
  // Once the user picks the file's units, main's guess from the headings no longer applies.
  const [isUnitsChosen, setIsUnitsChosen] = useState(false)
  const [mapping, setMapping] = useState<Mapping | null>(null)
  const [recordId, setRecordId] = useState('')
  const [isRecordIdTyped, setIsRecordIdTyped] = useState(false)
  const [comment, setComment] = useState('')

  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [previewError, setPreviewError] = useState<ErrorPayload | null>(null)
  const [isPreviewing, setIsPreviewing] = useState(false)
  const previewedKey = useRef<string | null>(null)
  const previewSeq = useRef(0)

  const [applyTaskId, setApplyTaskId] = useState<string | null>(null)
  const [applyError, setApplyError] = useState<ErrorPayload | null>(null)
  const [agsResults, setAgsResults] = useState<AgsResults | null>(null)
  const [recordIdProblem, setRecordIdProblem] = useState<string | null>(null)
  const progress = useTaskProgress(applyTaskId)

  const chooseFile = async (picked: File | undefined) => {
    setFileError(null)
    setPreview(null)
    setPreviewError(null)
    setAgsResults(null)
    setApplyError(null)
    setMapping(null)
    setIsUnitsChosen(false)
    previewedKey.current = null
    if (!picked) return setFile(null)
    if (picked.size > MAX_IMPORT_BYTES) {
      setFile(null)
      return setFileError(
        `${picked.name} is ${formatBytes(picked.size)}; the import takes files up to ${formatBytes(MAX_IMPORT_BYTES)}. Split it, or import it with the command line tool.`,
      )
    }
    setIsReading(true)
    try {
      const bytes = new Uint8Array(await picked.arrayBuffer())
      setFile({ name: picked.name, size: picked.size, contentBase64: bytesToBase64(bytes) })
      setRecordId(recordIdFromFileName(picked.name))
      setIsRecordIdTyped(false)
    } catch (e) {
      setFile(null)
      setFileError(
        `${picked.name} could not be read (${e instanceof Error ? e.message : String(e)}). Check the file is not open elsewhere and choose it again.`,
      )
    } finally {
      setIsReading(false)
    }
  }

  // Every change of file, table, units or mapping asks main again; the answer to an
  // older question is dropped.
  const key = file
    ? previewKey({ fileName: file.name, size: file.size, tableName, sourceUnits, mapping })
    : null
  useEffect(() => {
    if (!file || key === null || key === previewedKey.current) return
    previewedKey.current = key
    const seq = ++previewSeq.current
    const request: RequestOf<'import.preview'> = {
      fileName: file.name,
      contentBase64: file.contentBase64,
      tableName,
      sourceUnits,
      ...(mapping ? { mapping } : {}),
    }
    setIsPreviewing(true)
    void ipc.invoke('import.preview', request).then((res) => {
      if (seq !== previewSeq.current) return
      setIsPreviewing(false)
      if (!res.ok) {
        // The preview on screen is of another question now: Import stays off until one succeeds.
        setPreviewError(res.error)
        return
      }
      setPreviewError(null)
      setPreview(res.value)
      const hole = singleHoleId(res.value)
      if (hole) setRecordId((current) => (isRecordIdTyped ? current : hole))
      if (mapping === null) {
        // Main's suggestion becomes the user's starting point; it is what was previewed.
        previewedKey.current = previewKey({
          fileName: file.name,
          size: file.size,
          tableName,
          sourceUnits,
          mapping: res.value.mapping,
        })
        setMapping(res.value.mapping)
        const units = sourceUnitsAfterPreview(sourceUnits, res.value.detectedUnits, isUnitsChosen)
        if (units !== sourceUnits) setSourceUnits(units)
      }
    })
  }, [ipc, file, key, tableName, sourceUnits, mapping, isRecordIdTyped, isUnitsChosen])

  const isAgs = preview ? preview.format === 'ags4' : file ? isAgsFileName(file.name) : false
  const errorCount = preview?.findings.filter((f) => f.severity === 'error').length ?? 0
  const warningCount = (preview?.findings.length ?? 0) - errorCount
  const isApplying = applyTaskId !== null

  const isImportable = canImport({
    hasPreview: preview !== null,
    isPreviewing,
    hasPreviewError: previewError !== null,
    isApplying,
  })

  const apply = useCallback(async () => {
    if (!file || !preview || !isImportable) return
    if (!isAgs && recordId.trim() === '') {
      setRecordIdProblem('Type the record id the rows go to.')
      return
    }
    setRecordIdProblem(null)
    setApplyError(null)
    const taskId = newTaskId('import')
    setApplyTaskId(taskId)
    const res = await ipc.invoke('import.apply', {
      fileName: file.name,
      contentBase64: file.contentBase64,
      tableName,
      sourceUnits,
      mapping: mapping ?? preview.mapping,
      comment: comment.trim() || `Imported from ${file.name}`,
      taskId,
      ...(isAgs ? {} : { recordId: recordId.trim() }),
    })
    setApplyTaskId(null)
    if (!res.ok) {
      if (res.error.code === 'INVALID_RECORD_ID' || res.error.code === 'ALREADY_EXISTS')
        setRecordIdProblem(res.error.message)
      else setApplyError(res.error)
      return
    }
    if (res.value.kind === 'draft') {
      onToast(
        `Imported ${plural(res.value.draft.rowCount, 'row')} from ${file.name} into a draft of ${res.value.draft.recordId}. Check it and save it with a comment.`,
      )
      navigate({ name: 'draft', recordId: res.value.draft.recordId })
    } else {
      const saved = res.value.results.filter((r) => r.ok).length
      onToast(`Imported ${plural(saved, 'hole')} from ${file.name}.`)
      setAgsResults(res.value.results)
    }
  }, [
    file,
    preview,
    isImportable,
    isAgs,
    recordId,
    ipc,
    tableName,
    sourceUnits,
    mapping,
    comment,
    onToast,
  ])

  const step = agsResults || isApplying ? 3 : preview ? 2 : 1
  const tableNames = [...new Set(['borelog', ...(info.value?.tableNames ?? [])])]
  const twice = mapping ? sourcesUsedTwice(mapping) : []
  const unused = preview && mapping ? unusedSources(preview, mapping) : []

  if (!typedUnits.units)
    return typedUnits.error ? (
      <section className="screen" aria-label="Import">
        <ErrorBanner error={typedUnits.error} />
      </section>
    ) : (
      <Loading label="Reading your settings (units)…" />
    )

  return (
    <section className="screen import-screen" aria-labelledby="import-title">
      <header className="screen-header">
        <div>
          <h1 id="import-title">Import</h1>
          <p className="subtitle">
            CSV, TSV, Parquet or AGS4. You see what would be stored, and its findings, before
            anything is saved.
          </p>
        </div>
      </header>
      <Steps current={step} />

      <section className="card" aria-labelledby="import-file">
        <h2 id="import-file">1. File</h2>
        <div className="form-grid">
          <div className="field field-wide">
            <label htmlFor={fileInputId}>File to import</label>
            <input
              id={fileInputId}
              type="file"
              accept={FILE_ACCEPT}
              onChange={(e) => void chooseFile(e.target.files?.[0])}
              disabled={isApplying}
              data-testid="import-file"
            />
            {!file && (
              <span className="field-hint">
                .csv, .tsv or .txt (comma or tab separated, with a header line), .parquet, .ags
                (AGS4)
              </span>
            )}
            {file && (
              <span className="field-hint" data-testid="import-file-size">
                {file.name} · {formatBytes(file.size)}
              </span>
            )}
            {fileError && (
              <span className="field-error field-problem" role="alert">
                {fileError}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor="import-table">Table</label>
            <select
              id="import-table"
              value={tableName}
              onChange={(e) => {
                setTableName(e.target.value)
                setMapping(null)
              }}
              disabled={isApplying}
            >
              {tableNames.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
        </div>
        {isReading && <Loading label="Reading the file…" />}
      </section>

      {file && (
        <section className="card" aria-labelledby="import-preview" aria-busy={isPreviewing}>
          <h2 id="import-preview">2. Preview</h2>
          {previewError && <ErrorBanner error={previewError} />}
          {!preview && isPreviewing && <Loading label="Reading the file in main…" />}
          {preview && (
            <PreviewView
              preview={preview}
              mapping={mapping ?? preview.mapping}
              onMapping={(target, source) =>
                setMapping(withTarget(mapping ?? preview.mapping, target, source))
              }
              sourceUnits={sourceUnits}
              onSourceUnits={(units) => {
                setIsUnitsChosen(true)
                setSourceUnits(units)
              }}
              shownUnits={shownUnits}
              isPreviewing={isPreviewing}
              twice={twice}
              unused={unused}
              errorCount={errorCount}
              warningCount={warningCount}
            />
          )}
        </section>
      )}

      {preview && (
        <section className="card" aria-labelledby="import-apply">
          <h2 id="import-apply">3. Import</h2>
          {isAgs ? (
            <>
              <p className="section-note">
                Each of the {plural(preview.holes.length, 'hole')} is saved at once as its
                record&rsquo;s next version (a new record when it has none yet).
              </p>
              <TextField
                label="Comment for the new versions"
                value={comment}
                onChange={setComment}
                placeholder={`Imported from ${file?.name ?? ''}`}
                className="field-wide"
              />
            </>
          ) : (
            <>
              <p className="section-note">
                The rows become a working draft of the record; check it in the editor and save it
                with a comment. An existing record&rsquo;s intervals are replaced in its draft only.
              </p>
              <TextField
                label="Record id"
                value={recordId}
                onChange={(value) => {
                  setIsRecordIdTyped(true)
                  setRecordId(value)
                }}
                problem={recordIdProblem}
                hint="The hole the rows name, else the file's name; change it to import into another record."
                testId="import-record-id"
              />
            </>
          )}
          {errorCount > 0 && (
            <p className="field-hint">
              The data has {plural(errorCount, 'error')}: you can import it and fix{' '}
              {errorCount === 1 ? 'it' : 'them'} in the draft; a version with errors cannot be
              approved.
            </p>
          )}
          {applyError && <ErrorBanner error={applyError} />}
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => void apply()}
              disabled={!isImportable}
            >
              {isApplying
                ? 'Importing…'
                : isAgs
                  ? `Import ${plural(preview.holes.length, 'hole')}`
                  : `Import ${plural(preview.rowCount, 'row')} into a draft`}
            </button>
            {isApplying && applyTaskId && (
              <>
                {progress && <ProgressBar task={progress} />}
                <CancelTaskButton taskId={applyTaskId} label="Import" />
              </>
            )}
          </div>
          {agsResults && <AgsResultsView results={agsResults} />}
        </section>
      )}
    </section>
  )
}

function PreviewView({
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
  const rows = preview.previewRows.slice(0, PREVIEW_ROWS_SHOWN)
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
                  <td className="muted truncate samples-cell">
                    {c.samples.slice(0, 3).join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3>Mapping</h3>
          <table className="data-table compact-table" aria-label="Column mapping">
            <thead>
              <tr>
                <th scope="col">
                  Column of {preview.format === 'ags4' ? 'the records' : 'the table'}
                </th>
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
                    <span className="muted small"> {shownUnit(c, 'm') ?? c.type}</span>
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

      <div>
        <h3>Findings</h3>
        {preview.findings.length === 0 ? (
          <p className="notice">No findings: the data passes validation.</p>
        ) : (
          <ul className="findings findings-scroll" aria-label="Import findings" tabIndex={0}>
            {preview.findings.map((f, i) => (
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
        )}
      </div>
    </div>
  )
}

function AgsResultsView({ results }: { results: AgsResults }) {
  return (
    <table className="data-table" aria-label="Imported holes">
      <thead>
        <tr>
          <th scope="col">Record</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {results.map((r) => (
          <tr key={r.recordId}>
            <td>
              {r.ok ? (
                <a
                  href={routeHref({ name: 'record', recordId: r.recordId })}
                  className="record-link"
                >
                  {r.recordId}
                </a>
              ) : (
                <span className="mono">{r.recordId}</span>
              )}
            </td>
            <td>
              {r.ok ? (
                <>
                  v{r.version ?? '—'}
                  {r.message && <span className="muted"> · {r.message}</span>}
                </>
              ) : (
                <span className="field-error">{r.message ?? 'Not imported.'}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
