// A picked file, previewed and imported. The file arrives as base64 (the renderer never
// touches paths), runs as a cancellable task with progress, and is answered in contract
// cells. CSV and Parquet become a working draft, saved later with a comment; AGS4 holes
// are saved at once, one record each, as the CLI does, and announced once.
import type { Table } from 'apache-arrow'

import { isBorelogError } from '../../shared/errors'
import type { ImportPreview, ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract'
import {
  applyAgs,
  detectFormat,
  draftInputFrom,
  isTabular,
  previewImport,
  readTabular,
  type ImportRequest,
} from '../import/index'
import { BORELOG_DEFINITION } from '../schema/index'
import { describeColumns, rowsOf } from './arrow-cells'
import type { StoreDesk } from './session'

/** Rows shown in the preview grid. */
const PREVIEW_ROWS = 50

function importRequest(
  request: ParsedRequestOf<'import.preview'>,
  recordId?: string,
): ImportRequest {
  return {
    fileName: request.fileName,
    // One copy of the file: the decoded bytes, viewed (not copied) as a Uint8Array.
    // Everything downstream reads slices of it.
    bytes: viewOf(Buffer.from(request.contentBase64, 'base64')),
    tableName: request.tableName,
    mapping: request.mapping,
    sourceUnits: request.sourceUnits,
    recordId,
  }
}

function viewOf(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

function firstRows(table: Table): ImportPreview['previewRows'] {
  const count = Math.min(PREVIEW_ROWS, table.numRows)
  return rowsOf(
    table,
    Array.from({ length: count }, (_, i) => i),
  )
}

export function previewFile(
  desk: Pick<StoreDesk, 'store' | 'tasks'>,
  request: ParsedRequestOf<'import.preview'>,
): Promise<ImportPreview> {
  return desk.tasks.run(
    { label: `Reading ${request.fileName}`, isCancellable: true },
    async (task) => {
      const result = await previewImport(desk.store, importRequest(request), task)
      if (isTabular(result))
        return {
          format: result.format,
          sourceColumns: result.sourceColumns,
          targetColumns: describeColumns(result.table, result.def.keyColumns),
          mapping: result.mapping,
          rowCount: result.table.numRows,
          previewRows: firstRows(result.table),
          findings: result.findings,
          holes: [],
          detectedUnits: result.detectedUnits,
        }
      return {
        format: result.format,
        sourceColumns: result.sourceColumns,
        targetColumns: describeColumns(result.firstTable, BORELOG_DEFINITION.keyColumns),
        mapping: result.mapping,
        rowCount: result.rowCount,
        previewRows: firstRows(result.firstTable),
        findings: result.findings,
        holes: result.holes.map(({ holeId, rowCount }) => ({ holeId, rowCount })),
        // AGS4 depths are metres by the standard dictionary (GEOL_TOP, UNIT m).
        detectedUnits: 'm',
      }
    },
  )
}

export function applyFile(
  desk: Pick<StoreDesk, 'store' | 'tasks' | 'drafts' | 'user' | 'committing' | 'announce'>,
  request: ParsedRequestOf<'import.apply'>,
): Promise<ResponseOf<'import.apply'>> {
  const { store } = desk
  return desk.tasks.run(
    { taskId: request.taskId, label: `Importing ${request.fileName}`, isCancellable: true },
    async (task) => {
      const input = importRequest(request, request.recordId)
      const format = detectFormat(input.bytes, input.fileName)
      if (format !== 'ags4') {
        const imported = await readTabular(store, input, format, task)
        const draftInput = draftInputFrom(imported, input)
        // The last point to stop: creating the draft is this call's only write.
        task.throwIfCancelled()
        const draft = await desk.drafts.createFromTable(draftInput)
        return { kind: 'draft' as const, draft }
      }
      const records = await desk.committing(
        () =>
          applyAgs(
            store,
            input.bytes,
            {
              fileName: input.fileName,
              tableName: input.tableName,
              by: desk.user(),
              comment: request.comment,
            },
            task,
          ).catch(async (e: unknown) => {
            // A write that failed part-way (a conflict, an outage): what was written is
            // in the store, and windows must hear of it before the error is shown.
            const written: unknown = isBorelogError(e) ? e.details['written'] : undefined
            if (Array.isArray(written) && written.length > 0)
              await desk.announce(written.map(String))
            throw e
          }),
        (saved) => saved.filter((r) => r.action !== 'unchanged').map((r) => r.recordId),
      )
      return {
        kind: 'records' as const,
        results: records.map((r) => ({
          recordId: r.recordId,
          ok: true,
          version: r.version,
          message: `${r.action} (${r.intervalCount} intervals)`,
        })),
      }
    },
  )
}
