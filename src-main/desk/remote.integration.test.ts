// Where sync may write, on real temp folders: the one store-or-empty rule, and one open
// remote (one client) per remote setting however often the status bar polls.
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import type { RemoteSettings } from '../../shared/ipc/contract'
import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { openBorelogStore } from '../catalog/index'
import { openObjectStore, type ObjectStore } from '../object-store/index'
import { requireStoreOrEmpty, storeLocationKind } from '../store/index'
import { EventHub } from './events'
import { openRemote } from './remote'
import { SyncDesk } from './sync-desk'
import { TaskRegistry } from './tasks'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function folder(): Promise<string> {
  const { dir, cleanup } = await tempDir('borelog-remote-')
  cleanups.push(cleanup)
  return dir
}

async function storeWith(ids: string[]): Promise<string> {
  const dir = await folder()
  const { store } = await openBorelogStore(dir)
  for (const id of ids)
    await store.createRecord({
      recordId: id,
      table: sampleHole(id),
      tableName: 'borelog',
      createdBy: 'field.one',
    })
  return dir
}

/** Every file and folder under dir, so a test can tell that nothing was written. */
async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort()
}

async function folderOfOtherFiles(): Promise<string> {
  const dir = await folder()
  await writeFile(join(dir, 'thesis.docx'), 'not a store')
  await mkdir(join(dir, 'photos'))
  await writeFile(join(dir, 'photos', 'site.jpg'), 'jpeg')
  return dir
}

const kindOf = (dir: string) => storeLocationKind(openObjectStore(dir))

describe('a store goes only in a store or an empty folder', () => {
  it('tells a store, an empty or missing folder and a folder of other files apart', async () => {
    expect(await kindOf(await storeWith(['BH01']))).toBe('store')
    expect(await kindOf(await folder())).toBe('empty')
    expect(await kindOf(join(await folder(), 'not-yet'))).toBe('empty')
    expect(await kindOf(await folderOfOtherFiles())).toBe('other')
    const oneFile = await folder()
    await writeFile(join(oneFile, 'notes.txt'), 'x')
    expect(await kindOf(oneFile)).toBe('other')
  })

  it('a non-empty folder that is not a store is refused as a remote, and nothing is written', async () => {
    const dir = await folderOfOtherFiles()
    const before = await listing(dir)
    await expect(requireStoreOrEmpty(openObjectStore(dir), 'remote')).rejects.toMatchObject({
      code: 'BAD_INPUT',
    })
    await expect(openRemote(dir, {})).rejects.toMatchObject({ code: 'BAD_INPUT' })
    expect(await listing(dir)).toEqual(before)
  })

  it('an empty folder and an existing store are accepted as remotes', async () => {
    const empty = await folder()
    expect((await openRemote(empty, {})).location).toBe(empty)
    const store = await storeWith(['BH01'])
    expect(await (await openRemote(store, {})).getAllVersions('BH01')).toEqual([1])
  })
})

describe('one open remote per remote setting', () => {
  it('polls reuse the open remote; a changed setting opens the new one once', async () => {
    const { store: local } = await openBorelogStore(await storeWith(['BH01']))
    const first = await storeWith([])
    const second = await folder()
    const setting = (url: string): RemoteSettings => ({
      url,
      endpoint: null,
      region: null,
      profile: null,
    })
    let remote = setting(first)
    const opened: string[] = []
    const events = new EventHub()
    const desk = new SyncDesk({
      remote: () => remote,
      user: () => 'field.one',
      events,
      tasks: new TaskRegistry(events),
      statusTtlMs: 0,
      openObjects: (url, s3): ObjectStore => {
        opened.push(url)
        return openObjectStore(url, s3)
      },
    })
    for (let poll = 0; poll < 5; poll++)
      expect(await desk.status(local)).toMatchObject({ state: 'changes', toPush: 1 })
    await desk.conflicts(local)
    expect(opened).toEqual([first])

    remote = setting(second)
    for (let poll = 0; poll < 5; poll++) await desk.status(local)
    expect(opened).toEqual([first, second])
    desk.close()
  })
})
