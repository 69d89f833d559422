// CSV and Parquet -> a table in the target definition's schema, with its findings
// (conversion problems first, then validateTable's). Nothing is saved here.
import type { Table, Vector } from 'apache-arrow'

import { theOneHoleId } from '../../shared/hole-id'
import type { Units } from '../../shared/ipc/contract'
import type { Finding } from '../../shared/metadata'
import { decodeParquet } from '../parquet/index'
import { validateTable, type TableDefinition } from '../schema/index'
import { TableConverter } from './convert'
import { readCsv } from './csv-source'
import { detectUnits, resolveMapping, type ColumnMapping } from './mapping'
import type { ImportTask } from './task'

/** Sample values shown per source column, so the user can check the mapping. */
const SAMPLES = 3
/** Parquet rows converted between progress reports and cancel checks. */
const ROWS_PER_STEP = 16_384

export interface SourceColumn {
  name: string
  samples: string[]
}

export interface TabularInput {
  format: 'csv' | 'parquet'
  bytes: Uint8Array
  fileName: string
  def: TableDefinition
  mapping: ColumnMapping | undefined
  sourceUnits: Units
  holeIdFill: string
}

export interface TabularImport {
  format: 'csv' | 'parquet'
  def: TableDefinition
  sourceColumns: SourceColumn[]
  mapping: ColumnMapping
  detectedUnits: Units | null
  table: Table
  /** Problems of the source (ragged rows, values that did not convert). */
  conversionFindings: Finding[]
  /** conversionFindings, then the validation findings of `table`. */
  findings: Finding[]
}

function sampleText(value: unknown): string {
  if (value instanceof Date) return value.toISOString()
  return typeof value === 'string' ? value : String(value)
}

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

async function convertCsv(
  input: TabularInput,
  task: ImportTask,
): Promise<Omit<TabularImport, 'findings' | 'def' | 'format'>> {
  let converter: TableConverter | null = null
  let sourceColumns: SourceColumn[] = []
  let mapping: ColumnMapping = {}
  const read = await readCsv(
    input.bytes,
    input.fileName,
    (header, delimiter) => {
      sourceColumns = header.map((name) => ({ name, samples: [] }))
      mapping = resolveMapping(input.mapping, header, input.def, input.fileName)
      const active = new TableConverter({
        def: input.def,
        mapping,
        sourceNames: header,
        sourceUnits: input.sourceUnits,
        holeIdFill: input.holeIdFill,
        // Semicolons separate fields where the comma is the decimal mark (European locales).
        acceptsDecimalComma: delimiter === ';',
        positionName: 'line',
        where: input.fileName,
      })
      converter = active
      return (fields, row) => {
        if (row < SAMPLES * 4)
          fields.forEach((value, i) => {
            const column = sourceColumns[i]
            if (column && value !== null && value.trim() !== '' && column.samples.length < SAMPLES)
              column.samples.push(value)
          })
        active.push(fields)
      }
    },
    task,
  )
  // readCsv returns only after a header, so onHeader has made the converter.
  const { table, findings } = (converter as TableConverter | null)!.finish(read.linesOf)
  return {
    sourceColumns,
    mapping,
    detectedUnits: detectUnits(mapping, input.def),
    table,
    conversionFindings: [...read.findings, ...findings].sort(byRow),
  }
}

async function convertParquet(
  input: TabularInput,
  task: ImportTask,
): Promise<Omit<TabularImport, 'findings' | 'def' | 'format'>> {
  const source = decodeParquet(input.bytes, input.fileName)
  const names = source.schema.fields.map((f) => f.name)
  const vectors = names.map((_, i) => source.getChildAt(i) as Vector)
  const sourceColumns = names.map((name, i) => {
    const samples: string[] = []
    const vector = vectors[i]!
    for (let r = 0; r < vector.length && samples.length < SAMPLES; r++) {
      const value: unknown = vector.get(r)
      if (value !== null && value !== undefined && value !== '') samples.push(sampleText(value))
    }
    return { name, samples }
  })
  const mapping = resolveMapping(input.mapping, names, input.def, input.fileName)
  const converter = new TableConverter({
    def: input.def,
    mapping,
    sourceNames: names,
    sourceUnits: input.sourceUnits,
    holeIdFill: input.holeIdFill,
    acceptsDecimalComma: false,
    positionName: 'row',
    where: input.fileName,
  })
  // Only mapped columns are read; the rest of the row stays empty.
  const used = [...new Set(Object.values(mapping))]
    .filter((s): s is string => s !== null)
    .map((s) => names.indexOf(s))
  const row: unknown[] = new Array<unknown>(names.length).fill(null)
  const total = source.numRows
  for (let r = 0; r < total; r++) {
    for (const c of used) row[c] = vectors[c]!.get(r)
    converter.push(row)
    if ((r + 1) % ROWS_PER_STEP === 0) {
      task.progress(r + 1, total)
      await yieldToEvents()
      task.throwIfCancelled()
    }
  }
  task.progress(total, total)
  const { table, findings } = converter.finish((rows) => new Map(rows.map((r) => [r, r + 1])))
  return {
    sourceColumns,
    mapping,
    detectedUnits: detectUnits(mapping, input.def),
    table,
    conversionFindings: findings,
  }
}

function byRow(a: Finding, b: Finding): number {
  return (a.row ?? -1) - (b.row ?? -1)
}

/** The one hole the table's rows name (see shared/hole-id.ts), or null. */
export function singleHoleId(table: Table): string | null {
  const column = table.getChild('hole_id')
  return column ? theOneHoleId(column) : null
}

/** Reads, maps, converts and validates a CSV or Parquet file (saves nothing). */
export async function convertTabular(
  input: TabularInput,
  task: ImportTask,
): Promise<TabularImport> {
  const converted =
    input.format === 'csv' ? await convertCsv(input, task) : await convertParquet(input, task)
  task.throwIfCancelled()
  // Checked against the header the draft will get: the file's one hole id when it names one.
  const validation = validateTable(converted.table, input.def, {
    hole_id: singleHoleId(converted.table) ?? input.holeIdFill,
  })
  return {
    format: input.format,
    def: input.def,
    ...converted,
    findings: [...converted.conversionFindings, ...validation],
  }
}
