import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { encodeParquet } from '../parquet/index'
import { generateBorelogTable } from '../schema/index'
import { DecodePool } from './decode-pool'

const repoRoot = resolve(import.meta.dirname, '..', '..')

describe('decode pool', () => {
  let dir: string
  let pool: DecodePool
  const table = generateBorelogTable(5000, 7)
  const bytes = encodeParquet(table, { rowGroupSize: 1000 })

  beforeAll(async () => {
    // Inside the repository, as out/host is: the worker's packages resolve from node_modules.
    await mkdir(join(repoRoot, 'out'), { recursive: true })
    dir = await mkdtemp(join(repoRoot, 'out', 'test-decode-'))
    // The worker as the host ships it: bundled to decode-worker.mjs.
    await build({
      entryPoints: [join(import.meta.dirname, 'decode-worker.ts')],
      outfile: join(dir, 'decode-worker.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    })
    pool = new DecodePool(pathToFileURL(join(dir, 'decode-worker.mjs')), 2)
  })
  afterAll(async () => {
    await pool.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('decodes in worker threads to the same table, leaving the caller bytes usable', async () => {
    expect(pool.workerCount).toBe(2)
    const [a, b] = await Promise.all([
      pool.decode(bytes, 'a.parquet'),
      pool.decode(bytes, 'b.parquet'),
    ])
    for (const decoded of [a, b]) {
      expect(decoded.numRows).toBe(5000)
      expect(decoded.schema.fields.map((f) => f.name)).toEqual(
        table.schema.fields.map((f) => f.name),
      )
      expect(decoded.getChild('description')?.get(4321)).toBe(
        table.getChild('description')?.get(4321),
      )
    }
    expect(bytes.byteLength).toBeGreaterThan(0)
  })

  it('a corrupt file is CORRUPT_PARQUET from a worker too, and the pool keeps working', async () => {
    const corrupt = new Uint8Array(bytes)
    corrupt.fill(7, 100, 4000)
    await expect(pool.decode(corrupt, 'corrupt.parquet')).rejects.toMatchObject({
      code: 'CORRUPT_PARQUET',
    })
    expect((await pool.decode(bytes, 'ok.parquet')).numRows).toBe(5000)
  })

  it('without a worker script it decodes in the calling thread', async () => {
    const inThread = new DecodePool(pathToFileURL(join(dir, 'missing.mjs')), 2)
    expect(inThread.workerCount).toBe(0)
    expect((await inThread.decode(bytes, 'x.parquet')).numRows).toBe(5000)
  })
})
