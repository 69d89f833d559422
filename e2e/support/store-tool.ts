// Store operations the e2e tests and the app benchmark need from a separate process
// (bundled by e2e/global-setup.ts to out/e2e/store-tool.mjs):
//   template <storeDir> <samplesDir> <bigRows>   sample store + a BIG-1M record (two versions)
//   save-version <storeDir> <recordId> <author>  a second writer saves a new version
// Real store code, real files: nothing here is faked.
import { Float64, Int32, makeVector, Table, Utf8, vectorFromArray } from 'apache-arrow'

import { openBorelogStore } from '../../src-main/catalog/index'
import { ensureSampleStore } from '../../src-main/ipc/index'

export const BIG_RECORD_ID = 'BIG-1M'

const DESCRIPTIONS = [
  'Firm brown slightly sandy CLAY with occasional fine gravel.',
  'Medium dense grey fine to coarse SAND.',
  'Stiff dark grey fissured silty CLAY.',
  'Dense brown sandy subangular fine to coarse GRAVEL of flint.',
  'Weak grey thinly bedded MUDSTONE, recovered as gravel.',
]
const LEGENDS = ['201', '301', '202', '401', '802']

/** A deterministic long interval table: `rows` 10 mm intervals of one deep borehole. */
function bigTable(rows: number, edit: boolean): Table {
  const top = new Float64Array(rows)
  const base = new Float64Array(rows)
  const spt: Array<number | null> = new Array<number | null>(rows)
  const description: string[] = new Array<string>(rows)
  const legend: string[] = new Array<string>(rows)
  const samples: Array<string | null> = new Array<string | null>(rows)
  for (let i = 0; i < rows; i++) {
    top[i] = i / 100
    base[i] = (i + 1) / 100
    const layer = Math.floor(i / 37) % DESCRIPTIONS.length
    description[i] = DESCRIPTIONS[layer] as string
    legend[i] = LEGENDS[layer] as string
    spt[i] = i % 150 === 0 ? ((i * 7919) % 60) + (edit && i % 3000 === 0 ? 1 : 0) : null
    samples[i] = i % 100 === 0 ? `D${i / 100 + 1}` : null
  }
  if (edit) {
    for (let i = 500; i < rows; i += 25_000) description[i] = `${description[i] as string} Relogged.`
  }
  const hole = vectorFromArray(
    Array.from({ length: rows }, () => 'BH-DEEP'),
    new Utf8(),
  )
  return new Table({
    hole_id: hole,
    depth_top_m: makeVector(top),
    depth_base_m: makeVector(base),
    description: vectorFromArray(description, new Utf8()),
    legend_code: vectorFromArray(legend, new Utf8()),
    geology_code: vectorFromArray(
      Array.from({ length: rows }, () => null),
      new Utf8(),
    ),
    spt_n: vectorFromArray(spt, new Int32()),
    sample_refs: vectorFromArray(samples, new Utf8()),
    water_strike_m: vectorFromArray(
      Array.from({ length: rows }, (_, i) => (i === 1234 ? 12.34 : null)),
      new Float64(),
    ),
    remarks: vectorFromArray(
      Array.from({ length: rows }, () => null),
      new Utf8(),
    ),
  })
}

async function template(storeDir: string, samplesDir: string, bigRows: number): Promise<void> {
  await ensureSampleStore(storeDir, samplesDir)
  const { store } = await openBorelogStore(storeDir)
  const header = { hole_id: 'BH-DEEP', project: 'Load test', crs: 'EPSG:27700', final_depth_m: String(bigRows / 100) }
  await store.createRecord({
    recordId: BIG_RECORD_ID,
    table: bigTable(bigRows, false),
    tableName: 'borelog',
    createdBy: 'load.test',
    comment: `${bigRows} intervals`,
    header,
  })
  await store.updateRecord({
    recordId: BIG_RECORD_ID,
    table: bigTable(bigRows, true),
    updatedBy: 'load.test',
    comment: 'Relogged a few intervals.',
    header,
    baseVersion: 1,
  })
}

async function saveVersion(storeDir: string, recordId: string, author: string): Promise<void> {
  const { store } = await openBorelogStore(storeDir)
  const metadata = await store.getMetadata(recordId)
  const page = await store.readVersion(recordId, metadata.current_version)
  const saved = await store.updateRecord({
    recordId,
    table: page.table,
    updatedBy: author,
    comment: 'Saved from another window.',
    header: { ...page.header, remarks: `${page.header.remarks ?? ''} Re-checked.`.trim() },
    baseVersion: metadata.current_version,
  })
  console.log(JSON.stringify({ version: saved.current_version }))
}

const [command, ...args] = process.argv.slice(2)
const run =
  command === 'template'
    ? template(args[0] ?? '', args[1] ?? '', Number(args[2] ?? 1_000_000))
    : command === 'save-version'
      ? saveVersion(args[0] ?? '', args[1] ?? '', args[2] ?? 'second.writer')
      : Promise.reject(new Error(`Unknown command ${command ?? ''}. Use template or save-version.`))
run.catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
