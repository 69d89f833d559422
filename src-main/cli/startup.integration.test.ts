// A command loads only what it uses (docs/CLI.md, "Start-up"): a listing of a folder store
// never loads the S3 SDK, parquet-wasm or the diff/merge/sync commands. Runs the built,
// code-split CLI in a real process with a resolve hook that logs every module it loads.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { tempDir } from '../../test/support/borelog-fixtures'
import { buildCli } from '../../test/support/build-cli'
import { runCliProcess } from '../../test/support/run-cli'
import { COMMANDS } from './commands/index'

const HOOK = pathToFileURL(path.resolve('test/support/load-log-hook.mjs')).href
const NOT_FOR_A_LISTING = [/@aws-sdk\//, /parquet-wasm/, /chunks\/(diff|merge|sync)-/]

let bin: string
let dir: string
let store: string
let cleanup: () => Promise<void>

/** Runs the CLI and returns the URLs of the modules it resolved. */
async function loadedBy(...args: string[]): Promise<string[]> {
  const log = path.join(dir, `loads-${args[0]}.txt`)
  const env = { ...process.env, BORELOG_LOAD_LOG: log, NODE_OPTIONS: `--import=${HOOK}` }
  const result = await runCliProcess(bin, args, env)
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return (await fs.readFile(log, 'utf8')).split('\n').filter(Boolean)
}

beforeAll(async () => {
  bin = await buildCli()
  ;({ dir, cleanup } = await tempDir('borelog-startup-'))
  store = path.join(dir, 'store')
  const csv = path.join(dir, 'v1.csv')
  await fs.writeFile(csv, 'hole_id,depth_top_m,depth_base_m,description\nBH01,0,1.5,Firm CLAY\n')
  const made = await runCliProcess(bin, [
    ...['create', 'BH01', '--table', 'borelog', '--by', 'ann', '--from', csv],
    ...['--store', store],
  ])
  expect(made.code, made.stderr).toBe(0)
})
afterAll(() => cleanup())

describe('CLI start-up', () => {
  it.each([
    ['list', '--json', '--store'],
    ['meta', 'BH01', '--store'],
    ['versions', 'BH01', '--store'],
  ])('%s on a folder store loads no S3 SDK, no parquet-wasm, no diff engine', async (...args) => {
    const loaded = await loadedBy(...args, store)
    // The hook sees the command's own chunk load: the log is real, not empty.
    expect(loaded.some((url) => /chunks\/records-/.test(url))).toBe(true)
    for (const pattern of NOT_FOR_A_LISTING)
      expect(loaded.filter((url) => pattern.test(url))).toEqual([])
  })

  it('--help loads no S3 SDK and no parquet-wasm', async () => {
    const loaded = await loadedBy('--help')
    expect(loaded.some((url) => /chunks\/diff-/.test(url))).toBe(true)
    expect(loaded.filter((url) => /@aws-sdk\/|parquet-wasm/.test(url))).toEqual([])
  })

  it('get --out FILE.parquet copies the stored file without decoding it (no parquet-wasm)', async () => {
    const out = path.join(dir, 'copy.parquet')
    const loaded = await loadedBy('get', 'BH01', '--version', '1', '--out', out, '--store', store)
    expect(loaded.filter((url) => /parquet-wasm/.test(url))).toEqual([])
    const stored = await fs.readFile(path.join(store, 'records', 'BH01', 'versions', 'v1.parquet'))
    expect(Buffer.compare(await fs.readFile(out), stored)).toBe(0)
  })

  it('every registry line loads the command it names', async () => {
    for (const entry of COMMANDS) expect((await entry.load()).name).toBe(entry.name)
  })

  it('a command that needs Parquet does load parquet-wasm (the check can fail)', async () => {
    const loaded = await loadedBy('get', 'BH01', '--out', path.join(dir, 'x.csv'), '--store', store)
    expect(loaded.some((url) => /parquet-wasm/.test(url))).toBe(true)
  })
})
