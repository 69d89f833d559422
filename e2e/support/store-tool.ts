// Store operations the e2e tests and the app benchmark need from a separate process
// (bundled by e2e/global-setup.ts to out/e2e/store-tool.mjs):
//   template <storeDir> <samplesDir> <bigRows>   sample store + a BIG-1M record (two versions)
//   many <storeDir> <count>                      many small records (the list at scale)
//   save-version <storeDir> <recordId> <author>  a second writer saves a new version
//   set-cell <storeDir> <recordId> <row> <column> <json> <author>
//                                                a writer changes one cell of the latest version
// Real store code, real files: nothing here is faked. Every write is signed, as the
// app's and the CLI's are: each author is an identity kept in one temp config folder
// (BORELOG_E2E_IDENTITIES), so the same author signs with the same key in every process.
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Table } from 'apache-arrow'

import { openBorelogStore } from '../../src-main/catalog/index'
import { ensureSampleStore } from '../../src-main/desk/index'
import { resolveIdentity } from '../../src-main/identity/index'
import type { VersionedStore } from '../../src-main/store/index'
import { makeBorelogTable } from '../../src-main/schema/index'

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
  return makeBorelogTable(
    Array.from({ length: rows }, (_, i) => {
      const layer = Math.floor(i / 37) % DESCRIPTIONS.length
      const description = DESCRIPTIONS[layer] as string
      return {
        hole_id: 'BH-DEEP',
        depth_top_m: i / 100,
        depth_base_m: (i + 1) / 100,
        description: edit && i % 25_000 === 500 ? `${description} Relogged.` : description,
        legend_code: LEGENDS[layer] as string,
        geology_code: null,
        spt_n: i % 150 === 0 ? ((i * 7919) % 60) + (edit && i % 3000 === 0 ? 1 : 0) : null,
        sample_refs: i % 100 === 0 ? `D${i / 100 + 1}` : null,
        water_strike_m: i === 1234 ? 12.34 : null,
        remarks: null,
      }
    }),
  )
}

const IDENTITIES_DIR =
  process.env.BORELOG_E2E_IDENTITIES ?? join(tmpdir(), 'borelog-e2e-identities')

/** The store as `author` writes to it: signed with that author's identity. */
async function openAs(storeDir: string, author: string, now?: () => Date): Promise<VersionedStore> {
  const identity = await resolveIdentity(IDENTITIES_DIR, author)
  const { store } = await openBorelogStore(storeDir, {
    signer: identity!.signer,
    ...(now ? { now } : {}),
  })
  return store
}

async function template(storeDir: string, samplesDir: string, bigRows: number): Promise<void> {
  await ensureSampleStore(storeDir, samplesDir)
  const store = await openAs(storeDir, 'load.test')
  const header = {
    hole_id: 'BH-DEEP',
    project: 'Load test',
    crs: 'EPSG:27700',
    final_depth_m: String(bigRows / 100),
  }
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

/** `count` small borelogs with varied status, table, author and date: the records list at scale. */
async function many(storeDir: string, count: number): Promise<void> {
  let clockMs = Date.parse('2024-01-01T08:00:00Z')
  const now = (): Date => new Date(clockMs)
  const stores = new Map<string, Promise<VersionedStore>>()
  const as = (author: string): Promise<VersionedStore> => {
    if (!stores.has(author)) stores.set(author, openAs(storeDir, author, now))
    return stores.get(author)!
  }
  const authors = ['a.khan', 'b.smith', 'c.jones', 'd.evans', 'e.ng', 'f.owusu']
  const projects = [
    'Northern Relief Road',
    'Harbour Wall',
    'Riverside Flats',
    'Rail Cutting 4',
    'Solar Farm East',
  ]
  for (let i = 0; i < count; i++) {
    clockMs += 37 * 60_000
    const holeId = `BH${String(i % 400).padStart(3, '0')}`
    const project = projects[i % projects.length] as string
    const recordId = `P${String(i % projects.length).padStart(2, '0')}-${holeId}-${String(i).padStart(5, '0')}`
    const rows = [0, 1.2, 2.5, 4.0].map((top, j) => ({
      top,
      base: [1.2, 2.5, 4.0, 6.0][j] as number,
    }))
    const table = makeBorelogTable(
      rows.map((r, j) => ({
        hole_id: holeId,
        depth_top_m: r.top,
        depth_base_m: r.base,
        description: DESCRIPTIONS[(i + j) % DESCRIPTIONS.length] as string,
        legend_code: LEGENDS[(i + j) % LEGENDS.length] as string,
        spt_n: j === 2 ? (i % 50) + 3 : null,
      })),
    )
    const author = authors[i % authors.length] as string
    await (
      await as(author)
    ).createRecord({
      recordId,
      table,
      tableName: 'borelog',
      createdBy: author,
      header: { hole_id: holeId, project, crs: 'EPSG:27700' },
    })
    if (i % 3 === 1)
      await (await as('reviewer.one')).approveRecord({ recordId, version: 1, by: 'reviewer.one' })
    else if (i % 11 === 5)
      await (
        await as('reviewer.two')
      ).rejectRecord({
        recordId,
        version: 1,
        by: 'reviewer.two',
        reason: 'Check depths.',
      })
    if (i % 1000 === 999) console.log(`  ${i + 1} records`)
  }
}

async function saveVersion(storeDir: string, recordId: string, author: string): Promise<void> {
  const store = await openAs(storeDir, author)
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

async function setCell(
  storeDir: string,
  recordId: string,
  row: number,
  column: string,
  value: unknown,
  author: string,
): Promise<void> {
  const store = await openAs(storeDir, author)
  const metadata = await store.getMetadata(recordId)
  const page = await store.readVersion(recordId, metadata.current_version)
  const rows = page.table
    .toArray()
    .map((r) => (r as { toJSON(): Record<string, unknown> }).toJSON())
  const target = rows[row]
  if (!target) throw new Error(`${recordId} has no row ${row}.`)
  target[column] = value
  const saved = await store.updateRecord({
    recordId,
    table: makeBorelogTable(rows),
    updatedBy: author,
    comment: `Set ${column} of row ${row + 1}.`,
    header: page.header,
    baseVersion: metadata.current_version,
  })
  console.log(JSON.stringify({ version: saved.current_version }))
}

async function main(command: string | undefined, args: string[]): Promise<void> {
  switch (command) {
    case 'template':
      return template(args[0] ?? '', args[1] ?? '', Number(args[2] ?? 1_000_000))
    case 'many':
      return many(args[0] ?? '', Number(args[1] ?? 10_000))
    case 'save-version':
      return saveVersion(args[0] ?? '', args[1] ?? '', args[2] ?? 'second.writer')
    case 'set-cell':
      return setCell(
        args[0] ?? '',
        args[1] ?? '',
        Number(args[2]),
        args[3] ?? '',
        JSON.parse(args[4] ?? 'null') as unknown,
        args[5] ?? 'second.writer',
      )
    default:
      throw new Error(
        `Unknown command ${command ?? ''}. Use template, many, save-version or set-cell.`,
      )
  }
}

main(process.argv[2], process.argv.slice(3)).catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
