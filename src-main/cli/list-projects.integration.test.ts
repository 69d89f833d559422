// `list --min-version/--max-version` and the project commands through the built CLI, on
// real AGS4 files.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { readAgs } from '../ags4/parse'
import { REAL_DIR } from '../ags4/test-fixtures'
import { tempDir } from '../../test/support/borelog-fixtures'
import { buildCli } from '../../test/support/build-cli'
import { runCliProcess, type CliResult } from '../../test/support/run-cli'

let bin: string
let dir: string
let cleanup: () => Promise<void>

async function cli(...args: string[]): Promise<CliResult> {
  return runCliProcess(bin, args)
}

function idsOf(result: CliResult): string[] {
  return (JSON.parse(result.stdout) as { record_id: string }[]).map((r) => r.record_id).sort()
}

beforeAll(async () => {
  bin = await buildCli()
  ;({ dir, cleanup } = await tempDir('borelog-cli-projects-'))
})
afterAll(() => cleanup())

describe('borelog-desk list by version', () => {
  it('keeps the records whose current version is in range; bad numbers exit 2', async () => {
    const store = path.join(dir, 'by-version')
    const name = 'F69-B32.ags'
    const bytes = await fs.readFile(REAL_DIR + name)
    expect((await cli('import', REAL_DIR + name, '--store', store, '--by', 'a')).code).toBe(0)
    const changed = path.join(dir, 'F69-B32 rev B.ags')
    await fs.writeFile(
      changed,
      bytes.toString('latin1').replace('"BH2","1.52","2.29"', '"BH2","1.50","2.29"'),
      'latin1',
    )
    const r = await cli('import', changed, '--store', store, '--by', 'a', '--json')
    const updated = (
      JSON.parse(r.stdout) as { records: { recordId: string; action: string }[] }
    ).records
      .filter((x) => x.action === 'updated')
      .map((x) => x.recordId)
    expect(updated).toHaveLength(1)

    const all = idsOf(await cli('list', '--store', store, '--json'))
    expect(all).toHaveLength(7)
    expect(idsOf(await cli('list', '--min-version', '2', '--store', store, '--json'))).toEqual(
      updated,
    )
    expect(idsOf(await cli('list', '--max-version', '1', '--store', store, '--json'))).toEqual(
      all.filter((id) => !updated.includes(id)),
    )
    const both = await cli('list', '--min-version', '1', '--max-version', '2', '--store', store)
    expect(both.stdout).toMatch(/7 record\(s\)/)
    for (const bad of [
      ['--min-version', '0'],
      ['--max-version', '1.5'],
    ]) {
      const res = await cli('list', ...bad, '--store', store)
      expect(res.code, bad.join(' ')).toBe(2)
      expect(res.stderr).toMatch(new RegExp(bad[0] as string))
    }
    const crossed = await cli('list', '--min-version', '3', '--max-version', '2', '--store', store)
    expect(crossed.code).toBe(2)
  }, 180_000)
})

describe('borelog-desk projects', () => {
  it('list --project and export-ags --project select one project of two', async () => {
    const store = path.join(dir, 'projects')
    for (const name of ['F69-B32.ags', 'Hindley Mill Embankment FRA01.ags'])
      expect((await cli('import', REAL_DIR + name, '--store', store, '--by', 'a')).code).toBe(0)

    const byId = idsOf(await cli('list', '--project', 'TOP3398', '--store', store, '--json'))
    expect(byId).toHaveLength(12)
    expect(byId.every((id) => id.startsWith('TOP3398.'))).toBe(true)
    const byName = await cli('list', '--project', 'norwich - foulgers opening', '--store', store)
    expect(byName.stdout).toMatch(/7 record\(s\): 7 draft, 0 approved, 0 rejected/)
    expect(byName.stdout).not.toMatch(/TOP3398/)

    const out = path.join(dir, 'out', 'TOP3398.ags')
    const exported = await cli('export-ags', '--project', 'TOP3398', '--store', store, '--out', out)
    expect(exported.code, exported.stderr).toBe(0)
    const file = readAgs(new Uint8Array(await fs.readFile(out)))
    expect(file.groups.get('LOCA')?.rows).toHaveLength(12)
    expect((await cli('check', out)).code).toBe(0)

    const none = await cli('export-ags', '--project', 'NOPE', '--store', store, '--out', out)
    expect(none.code).toBe(4)
    expect(none.stderr).toMatch(/NOPE/)
  }, 180_000)
})
