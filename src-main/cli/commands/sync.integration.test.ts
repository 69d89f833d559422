// borelog-desk sync, push, pull and resolve on folders (the S3 flags are exercised against
// RGW in src-main/sync/sync.s3.integration.test.ts): JSON shapes, answers from a file, and
// the exit codes scripts rely on.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { tempDir } from '../../../test/support/borelog-fixtures'
import { runCliInProcess, type CliResult } from '../../../test/support/run-cli'

let dir: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('borelog-sync-cli-'))
})
afterAll(() => cleanup())

function cli(...argv: string[]): Promise<CliResult> {
  return runCliInProcess(argv)
}

const csv = (description: string, spt: number): string =>
  'hole_id,depth_top_m,depth_base_m,description,legend_code,geology_code,spt_n,sample_refs,water_strike_m,remarks\n' +
  `BH01,0,0.4,MADE GROUND,601,MG,,,,\nBH01,0.4,2.1,${description},201,,${spt},,,\n`

describe('borelog-desk sync commands', () => {
  it('conflicts are answered from a JSON file; unknown ids and missing conflicts are refused', async () => {
    const [a, b, remote] = ['a', 'b', 'remote'].map((n) => path.join(dir, n))
    const file = (name: string, text: string): Promise<string> =>
      fs.writeFile(path.join(dir, name), text).then(() => path.join(dir, name))
    await cli(
      'create',
      'BH01',
      '--table',
      'borelog',
      '--by',
      'ann',
      '--from',
      await file('v1.csv', csv('Firm CLAY', 12)),
      '--store',
      a!,
    )
    expect((await cli('sync', '--store', a!, '--remote', remote!)).code).toBe(0)
    expect((await cli('pull', '--store', b!, '--remote', remote!)).code).toBe(0)
    await cli(
      'update',
      'BH01',
      '--by',
      'ann',
      '--from',
      await file('a.csv', csv('Firm grey CLAY', 14)),
      '--store',
      a!,
    )
    await cli(
      'update',
      'BH01',
      '--by',
      'bob',
      '--from',
      await file('b.csv', csv('Firm brown CLAY', 16)),
      '--store',
      b!,
    )
    expect((await cli('sync', '--store', b!, '--remote', remote!)).code).toBe(0)

    const res = await cli('sync', '--store', a!, '--remote', remote!, '--json')
    expect(res.code).toBe(3)
    const conflicts = JSON.parse(res.stdout).conflicts[0].conflicts as {
      id: string
      column: string
    }[]
    expect(conflicts.map((c) => c.column).sort()).toEqual(['description', 'spt_n'])

    const shown = await cli('resolve', 'BH01', '--store', a!, '--remote', remote!, '--json')
    expect(shown.code).toBe(3)
    expect(JSON.parse(shown.stdout).conflicts).toHaveLength(2)
    const bad = await file('bad.json', JSON.stringify({ nope: 'ours' }))
    expect(
      (await cli('resolve', 'BH01', '--store', a!, '--remote', remote!, '--answers', bad)).code,
    ).toBe(2)
    const answers = Object.fromEntries(
      conflicts.map((c) => [c.id, c.column === 'spt_n' ? { value: 15 } : 'ours']),
    )
    const saved = await cli(
      'resolve',
      'BH01',
      '--store',
      a!,
      '--remote',
      `${remote}/`,
      '--answers',
      await file('answers.json', JSON.stringify(answers)),
      '--json',
    )
    expect(saved.code).toBe(0)
    expect(JSON.parse(saved.stdout)).toEqual({ record_id: 'BH01', version: 4, mergedFrom: [2, 3] })
    expect((await cli('resolve', 'BH01', '--store', a!, '--remote', remote!)).code).toBe(4)

    expect((await cli('sync', '--store', a!, '--remote', remote!)).code).toBe(0)
    await cli('get', 'BH01', '--out', path.join(dir, 'out.csv'), '--store', remote!)
    const merged = await fs.readFile(path.join(dir, 'out.csv'), 'utf8')
    expect(merged).toContain('Firm grey CLAY')
    expect(merged).toMatch(/Firm grey CLAY,201,,15,/)
  })

  it('push exits 3 while the remote has changes to pull first, and pushes after a pull', async () => {
    const [a, b, remote] = ['pa', 'pb', 'premote'].map((n) => path.join(dir, n))
    await fs.writeFile(path.join(dir, 'p1.csv'), csv('Firm CLAY', 12))
    await fs.writeFile(path.join(dir, 'p2.csv'), csv('Stiff CLAY', 12))
    await cli(
      'create',
      'BH01',
      '--table',
      'borelog',
      '--by',
      'ann',
      '--from',
      path.join(dir, 'p1.csv'),
      '--store',
      a!,
    )
    await cli('sync', '--store', a!, '--remote', remote!)
    await cli('sync', '--store', b!, '--remote', remote!)
    await cli('approve', 'BH01', '--by', 'rev', '--version', '1', '--store', b!)
    await cli('sync', '--store', b!, '--remote', remote!)
    await cli('update', 'BH01', '--by', 'ann', '--from', path.join(dir, 'p2.csv'), '--store', a!)
    const behind = await cli('push', '--store', a!, '--remote', remote!, '--json')
    expect(behind.code).toBe(3)
    expect(JSON.parse(behind.stdout).waiting).toEqual(['BH01'])
    expect((await cli('pull', '--store', a!, '--remote', remote!)).code).toBe(0)
    const pushed = await cli('push', '--store', a!, '--remote', remote!, '--json')
    expect(pushed.code).toBe(0)
    expect(JSON.parse(pushed.stdout).pushed).toEqual([
      { recordId: 'BH01', versions: [2], reviews: 0 },
    ])
  })

  it('sync, push and pull refuse a --remote folder of other files (exit 2), writing nothing', async () => {
    const local = path.join(dir, 'refused-local')
    const other = path.join(dir, 'not-a-store')
    await fs.mkdir(path.join(other, 'photos'), { recursive: true })
    await fs.writeFile(path.join(other, 'photos', 'site.jpg'), 'jpeg')
    await fs.writeFile(path.join(other, 'notes.txt'), 'mine')
    const before = (await fs.readdir(other, { recursive: true })).sort()
    for (const command of ['sync', 'push', 'pull']) {
      const res = await cli(command, '--store', local, '--remote', other)
      expect(res.code).toBe(2)
      expect(res.stderr).toContain('not a Borelog store')
      expect(res.stderr.trim().split('\n')).toHaveLength(1)
    }
    expect((await fs.readdir(other, { recursive: true })).sort()).toEqual(before)
  })

  it('--store must be the local folder: an s3:// store is refused (exit 2)', async () => {
    const res = await cli('sync', '--store', 's3://bucket/team', '--remote', path.join(dir, 'r'))
    expect(res.code).toBe(2)
    expect(res.stderr.trim().split('\n')).toHaveLength(1)
  })
})
