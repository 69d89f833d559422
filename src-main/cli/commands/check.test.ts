import { describe, expect, it } from 'vitest'

import { RULES_DIR, REAL_DIR } from '../../ags4/test-fixtures'
import type { CliIo } from '../command'
import { main } from '../main'

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false }
  const code = await main(argv, io)
  return { code, out, err }
}

describe('borelog-desk check', () => {
  it('exits 0 for a file with warnings only (LF line endings) and prints them', async () => {
    const r = await run(['check', REAL_DIR + 'F69-B32.ags'])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/warning Rule 2a/)
    expect(r.out).toMatch(/0 error\(s\), 1 warning\(s\) \(AGS 4\.0\.3 dictionary\)/)
  })

  it('exits 2 for a file with errors; --json gives the findings with rule, line, group, heading', async () => {
    const r = await run(['check', RULES_DIR + '4.1-rule7-1.ags', '--json'])
    expect(r.code).toBe(2)
    const json = JSON.parse(r.out) as { errorCount: number; findings: Record<string, unknown>[] }
    expect(json.errorCount).toBe(2)
    expect(json.findings[0]).toEqual({
      rule: 'Rule 7',
      line: 2,
      group: 'PROJ',
      heading: 'FILE_FSET',
      message:
        'Headings not in order starting from FILE_FSET. Expected order: ...PROJ_MEMO|FILE_FSET',
      severity: 'error',
    })
  })

  it('looks for Rule 20 files beside the AGS file', async () => {
    expect((await run(['check', RULES_DIR + '4.1-rule20OK.ags'])).code).toBe(0)
    const missing = await run(['check', RULES_DIR + '4.1-rule20-3.ags', '--json'])
    expect(missing.out).toContain('wrong Report.pdf')
  })

  it('exits 2 for something that is not AGS4 at all (AGS3, empty), saying why', async () => {
    const ags3 = await run(['check', RULES_DIR + 'AGS3.ags'])
    expect(ags3.code).toBe(2)
    expect(ags3.out).toMatch(/AGS3/)
    expect((await run(['check', RULES_DIR + 'EmptyFile.ags'])).code).toBe(2)
  })

  it('exits 4 for a missing file and 2 for a bad flag', async () => {
    expect((await run(['check', RULES_DIR + 'no-such-file.ags'])).code).toBe(4)
    expect((await run(['check', REAL_DIR + 'F69-B32.ags', '--dictionary', '3.1'])).code).toBe(2)
    expect((await run(['check'])).code).toBe(2)
  })

  it('--dictionary overrides TRAN_AGS', async () => {
    const r = await run(['check', REAL_DIR + 'F69-B32.ags', '--dictionary', '4.2', '--json'])
    expect((JSON.parse(r.out) as { dictionary: { version: string } }).dictionary.version).toBe(
      '4.2',
    )
  })
})
