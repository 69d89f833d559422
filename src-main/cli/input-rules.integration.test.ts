// The CLI's input rules (docs/CLI.md, "Input rules"), through the built bin in a real
// process: every refusal is one line on stderr with exit 2 (bad input) or 4 (not a
// store), and nothing is written for it.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { tempDir } from '../../test/support/borelog-fixtures'
import { buildCli } from '../../test/support/build-cli'
import { runCliProcess, type CliResult } from '../../test/support/run-cli'

let bin: string
let dir: string
let store: string
let csv: string
let cleanup: () => Promise<void>

const CSV = `hole_id,depth_top_m,depth_base_m,description,legend_code,geology_code,spt_n,sample_refs,water_strike_m,remarks
BH01,0,0.4,MADE GROUND,601,MG,,,,
BH01,0.4,2.1,Firm brown CLAY,201,,12,,,
`

function cli(...args: string[]): Promise<CliResult> {
  return runCliProcess(bin, args)
}

function create(recordId: string, ...flags: string[]): Promise<CliResult> {
  const by = flags.includes('--by') ? [] : ['--by', 'ann']
  const table = flags.includes('--table') ? [] : ['--table', 'borelog']
  const from = flags.includes('--from') ? [] : ['--from', csv]
  return cli('create', recordId, ...by, ...table, ...from, ...flags, '--store', store)
}

function expectOneLineRefusal(result: CliResult, code: number): void {
  expect(result.code, result.stderr).toBe(code)
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(result.stdout).toBe('')
}

beforeAll(async () => {
  bin = await buildCli()
  ;({ dir, cleanup } = await tempDir('borelog-cli-inputs-'))
  store = path.join(dir, 'store')
  csv = path.join(dir, 'v1.csv')
  await fs.writeFile(csv, CSV)
  expect((await create('R1')).code).toBe(0)
  expect((await create('P1')).code).toBe(0)
})
afterAll(() => cleanup())

describe('record ids', () => {
  it('an id equal to an existing one after NFKC_Casefold or a look-alike is refused, naming it', async () => {
    for (const [id, existing] of [
      ['r1', 'R1'],
      ['Ｒ１', 'R1'],
      ['Р1', 'P1'],
    ] as const) {
      const result = await create(id)
      expectOneLineRefusal(result, 2)
      expect(result.stderr).toContain(`record "${existing}" exists`)
    }
  })

  it('Windows device names, invisible and control characters are refused', async () => {
    for (const id of ['CON', 'NUL', 'aux', 'COM1', 'LPT1', 'con.txt', 'COM¹', 'R1\u3164', 'a\tb'])
      expectOneLineRefusal(await create(id), 2)
    expect((await fs.readdir(path.join(store, 'records'))).sort()).toEqual(['P1', 'R1'])
  }, 180_000)
})

describe('flags', () => {
  it('--version and --limit are decimal whole numbers from 1 to 2^53 - 1', async () => {
    for (const version of ['0x1', '1e3', '-1', '0', '1.0', '9999999999999999999', '+1']) {
      const result = await cli(
        'approve',
        'R1',
        '--by',
        'rev',
        '--version',
        version,
        '--store',
        store,
      )
      expectOneLineRefusal(result, 2)
      expect(result.stderr).toContain('--version must be a whole number')
    }
    for (const limit of ['-1', '0x1', '0'])
      expectOneLineRefusal(await cli('list', '--limit', limit, '--store', store), 2)
    const meta = await cli('meta', 'R1', '--store', store)
    expect(JSON.parse(meta.stdout)).toMatchObject({ status: 'draft', approved_by: null })
    expect((await cli('list', '--limit', '1', '--store', store, '--json')).code).toBe(0)
  }, 180_000)

  it('--table is [a-z][a-z0-9_]*; --by is one line of at most 100 characters', async () => {
    expectOneLineRefusal(await create('T1', '--table', '../../../../tmp/x'), 2)
    expectOneLineRefusal(await create('T1', '--by', 'x'.repeat(100_000)), 2)
    expectOneLineRefusal(await create('T1', '--by', 'ann\nroot'), 2)
    await expect(fs.stat(path.join(store, 'records', 'T1'))).rejects.toMatchObject({
      code: 'ENOENT',
    })
  })

  it('a parser error is one line too', async () => {
    expectOneLineRefusal(
      await cli('approve', 'R1', '--by', 'rev', '--version', '--store', store),
      2,
    )
    expectOneLineRefusal(await cli('list', '--nope', '--store', store), 2)
  })
})

describe('a read on a folder that is not a store', () => {
  it('exits 4 and writes nothing there', async () => {
    const empty = path.join(dir, 'empty')
    await fs.mkdir(empty)
    const missing = path.join(dir, 'missing')
    const file = path.join(dir, 'v1.csv')
    const reads = [
      ['list'],
      ['meta', 'R1'],
      ['versions', 'R1'],
      ['get', 'R1', '--out', path.join(dir, 'out.csv')],
      ['diff', 'R1', '1', '2'],
      ['validate', 'R1'],
    ]
    const runs = [
      ...reads.map((args) => [...args, '--store', missing]),
      ...[empty, file, '/'].map((where) => ['list', '--store', where]),
    ]
    for (const args of runs) {
      const result = await cli(...args)
      expectOneLineRefusal(result, 4)
      expect(result.stderr).toContain('is not a Borelog Desk store')
    }
    await expect(fs.stat(missing)).rejects.toMatchObject({ code: 'ENOENT' })
    expect(await fs.readdir(empty)).toEqual([])
    await expect(fs.stat('/catalog')).rejects.toMatchObject({ code: 'ENOENT' })
  }, 180_000)
})

describe('CSV', () => {
  it('a file that is not UTF-8 is read as Windows-1252 with a warning naming it, as import does', async () => {
    const cp1252 = path.join(dir, 'excel.csv')
    const text = CSV.replace('Firm brown CLAY', 'Firm brown CLAY at 5\u00b0')
    await fs.writeFile(cp1252, Buffer.from(text, 'latin1'))
    const result = await create('E1', '--from', cp1252)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain(`${cp1252} is not UTF-8; it was read as Windows-1252`)
    const out = path.join(dir, 'e1.csv')
    expect((await cli('get', 'E1', '--out', out, '--store', store)).code).toBe(0)
    const back = await fs.readFile(out, 'utf8')
    expect(back).toContain('Firm brown CLAY at 5°')
    expect(back).not.toContain('\ufffd')
  })

  it('a NUL in a cell is refused with its line and column', async () => {
    const nul = path.join(dir, 'nul.csv')
    await fs.writeFile(nul, CSV.replace('Firm brown CLAY', 'Firm\0CLAY'))
    const result = await create('N1', '--from', nul)
    expectOneLineRefusal(result, 2)
    expect(result.stderr).toContain('line 3, column 4 ("description")')
  })
})
