// bin/borelog-desk.mjs started directly finds the machine's Node through its shebang,
// which may be older than the project's; it then hands over to the project's Node 22,
// so a command prints the same and no runtime warning, however it was started.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

import { afterAll, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const store = mkdtempSync(join(tmpdir(), 'cli-node-'))
// An empty store: a read of a folder that is not a store exits 4 (docs/CLI.md, "Exit codes").
mkdirSync(join(store, 'records'))
afterAll(() => rmSync(store, { recursive: true, force: true }))

/** The first `node` on PATH outside node_modules: what the shebang finds outside npm. */
function machineNode(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir.includes('node_modules')) continue
    if (existsSync(join(dir, 'node'))) return join(dir, 'node')
  }
  throw new Error('No node on PATH outside node_modules')
}

it("the CLI run with the machine's Node prints no runtime warning, even on an S3 command", () => {
  // An S3 command loads the AWS SDK, which warns on every run under Node < 22; an
  // unreachable endpoint keeps the test local: the command fails with one line.
  const run = spawnSync(
    machineNode(),
    [
      join(root, 'bin/borelog-desk.mjs'),
      'list',
      '--json',
      '--store',
      's3://bucket1/p',
      '--endpoint',
      'http://127.0.0.1:1',
      '--region',
      'us-east-1',
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
    },
  )
  expect(run.stderr).not.toMatch(/Warning/)
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  expect(run.stderr).toMatch(/^borelog-desk list: .*127\.0\.0\.1:1/)
  expect(run.status).toBe(1)
})

it("the CLI run with the machine's Node answers as it does under npx", () => {
  const run = spawnSync(
    machineNode(),
    [join(root, 'bin/borelog-desk.mjs'), 'list', '--json', '--store', store],
    {
      encoding: 'utf8',
    },
  )
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  expect(JSON.parse(run.stdout)).toEqual([])
})
