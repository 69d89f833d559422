// Step 1 of the import: the file and the table its rows go to.
import { useId } from 'react'

import { Loading } from '../components/common'
import { TableSelect } from '../components/form'
import { FILE_ACCEPT } from './import-mapping'
import type { ChosenFile } from './use-import'

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export function FileSection({
  file,
  fileError,
  isReading,
  onFile,
  tableName,
  tableNames,
  onTableName,
  isApplying,
}: {
  file: ChosenFile | null
  fileError: string | null
  isReading: boolean
  onFile: (picked: File | undefined) => void
  tableName: string
  tableNames: string[]
  onTableName: (name: string) => void
  isApplying: boolean
}) {
  const fileInputId = useId()
  return (
    <section className="card" aria-labelledby="import-file">
      <h2 id="import-file">1. File</h2>
      <div className="form-grid">
        <div className="field field-wide">
          <label htmlFor={fileInputId}>File to import</label>
          <input
            id={fileInputId}
            type="file"
            accept={FILE_ACCEPT}
            onChange={(e) => onFile(e.target.files?.[0])}
            disabled={isApplying}
            data-testid="import-file"
          />
          {!file && (
            <span className="field-hint">
              .csv, .tsv or .txt (comma or tab separated, with a header line), .parquet, .ags (AGS4)
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
        <TableSelect
          id="import-table"
          value={tableName}
          onChange={onTableName}
          tableNames={tableNames}
          disabled={isApplying}
        />
      </div>
      {isReading && <Loading label="Reading the file…" />}
    </section>
  )
}
