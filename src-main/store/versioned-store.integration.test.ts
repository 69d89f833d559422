// The store's behaviour on the local folder backend: the shared suite (test/store-contract.ts,
// also run on S3 by versioned-store.s3.integration.test.ts), plus what only a folder has.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { describeStoreContract } from '../../test/store-contract'
import { LocalFolderStore } from '../object-store/index'
import { VersionedStore } from './index'

describeStoreContract('local folder', async () => {
  const { dir, cleanup } = await tempDir()
  return {
    objects: new LocalFolderStore(dir),
    reopen: () => new LocalFolderStore(dir),
    rawWrite: async (key, bytes) => {
      await fs.mkdir(path.dirname(path.join(dir, key)), { recursive: true })
      await fs.writeFile(path.join(dir, key), bytes)
    },
    dispose: cleanup,
  }
})

describe('on disk', () => {
  it('a record is one folder: records/{id}/metadata.json and versions/vN.parquet, nothing else', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const store = await VersionedStore.open(new LocalFolderStore(dir))
      await store.createRecord({
        recordId: 'BH01',
        table: sampleHole(),
        tableName: 'borelog',
        createdBy: 'a',
      })
      await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b' })
      expect((await fs.readdir(path.join(dir, 'records/BH01'))).sort()).toEqual([
        'metadata.json',
        'versions',
      ])
      expect((await fs.readdir(path.join(dir, 'records/BH01/versions'))).sort()).toEqual([
        'v1.parquet',
        'v2.parquet',
      ])
      const onDisk = JSON.parse(
        await fs.readFile(path.join(dir, 'records/BH01/metadata.json'), 'utf8'),
      )
      expect(onDisk).toMatchObject({ record_id: 'BH01', current_version: 2 })
    } finally {
      await cleanup()
    }
  })
})
