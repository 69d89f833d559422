// Each store operation reads metadata.json once and commits on top of that same snapshot:
// a second read could see another writer's change and let the operation check one state
// and commit on another. Counted on the real local-folder backend.
import { afterEach, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { WrappedStore } from '../../test/support/wrapped-store'
import { LocalFolderStore } from '../object-store/index'
import { VersionedStore } from './index'

describe('one snapshot of metadata.json per operation', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  async function storeWithRecord(tableName: string): Promise<{
    store: VersionedStore
    objects: WrappedStore
  }> {
    const { dir, cleanup } = await tempDir()
    cleanups.push(cleanup)
    const objects = new WrappedStore(new LocalFolderStore(dir))
    const store = await VersionedStore.open(objects)
    await store.createRecord({
      recordId: 'BH01',
      table: sampleHole(),
      tableName,
      createdBy: 'a',
      keyColumns: ['depth_top_m'],
    })
    objects.gets.clear()
    return { store, objects }
  }

  it('a save reads metadata.json once', async () => {
    const { store, objects } = await storeWithRecord('borelog')
    await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b' })
    expect(objects.getsOf('/metadata.json')).toBe(1)
  })

  it('a save of an unregistered table (rules from its v1) reads metadata.json once', async () => {
    const { store, objects } = await storeWithRecord('site_notes')
    await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b' })
    expect(objects.getsOf('/metadata.json')).toBe(1)
  })

  it('an approval and a rejection each read metadata.json once', async () => {
    const { store, objects } = await storeWithRecord('borelog')
    await store.approveRecord({ recordId: 'BH01', version: 1, by: 'r' })
    expect(objects.getsOf('/metadata.json')).toBe(1)
    await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b' })
    objects.gets.clear()
    await store.rejectRecord({ recordId: 'BH01', version: 2, by: 'r', reason: 'depths' })
    expect(objects.getsOf('/metadata.json')).toBe(1)
  })

  it('listing versions and re-validating read metadata.json once', async () => {
    const { store, objects } = await storeWithRecord('site_notes')
    await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b' })
    objects.gets.clear()
    expect(await store.listVersions('BH01')).toHaveLength(2)
    expect(objects.getsOf('/metadata.json')).toBe(1)
    objects.gets.clear()
    await store.validateVersion('BH01')
    expect(objects.getsOf('/metadata.json')).toBe(1)
  })
})
