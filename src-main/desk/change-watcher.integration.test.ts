// store.changed is said once per change: a commit made here is announced by the call
// that made it and not again when the watcher finds it in changes/; a commit made by
// another writer is announced by the watcher, once.
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { EventOf } from '../../shared/ipc/contract'
import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { openBorelogStore } from '../catalog/index'
import type { VersionedStore } from '../store/index'
import { approveVersion, saveDraft } from './review'
import { Workspace } from './workspace'

const WATCH_MS = 40

/** Long enough for the watcher to look several times. */
function severalLooks(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, WATCH_MS * 8))
}

function createHole(store: VersionedStore, holeId: string): Promise<unknown> {
  return store.createRecord({
    recordId: holeId,
    table: sampleHole(holeId),
    tableName: 'borelog',
    createdBy: 'field.one',
    header: { hole_id: holeId },
  })
}

describe('one announcement per change', () => {
  let cleanup: () => Promise<void>
  let other: VersionedStore
  let workspace: Workspace
  const changed: string[][] = []

  beforeEach(async () => {
    const made = await tempDir('borelog-announce-')
    cleanup = made.cleanup
    const storeDir = join(made.dir, 'store')
    // Another process's view of the same folder.
    ;({ store: other } = await openBorelogStore(storeDir))
    await createHole(other, 'BH01')
    workspace = await Workspace.open({
      configDir: join(made.dir, '.config'),
      host: 'browser',
      overrides: { storeLocation: storeDir, userName: 'desk.reviewer' },
      watchIntervalMs: WATCH_MS,
    })
    changed.length = 0
    workspace.events.subscribe((name, payload) => {
      if (name === 'store.changed')
        changed.push([...(payload as EventOf<'store.changed'>).recordIds])
    })
  })
  afterEach(async () => {
    await workspace.close()
    await cleanup()
  })

  const announcementsOf = (recordId: string): number =>
    changed.filter((ids) => ids.includes(recordId)).length

  it('an approval made here is announced once, not again by the watcher', async () => {
    await approveVersion(workspace.current(), { recordId: 'BH01', version: 1 })
    expect(announcementsOf('BH01')).toBe(1)
    await severalLooks()
    expect(announcementsOf('BH01')).toBe(1)
  })

  it('a draft saved here is announced once', async () => {
    const session = workspace.current()
    await session.drafts.open('BH01')
    await saveDraft(session, 'BH01', 'checked')
    await severalLooks()
    expect(announcementsOf('BH01')).toBe(1)
  })

  it("another writer's commit is announced once, by the watcher", async () => {
    await other.approveRecord({ recordId: 'BH01', version: 1, by: 'p.lindqvist', comment: null })
    await expect.poll(() => announcementsOf('BH01'), { timeout: 5000 }).toBe(1)
    await severalLooks()
    expect(announcementsOf('BH01')).toBe(1)
  })

  it("our announcement names another writer's commit made just before, and the watcher does not repeat either", async () => {
    await createHole(other, 'BH02')
    await approveVersion(workspace.current(), { recordId: 'BH01', version: 1 })
    await severalLooks()
    expect(announcementsOf('BH01')).toBe(1)
    expect(announcementsOf('BH02')).toBe(1)
  })

  it('a look made while our commit is under way leaves the record to that commit, announced once', async () => {
    const session = workspace.current()
    await session.committing(
      async () => {
        const metadata = await session.store.approveRecord({
          recordId: 'BH01',
          version: 1,
          by: 'desk.reviewer',
          comment: null,
        })
        // The watcher looks (and finds this commit's event) before the call returns.
        await severalLooks()
        return metadata
      },
      () => ['BH01'],
    )
    await severalLooks()
    expect(announcementsOf('BH01')).toBe(1)
  })
})
