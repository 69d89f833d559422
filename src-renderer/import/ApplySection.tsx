// Step 3 of the import: where the rows go (a record id, or every AGS4 hole to its own
// record), the Import button with its progress and Cancel, and the AGS4 results.
import type { ImportPreview } from '../../shared/ipc/contract'
import { ErrorBanner } from '../components/common'
import { TextField } from '../components/form'
import { CancelTaskButton, ProgressBar } from '../components/ProgressStatus'
import { plural } from '../format'
import { routeHref } from '../router'
import type { AgsResults, useImportApply } from './use-import'

export function ApplySection({
  preview,
  fileName,
  isAgs,
  comment,
  onComment,
  recordId,
  onRecordId,
  errorCount,
  importing,
}: {
  preview: ImportPreview
  fileName: string
  isAgs: boolean
  comment: string
  onComment: (comment: string) => void
  recordId: string
  onRecordId: (recordId: string) => void
  errorCount: number
  importing: ReturnType<typeof useImportApply>
}) {
  const { apply, isApplying, isImportable, applyTaskId, applyError, agsResults, progress } =
    importing
  return (
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
            onChange={onComment}
            placeholder={`Imported from ${fileName}`}
            className="field-wide"
          />
        </>
      ) : (
        <>
          <p className="section-note">
            The rows become a working draft of the record; check it in the editor and save it with a
            comment. An existing record&rsquo;s intervals are replaced in its draft only.
          </p>
          <TextField
            label="Record id"
            value={recordId}
            onChange={onRecordId}
            problem={importing.recordIdProblem}
            hint="The hole the rows name, else the file's name; change it to import into another record."
            testId="import-record-id"
          />
        </>
      )}
      {errorCount > 0 && (
        <p className="field-hint">
          The data has {plural(errorCount, 'error')}: you can import it and fix{' '}
          {errorCount === 1 ? 'it' : 'them'} in the draft; a version with errors cannot be approved.
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
