// Export of one version, as long work with progress and Cancel: AGS4 for other
// geotechnical software, CSV for spreadsheets, Parquet (the stored file itself).
import { useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { ExportFormat } from '../../shared/ipc/contract'
import { base64ToBytes, saveFile } from '../download'
import { useIpc } from '../ipc/client'
import { ErrorBanner } from './common'
import './export-buttons.css'

const FORMATS: Array<{ format: ExportFormat; label: string; title: string }> = [
  { format: 'ags4', label: 'AGS4', title: 'Export this version as an AGS4 file' },
  { format: 'csv', label: 'CSV', title: 'Export this version as CSV (depths in metres)' },
  { format: 'parquet', label: 'Parquet', title: 'Save the stored Parquet file of this version' },
]

export function ExportButtons({
  recordId,
  version,
  onToast,
}: {
  recordId: string
  version: number
  onToast: (message: string) => void
}) {
  const ipc = useIpc()
  const [running, setRunning] = useState<ExportFormat | null>(null)
  const [error, setError] = useState<ErrorPayload | null>(null)

  async function run(format: ExportFormat): Promise<void> {
    setRunning(format)
    setError(null)
    const res = await ipc.invoke('record.export', { recordId, version, format })
    setRunning(null)
    if (!res.ok) {
      if (res.error.code !== 'CANCELLED') setError(res.error)
      return
    }
    const file = res.value
    saveFile(base64ToBytes(file.contentBase64), file.fileName, file.mimeType)
    onToast(
      `Exported ${file.fileName}${file.notes.length > 0 ? ` (${file.notes.length} notes)` : ''}`,
    )
  }

  return (
    <div className="export-buttons" role="group" aria-label="Export this version">
      <span className="muted">Export</span>
      {FORMATS.map(({ format, label, title }) => (
        <button
          key={format}
          type="button"
          className="button"
          title={title}
          disabled={running !== null}
          aria-busy={running === format}
          onClick={() => void run(format)}
        >
          {label}
        </button>
      ))}
      {error && <ErrorBanner error={error} />}
    </div>
  )
}
