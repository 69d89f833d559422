// The app never writes a store among other files: a remote or store chosen through the
// contract (settings.update, store.open, sync.run) must be an existing store or an empty
// folder, checked by main before anything is written. Real temp folders throughout.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { openBorelogStore } from '../catalog/index'
import { settingsPath, Workspace } from '../desk/index'
import type { Dispatch } from './dispatch'
import { serveWorkspace } from './handlers'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function folder(): Promise<string> {
  const { dir, cleanup } = await tempDir('borelog-safe-')
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

async function folderOfOtherFiles(): Promise<string> {
  const dir = await folder()
  await writeFile(join(dir, 'budget.xlsx'), 'not a store')
  await writeFile(join(dir, 'notes.txt'), 'hello')
  return dir
}

async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort()
}

const remote = (url: string) => ({ remote: { url, endpoint: null, region: null, profile: null } })

async function app(): Promise<{ dispatch: Dispatch; configDir: string; localDir: string }> {
  const configDir = await folder()
  const localDir = await storeWith(['BH01', 'BH02'])
  const workspace = await Workspace.open({
    configDir,
    host: 'browser',
    watchIntervalMs: 0,
    overrides: { storeLocation: localDir, userName: 'ann.field' },
  })
  cleanups.push(() => workspace.close())
  return { dispatch: serveWorkspace(workspace), configDir, localDir }
}

async function errorCode(dispatch: Dispatch, channel: string, payload: unknown) {
  const res = await dispatch(channel, payload)
  return res.ok ? null : res.error.code
}

describe('remotes and stores chosen in the app', () => {
  it('settings.update refuses a remote folder of other files, writing nothing anywhere', async () => {
    const { dispatch, configDir } = await app()
    const target = await folderOfOtherFiles()
    const before = await listing(target)
    const settingsBefore = await readFile(settingsPath(configDir), 'utf8').catch(() => null)
    expect(await errorCode(dispatch, 'settings.update', remote(target))).toBe('BAD_INPUT')
    expect(await listing(target)).toEqual(before)
    expect(await readFile(settingsPath(configDir), 'utf8').catch(() => null)).toBe(settingsBefore)
    const settings = await dispatch('settings.get', {})
    expect(settings.ok && settings.value).toMatchObject({ remote: null })
  })

  it('sync.run refuses a remote that filled with other files after it was chosen', async () => {
    const { dispatch } = await app()
    const target = await folder()
    expect(await errorCode(dispatch, 'settings.update', remote(target))).toBeNull()
    await writeFile(join(target, 'report.pdf'), 'someone else put this here')
    const before = await listing(target)
    expect(await errorCode(dispatch, 'sync.run', {})).toBe('BAD_INPUT')
    expect(await listing(target)).toEqual(before)
  })

  it('an empty folder is accepted as the remote and sync fills it', async () => {
    const { dispatch } = await app()
    const target = await folder()
    expect(await errorCode(dispatch, 'settings.update', remote(target))).toBeNull()
    const run = await dispatch('sync.run', {})
    expect(run.ok && run.value).toMatchObject({ pushed: 2 })
    expect(await listing(target)).toContain('records')
  })

  it('an existing store is accepted as the remote', async () => {
    const { dispatch } = await app()
    const target = await storeWith(['BH09'])
    expect(await errorCode(dispatch, 'settings.update', remote(target))).toBeNull()
    const run = await dispatch('sync.run', {})
    expect(run.ok && run.value).toMatchObject({ pushed: 2, pulled: 1 })
  })

  it('store.open refuses to create a store in a folder of other files, writing nothing', async () => {
    const { dispatch } = await app()
    const target = await folderOfOtherFiles()
    const before = await listing(target)
    for (const create of [false, true])
      expect(await errorCode(dispatch, 'store.open', { location: target, create })).toBe(
        'BAD_INPUT',
      )
    expect(await listing(target)).toEqual(before)
  })
})
