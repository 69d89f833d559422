import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { checkAgs, readAgs } from '../../ags4/index'
import { REAL_DIR, RULES_DIR } from '../../ags4/test-fixtures'
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
  dir = mkdtempSync(path.join(tmpdir(), 'ags4-cli-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('borelog-desk import and export-ags', () => {
  it('imports a real file (one record per hole), re-imports as unchanged, exports a file that checks clean', async () => {
    const store = path.join(dir, 'store')
    const file = REAL_DIR + 'F69-B32.ags'
    const first = await run(['import', file, '--store', store, '--by', 'j.doe', '--json'])
    expect(first.code).toBe(0)
    const result = JSON.parse(first.out) as { records: { recordId: string; action: string }[] }
    expect(result.records.map((r) => r.action)).toEqual(Array(7).fill('created'))
    const again = await run(['import', file, '--store', store, '--by', 'j.doe'])
    expect(again.out).toMatch(/0 created, 0 updated, 7 unchanged/)
    const renamed = path.join(dir, 'F69-B32 rev B.ags')
    copyFileSync(file, renamed)
    const revB = await run(['import', renamed, '--store', store, '--by', 'j.doe'])
    expect(revB.out).toMatch(/0 created, 0 updated, 7 unchanged/)

    const out = path.join(dir, 'out', 'F69.ags')
    const ids = result.records.map((r) => r.recordId)
    const exported = await run(['export-ags', ...ids, '--store', store, '--out', out])
    expect(exported.code).toBe(0)
    expect(checkAgs(readAgs(new Uint8Array(readFileSync(out)))).errorCount).toBe(0)
    const check = await run(['check', out])
    expect(check.code).toBe(0)
  })

  it('refuses a file that is not AGS4 with exit 2 and writes nothing', async () => {
    const store = path.join(dir, 'store')
    const r = await run(['import', RULES_DIR + 'AGS3.ags', '--store', store, '--by', 'u'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/AGS3/)
    const list = await run([
      'import',
      RULES_DIR + 'Row_with_missing_field.ags',
      '--store',
      store,
      '--by',
      'u',
    ])
    expect(list.code).toBe(2)
  })

  it('export-ags: --version with several records is bad input; a missing record is not found', async () => {
    const store = path.join(dir, 'store')
    await run(['import', REAL_DIR + 'F69-B32.ags', '--store', store, '--by', 'u'])
    const out = path.join(dir, 'x.ags')
    expect(
      (await run(['export-ags', 'a', 'b', '--store', store, '--out', out, '--version', '1'])).code,
    ).toBe(2)
    expect((await run(['export-ags', 'nope', '--store', store, '--out', out])).code).toBe(4)
  })
})
