// One version as a file the renderer offers for download. Parquet is the stored version
// file itself, byte for byte, so what leaves the app is exactly what the history's sha256
// names; CSV is the version's table (any table_name); AGS4 is the borelog export that
// passes our checker. A cancellable task: it only reads.
import type { ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract'
import { exportAgsFromStore, formatFinding } from '../ags4/index'
import { tableToCsv } from '../schema/index'
import type { StoreDesk } from './session'

/** A file name safe on every OS: "<record> v<version>.<ext>". */
export function exportFileName(recordId: string, version: number, extension: string): string {
  const safe = recordId.replace(/[^\p{L}\p{N} ._()-]/gu, '_').trim() || 'record'
  return `${safe} v${version}.${extension}`
}

export function exportVersion(
  desk: Pick<StoreDesk, 'store' | 'tasks'>,
  { recordId, version, format, taskId }: ParsedRequestOf<'record.export'>,
): Promise<ResponseOf<'record.export'>> {
  const { store } = desk
  return desk.tasks.run(
    { taskId, label: `Exporting ${recordId} v${version}`, isCancellable: true },
    async (task) => {
      if (format === 'parquet') {
        const bytes = await store.getVersionFile(recordId, version)
        task.throwIfCancelled()
        return {
          fileName: exportFileName(recordId, version, 'parquet'),
          mimeType: 'application/vnd.apache.parquet',
          contentBase64: Buffer.from(bytes).toString('base64'),
          notes: [],
        }
      }
      if (format === 'csv') {
        const { table } = await store.readVersion(recordId, version)
        task.throwIfCancelled()
        return {
          fileName: exportFileName(recordId, version, 'csv'),
          mimeType: 'text/csv',
          contentBase64: Buffer.from(tableToCsv(table), 'utf8').toString('base64'),
          notes: [],
        }
      }
      const exported = await exportAgsFromStore(store, [recordId], { version })
      task.throwIfCancelled()
      return {
        fileName: exportFileName(recordId, version, 'ags'),
        mimeType: 'text/plain',
        contentBase64: Buffer.from(exported.text, 'utf8').toString('base64'),
        notes: exported.findings.map(formatFinding),
      }
    },
  )
}
