// One picked file through to what would be stored: format detection, the target
// definition (the record's, the registry's), conversion and findings. Saves nothing
// itself: CSV and Parquet become a working draft (the caller hands the result to the
// draft manager), AGS4 holes are saved by applyAgs.
import type { Table } from 'apache-arrow'

import { BadInputError, BorelogError, isBorelogError } from '../../shared/errors'
import type { Units } from '../../shared/ipc/contract'
import type { Finding } from '../../shared/metadata'
import type { SchemaRegistry, TableDefinition } from '../schema/index'
import { assertValidRecordId } from '../store/index'
import { previewAgs, type AgsPreview } from './ags'
import { detectFormat } from './detect'
import type { ColumnMapping } from './mapping'
import { convertTabular, singleHoleId, type TabularImport } from './tabular'
import type { ImportTask } from './task'

export interface ImportRequest {
  fileName: string
  bytes: Uint8Array
  tableName: string
  mapping?: ColumnMapping | undefined
  sourceUnits: Units
  /** The record the rows are for; absent: the file's single hole id, or its base name. */
  recordId?: string | undefined
}

/** What import needs of the store to find a target definition. */
export interface DefinitionSource {
  readonly registry: SchemaRegistry
  tableDefinition(recordId: string): Promise<TableDefinition>
}

export type ImportPreviewResult = TabularImport | AgsPreview

/** "logs/BH-07 rev2.csv" -> "BH-07 rev2": what a file names when it names a hole. */
export function baseNameOf(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? fileName
  const dot = name.lastIndexOf('.')
  return (dot > 0 ? name.slice(0, dot) : name).trim()
}

async function definitionFor(
  store: DefinitionSource,
  tableName: string,
  recordId: string | undefined,
): Promise<TableDefinition> {
  if (recordId !== undefined) {
    try {
      return await store.tableDefinition(recordId)
    } catch (e) {
      if (!(isBorelogError(e) && e.code === 'NOT_FOUND')) throw e
    }
  }
  const def = store.registry.get(tableName)
  if (def) return def
  throw new BorelogError(
    'UNKNOWN_TABLE',
    `Table "${tableName}" is not registered in this store, so there are no columns to map to. Register it in schemas.json or import into "borelog".`,
    { tableName },
  )
}

/** A CSV or Parquet file converted to the target table (the record's, or the registry's). */
export async function readTabular(
  store: DefinitionSource,
  request: ImportRequest,
  format: 'csv' | 'parquet',
  task: ImportTask,
): Promise<TabularImport> {
  const def = await definitionFor(store, request.tableName, request.recordId)
  return convertTabular(
    {
      format,
      bytes: request.bytes,
      fileName: request.fileName,
      def,
      mapping: request.mapping,
      sourceUnits: request.sourceUnits,
      holeIdFill: request.recordId ?? baseNameOf(request.fileName),
    },
    task,
  )
}

/** What the file would store, with its findings. */
export async function previewImport(
  store: DefinitionSource,
  request: ImportRequest,
  task: ImportTask,
): Promise<ImportPreviewResult> {
  const format = detectFormat(request.bytes, request.fileName)
  if (format === 'ags4') return previewAgs(request.bytes, request.fileName, request.tableName, task)
  return readTabular(store, request, format, task)
}

export interface DraftInput {
  recordId: string
  tableName: string
  table: Table
  header: Record<string, string>
  extraFindings: Finding[]
}

/** A CSV or Parquet file as the input of a working draft (the rows converted, nothing saved). */
export function draftInputFrom(imported: TabularImport, request: ImportRequest): DraftInput {
  const holeId = singleHoleId(imported.table)
  const recordId = request.recordId ?? holeId ?? baseNameOf(request.fileName)
  try {
    assertValidRecordId(recordId)
  } catch (e) {
    throw new BadInputError(
      `"${recordId}" (from ${request.recordId !== undefined ? 'the request' : holeId !== null ? 'the hole id in the file' : 'the file name'}) cannot be a record id. Name the record to import into.`,
      { recordId, fileName: request.fileName },
      { cause: e },
    )
  }
  return {
    recordId,
    tableName: imported.def.tableName,
    table: imported.table,
    header: { hole_id: holeId ?? recordId, source_file: request.fileName },
    extraFindings: imported.conversionFindings,
  }
}

export function isTabular(result: ImportPreviewResult): result is TabularImport {
  return result.format !== 'ags4'
}
