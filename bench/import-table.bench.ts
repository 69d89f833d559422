// Import speed: preview (read + map + convert + validate) of a generated
// 100,000-row borelog as CSV (feet headers, converted to metres) and as Parquet, next
// to csv-parse's plain synchronous parse of the same bytes (the floor for CSV).
// Medians of 3 runs after a warm-up. Run: npx tsx bench/import-table.bench.ts
import { parse } from 'csv-parse/sync'

import { previewImport, UNWATCHED, type ImportRequest } from '../src-main/import/index'
import { encodeParquet } from '../src-main/parquet/index'
import { SchemaRegistry, generateBorelogTable, tableToCsv } from '../src-main/schema/index'
import { median, printTable, time } from './support'

const ROWS = 100_000
const RUNS = 3

const FEET_HEADERS: Record<string, string> = {
  hole_id: 'Borehole',
  depth_top_m: 'Depth top (ft)',
  depth_base_m: 'Depth base (ft)',
  description: 'Soil description',
  legend_code: 'Legend',
  geology_code: 'Geology',
  spt_n: 'SPT N',
  sample_refs: 'Samples',
  water_strike_m: 'Water strike (ft)',
  remarks: 'Remarks',
}

async function medianMs(fn: () => Promise<unknown>): Promise<number> {
  await fn()
  const runs: number[] = []
  for (let i = 0; i < RUNS; i++) runs.push(await time(fn))
  return median(runs)
}

async function main(): Promise<void> {
  const table = generateBorelogTable(ROWS)
  const csvText = tableToCsv(table)
  const firstBreak = csvText.indexOf('\r\n')
  const header = csvText
    .slice(0, firstBreak)
    .split(',')
    .map((name) => FEET_HEADERS[name] ?? name)
    .join(',')
  const csv = new TextEncoder().encode(header + csvText.slice(firstBreak))
  const parquet = encodeParquet(table)
  const store = {
    registry: SchemaRegistry.builtIn(),
    tableDefinition: () => Promise.reject(new Error('no records')),
  }
  const request = (fileName: string, bytes: Uint8Array): ImportRequest => ({
    fileName,
    bytes,
    tableName: 'borelog',
    sourceUnits: 'ft',
  })

  const floor = await medianMs(async () => parse(Buffer.from(csv), { bom: true }))
  const csvMs = await medianMs(() => previewImport(store, request('log.csv', csv), UNWATCHED))
  const base64 = Buffer.from(csv).toString('base64')
  const csvWithBase64Ms = await medianMs(() =>
    previewImport(
      store,
      request('log.csv', new Uint8Array(Buffer.from(base64, 'base64'))),
      UNWATCHED,
    ),
  )
  const parquetMs = await medianMs(() =>
    previewImport(store, request('log.parquet', parquet), UNWATCHED),
  )
  const result = await previewImport(store, request('log.csv', csv), UNWATCHED)
  const rate = (ms: number): string => `${Math.round(ROWS / (ms / 1000)).toLocaleString('en')}`
  console.log(
    `import-table: ${ROWS.toLocaleString('en')} rows, CSV ${(csv.length / 1e6).toFixed(1)} MB, Parquet ${(parquet.length / 1e6).toFixed(1)} MB; medians of ${RUNS}; ${result.findings.length} findings`,
  )
  printTable(
    ['what', 'ms', 'rows/s'],
    [
      ['csv-parse sync parse only (floor)', floor.toFixed(0), rate(floor)],
      ['CSV preview (ft -> m, convert, validate)', csvMs.toFixed(0), rate(csvMs)],
      ['CSV preview incl. base64 decode', csvWithBase64Ms.toFixed(0), rate(csvWithBase64Ms)],
      ['Parquet preview (ft -> m, convert, validate)', parquetMs.toFixed(0), rate(parquetMs)],
    ],
  )
  console.log(`peak-ish RSS after runs: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`)
}

void main()
