// An outage is never read as "not there": a list, an export or a catalog that skipped
// the records it could not reach would drop them without a word, and a catalog would
// move its cursor past their changes for good.
import { promises as fs } from 'node:fs'

import { afterEach, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { codeOf } from '../../test/support/codes'
import { WrappedStore } from '../../test/support/wrapped-store'
import { openBorelogStore } from './index'
import { LocalFolderStore } from '../object-store/index'
import { exportChanges, exportMetadata, metadataKey } from '../store/index'

describe('an outage propagates', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  async function twoRecords(): Promise<{ dir: string; objects: WrappedStore }> {
    const { dir, cleanup } = await tempDir()
    cleanups.push(cleanup)
    const { store } = await openBorelogStore(dir)
    for (const id of ['BH01', 'BH02'])
      await store.createRecord({
        recordId: id,
        table: sampleHole(id),
        tableName: 'borelog',
        createdBy: 'a',
      })
    const objects = new WrappedStore(new LocalFolderStore(dir))
    objects.failGet = (key) => key === metadataKey('BH02')
    return { dir, objects }
  }

  it('listing records fails with STORE_UNAVAILABLE instead of leaving one out', async () => {
    const { objects } = await twoRecords()
    const { store } = await openBorelogStore(objects)
    expect(await codeOf(store.listRecords())).toBe('STORE_UNAVAILABLE')
    objects.failGet = () => false
    expect((await store.listRecords()).records.map((r) => r.record_id).sort()).toEqual([
      'BH01',
      'BH02',
    ])
  })

  it('exports fail with STORE_UNAVAILABLE instead of leaving a record out', async () => {
    const { dir, objects } = await twoRecords()
    const { store } = await openBorelogStore(objects)
    const out = `${dir}-export`
    cleanups.push(() => fs.rm(out, { recursive: true, force: true }))
    expect(await codeOf(exportChanges(store, { outDir: out }))).toBe('STORE_UNAVAILABLE')
    expect(await codeOf(exportMetadata(store, `${out}/metadata.parquet`))).toBe('STORE_UNAVAILABLE')
  })
})
