// AGS4 through the ags4 layer: one borelog record per LOCA hole. The preview shows
// what the checker and the conversion found (mapped to store findings) and the first
// hole's intervals; apply saves every changed hole as its record's next version at
// once, as the CLI's `import` does. Cancelling is honoured until the first write.
import type { Table } from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import type { Finding } from '../../shared/metadata'
import {
  checkAgs,
  convertAgs,
  holeTable,
  importAgsToStore,
  makeBorelogArrowTable,
  readAgs,
  type AgsFinding,
  type AgsStore,
  type ImportedRecord,
} from '../ags4/index'
import type { ColumnMapping } from './mapping'
import type { SourceColumn } from './tabular'
import type { ImportTask } from './task'

/** How GEOL headings become borelog columns (SPT, samples and water come from their own groups). */
const GEOL_MAPPING: ColumnMapping = {
  hole_id: 'LOCA_ID',
  depth_top_m: 'GEOL_TOP',
  depth_base_m: 'GEOL_BASE',
  description: 'GEOL_DESC',
  legend_code: 'GEOL_LEG',
  geology_code: 'GEOL_GEOL',
  spt_n: null,
  sample_refs: null,
  water_strike_m: null,
  remarks: 'GEOL_REM',
}
const SAMPLES = 3

export interface AgsPreview {
  format: 'ags4'
  holes: { holeId: string; recordId: string; rowCount: number }[]
  sourceColumns: SourceColumn[]
  mapping: ColumnMapping
  rowCount: number
  /** The first hole's intervals (a borelog table; empty for a file without holes). */
  firstTable: Table
  findings: Finding[]
}

/** An AGS finding as a store finding: no table row, the heading (or group) as its column. */
function agsFindingToFinding(f: AgsFinding): Finding {
  const where = [f.line !== null ? `line ${f.line}` : null, f.group || null]
    .filter((x) => x !== null)
    .join(', ')
  return {
    severity: f.severity,
    row: null,
    column: f.heading ?? (f.group === '' ? null : f.group),
    rule: f.rule,
    message: where === '' ? f.message : `${where}: ${f.message}`,
  }
}

function assertBorelogTable(tableName: string, fileName: string): void {
  if (tableName !== 'borelog')
    throw new BadInputError(
      `${fileName} is AGS4, which imports into table "borelog" only, not "${tableName}". Import it as borelog.`,
      { fileName, tableName },
    )
}

export async function previewAgs(
  bytes: Uint8Array,
  fileName: string,
  tableName: string,
  task: ImportTask,
): Promise<AgsPreview> {
  assertBorelogTable(tableName, fileName)
  task.progress(0, 3)
  const file = readAgs(bytes, { fileName })
  task.throwIfCancelled()
  task.progress(1, 3)
  const check = checkAgs(file)
  task.throwIfCancelled()
  task.progress(2, 3)
  const conversion = convertAgs(file, { fileName })
  const geol = file.groups.get('GEOL')
  const sourceColumns = (geol?.headings ?? []).map((name, i) => {
    const samples: string[] = []
    for (const row of geol?.rows ?? []) {
      const value = row[i] ?? ''
      if (value !== '') samples.push(value)
      if (samples.length === SAMPLES) break
    }
    return { name, samples }
  })
  const first = conversion.holes[0]
  const findings = [
    ...check.findings,
    ...conversion.findings,
    ...conversion.holes.flatMap((h) => h.findings),
  ].map(agsFindingToFinding)
  task.progress(3, 3)
  return {
    format: 'ags4',
    holes: conversion.holes.map((h) => ({
      holeId: h.holeId,
      recordId: h.recordId,
      rowCount: h.intervals.length,
    })),
    sourceColumns,
    mapping: GEOL_MAPPING,
    rowCount: conversion.holes.reduce((n, h) => n + h.intervals.length, 0),
    firstTable: first ? holeTable(first) : makeBorelogArrowTable([]),
    findings,
  }
}

export interface AgsApplyOptions {
  fileName: string
  tableName: string
  by: string
  comment: string
}

/**
 * Saves every hole that changed as its record's next version (or first). Cancelling
 * stops the import while it reads and compares; once the first write has started the
 * import runs to its end, so a hole is never left half-imported by a cancel.
 */
export async function applyAgs(
  store: AgsStore,
  bytes: Uint8Array,
  options: AgsApplyOptions,
  task: ImportTask,
): Promise<ImportedRecord[]> {
  assertBorelogTable(options.tableName, options.fileName)
  task.throwIfCancelled()
  const result = await importAgsToStore(store, bytes, {
    by: options.by,
    fileName: options.fileName,
    ...(options.comment.trim() !== '' ? { comment: options.comment } : {}),
    onProgress: (p) => {
      if (p.phase !== 'write') task.throwIfCancelled()
      task.progress(p.phase === 'write' ? p.done : 0, p.phase === 'write' ? p.total : null)
    },
  })
  return result.records
}
