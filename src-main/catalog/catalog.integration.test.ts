// The catalog answers listRecords from a cache fed by changes/: filters,
// sort, paging and status counts, and other processes' commits picked up on refresh.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { LocalFolderStore } from '../object-store/index'
import type { VersionedStore } from '../store/index'
import { openBorelogStore } from './index'

let dir: string
let cleanup: () => Promise<void>
let store: VersionedStore

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  store = (await openBorelogStore(dir)).store
})
afterEach(() => cleanup())

describe('catalog and queries', () => {
  it('listRecords filters, sorts, pages and counts by status', async () => {
    for (const [id, by] of [
      ['BH01', 'ann'],
      ['BH02', 'bob'],
      ['BH03', 'ann'],
      ['TP01', 'cat'],
    ] as const) {
      await store.createRecord({
        recordId: id,
        table: sampleHole(id),
        tableName: 'borelog',
        createdBy: by,
        header: { project: id.startsWith('TP') ? 'Trial pits' : 'Hindley Mill' },
      })
    }
    await store.approveRecord({ recordId: 'BH02', version: 1, by: 'rev' })
    await store.rejectRecord({ recordId: 'BH03', version: 1, by: 'rev', reason: 'no water data' })
    const drafts = await store.listRecords({ status: ['draft'] })
    expect(drafts.records.map((r) => r.record_id)).toEqual(['BH01', 'TP01'])
    expect(drafts.countsByStatus).toEqual({ draft: 2, approved: 1, rejected: 1 })
    expect((await store.listRecords({ createdBy: 'ann' })).total).toBe(2)
    expect(
      (await store.listRecords({ approvedBy: 'rev' })).records.map((r) => r.record_id),
    ).toEqual(['BH02'])
    expect((await store.listRecords({ idPrefix: 'TP' })).total).toBe(1)
    expect((await store.listRecords({ text: 'hindley' })).total).toBe(3)
    const page = await store.listRecords({
      sort: { field: 'record_id', direction: 'desc' },
      offset: 1,
      limit: 2,
    })
    expect(page.records.map((r) => r.record_id)).toEqual(['BH03', 'BH02'])
    expect(page.total).toBe(4)
  })

  it('another process’s commit reaches the catalog through changes/', async () => {
    const other = (await openBorelogStore(dir)).store
    await store.createRecord({
      recordId: 'BH01',
      table: sampleHole(),
      tableName: 'borelog',
      createdBy: 'a',
    })
    const { catalog } = await openBorelogStore(dir)
    await catalog.ready()
    expect(catalog.size).toBe(1)
    await other.createRecord({
      recordId: 'BH02',
      table: sampleHole('BH02'),
      tableName: 'borelog',
      createdBy: 'b',
    })
    await catalog.refresh(true)
    expect((await catalog.list({})).total).toBe(2)
  })
})

describe('catalog cost', () => {
  it('listRecords opens no metadata.json per call, and a cold open uses the snapshot', async () => {
    for (const id of ['BH01', 'BH02', 'BH03']) {
      await store.createRecord({
        recordId: id,
        table: sampleHole(id),
        tableName: 'borelog',
        createdBy: 'a',
      })
    }
    await (await openBorelogStore(dir)).catalog.rebuild() // writes a snapshot
    const reads: string[] = []
    class CountingStore extends LocalFolderStore {
      override async get(key: string) {
        reads.push(key)
        return super.get(key)
      }
    }
    const opened = await openBorelogStore(new CountingStore(dir))
    await opened.catalog.ready()
    expect(reads.filter((k) => k.endsWith('metadata.json'))).toEqual([])
    reads.length = 0
    for (let i = 0; i < 3; i++)
      expect((await opened.store.listRecords({ status: ['draft'] })).total).toBe(3)
    expect(reads.filter((k) => k.endsWith('metadata.json'))).toEqual([])
  })

  it('a damaged snapshot is only a cache: the catalog rebuilds from records/', async () => {
    await store.createRecord({
      recordId: 'BH01',
      table: sampleHole(),
      tableName: 'borelog',
      createdBy: 'a',
    })
    await (await openBorelogStore(dir)).catalog.rebuild()
    await fs.writeFile(path.join(dir, 'catalog/snapshot.json'), '{"format": 1, "records": "oops"')
    const { catalog } = await openBorelogStore(dir)
    expect((await catalog.list({})).records.map((r) => r.record_id)).toEqual(['BH01'])
  })
})
