import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'

import { tempDir } from '../../test/support/borelog-fixtures'

describe('a journal append that fails leaves the journal as it was', () => {
  let child: string
  beforeAll(async () => {
    child = path.resolve('out/test-children', `journal-append-child-${process.pid}.mjs`)
    // Appends one long entry to the file named on the command line; prints ok or the error code.
    await build({
      stdin: {
        contents: `
          import { appendEntry } from ${JSON.stringify(path.resolve('src-main/drafts/journal.ts'))}
          const entry = { op: 'edit', at: 'now', edit: { kind: 'header', key: 'k', value: 'v'.repeat(3000) } }
          appendEntry(process.argv[2], entry).then(
            () => console.log('ok'),
            (e) => console.log(e.code ?? e.message),
          )`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      outfile: child,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      logLevel: 'warning',
    })
  })

  it('a short write (file size limit reached mid-line) is reported and cut back, never acknowledged', async () => {
    const { dir, cleanup } = await tempDir('borelog-journal-append-')
    try {
      const file = path.join(dir, 'j.jsonl')
      const before = `${'x'.repeat(999)}\n`
      await writeFile(file, before)
      // 2 KiB limit: the 3 KB line is written only in part (Node ignores SIGXFSZ, so the
      // write returns short instead of killing the process).
      const proc = spawn(
        'bash',
        ['-c', 'ulimit -f 2 && exec "$0" "$@"', process.execPath, child, file],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      let out = ''
      proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      await new Promise((resolve) => proc.on('exit', resolve))
      expect(out.trim()).toBe('STORE_UNAVAILABLE')
      expect(await readFile(file, 'utf8')).toBe(before)
    } finally {
      await cleanup()
    }
  })
})
