// An outage is never read as "not there": a draft that could not ask the store whether it
// is behind must not say it is current. It lives here, not beside drafts/manager.ts,
// because the outage is staged on the object store, which drafts may not import.
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../support/borelog-fixtures'
import { codeOf } from '../support/codes'
import { WrappedStore } from '../support/wrapped-store'
import { openBorelogStore } from '../../src-main/catalog/index'
import { LocalFolderStore } from '../../src-main/object-store/index'
import { metadataKey } from '../../src-main/store/index'
import { DraftManager } from '../../src-main/drafts/index'

describe('working drafts in an outage', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  async function setUp(): Promise<{ objects: WrappedStore; drafts: DraftManager }> {
    const { dir, cleanup } = await tempDir('borelog-drafts-outage-')
    cleanups.push(cleanup)
    const objects = new WrappedStore(new LocalFolderStore(path.join(dir, 'store')))
    const { store } = await openBorelogStore(objects)
    await store.createRecord({
      recordId: 'BH1',
      table: sampleHole('BH1'),
      tableName: 'borelog',
      createdBy: 'field.one',
    })
    const drafts = new DraftManager({
      store,
      draftsDir: path.join(dir, 'drafts'),
      user: () => 'field.one',
    })
    cleanups.unshift(() => drafts.close())
    return { objects, drafts }
  }

  it('an edit that cannot check metadata.json fails with STORE_UNAVAILABLE before it is kept', async () => {
    const { objects, drafts } = await setUp()
    await drafts.open('BH1')
    objects.failGet = (key) => key === metadataKey('BH1')
    expect(
      await codeOf(
        drafts.edit('BH1', { kind: 'set', cells: [{ row: 0, column: 'description', value: 'x' }] }),
      ),
    ).toBe('STORE_UNAVAILABLE')
    objects.failGet = () => false
    // Refused, so not applied: retrying it must not apply it twice.
    expect(await drafts.open('BH1')).toMatchObject({ isBehind: false, editCount: 0 })
  })
})
