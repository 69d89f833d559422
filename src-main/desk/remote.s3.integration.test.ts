// The store-or-empty rule and one open remote per setting, against a real S3 server: a
// prefix holding other objects is refused (by the app's sync and the CLI) with nothing
// written; an empty prefix and an existing store are accepted; polls reuse one client.
import { randomBytes } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { RemoteSettings } from '../../shared/ipc/contract'
import { s3Target } from '../../test/setup/s3-target'
import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { runCliInProcess } from '../../test/support/run-cli'
import { openBorelogStore } from '../catalog/index'
import { openObjectStore, S3Store, type ObjectStore } from '../object-store/index'
import { storeLocationKind } from '../store/index'
import { EventHub } from './events'
import { openRemote } from './remote'
import { SyncDesk } from './sync-desk'
import { TaskRegistry } from './tasks'

const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
})

beforeAll(() => {
  // The app and the CLI take S3 credentials from the standard chain only.
  const { credentials } = s3Target()
  if (credentials) {
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey
  }
})

/** A fresh prefix of the test bucket, as a user would type it, with its S3 settings. */
function freshRemote(): RemoteSettings & { url: string } {
  const target = s3Target()
  return {
    url: `s3://${target.bucket}/${target.runPrefix}/remote-${randomBytes(6).toString('hex')}`,
    endpoint: target.endpoint ?? null,
    region: target.region ?? null,
    profile: target.profile ?? null,
  }
}

function s3Options(remote: RemoteSettings) {
  return {
    ...(remote.endpoint ? { endpoint: remote.endpoint } : {}),
    ...(remote.region ? { region: remote.region } : {}),
    ...(remote.profile ? { profile: remote.profile } : {}),
  }
}

function objectsOf(remote: RemoteSettings): S3Store {
  const objects = openObjectStore(remote.url, s3Options(remote)) as S3Store
  cleanups.push(() => objects.close())
  return objects
}

async function keysOf(objects: ObjectStore): Promise<string[]> {
  const keys: string[] = []
  for await (const info of objects.list('')) keys.push(info.key)
  return keys
}

async function localStore(ids: string[]): Promise<string> {
  const { dir, cleanup } = await tempDir('borelog-s3-local-')
  cleanups.push(cleanup)
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

function cliFlags(remote: RemoteSettings): string[] {
  return [
    '--remote',
    remote.url,
    ...(remote.endpoint ? ['--endpoint', remote.endpoint] : []),
    ...(remote.region ? ['--region', remote.region] : []),
    ...(remote.profile ? ['--profile', remote.profile] : []),
    ...(s3Target().forcePathStyle ? ['--path-style'] : []),
  ]
}

describe('an S3 remote must be a store or an empty prefix', () => {
  it('a prefix of other objects is refused by sync (app and CLI) and nothing is written', async () => {
    const remote = freshRemote()
    const objects = objectsOf(remote)
    await objects.putIfAbsent('notes.txt', new TextEncoder().encode('not a store'))
    await objects.putIfAbsent('photos/site.jpg', new TextEncoder().encode('jpeg'))
    const before = await keysOf(objects)
    expect(await storeLocationKind(objects)).toBe('other')
    await expect(openRemote(remote.url, s3Options(remote))).rejects.toMatchObject({
      code: 'BAD_INPUT',
    })
    const local = await localStore(['BH01'])
    for (const command of ['sync', 'push', 'pull']) {
      const res = await runCliInProcess([command, '--store', local, ...cliFlags(remote)])
      expect(res.code).toBe(2)
      expect(res.stderr).toContain('not a Borelog store')
    }
    expect(await keysOf(objects)).toEqual(before)
  })

  it('an empty prefix is accepted and filled; then it is an existing store, accepted again', async () => {
    const remote = freshRemote()
    const objects = objectsOf(remote)
    expect(await storeLocationKind(objects)).toBe('empty')
    const local = await localStore(['BH01'])
    expect((await runCliInProcess(['push', '--store', local, ...cliFlags(remote)])).code).toBe(0)
    expect(await storeLocationKind(objects)).toBe('store')
    const other = await localStore([])
    expect((await runCliInProcess(['pull', '--store', other, ...cliFlags(remote)])).code).toBe(0)
    const { store } = await openBorelogStore(other)
    expect(await store.getAllVersions('BH01')).toEqual([1])
  })

  it('status polls reuse one S3 client per remote setting', async () => {
    const remote = freshRemote()
    const { store: local } = await openBorelogStore(await localStore(['BH01']))
    let clients = 0
    const events = new EventHub()
    const desk = new SyncDesk({
      remote: () => remote,
      user: () => 'field.one',
      events,
      tasks: new TaskRegistry(events),
      statusTtlMs: 0,
      openObjects: (url, s3) => {
        const objects = openObjectStore(url, s3)
        if (objects instanceof S3Store) clients++
        return objects
      },
    })
    cleanups.push(() => desk.close())
    for (let poll = 0; poll < 5; poll++)
      expect(await desk.status(local)).toMatchObject({ state: 'changes', toPush: 1 })
    expect(clients).toBe(1)
  })
})
