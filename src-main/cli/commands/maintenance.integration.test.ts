// verify and repair from the command line: a path that is not a store is exit 4, never
// "OK: 0 record(s)"; a hand-forged status neither lists a record as approved nor blocks a
// real review, and verify names the forged field. Runs the built bin in a real process.
// See docs/CLI.md and docs/ARCHITECTURE.md, "Invariants".
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { tempDir } from '../../../test/support/borelog-fixtures'
import { buildCli } from '../../../test/support/build-cli'
import { runCliProcess, type CliResult } from '../../../test/support/run-cli'

let bin: string
let dir: string
let cleanup: () => Promise<void>

async function cli(...args: string[]): Promise<CliResult> {
  return runCliProcess(bin, args)
}

const CSV = `hole_id,depth_top_m,depth_base_m,description,legend_code
BH01,0,0.4,MADE GROUND,601
BH01,0.4,2.1,Firm brown CLAY,201
`

beforeAll(async () => {
  bin = await buildCli()
  ;({ dir, cleanup } = await tempDir('borelog-maintenance-'))
  await fs.writeFile(path.join(dir, 'v1.csv'), CSV)
})
afterAll(() => cleanup())

describe('verify and repair', () => {
  it.each(['verify', 'repair'])(
    '%s on a missing folder or a file exits 4 and writes nothing',
    async (command) => {
      const missing = path.join(dir, 'no-such-store')
      const file = path.join(dir, 'v1.csv')
      for (const location of [missing, file]) {
        const res = await cli(command, '--store', location)
        expect(res.code, res.stdout + res.stderr).toBe(4)
        expect(res.stderr).toContain('is not a Borelog Desk store')
        expect(res.stdout).not.toContain('OK')
      }
      await expect(fs.stat(missing)).rejects.toThrow()
      expect(await fs.readFile(file, 'utf8')).toBe(CSV)
    },
  )

  it('a forged approval is not listed as approved, does not block a real reject, and verify names it', async () => {
    const store = path.join(dir, 'forged')
    const created = await cli(
      'create',
      'BH01',
      '--table',
      'borelog',
      '--by',
      'ann',
      '--from',
      path.join(dir, 'v1.csv'),
      '--store',
      store,
    )
    expect(created.code, created.stderr).toBe(0)
    const file = path.join(store, 'records/BH01/metadata.json')
    const meta = JSON.parse(await fs.readFile(file, 'utf8'))
    await fs.writeFile(
      file,
      JSON.stringify(
        { ...meta, status: 'approved', approved_by: 'mallory', approved_at: meta.created_at },
        null,
        2,
      ),
    )
    await fs.rm(path.join(store, 'catalog'), { recursive: true, force: true })

    const listed = await cli('list', '--status', 'approved', '--json', '--store', store)
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.stdout)).toEqual([])
    const byMallory = await cli('list', '--approved-by', 'mallory', '--json', '--store', store)
    expect(JSON.parse(byMallory.stdout)).toEqual([])

    const verify = await cli('verify', '--json', '--store', store)
    expect(verify.code).toBe(1)
    const problems = JSON.parse(verify.stdout).problems as { code: string; message: string }[]
    expect(problems.filter((p) => p.code === 'FIELD_MISMATCH').map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'status is "approved" but its history and version files say "draft"',
        ),
      ]),
    )

    const rejected = await cli(
      'reject',
      'BH01',
      '--version',
      '1',
      '--by',
      'rev',
      '--reason',
      'SPT missing',
      '--store',
      store,
    )
    expect(rejected.code, rejected.stderr).toBe(0)
    expect((await cli('verify', '--store', store)).code).toBe(0)
  })
})
