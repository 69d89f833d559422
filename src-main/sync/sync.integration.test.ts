// Sync between two real stores in temp folders (the remote is a folder here: the logic is
// backend-neutral; sync.s3.integration.test.ts runs the same ideas against RGW with the
// network cut). Every test names the invariant it holds.
import { afterEach, describe, expect, it } from 'vitest'

import { StoreUnavailableError } from '../../shared/errors'
import { tempDir } from '../../test/support/borelog-fixtures'
import { BASE_ROWS, cell, edited, log, rowsOf } from '../../test/support/sync-fixtures'
import { LocalFolderStore, type ObjectStore } from '../object-store/index'
import { VersionedStore, checkChain, verifyStore } from '../store/index'
import { listConflicts, pull, push, resolve, sync, syncStatus } from './index'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function folder(): Promise<string> {
  const { dir, cleanup } = await tempDir('borelog-sync-')
  cleanups.push(cleanup)
  return dir
}

async function openStore(objects: ObjectStore): Promise<VersionedStore> {
  return VersionedStore.open(objects)
}

async function threeStores(): Promise<{
  a: VersionedStore
  b: VersionedStore
  remote: VersionedStore
  remoteDir: string
}> {
  const remoteDir = await folder()
  return {
    a: await openStore(new LocalFolderStore(await folder())),
    b: await openStore(new LocalFolderStore(await folder())),
    remote: await openStore(new LocalFolderStore(remoteDir)),
    remoteDir,
  }
}

/** A store whose every write fails once `writesLeft` reaches 0: a connection that drops mid-sync. */
class DroppingStore extends LocalFolderStore {
  writesLeft = Infinity
  private spend(key: string): void {
    if (this.writesLeft-- <= 0) throw new StoreUnavailableError(`connection dropped writing ${key}`)
  }
  override async putIfAbsent(key: string, bytes: Uint8Array) {
    this.spend(key)
    return super.putIfAbsent(key, bytes)
  }
  override async putIfMatch(key: string, bytes: Uint8Array, etag: string) {
    this.spend(key)
    return super.putIfMatch(key, bytes, etag)
  }
}

describe('push and pull without divergence', () => {
  it('a record pushed and pulled arrives byte for byte: same files, same history, same numbers', async () => {
    const { a, b, remote } = await threeStores()
    await a.createRecord({
      recordId: 'BH01',
      table: log(),
      tableName: 'borelog',
      createdBy: 'ann',
      header: { project: 'Mill' },
    })
    await a.updateRecord({
      recordId: 'BH01',
      table: log(edited(BASE_ROWS, 0.4, { spt_n: 14 })),
      updatedBy: 'ann',
    })
    const pushed = await push(a, remote)
    expect(pushed.pushed).toEqual([{ recordId: 'BH01', versions: [1, 2], reviews: 0 }])
    const pulled = await pull(b, remote)
    expect(pulled.pulled).toEqual([{ recordId: 'BH01', versions: [1, 2], reviews: 0 }])
    const [ma, mr, mb] = await Promise.all([a, remote, b].map((s) => s.getMetadata('BH01')))
    expect(mr!.history).toEqual(ma!.history)
    expect(mb!.history).toEqual(ma!.history)
    for (const v of [1, 2]) {
      expect(await remote.getVersionFile('BH01', v)).toEqual(await a.getVersionFile('BH01', v))
      expect(await b.getVersionFile('BH01', v)).toEqual(await a.getVersionFile('BH01', v))
    }
    expect(mb!.header).toEqual({ project: 'Mill' })
    for (const s of [a, b, remote]) expect((await verifyStore(s)).problems).toEqual([])
  })

  it('sync is idempotent: a second run copies nothing and reports up to date', async () => {
    const { a, remote } = await threeStores()
    await a.createRecord({ recordId: 'BH01', table: log(), tableName: 'borelog', createdBy: 'ann' })
    expect((await sync(a, remote)).pushed).toHaveLength(1)
    const again = await sync(a, remote)
    expect(again.pushed).toEqual([])
    expect(again.pulled).toEqual([])
    expect(again.upToDate).toBe(true)
    expect(await remote.getAllVersions('BH01')).toEqual([1])
  })

  it('approvals made on the remote come down, and the local status follows', async () => {
    const { a, b, remote } = await threeStores()
    await a.createRecord({ recordId: 'BH01', table: log(), tableName: 'borelog', createdBy: 'ann' })
    await sync(a, remote)
    await sync(b, remote)
    await b.approveRecord({ recordId: 'BH01', version: 1, by: 'rev', comment: 'ok' })
    await sync(b, remote)
    const res = await sync(a, remote)
    expect(res.pulled).toEqual([{ recordId: 'BH01', versions: [], reviews: 1 }])
    const meta = await a.getMetadata('BH01')
    expect(meta).toMatchObject({ status: 'approved', approved_by: 'rev' })
    expect(meta.history).toEqual((await remote.getMetadata('BH01')).history)
  })

  it('an approval is never pushed for a version the remote has moved past', async () => {
    const { a, b, remote } = await threeStores()
    await a.createRecord({ recordId: 'BH01', table: log(), tableName: 'borelog', createdBy: 'ann' })
    await sync(a, remote)
    await sync(b, remote)
    await a.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' }) // offline, on v1
    await b.updateRecord({
      recordId: 'BH01',
      table: log(edited(BASE_ROWS, 2.1, { spt_n: 40 })),
      updatedBy: 'bob',
    })
    await sync(b, remote) // the remote moves to v2
    const res = await sync(a, remote)
    expect(res.declined).toEqual([
      expect.objectContaining({
        recordId: 'BH01',
        version: 1,
        action: 'approve',
        reason: 'moved-past',
      }),
    ])
    const remoteMeta = await remote.getMetadata('BH01')
    expect(remoteMeta.history.map((e) => e.action)).toEqual(['create', 'update'])
    expect(remoteMeta.status).toBe('draft')
    // Locally the approval stays history, and the record is the new draft.
    const localMeta = await a.getMetadata('BH01')
    expect(localMeta.history.map((e) => [e.action, e.version])).toEqual([
      ['create', 1],
      ['approve', 1],
      ['update', 2],
    ])
    expect(localMeta.status).toBe('draft')
    expect((await sync(a, remote)).declined).toEqual([])
  })

  it('a local approval of the remote’s current draft is pushed', async () => {
    const { a, remote } = await threeStores()
    await a.createRecord({ recordId: 'BH01', table: log(), tableName: 'borelog', createdBy: 'ann' })
    await sync(a, remote)
    await a.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
    const res = await sync(a, remote)
    expect(res.pushed).toEqual([{ recordId: 'BH01', versions: [], reviews: 1 }])
    expect((await remote.getMetadata('BH01')).status).toBe('approved')
  })
})

describe('divergence', () => {
  async function divergedPair(localRows: typeof BASE_ROWS, remoteRows: typeof BASE_ROWS) {
    const stores = await threeStores()
    const { a, b, remote } = stores
    await a.createRecord({
      recordId: 'BH01',
      table: log(),
      tableName: 'borelog',
      createdBy: 'ann',
      header: { project: 'Mill', method: 'CP' },
    })
    await sync(a, remote)
    await sync(b, remote)
    await a.updateRecord({
      recordId: 'BH01',
      table: log(localRows),
      updatedBy: 'ann',
      comment: 'field edit',
    })
    await b.updateRecord({
      recordId: 'BH01',
      table: log(remoteRows),
      updatedBy: 'bob',
      comment: 'office edit',
    })
    await b.updateRecord({
      recordId: 'BH01',
      table: log(edited(remoteRows, 5, { remarks: 'core loss' })),
      updatedBy: 'bob',
    })
    await sync(b, remote)
    return stores
  }

  it('edits on both sides merge by key into a new draft naming both parents; the local edit is kept', async () => {
    const { a, b, remote } = await divergedPair(
      edited(BASE_ROWS, 0.4, { description: 'Firm grey CLAY' }),
      edited(BASE_ROWS, 2.1, { spt_n: 41 }),
    )
    const res = await sync(a, remote)
    expect(res.conflicts).toEqual([])
    // local: v1 base, v2 ours, v3-v4 the remote's two, v5 the merge
    expect(res.merged).toEqual([{ recordId: 'BH01', version: 5, mergedFrom: [2, 4] }])
    expect(await cell(a, 'BH01', 0.4, 'description')).toBe('Firm grey CLAY')
    expect(await cell(a, 'BH01', 2.1, 'spt_n')).toBe(41)
    expect(await cell(a, 'BH01', 5, 'remarks')).toBe('core loss')
    const local = await a.getMetadata('BH01')
    const mergeEntry = local.history[local.history.length - 1]!
    expect(mergeEntry).toMatchObject({
      version: 5,
      action: 'merge',
      status: 'draft',
      merged_from: [2, 4],
      parents: [2, 4],
      parent_version: 4,
    })
    expect(local.history.find((e) => e.version === 2)).toMatchObject({
      created_by: 'ann',
      comment: 'field edit',
    })
    expect(local.history.find((e) => e.version === 3)).toMatchObject({
      created_by: 'bob',
      comment: 'office edit',
      synced_from: { version: 2 },
    })
    expect((await a.readVersionInfo('BH01', 5)).merged_from).toEqual([2, 4])

    // The remote gets the local edit and the merge: v4 is the local v2, v5 the merge.
    const remoteMeta = await remote.getMetadata('BH01')
    expect(remoteMeta.current_version).toBe(5)
    expect(remoteMeta.history.find((e) => e.version === 4)).toMatchObject({
      created_by: 'ann',
      comment: 'field edit',
      synced_from: { version: 2 },
    })
    expect(remoteMeta.history.find((e) => e.version === 5)).toMatchObject({
      action: 'merge',
      merged_from: [4, 3],
      parents: [4, 3],
    })
    expect(rowsOf(await remote.getLatestVersion('BH01'))).toEqual(
      rowsOf(await a.getLatestVersion('BH01')),
    )

    // The numbers line up again: the next edit travels byte for byte.
    await sync(b, remote)
    await b.updateRecord({
      recordId: 'BH01',
      table: log(edited(BASE_ROWS, 0, { remarks: 'hand pit' })),
      updatedBy: 'bob',
    })
    await sync(b, remote)
    await sync(a, remote)
    expect(await a.getVersionFile('BH01', 6)).toEqual(await remote.getVersionFile('BH01', 6))
    for (const s of [a, b, remote]) {
      expect((await verifyStore(s)).problems).toEqual([])
      expect(checkChain((await s.getMetadata('BH01')).history)).toEqual([])
    }
  })

  it('the same cell changed on both sides is a conflict: nothing is committed, the local edit stays current', async () => {
    const { a, remote } = await divergedPair(
      edited(BASE_ROWS, 2.1, { spt_n: 38 }),
      edited(BASE_ROWS, 2.1, { spt_n: 41 }),
    )
    const res = await sync(a, remote)
    expect(res.upToDate).toBe(false)
    expect(res.merged).toEqual([])
    expect(res.conflicts).toEqual([
      {
        recordId: 'BH01',
        baseVersion: 1,
        localVersion: 2,
        remoteVersion: 3,
        conflicts: [
          expect.objectContaining({
            kind: 'cell',
            column: 'spt_n',
            key: { hole_id: 'BH01', depth_top_m: 2.1 },
            base: 35,
            ours: 38,
            theirs: 41,
          }),
        ],
      },
    ])
    expect(await a.getAllVersions('BH01')).toEqual([1, 2])
    expect(await cell(a, 'BH01', 2.1, 'spt_n')).toBe(38)
    expect(await remote.getAllVersions('BH01')).toEqual([1, 2, 3]) // the local edit was not pushed over it
    expect((await syncStatus(a, remote)).state).toBe('conflicts')
    // Syncing again reports it again and changes nothing.
    expect((await sync(a, remote)).conflicts).toHaveLength(1)
    expect(await a.getAllVersions('BH01')).toEqual([1, 2])
  })

  it('resolve answers each conflict (offline), commits the merge, and the next sync pushes it', async () => {
    const { a, remote, remoteDir } = await divergedPair(
      edited(BASE_ROWS, 2.1, { spt_n: 38, description: 'Dense grey SAND' }),
      edited(BASE_ROWS, 2.1, { spt_n: 41, description: 'Dense brown SAND' }),
    )
    await sync(a, remote)
    const [listed] = await listConflicts(a, remote.location)
    expect(listed!.conflicts.map((c) => c.column).sort()).toEqual(['description', 'spt_n'])
    const byColumn = Object.fromEntries(listed!.conflicts.map((c) => [c.column, c.id]))
    const resolved = await resolve(a, remote.location, {
      recordId: 'BH01',
      resolutions: { [byColumn.spt_n!]: { value: 40 }, [byColumn.description!]: 'theirs' },
      user: 'ann',
    })
    expect(resolved).toEqual({ version: 5, mergedFrom: [2, 4] })
    expect(await cell(a, 'BH01', 2.1, 'spt_n')).toBe(40)
    expect(await cell(a, 'BH01', 2.1, 'description')).toBe('Dense brown SAND')
    expect(await cell(a, 'BH01', 5, 'remarks')).toBe('core loss')
    expect(await listConflicts(a, remote.location)).toEqual([])
    void remoteDir
    const res = await sync(a, remote)
    expect(res.pushed).toEqual([{ recordId: 'BH01', versions: [4, 5], reviews: 0 }])
    expect(res.upToDate).toBe(true)
    expect(await cell(remote, 'BH01', 2.1, 'spt_n')).toBe(40)
    expect((await syncStatus(a, remote)).state).toBe('up-to-date')
  })

  it('a resolution must answer every conflict: otherwise MERGE_CONFLICT and nothing is saved', async () => {
    const { a, remote } = await divergedPair(
      edited(BASE_ROWS, 2.1, { spt_n: 38, description: 'Dense grey SAND' }),
      edited(BASE_ROWS, 2.1, { spt_n: 41, description: 'Dense brown SAND' }),
    )
    await sync(a, remote)
    const [listed] = await listConflicts(a, remote.location)
    await expect(
      resolve(a, remote.location, {
        recordId: 'BH01',
        resolutions: { [listed!.conflicts[0]!.id]: 'ours' },
      }),
    ).rejects.toMatchObject({ code: 'MERGE_CONFLICT' })
    await expect(
      resolve(a, remote.location, { recordId: 'BH01', resolutions: { nope: 'ours' } }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
    const all = Object.fromEntries(listed!.conflicts.map((c) => [c.id, 'ours' as const]))
    await expect(
      resolve(a, remote.location, { recordId: 'BH01', resolutions: all, localVersion: 1 }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' })
    expect(await a.getAllVersions('BH01')).toEqual([1, 2])
  })

  it('a header property changed on both sides is a conflict resolved like a cell', async () => {
    const stores = await threeStores()
    const { a, b, remote } = stores
    await a.createRecord({
      recordId: 'BH01',
      table: log(),
      tableName: 'borelog',
      createdBy: 'ann',
      header: { project: 'Mill', method: 'CP' },
    })
    await sync(a, remote)
    await sync(b, remote)
    await a.updateRecord({
      recordId: 'BH01',
      table: log(),
      updatedBy: 'ann',
      header: { project: 'Mill', method: 'RC' },
    })
    await b.updateRecord({
      recordId: 'BH01',
      table: log(),
      updatedBy: 'bob',
      header: { project: 'Mill Lane', method: 'CP+RC' },
    })
    await sync(b, remote)
    const res = await sync(a, remote)
    expect(res.conflicts[0]!.conflicts).toEqual([
      expect.objectContaining({
        id: 'header:method',
        kind: 'header',
        ours: 'RC',
        theirs: 'CP+RC',
        base: 'CP',
      }),
    ])
    await resolve(a, remote.location, {
      recordId: 'BH01',
      resolutions: { 'header:method': 'ours' },
    })
    const meta = await a.getMetadata('BH01')
    expect(meta.header).toEqual({ project: 'Mill Lane', method: 'RC' })
  })

  it('a record created on both sides under one id merges with nothing as its base', async () => {
    const { a, b, remote } = await threeStores()
    await a.createRecord({
      recordId: 'BH01',
      table: log(BASE_ROWS.slice(0, 2)),
      tableName: 'borelog',
      createdBy: 'ann',
    })
    await b.createRecord({
      recordId: 'BH01',
      table: log(BASE_ROWS.slice(1)),
      tableName: 'borelog',
      createdBy: 'bob',
    })
    await sync(b, remote)
    const res = await sync(a, remote)
    expect(res.conflicts).toEqual([])
    expect(res.merged).toEqual([{ recordId: 'BH01', version: 3, mergedFrom: [1, 2] }])
    expect((await a.getLatestVersion('BH01')).numRows).toBe(4)
    expect(await remote.getAllVersions('BH01')).toEqual([1, 2, 3])
  })
})

describe('resumable and incremental', () => {
  it('a push cut by a dropped connection resumes on retry and duplicates nothing', async () => {
    const remoteDir = await folder()
    const a = await openStore(new LocalFolderStore(await folder()))
    for (const id of ['BH01', 'BH02', 'BH03', 'BH04']) {
      await a.createRecord({
        recordId: id,
        table: log(BASE_ROWS, id),
        tableName: 'borelog',
        createdBy: 'ann',
      })
      await a.updateRecord({
        recordId: id,
        table: log(edited(BASE_ROWS, 0, { remarks: 'x' }), id),
        updatedBy: 'ann',
      })
    }
    for (let cut = 1; cut < 12; cut += 2) {
      const dropping = new DroppingStore(remoteDir)
      dropping.writesLeft = cut
      await expect(push(a, await openStore(dropping))).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
      })
    }
    const remote = await openStore(new LocalFolderStore(remoteDir))
    const res = await push(a, remote)
    expect(res.upToDate).toBe(true)
    for (const id of ['BH01', 'BH02', 'BH03', 'BH04']) {
      expect(await remote.getAllVersions(id)).toEqual([1, 2])
      expect((await remote.getMetadata(id)).history).toEqual((await a.getMetadata(id)).history)
    }
    expect((await verifyStore(remote)).problems).toEqual([])
  })

  it('a pull cut mid-way resumes with the records it had not done', async () => {
    const { a, b, remote } = await threeStores()
    for (const id of ['BH01', 'BH02', 'BH03', 'BH04', 'BH05'])
      await a.createRecord({
        recordId: id,
        table: log(BASE_ROWS, id),
        tableName: 'borelog',
        createdBy: 'ann',
      })
    await push(a, remote)
    const localDir = (b.objects as LocalFolderStore).location
    const dropping = new DroppingStore(localDir)
    dropping.writesLeft = 9
    await expect(pull(await openStore(dropping), remote, { concurrency: 1 })).rejects.toMatchObject(
      { code: 'STORE_UNAVAILABLE' },
    )
    const partial = (
      await Promise.all(
        ['BH01', 'BH02', 'BH03', 'BH04', 'BH05'].map((id) =>
          b.getMetadata(id).then(
            () => 1,
            () => 0,
          ),
        ),
      )
    ).reduce<number>((x, y) => x + y, 0)
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(5)
    const res = await pull(b, remote)
    expect(res.upToDate).toBe(true)
    for (const id of ['BH01', 'BH02', 'BH03', 'BH04', 'BH05'])
      expect((await b.getMetadata(id)).history).toEqual((await remote.getMetadata(id)).history)
  })

  it('a cancelled sync stops between records with CANCELLED and the next run finishes the rest', async () => {
    const { a, remote } = await threeStores()
    const ids = ['BH01', 'BH02', 'BH03', 'BH04', 'BH05', 'BH06']
    for (const id of ids)
      await a.createRecord({
        recordId: id,
        table: log(BASE_ROWS, id),
        tableName: 'borelog',
        createdBy: 'ann',
      })
    const stop = new AbortController()
    const progress: number[] = []
    await expect(
      sync(a, remote, {
        concurrency: 1,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.phase === 'records') progress.push(p.recordsDone)
          if (p.recordsDone === 2) stop.abort()
        },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(progress.length).toBeLessThan(ids.length)
    const res = await sync(a, remote)
    expect(res.upToDate).toBe(true)
    for (const id of ids) expect(await remote.getAllVersions(id)).toEqual([1])
  })

  it('losing sync/ state costs a full comparison, never a duplicate', async () => {
    const { a, remote } = await threeStores()
    await a.createRecord({ recordId: 'BH01', table: log(), tableName: 'borelog', createdBy: 'ann' })
    await sync(a, remote)
    for await (const info of a.objects.list('sync/')) await a.objects.delete(info.key)
    const res = await sync(a, remote)
    expect(res.pushed).toEqual([])
    expect(res.pulled).toEqual([])
    expect(await remote.getAllVersions('BH01')).toEqual([1])
  })

  it('an incremental pull reads only the records that changed', async () => {
    const { a, b, remote, remoteDir } = await threeStores()
    for (let i = 0; i < 20; i++)
      await a.createRecord({
        recordId: `BH${i}`,
        table: log(BASE_ROWS, `BH${i}`),
        tableName: 'borelog',
        createdBy: 'ann',
      })
    await sync(a, remote)
    await pull(b, remote)
    await a.updateRecord({
      recordId: 'BH7',
      table: log(edited(BASE_ROWS, 0, { remarks: 'x' }), 'BH7'),
      updatedBy: 'ann',
    })
    await sync(a, remote)
    const reads: string[] = []
    class Counting extends LocalFolderStore {
      override async get(key: string) {
        reads.push(key)
        return super.get(key)
      }
    }
    const res = await pull(b, await openStore(new Counting(remoteDir)))
    expect(res.pulled).toEqual([{ recordId: 'BH7', versions: [2], reviews: 0 }])
    const recordReads = reads.filter((k) => k.startsWith('records/'))
    expect(recordReads.sort()).toEqual([
      'records/BH7/metadata.json',
      'records/BH7/versions/v2.parquet',
    ])
  })

  it('syncStatus counts what to push and pull, and says offline when the remote cannot be reached', async () => {
    const { a, b, remote, remoteDir } = await threeStores()
    await a.createRecord({ recordId: 'BH01', table: log(), tableName: 'borelog', createdBy: 'ann' })
    await a.createRecord({
      recordId: 'BH02',
      table: log(BASE_ROWS, 'BH02'),
      tableName: 'borelog',
      createdBy: 'ann',
    })
    expect(await syncStatus(a, remote)).toMatchObject({
      state: 'changes',
      toPush: 2,
      toPull: 0,
      conflicts: 0,
    })
    await sync(a, remote)
    expect(await syncStatus(a, remote)).toMatchObject({ state: 'up-to-date', toPush: 0, toPull: 0 })
    await sync(b, remote)
    await b.approveRecord({ recordId: 'BH02', version: 1, by: 'rev' })
    await sync(b, remote)
    expect(await syncStatus(a, remote)).toMatchObject({ state: 'changes', toPush: 0, toPull: 1 })
    class Offline extends LocalFolderStore {
      override async get(key: string): Promise<never> {
        throw new StoreUnavailableError(`offline reading ${key}`)
      }
      override async *list(): AsyncIterable<never> {
        throw new StoreUnavailableError('offline listing')
      }
    }
    const offline = await VersionedStore.open(new Offline(remoteDir), { registry: remote.registry })
    await a.updateRecord({
      recordId: 'BH01',
      table: log(edited(BASE_ROWS, 0, { remarks: 'x' })),
      updatedBy: 'ann',
    })
    expect(await syncStatus(a, offline)).toMatchObject({
      state: 'offline',
      toPush: 1,
      toPull: null,
    })
  })
})
