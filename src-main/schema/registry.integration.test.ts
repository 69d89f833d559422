import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import { SCHEMAS_FILE, SchemaRegistry, type SchemasSource } from './registry'

let root: string

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'borelog-schema-'))
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** The store folder's objects as files, read as the local folder store reads them. */
function storeFolder(location: string): SchemasSource {
  return {
    location,
    async get(key) {
      try {
        return { bytes: new Uint8Array(await readFile(path.join(location, key))) }
      } catch (e) {
        // A missing file is a store without that object; any other failure is the test's.
        if ((e as { code?: unknown }).code === 'ENOENT') return null
        throw e
      }
    },
  }
}

async function loadError(): Promise<BorelogError> {
  try {
    await SchemaRegistry.load(storeFolder(root))
  } catch (e) {
    if (e instanceof BorelogError) return e
    throw e
  }
  throw new Error('expected a BorelogError')
}

const VALID = {
  tables: [
    {
      table_name: 'cpt',
      columns: [
        { name: 'hole_id', type: 'utf8' },
        { name: 'depth_m', type: 'float64', unit: 'm' },
      ],
      key_columns: ['hole_id', 'depth_m'],
    },
  ],
}

describe('SchemaRegistry.load from a store folder', () => {
  it('a store without schemas.json has the built-in tables only', async () => {
    const registry = await SchemaRegistry.load(storeFolder(root))
    expect(registry.tableNames()).toEqual(['borelog'])
  })

  it('reads schemas.json at the store root (a byte-order mark is fine)', async () => {
    await writeFile(path.join(root, SCHEMAS_FILE), '\uFEFF' + JSON.stringify(VALID, null, 2))
    const registry = await SchemaRegistry.load(storeFolder(root))
    expect(registry.tableNames()).toEqual(['borelog', 'cpt'])
    expect(registry.get('cpt')?.units).toEqual({ depth_m: 'm' })
  })

  it('a hand edit that breaks the JSON syntax is CORRUPT_METADATA naming the file', async () => {
    await writeFile(path.join(root, SCHEMAS_FILE), JSON.stringify(VALID).replace('"cpt",', '"cpt"'))
    const error = await loadError()
    expect(error.code).toBe('CORRUPT_METADATA')
    expect(error.details).toMatchObject({ where: path.join(root, SCHEMAS_FILE), path: '(root)' })
  })

  it('valid JSON of the wrong shape is CORRUPT_METADATA naming the file and JSON path', async () => {
    const broken = structuredClone(VALID)
    broken.tables[0]!.columns[1]!.type = 'double'
    await writeFile(path.join(root, SCHEMAS_FILE), JSON.stringify(broken))
    const error = await loadError()
    expect(error.code).toBe('CORRUPT_METADATA')
    expect(error.details).toMatchObject({
      where: path.join(root, SCHEMAS_FILE),
      path: 'tables[0].columns[1].type',
    })
  })

  it('bytes that are not UTF-8 are CORRUPT_METADATA', async () => {
    await writeFile(path.join(root, SCHEMAS_FILE), Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))
    expect((await loadError()).code).toBe('CORRUPT_METADATA')
  })
})
