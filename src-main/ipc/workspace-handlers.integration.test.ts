// The workspace over real temp folders: settings.json in a config dir, store folders
// opened and created, and sync with a second local folder store as the remote.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import type { EventName } from '../../shared/ipc/contract'
import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { BASE_ROWS, cell, edited, log } from '../../test/support/sync-fixtures'
import { openBorelogStore } from '../catalog/index'
import { verifyStore } from '../store/index'
import { settingsPath, Workspace, type WorkspaceOptions } from '../desk/index'
import type { Dispatch } from './dispatch'
import { serveWorkspace } from './handlers'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function folder(): Promise<string> {
  const { dir, cleanup } = await tempDir('borelog-ws-')
  cleanups.push(cleanup)
  return dir
}

async function storeWith(ids: string[], by = 'field.one'): Promise<string> {
  const dir = await folder()
  const { store } = await openBorelogStore(dir)
  for (const id of ids)
    await store.createRecord({
      recordId: id,
      table: sampleHole(id),
      tableName: 'borelog',
      createdBy: by,
      header: { hole_id: id },
    })
  return dir
}

interface Opened {
  workspace: Workspace
  dispatch: Dispatch
  emitted: Array<[EventName, unknown]>
  ok<T>(channel: string, payload?: unknown): Promise<T>
  code(channel: string, payload?: unknown): Promise<string | null>
}

async function open(options: Partial<WorkspaceOptions> & { configDir: string }): Promise<Opened> {
  const workspace = await Workspace.open({
    host: 'browser',
    watchIntervalMs: 0,
    syncStatusTtlMs: 60_000,
    ...options,
  })
  cleanups.push(() => workspace.close())
  const emitted: Array<[EventName, unknown]> = []
  workspace.events.subscribe((name, payload) => emitted.push([name, payload]))
  const dispatch = serveWorkspace(workspace)
  return {
    workspace,
    dispatch,
    emitted,
    async ok<T>(channel: string, payload: unknown = {}) {
      const res = await dispatch(channel, payload)
      if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`)
      return res.value as T
    },
    async code(channel: string, payload: unknown = {}) {
      const res = await dispatch(channel, payload)
      return res.ok ? null : res.error.code
    },
  }
}

interface SettingsValue {
  storeLocation: string
  userName: string
  units: string
  theme: string
  remote: { url: string } | null
}

describe('settings', () => {
  it('start from defaults: the sample store, m, system theme, no remote', async () => {
    const configDir = await folder()
    const { ok } = await open({ configDir, overrides: { storeLocation: await storeWith([]) } })
    const settings = await ok<SettingsValue>('settings.get')
    expect(settings).toMatchObject({ units: 'm', theme: 'system', remote: null })
    expect(settings.userName.length).toBeGreaterThan(0)
  })

  it('an update is saved and a new workspace reads it back', async () => {
    const configDir = await folder()
    const storeDir = await storeWith(['BH01'])
    const first = await open({ configDir, overrides: { storeLocation: storeDir } })
    const updated = await first.ok<SettingsValue>('settings.update', {
      units: 'ft',
      theme: 'dark',
      remote: { url: '/mnt/team-store', endpoint: null, region: null, profile: null },
    })
    expect(updated).toMatchObject({ units: 'ft', theme: 'dark' })
    expect(first.emitted).toContainEqual(['settings.changed', updated])
    await first.workspace.close()

    const second = await open({ configDir, overrides: { storeLocation: storeDir } })
    expect(await second.ok<SettingsValue>('settings.get')).toMatchObject({
      units: 'ft',
      theme: 'dark',
      userName: updated.userName,
      remote: { url: '/mnt/team-store' },
    })
  })

  it('a malformed settings file is set aside and the app starts on defaults', async () => {
    const configDir = await folder()
    await writeFile(settingsPath(configDir), '{"units": "furlongs", ')
    const { ok } = await open({ configDir, overrides: { storeLocation: await storeWith([]) } })
    expect(await ok<SettingsValue>('settings.get')).toMatchObject({ units: 'm', theme: 'system' })
    const files = await readdir(configDir)
    expect(files.some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true)
    expect(files).not.toContain('settings.json')
  })

  it('an invalid update is BAD_INPUT and changes nothing, in memory or on disk', async () => {
    const configDir = await folder()
    const { ok, code, emitted } = await open({
      configDir,
      overrides: { storeLocation: await storeWith([]) },
    })
    await ok('settings.update', { units: 'ft' })
    const onDisk = await readFile(settingsPath(configDir), 'utf8')
    emitted.length = 0
    expect(await code('settings.update', { units: 'yards' })).toBe('BAD_INPUT')
    expect(await code('settings.update', { userName: '   ' })).toBe('BAD_INPUT')
    // A relative remote would resolve against wherever the app started; the open store is no remote.
    const remote = (url: string) => ({
      remote: { url, endpoint: null, region: null, profile: null },
    })
    expect(await code('settings.update', remote('team-store'))).toBe('BAD_INPUT')
    const storeDir = (await ok<SettingsValue & { storeLocation: string }>('settings.get'))
      .storeLocation
    expect(await code('settings.update', remote(storeDir))).toBe('BAD_INPUT')
    expect(await code('settings.update', { storeLocation: '/elsewhere' })).toBe(null)
    expect(await ok<SettingsValue>('settings.get')).toMatchObject({ units: 'ft' })
    expect((await ok<SettingsValue>('settings.get')).storeLocation).not.toBe('/elsewhere')
    expect(JSON.parse(await readFile(settingsPath(configDir), 'utf8'))).toEqual(JSON.parse(onDisk))
  })

  it('with nothing saved and no --store, the embedded sample store opens', async () => {
    const configDir = await folder()
    const { workspace, ok } = await open({ configDir })
    expect(workspace.location).toBe(join(configDir, 'sample-store'))
    expect((await ok<SettingsValue>('settings.get')).storeLocation).toBe(workspace.location)
  })

  it('--store wins for the run but is never saved over the chosen store', async () => {
    const configDir = await folder()
    const chosen = await storeWith(['BH07'])
    const first = await open({ configDir, overrides: { storeLocation: await storeWith([]) } })
    await first.ok('store.open', { location: chosen, create: false })
    await first.workspace.close()
    const forRun = await storeWith(['T1', 'T2'])
    const second = await open({ configDir, overrides: { storeLocation: forRun } })
    expect(second.workspace.location).toBe(forRun)
    await second.ok('settings.update', { theme: 'light' })
    const saved = JSON.parse(await readFile(settingsPath(configDir), 'utf8')) as SettingsValue
    expect(saved).toMatchObject({ storeLocation: chosen, theme: 'light' })
  })

  it('the saved store opens at start when no --store is given', async () => {
    const configDir = await folder()
    const storeDir = await storeWith(['BH07'])
    const first = await open({ configDir, overrides: { storeLocation: await storeWith([]) } })
    await first.ok('store.open', { location: storeDir, create: false })
    await first.workspace.close()
    const second = await open({ configDir })
    expect(second.workspace.location).toBe(storeDir)
    expect((await second.ok<{ total: number }>('records.list', {})).total).toBe(1)
  })
})

describe('store.open', () => {
  async function started(): Promise<Opened & { configDir: string }> {
    const configDir = await folder()
    const opened = await open({
      configDir,
      overrides: { storeLocation: await storeWith(['OLD1']) },
    })
    return { ...opened, configDir }
  }

  it('opens an existing store and serves its records from then on', async () => {
    const app = await started()
    const other = await storeWith(['BH01', 'BH02'])
    const info = await app.ok<{ location: string; recordCount: number }>('store.open', {
      location: other,
      create: false,
    })
    expect(info).toMatchObject({ location: other, recordCount: 2 })
    const listed = await app.ok<{ records: { record_id: string }[] }>('records.list', {})
    expect(listed.records.map((r) => r.record_id).sort()).toEqual(['BH01', 'BH02'])
    expect((await app.ok<SettingsValue>('settings.get')).storeLocation).toBe(other)
    expect(app.emitted.map(([name]) => name)).toEqual(['settings.changed', 'store.changed'])
    const saved = JSON.parse(await readFile(settingsPath(app.configDir), 'utf8')) as SettingsValue
    expect(saved.storeLocation).toBe(other)
  })

  it('refuses a folder that is not a store, and a missing one, without create', async () => {
    const app = await started()
    const plain = await folder()
    await writeFile(join(plain, 'notes.txt'), 'not a store')
    expect(await app.code('store.open', { location: plain, create: false })).toBe('BAD_INPUT')
    expect(await app.code('store.open', { location: join(plain, 'nope'), create: false })).toBe(
      'NOT_FOUND',
    )
    expect(await app.code('store.open', { location: 'relative/path', create: true })).toBe(
      'BAD_INPUT',
    )
  })

  it('create makes a store in an empty or missing folder, which then reopens as a store', async () => {
    const app = await started()
    const empty = await folder()
    const info = await app.ok<{ recordCount: number }>('store.open', {
      location: empty,
      create: true,
    })
    expect(info.recordCount).toBe(0)
    const missing = join(await folder(), 'site', 'new-store')
    await app.ok('store.open', { location: missing, create: true })
    expect(app.workspace.location).toBe(missing)
    await app.ok('store.open', { location: empty, create: false })
    expect(app.workspace.location).toBe(empty)
  })

  it('create never writes a store into a folder of other files', async () => {
    const app = await started()
    const busy = await folder()
    await writeFile(join(busy, 'report.docx'), 'x')
    expect(await app.code('store.open', { location: busy, create: true })).toBe('BAD_INPUT')
    expect(await readdir(busy)).toEqual(['report.docx'])
  })

  it('a failed open leaves the old store open and the settings unchanged', async () => {
    const app = await started()
    const before = await app.ok<SettingsValue>('settings.get')
    const plain = await folder()
    await mkdir(join(plain, 'photos'))
    expect(await app.code('store.open', { location: plain, create: false })).toBe('BAD_INPUT')
    expect(await app.ok<SettingsValue>('settings.get')).toEqual(before)
    const listed = await app.ok<{ records: { record_id: string }[] }>('records.list', {})
    expect(listed.records.map((r) => r.record_id)).toEqual(['OLD1'])
    expect(app.emitted).toEqual([])
  })
})

describe('the user name', () => {
  it('the renderer cannot rename the user: reviews record and are signed by the identity', async () => {
    const configDir = await folder()
    const storeDir = await storeWith(['BH01', 'BH02'])
    const app = await open({
      configDir,
      overrides: { storeLocation: storeDir, userName: 'first.name' },
    })
    expect((await app.ok<{ user: string }>('store.info')).user).toBe('first.name')
    const before = await readdir(configDir)
    expect(await app.code('settings.update', { userName: 'chief-engineer' })).toBe('BAD_INPUT')
    expect(await readdir(configDir)).toEqual(before)
    expect((await app.ok<{ user: string }>('store.info')).user).toBe('first.name')
    const settings = await app.ok<SettingsValue & { identityFingerprint: string }>('settings.get')
    expect(settings.userName).toBe('first.name')
    expect(settings.identityFingerprint).toMatch(/^[0-9a-f]{64}$/)
    const approved = await app.ok<{ metadata: { approved_by: string } }>('record.approve', {
      recordId: 'BH01',
      version: 1,
    })
    expect(approved.metadata.approved_by).toBe('first.name')
    const rejected = await app.ok<{ metadata: { rejected_by: string } }>('record.reject', {
      recordId: 'BH02',
      version: 1,
      reason: 'depths',
    })
    expect(rejected.metadata.rejected_by).toBe('first.name')
    const history = await app.ok<{ signatures: { status: string; key: string | null }[] }>(
      'record.history',
      { recordId: 'BH01' },
    )
    // v1 was made by the test without a signer (legacy); the approval is the identity's.
    expect(history.signatures.map((s) => s.status)).toEqual(['unsigned', 'valid'])
    expect(history.signatures[1]!.key).toBe(settings.identityFingerprint)
  })
})

interface StatusValue {
  isConfigured: boolean
  state: string
  toPush: number
  toPull: number | null
  conflicts: number
  message: string | null
}

describe('sync', () => {
  async function withRemote(
    localIds: string[],
  ): Promise<Opened & { localDir: string; remoteDir: string }> {
    const localDir = await storeWith(localIds)
    const remoteDir = await folder()
    const app = await open({
      configDir: await folder(),
      overrides: { storeLocation: localDir, userName: 'ann.field' },
    })
    await app.ok('settings.update', {
      remote: { url: remoteDir, endpoint: null, region: null, profile: null },
    })
    return { ...app, localDir, remoteDir }
  }

  it('without a remote the status is not-configured and a run is BAD_INPUT', async () => {
    const app = await open({
      configDir: await folder(),
      overrides: { storeLocation: await storeWith(['BH01']) },
    })
    expect(await app.ok<StatusValue>('sync.status')).toMatchObject({
      isConfigured: false,
      state: 'not-configured',
    })
    expect(await app.code('sync.run', {})).toBe('BAD_INPUT')
    expect(await app.ok<{ records: unknown[] }>('sync.conflicts')).toEqual({ records: [] })
  })

  it('status counts what waits; a run pushes it and the status is up to date', async () => {
    const app = await withRemote(['BH01', 'BH02'])
    expect(await app.ok<StatusValue>('sync.status')).toMatchObject({
      isConfigured: true,
      state: 'changes',
      toPush: 2,
      toPull: 0,
    })
    const progress: unknown[] = []
    app.workspace.events.subscribe((name, payload) => {
      if (name === 'progress') progress.push(payload)
    })
    const result = await app.ok<{ pushed: number; pulled: number; status: StatusValue }>(
      'sync.run',
      {},
    )
    expect(result).toMatchObject({ pushed: 2, pulled: 0, status: { state: 'up-to-date' } })
    expect(progress.at(-1)).toMatchObject({ done: 2, total: 2, isCancellable: true })
    const { store: remote } = await openBorelogStore(app.remoteDir)
    expect(await remote.getAllVersions('BH01')).toEqual([1])
  })

  it('status is cached, and a commit drops the cache', async () => {
    const app = await withRemote(['BH01'])
    expect((await app.ok<StatusValue>('sync.status')).toPush).toBe(1)
    // Another process writes: the cached status stands until something commits here.
    const { store } = await openBorelogStore(app.localDir)
    await store.createRecord({
      recordId: 'BH02',
      table: sampleHole('BH02'),
      tableName: 'borelog',
      createdBy: 'x',
    })
    expect((await app.ok<StatusValue>('sync.status')).toPush).toBe(1)
    await app.ok('record.approve', { recordId: 'BH01', version: 1 })
    expect((await app.ok<StatusValue>('sync.status')).toPush).toBe(2)
  })

  it('an unreachable remote is shown as offline with a message, not thrown', async () => {
    const app = await withRemote(['BH01'])
    await app.ok('settings.update', {
      remote: {
        url: 's3://no-such-bucket/x',
        endpoint: 'http://127.0.0.1:9',
        region: null,
        profile: null,
      },
    })
    const status = await app.ok<StatusValue>('sync.status')
    expect(status).toMatchObject({ isConfigured: true, state: 'offline', toPull: null })
    expect(status.message).not.toBeNull()
  })

  it('conflicts are listed and resolved; the merge is recorded as the settings user', async () => {
    const app = await withRemote([])
    const { store: local } = await openBorelogStore(app.localDir)
    const { store: remote } = await openBorelogStore(app.remoteDir)
    await remote.createRecord({
      recordId: 'BH01',
      table: log(),
      tableName: 'borelog',
      createdBy: 'r',
    })
    await app.ok('sync.run', {})
    await local.updateRecord({
      recordId: 'BH01',
      table: log(edited(BASE_ROWS, 2.1, { spt_n: 38 })),
      updatedBy: 'ann.field',
      baseVersion: 1,
    })
    await remote.updateRecord({
      recordId: 'BH01',
      table: log(edited(BASE_ROWS, 2.1, { spt_n: 41 })),
      updatedBy: 'bob.remote',
      baseVersion: 1,
    })
    const run = await app.ok<{ conflicts: number; status: StatusValue }>('sync.run', {})
    expect(run).toMatchObject({ conflicts: 1, status: { state: 'conflicts', conflicts: 1 } })
    const { records } = await app.ok<{
      records: {
        recordId: string
        localVersion: number
        conflicts: { id: string; ours: unknown; theirs: unknown }[]
      }[]
    }>('sync.conflicts')
    expect(records).toHaveLength(1)
    const [record] = records
    expect(record!.conflicts[0]).toMatchObject({ ours: 38, theirs: 41 })

    const { user } = await app.ok<{ user: string }>('store.info')
    app.emitted.length = 0
    const { version } = await app.ok<{ version: number }>('sync.resolve', {
      recordId: 'BH01',
      localVersion: record!.localVersion,
      resolutions: { [record!.conflicts[0]!.id]: { value: 40 } },
    })
    expect(app.emitted).toContainEqual(['store.changed', { recordIds: ['BH01'] }])
    expect(await cell(local, 'BH01', 2.1, 'spt_n')).toBe(40)
    const metadata = await local.getMetadata('BH01')
    expect(metadata.current_version).toBe(version)
    expect(metadata.history.at(-1)?.created_by).toBe(user)
    expect(metadata.history.at(-1)?.signature).toBeDefined()
    const signed = await app.ok<{ signatures: { status: string }[] }>('record.history', {
      recordId: 'BH01',
    })
    expect(signed.signatures.at(-1)?.status).toBe('valid')
    expect((await app.ok<{ records: unknown[] }>('sync.conflicts')).records).toEqual([])
    const pushed = await app.ok<{ status: StatusValue }>('sync.run', {})
    expect(pushed.status.state).toBe('up-to-date')
    expect(await cell(remote, 'BH01', 2.1, 'spt_n')).toBe(40)
  })

  it('pulled records are announced as store.changed', async () => {
    const app = await withRemote([])
    const { store: remote } = await openBorelogStore(app.remoteDir)
    await remote.createRecord({
      recordId: 'RM1',
      table: log(),
      tableName: 'borelog',
      createdBy: 'r',
    })
    const result = await app.ok<{ pulled: number }>('sync.run', {})
    expect(result.pulled).toBe(1)
    expect(app.emitted).toContainEqual(['store.changed', { recordIds: ['RM1'] }])
    expect((await app.ok<{ total: number }>('records.list', {})).total).toBe(1)
  })

  it('task.cancel stops a run: CANCELLED, both stores intact, the next run finishes the job', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `BH${String(i).padStart(2, '0')}`)
    const app = await withRemote(ids)
    const taskId = 'sync-under-test'
    let cancelled: Promise<unknown> | null = null
    app.workspace.events.subscribe((name, payload) => {
      const p = payload as { taskId?: string; done?: number }
      if (name === 'progress' && p.taskId === taskId && (p.done ?? 0) >= 1 && !cancelled)
        cancelled = app.dispatch('task.cancel', { taskId })
    })
    expect(await app.code('sync.run', { taskId })).toBe('CANCELLED')
    expect(await cancelled).toEqual({ ok: true, value: { wasRunning: true } })
    const { store: local } = await openBorelogStore(app.localDir)
    const { store: remote } = await openBorelogStore(app.remoteDir)
    expect((await verifyStore(remote)).problems).toEqual([])
    expect((await verifyStore(local)).problems).toEqual([])
    const status = await app.ok<StatusValue>('sync.status')
    expect(status.state).toBe('changes')
    expect(status.toPush).toBeGreaterThan(0)
    const rest = await app.ok<{ status: StatusValue }>('sync.run', {})
    expect(rest.status.state).toBe('up-to-date')
    for (const id of ids) expect(await remote.getAllVersions(id)).toEqual([1])
  })

  it('a second run while one is running is refused', async () => {
    const app = await withRemote(['BH01', 'BH02', 'BH03'])
    const first = app.dispatch('sync.run', {})
    expect(await app.code('sync.run', {})).toBe('INVALID_TRANSITION')
    expect((await first).ok).toBe(true)
    expect((await app.ok<StatusValue>('sync.status')).state).toBe('up-to-date')
  })
})
