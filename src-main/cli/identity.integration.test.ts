// Identities on the command line: `identity init/show`, --by checked against the caller's
// identity, and every write command (create, update, approve, reject, import, sync with
// its merge, resolve, push, pull) leaving only entries whose signatures verify.
// See docs/CLI.md, "Identity".
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { tempDir } from '../../test/support/borelog-fixtures'
import { runCliInProcess, type CliResult } from '../../test/support/run-cli'
import type { MetadataJson } from '../../shared/metadata'
import { REAL_DIR } from '../ags4/test-fixtures'

let dir: string
let cleanup: () => Promise<void>
let configDir: string

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('borelog-identity-cli-'))
  configDir = path.join(dir, 'config')
})
afterAll(() => cleanup())

/** Runs as `user` (BORELOG_USER) with this test's config folder; no user: the default identity. */
function as(user: string | null, ...argv: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, BORELOG_CONFIG_DIR: configDir }
  delete env.BORELOG_USER
  if (user !== null) env.BORELOG_USER = user
  return runCliInProcess(argv, env)
}

const csv = (description: string, spt: number): string =>
  'hole_id,depth_top_m,depth_base_m,description,legend_code,geology_code,spt_n,sample_refs,water_strike_m,remarks\n' +
  `BH01,0,0.4,MADE GROUND,601,MG,,,,\nBH01,0.4,2.1,${description},201,,${spt},,,\n`

async function file(name: string, text: string): Promise<string> {
  await fs.writeFile(path.join(dir, name), text)
  return path.join(dir, name)
}

async function fingerprintOf(user: string): Promise<string> {
  const shown = await as(user, 'identity', 'show', '--json')
  expect(shown.code).toBe(0)
  return (JSON.parse(shown.stdout) as { fingerprint: string }).fingerprint
}

async function histories(store: string): Promise<MetadataJson['history']> {
  const out: MetadataJson['history'] = []
  for (const id of await fs.readdir(path.join(store, 'records'))) {
    const text = await fs.readFile(path.join(store, 'records', id, 'metadata.json'), 'utf8')
    out.push(...(JSON.parse(text) as MetadataJson).history)
  }
  return out
}

describe('borelog-desk identity', () => {
  it('without an identity a write command says how to create one (exit 2); init then show', async () => {
    const store = path.join(dir, 'none')
    const refused = await as(
      null,
      'create',
      'BH01',
      '--table',
      'borelog',
      '--from',
      await file('n.csv', csv('CLAY', 1)),
      '--store',
      store,
    )
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/identity init --name/)
    await expect(fs.stat(path.join(store, 'records'))).rejects.toMatchObject({ code: 'ENOENT' })

    const init = await as(null, 'identity', 'init', '--name', 'Jo Doe', '--json')
    expect(init.code).toBe(0)
    const made = JSON.parse(init.stdout) as { name: string; fingerprint: string }
    expect(made.name).toBe('Jo Doe')
    expect(made.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    const shown = await as(null, 'identity', 'show')
    expect(shown.stdout).toContain('Jo Doe')
    expect(shown.stdout).toContain(made.fingerprint)

    // The private key is the user's alone, and lives in the config folder, not a store.
    const keyDir = path.join(configDir, 'identities')
    for (const name of await fs.readdir(keyDir)) {
      const mode = (await fs.stat(path.join(keyDir, name))).mode & 0o777
      expect(mode).toBe(0o600)
    }
    expect((await fs.stat(keyDir)).mode & 0o077).toBe(0)
    // init again keeps the key (stores bind the name to it).
    expect(
      JSON.parse((await as(null, 'identity', 'init', '--name', 'Jo Doe', '--json')).stdout),
    ).toEqual(JSON.parse(init.stdout))
  })

  it('--by defaults to the identity; --by naming anyone else is refused with exit 2', async () => {
    const store = path.join(dir, 'by')
    const from = await file('by.csv', csv('CLAY', 2))
    const made = await as(
      'ann',
      'create',
      'BH01',
      '--table',
      'borelog',
      '--from',
      from,
      '--store',
      store,
      '--json',
    )
    expect(made.code).toBe(0)
    expect((JSON.parse(made.stdout) as MetadataJson).created_by).toBe('ann')
    const claimed = await as(
      'ann',
      'approve',
      'BH01',
      '--version',
      '1',
      '--by',
      'chief',
      '--store',
      store,
    )
    expect(claimed.code).toBe(2)
    expect(claimed.stderr).toMatch(/--by "chief" is not your identity: you sign as "ann"/)
    expect(
      (await as('ann', 'approve', 'BH01', '--version', '1', '--by', 'ann', '--store', store)).code,
    ).toBe(0)
  })

  it('every CLI write signs its entries with the caller key, and verify --require-signatures passes', async () => {
    const [a, b, remote] = ['wa', 'wb', 'wremote'].map((n) => path.join(dir, n))
    const ok = async (p: Promise<CliResult>, code = 0): Promise<CliResult> => {
      const r = await p
      expect(r.stderr === '' || r.code === code ? r.code : r.stderr).toBe(code)
      return r
    }
    await ok(
      as(
        'ann',
        'create',
        'BH01',
        '--table',
        'borelog',
        '--from',
        await file('w1.csv', csv('Firm CLAY', 12)),
        '--store',
        a!,
      ),
    )
    await ok(
      as(
        'ann',
        'update',
        'BH01',
        '--from',
        await file('w2.csv', csv('Firm CLAY', 13)),
        '--store',
        a!,
      ),
    )
    await ok(as('rev', 'reject', 'BH01', '--version', '2', '--reason', 'check SPT', '--store', a!))
    await ok(
      as(
        'ann',
        'update',
        'BH01',
        '--from',
        await file('w3.csv', csv('Firm CLAY', 12)),
        '--store',
        a!,
      ),
    )
    await ok(as('rev', 'approve', 'BH01', '--version', '3', '--store', a!))
    await ok(as('ann', 'import', path.join(REAL_DIR, 'F69-B32.ags'), '--store', a!))
    await ok(as('ann', 'push', '--store', a!, '--remote', remote!))
    await ok(as('bob', 'pull', '--store', b!, '--remote', remote!))
    // Both sides edit BH01: a clean merge by sync, then a conflict answered by resolve.
    await ok(
      as(
        'ann',
        'update',
        'BH01',
        '--from',
        await file('wa.csv', csv('Firm grey CLAY', 12)),
        '--store',
        a!,
      ),
    )
    await ok(
      as(
        'bob',
        'update',
        'BH01',
        '--from',
        await file('wb.csv', csv('Firm CLAY', 12)).then(async (f) => {
          await fs.appendFile(f, 'BH01,2.1,3.0,SAND,401,,20,,,\n')
          return f
        }),
        '--store',
        b!,
      ),
    )
    await ok(as('bob', 'sync', '--store', b!, '--remote', remote!))
    await ok(as('ann', 'sync', '--store', a!, '--remote', remote!))
    await ok(as('bob', 'sync', '--store', b!, '--remote', remote!))
    await ok(
      as(
        'ann',
        'update',
        'BH01',
        '--from',
        await file('wc.csv', csv('Stiff CLAY', 30)),
        '--store',
        a!,
      ),
    )
    await ok(
      as(
        'bob',
        'update',
        'BH01',
        '--from',
        await file('wd.csv', csv('Soft CLAY', 4)),
        '--store',
        b!,
      ),
    )
    await ok(as('ann', 'sync', '--store', a!, '--remote', remote!))
    await ok(as('bob', 'sync', '--store', b!, '--remote', remote!), 3)
    await ok(as('bob', 'resolve', 'BH01', '--store', b!, '--remote', remote!, '--take', 'ours'))
    await ok(as('bob', 'sync', '--store', b!, '--remote', remote!))
    await ok(as('ann', 'sync', '--store', a!, '--remote', remote!))

    const keys = new Map([
      ['ann', await fingerprintOf('ann')],
      ['rev', await fingerprintOf('rev')],
      ['bob', await fingerprintOf('bob')],
    ])
    for (const store of [a!, b!, remote!]) {
      const verified = await as(null, 'verify', '--store', store, '--require-signatures', '--json')
      expect(verified.stdout).toContain('"ok": true')
      expect(verified.code).toBe(0)
      const entries = await histories(store)
      const actions = new Set(entries.map((e) => e.action))
      expect([...actions].sort()).toEqual(['approve', 'create', 'merge', 'reject', 'update'])
      for (const e of entries) {
        const origin = (e.synced_from as { entry?: typeof e } | undefined)?.entry ?? e
        expect(origin.signature?.key).toBe(keys.get(e.created_by))
      }
    }
  })
})
