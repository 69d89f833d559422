import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { BORELOG_KEY, borelog, rowsOf, type Interval } from '../../../test/fixtures/diff/tables'
import { decodeParquet, encodeParquet } from '../../parquet/index'
import type { CliIo } from '../command'
import { main } from '../main'
import { identityEnv } from '../../../test/support/run-cli'

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  // The caller's identity is the one --by names, as BORELOG_USER would select it.
  const io: CliIo = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTty: false,
    env: identityEnv(argv),
  }
  const code = await main(argv, io)
  return { code, out, err }
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'diff-cli-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const base: Interval[] = [
  {
    hole_id: 'BH01',
    depth_top_m: 0,
    depth_base_m: 0.4,
    description: 'MADE GROUND',
    legend_code: '601',
  },
  {
    hole_id: 'BH01',
    depth_top_m: 0.4,
    depth_base_m: 2.1,
    description: 'Firm brown CLAY',
    legend_code: '201',
    spt_n: 12,
  },
  {
    hole_id: 'BH01',
    depth_top_m: 2.1,
    depth_base_m: 5,
    description: 'Dense SAND',
    legend_code: '401',
    spt_n: 35,
  },
]

function writeParquet(name: string, rows: Interval[]): string {
  const file = path.join(dir, name)
  writeFileSync(file, encodeParquet(borelog(rows)))
  return file
}

describe('borelog-desk merge', () => {
  it('writes the merge of non-overlapping edits and exits 0', async () => {
    const files = [
      writeParquet('base.parquet', base),
      writeParquet(
        'ours.parquet',
        base.map((r, i) => (i === 1 ? { ...r, description: 'Firm to stiff brown CLAY' } : r)),
      ),
      writeParquet(
        'theirs.parquet',
        base.map((r, i) => (i === 2 ? { ...r, spt_n: 38 } : r)),
      ),
    ]
    const out = path.join(dir, 'merged.parquet')
    const r = await run([
      'merge',
      '--base',
      files[0]!,
      '--ours',
      files[1]!,
      '--theirs',
      files[2]!,
      '--table',
      'borelog',
      '--out',
      out,
      '--json',
    ])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({
      conflicts: [],
      written: true,
      out,
      rows: 3,
      findings: [],
    })
    const merged = rowsOf(decodeParquet(new Uint8Array(readFileSync(out))))
    expect(merged.map((x) => [x.description, x.spt_n])).toEqual([
      ['MADE GROUND', null],
      ['Firm to stiff brown CLAY', 12],
      ['Dense SAND', 38],
    ])
  })

  it('validates the merge of a registered table like a draft, and still writes it', async () => {
    const files = [
      writeParquet('base.parquet', base),
      writeParquet(
        'ours.parquet',
        base.map((r, i) => (i === 2 ? { ...r, depth_base_m: 1 } : r)),
      ),
      writeParquet('theirs.parquet', base),
    ]
    const out = path.join(dir, 'merged.parquet')
    const r = await run([
      'merge',
      '--base',
      files[0]!,
      '--ours',
      files[1]!,
      '--theirs',
      files[2]!,
      '--table',
      'borelog',
      '--out',
      out,
      '--json',
    ])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out) as {
      written: boolean
      findings: { severity: string; row: number }[]
    }
    expect(json.written).toBe(true)
    expect(json.findings).toContainEqual(expect.objectContaining({ severity: 'error', row: 2 }))
  })

  it('lists conflicts as JSON, exits 3 and writes nothing', async () => {
    const files = [
      writeParquet('base.parquet', base),
      writeParquet(
        'ours.parquet',
        base.map((r, i) => (i === 1 ? { ...r, spt_n: 13 } : r)),
      ),
      writeParquet(
        'theirs.parquet',
        base.map((r, i) => (i === 1 ? { ...r, spt_n: 15 } : r)),
      ),
    ]
    const out = path.join(dir, 'merged.parquet')
    const r = await run([
      'merge',
      '--base',
      files[0]!,
      '--ours',
      files[1]!,
      '--theirs',
      files[2]!,
      '--key',
      BORELOG_KEY.join(','),
      '--out',
      out,
      '--json',
    ])
    expect(r.code).toBe(3)
    const json = JSON.parse(r.out) as { written: boolean; conflicts: Record<string, unknown>[] }
    expect(json.written).toBe(false)
    expect(json.conflicts).toEqual([
      expect.objectContaining({
        id: 'c1',
        kind: 'cell',
        key: { hole_id: 'BH01', depth_top_m: 0.4 },
        column: 'spt_n',
        base: 12,
        ours: 13,
        theirs: 15,
      }),
    ])
    expect(existsSync(out)).toBe(false)
  })

  it('merges CSV files typed by the table definition', async () => {
    const header =
      'hole_id,depth_top_m,depth_base_m,description,legend_code,geology_code,spt_n,sample_refs,water_strike_m,remarks'
    const csv = (desc: string, spt: string) => `${header}\nBH01,0,0.4,${desc},601,,${spt},,,\n`
    writeFileSync(path.join(dir, 'base.csv'), csv('Topsoil', '3'))
    writeFileSync(path.join(dir, 'ours.csv'), csv('Topsoil with roots', '3'))
    writeFileSync(path.join(dir, 'theirs.csv'), csv('Topsoil', '4'))
    const out = path.join(dir, 'merged.csv')
    const r = await run([
      'merge',
      ...['base', 'ours', 'theirs'].flatMap((s) => [`--${s}`, path.join(dir, `${s}.csv`)]),
      '--table',
      'borelog',
      '--out',
      out,
    ])
    expect(r.code).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('Topsoil with roots')
    expect(readFileSync(out, 'utf8')).toMatch(/,4,/)
  })

  it('exits 2 for a missing key choice, both choices, or an unknown table', async () => {
    const f = writeParquet('base.parquet', base)
    const files = ['--base', f, '--ours', f, '--theirs', f, '--out', path.join(dir, 'o.parquet')]
    expect((await run(['merge', ...files])).code).toBe(2)
    expect((await run(['merge', ...files, '--table', 'borelog', '--key', 'hole_id'])).code).toBe(2)
    expect((await run(['merge', ...files, '--table', 'nope'])).code).toBe(2)
  })
})

describe('borelog-desk diff', () => {
  async function storeWithTwoVersions(): Promise<string> {
    const store = path.join(dir, 'store')
    const v1 = writeParquet('v1.parquet', base)
    const v2 = writeParquet('v2.parquet', [
      base[0]!,
      { ...base[1]!, depth_base_m: 1.2, description: 'Firm to stiff brown CLAY' },
      { ...base[1]!, depth_top_m: 1.2, description: 'Stiff brown CLAY', spt_n: 20 },
      base[2]!,
    ])
    expect(
      (
        await run([
          'create',
          'BH01',
          '--table',
          'borelog',
          '--by',
          'j.doe',
          '--from',
          v1,
          '--store',
          store,
        ])
      ).code,
    ).toBe(0)
    expect(
      (await run(['update', 'BH01', '--by', 'j.doe', '--from', v2, '--store', store])).code,
    ).toBe(0)
    return store
  }

  it('--summary --json prints the row counts and schema changes', async () => {
    const store = await storeWithTwoVersions()
    const r = await run(['diff', 'BH01', '1', '2', '--store', store, '--summary', '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({
      added: 1,
      removed: 0,
      changed: 1,
      unchanged: 2,
      changed_cells: 2,
      schema_changes: [],
    })
  })

  it('prints a readable report with the split layer and changed cells', async () => {
    const store = await storeWithTwoVersions()
    const r = await run(['diff', 'BH01', '1', '2', '--store', store])
    expect(r.code).toBe(0)
    expect(r.out).toContain('1 added, 0 removed, 1 changed')
    expect(r.out).toContain('BH01: split 0.40-2.10 m -> 0.40-1.20, 1.20-2.10 m')
    expect(r.out).toContain('description: "Firm brown CLAY" -> "Firm to stiff brown CLAY"')
    expect(r.out).not.toContain('\u001b[')
  })

  it('exits 4 for a version the record does not have', async () => {
    const store = await storeWithTwoVersions()
    expect((await run(['diff', 'BH01', '1', '3', '--store', store])).code).toBe(4)
    expect((await run(['diff', 'BH01', '1', 'x', '--store', store])).code).toBe(2)
  })
})
