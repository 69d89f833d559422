// The CLI is a public interface (docs/CLI.md): commands, flags, JSON shapes and exit
// codes are what scripts rely on. These tests run the built bin in a real process.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { tempDir } from '../../test/support/borelog-fixtures'
import { buildCli } from '../../test/support/build-cli'
import { runCliProcess, type CliResult } from '../../test/support/run-cli'

let bin: string
let dir: string
let store: string
let cleanup: () => Promise<void>

async function cli(...args: string[]): Promise<CliResult> {
  return runCliProcess(bin, args)
}

const CSV_V1 = `hole_id,depth_top_m,depth_base_m,description,legend_code,geology_code,spt_n,sample_refs,water_strike_m,remarks
BH01,0,0.4,"MADE GROUND: brown sandy gravel, brick",601,MG,,,,
BH01,0.4,2.1,Firm brown CLAY,201,,12,D1 @ 1.0,,
BH01,2.1,5.0,Dense SAND,401,,35,,3.2,
`
const CSV_V2 = CSV_V1.replace('Firm brown CLAY', 'Firm to stiff brown CLAY')
const CSV_BAD = CSV_V1.replace('2.1,5.0,Dense', '6.0,5.0,Dense')

beforeAll(async () => {
  bin = await buildCli()
  ;({ dir, cleanup } = await tempDir('borelog-cli-'))
  store = path.join(dir, 'store')
  await fs.writeFile(path.join(dir, 'v1.csv'), CSV_V1)
  await fs.writeFile(path.join(dir, 'v2.csv'), CSV_V2)
  await fs.writeFile(path.join(dir, 'bad.csv'), CSV_BAD)
})
afterAll(() => cleanup())

describe('borelog-desk CLI', () => {
  it('create, update, approve and the JSON shapes of meta, versions and list', async () => {
    expect(
      (
        await cli(
          'create',
          'BH01',
          '--table',
          'borelog',
          '--by',
          'ann',
          '--from',
          path.join(dir, 'v1.csv'),
          '--comment',
          'Initial creation',
          '--store',
          store,
        )
      ).code,
    ).toBe(0)
    expect(
      (
        await cli(
          'update',
          'BH01',
          '--by',
          'bob',
          '--from',
          path.join(dir, 'v2.csv'),
          '--store',
          store,
        )
      ).code,
    ).toBe(0)

    const stale = await cli('approve', 'BH01', '--by', 'rev', '--version', '1', '--store', store)
    expect(stale.code).toBe(3)
    expect(stale.stderr.trim().split('\n')).toHaveLength(1)
    expect(stale.stderr).not.toMatch(/\n\s+at /)

    expect(
      (
        await cli(
          'approve',
          'BH01',
          '--by',
          'rev',
          '--version',
          '2',
          '--comment',
          'ok',
          '--store',
          store,
        )
      ).code,
    ).toBe(0)

    const meta = JSON.parse((await cli('meta', 'BH01', '--store', store)).stdout)
    expect(meta).toMatchObject({
      record_id: 'BH01',
      table_name: 'borelog',
      current_version: 2,
      status: 'approved',
      created_by: 'ann',
      approved_by: 'rev',
      rejected_by: null,
      rejected_at: null,
    })
    expect(
      meta.history.map((e: { version: number; status: string }) => [e.version, e.status]),
    ).toEqual([
      [1, 'draft'],
      [2, 'draft'],
      [2, 'approved'],
    ])

    expect(JSON.parse((await cli('versions', 'BH01', '--json', '--store', store)).stdout)).toEqual([
      1, 2,
    ])

    const list = JSON.parse(
      (await cli('list', '--status', 'approved', '--json', '--store', store)).stdout,
    )
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ record_id: 'BH01', status: 'approved' })
    expect(list[0].history).toHaveLength(3)
    expect(
      JSON.parse((await cli('list', '--status', 'draft', '--json', '--store', store)).stdout),
    ).toEqual([])
  })

  it('get writes the exact version file, or a CSV typed by the schema', async () => {
    const out = path.join(dir, 'out-v1.parquet')
    expect((await cli('get', 'BH01', '--version', '1', '--out', out, '--store', store)).code).toBe(
      0,
    )
    const original = await fs.readFile(path.join(store, 'records/BH01/versions/v1.parquet'))
    expect((await fs.readFile(out)).equals(original)).toBe(true)
    const csv = path.join(dir, 'out.csv')
    expect((await cli('get', 'BH01', '--out', csv, '--store', store)).code).toBe(0)
    expect(await fs.readFile(csv, 'utf8')).toContain('Firm to stiff brown CLAY')
  })

  it('validate prints findings as JSON and exits 2 when a version has errors', async () => {
    expect(
      (
        await cli(
          'create',
          'BH02',
          '--table',
          'borelog',
          '--by',
          'ann',
          '--from',
          path.join(dir, 'bad.csv'),
          '--store',
          store,
        )
      ).code,
    ).toBe(0)
    const res = await cli('validate', 'BH02', '--json', '--store', store)
    expect(res.code).toBe(2)
    const findings = JSON.parse(res.stdout)
    expect(
      findings.some(
        (f: { severity: string; row: number }) => f.severity === 'error' && f.row === 2,
      ),
    ).toBe(true)
    const ok = await cli('validate', 'BH01', '--json', '--store', store)
    expect(ok.code).toBe(0)
    expect(
      JSON.parse(ok.stdout).filter((f: { severity: string }) => f.severity === 'error'),
    ).toEqual([])
    expect(
      (await cli('approve', 'BH02', '--by', 'rev', '--version', '1', '--store', store)).code,
    ).toBe(2)
  })

  it('reject needs --reason; bad ids exit 2; missing records exit 4', async () => {
    expect(
      (await cli('reject', 'BH02', '--by', 'rev', '--version', '1', '--store', store)).code,
    ).toBe(2)
    expect(
      (
        await cli(
          'reject',
          'BH02',
          '--by',
          'rev',
          '--version',
          '1',
          '--reason',
          'top below base at 6.0 m',
          '--store',
          store,
        )
      ).code,
    ).toBe(0)
    expect((await cli('meta', '../etc', '--store', store)).code).toBe(2)
    expect((await cli('meta', 'NOPE', '--store', store)).code).toBe(4)
    expect((await cli('frobnicate')).code).toBe(2)
    expect((await cli('meta', 'BH01', '--store', store, '--bogus')).code).toBe(2)
  })

  it('export writes changed records and a manifest; the cursor makes the next export incremental', async () => {
    const first = JSON.parse(
      (await cli('export', '--out', path.join(dir, 'exp1'), '--json', '--store', store)).stdout,
    )
    expect(first.records.map((r: { record_id: string }) => r.record_id).sort()).toEqual([
      'BH01',
      'BH02',
    ])
    const manifest = JSON.parse(await fs.readFile(path.join(dir, 'exp1/manifest.json'), 'utf8'))
    expect(manifest.cursor).toBe(first.cursor)
    const none = JSON.parse(
      (
        await cli(
          'export',
          '--out',
          path.join(dir, 'exp2'),
          '--since',
          first.cursor,
          '--json',
          '--store',
          store,
        )
      ).stdout,
    )
    expect(none.records).toEqual([])
    await cli('update', 'BH02', '--by', 'ann', '--from', path.join(dir, 'v1.csv'), '--store', store)
    const next = JSON.parse(
      (
        await cli(
          'export',
          '--out',
          path.join(dir, 'exp3'),
          '--since',
          none.cursor,
          '--json',
          '--store',
          store,
        )
      ).stdout,
    )
    expect(
      next.records.map((r: { record_id: string; version: number }) => [r.record_id, r.version]),
    ).toEqual([['BH02', 2]])
    const approvedOnly = JSON.parse(
      (
        await cli(
          'export',
          '--out',
          path.join(dir, 'exp4'),
          '--status',
          'approved',
          '--json',
          '--store',
          store,
        )
      ).stdout,
    )
    expect(approvedOnly.records.map((r: { record_id: string }) => r.record_id)).toEqual(['BH01'])
    expect(
      (
        await cli(
          'export',
          '--out',
          path.join(dir, 'exp5'),
          '--since',
          'not-a-cursor',
          '--store',
          store,
        )
      ).code,
    ).toBe(2)
  })

  it('export-metadata writes one Parquet table of all history that DuckDB can query', async () => {
    const out = path.join(dir, 'history.parquet')
    expect((await cli('export-metadata', '--out', out, '--store', store)).code).toBe(0)
    const db = await (await DuckDBInstance.create(':memory:')).connect()
    const rows = (
      await db.runAndReadAll(
        `SELECT record_id, count(*)::INTEGER AS n FROM read_parquet('${out}') GROUP BY record_id ORDER BY record_id`,
      )
    ).getRowObjectsJS()
    expect(rows).toEqual([
      { record_id: 'BH01', n: 3 },
      { record_id: 'BH02', n: 3 },
    ])
  })

  it('verify exits 0 on a sound store and 1 after a byte is flipped; repair never deletes a version', async () => {
    expect((await cli('verify', '--store', store)).code).toBe(0)
    const file = path.join(store, 'records/BH01/versions/v1.parquet')
    const bytes = await fs.readFile(file)
    bytes[100]! ^= 0xff
    await fs.writeFile(file, bytes)
    const res = await cli('verify', '--json', '--store', store)
    expect(res.code).toBe(1)
    expect(JSON.parse(res.stdout).problems[0]).toMatchObject({
      recordId: 'BH01',
      code: 'INTEGRITY',
      version: 1,
    })
    expect((await cli('repair', '--store', store)).code).toBe(1)
    await expect(fs.stat(file)).resolves.toBeTruthy()
  })
})
