// `npm start` must not leave its host running when npm is sent SIGTERM: npm passes the
// signal only to the shell it runs the script in, so the supervisor in between must
// notice on its own. A stand-in host records that it was asked to stop.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

import { afterEach, beforeEach, expect, it } from 'vitest'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'borelog-supervise-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (check()) return true
    await new Promise((done) => setTimeout(done, 50))
  }
  return check()
}

it('stops the host when the shell that npm started is killed', async () => {
  const stopped = join(dir, 'stopped')
  const started = join(dir, 'started')
  const host = `
    require('node:fs').writeFileSync(${JSON.stringify(started)}, '')
    process.on('SIGTERM', () => { require('node:fs').writeFileSync(${JSON.stringify(stopped)}, ''); process.exit(0) })
    setInterval(() => {}, 1000)`
  const supervisor = join(dir, 'supervisor.mjs')
  await writeFile(
    supervisor,
    `import { spawn } from 'node:child_process'
import { superviseChild } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'supervise.mjs')).href)}
superviseChild(spawn(process.execPath, ['-e', ${JSON.stringify(host)}], { stdio: 'inherit' }))
`,
  )
  // As npm runs a script: a shell that stays in between (`; true` keeps it from exec-ing).
  const shell = spawn('sh', ['-c', `"${process.execPath}" "${supervisor}"; true`], {
    stdio: 'inherit',
  })
  expect(await waitFor(() => existsSync(started), 20_000)).toBe(true)
  shell.kill('SIGTERM')
  expect(await waitFor(() => existsSync(stopped), 10_000)).toBe(true)
})
