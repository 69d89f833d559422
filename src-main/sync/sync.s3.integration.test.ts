// Offline-first sync against a real S3 server: two field laptops (local stores in
// temp folders) and the team's remote on S3. Edits made offline on both sides merge; the
// same cell changed on both sides is a real conflict that waits for the user; an
// incremental pull reads only what changed. The CLI does the same through its flags.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { newS3Store, s3Target } from '../../test/setup/s3-target'
import { tempDir } from '../../test/support/borelog-fixtures'
import { buildCli } from '../../test/support/build-cli'
import { runCliProcess, type CliResult } from '../../test/support/run-cli'
import { BASE_ROWS, cell, edited, log } from '../../test/support/sync-fixtures'
import { LocalFolderStore, type ObjectStore, type S3Store } from '../object-store/index'
import { VersionedStore, verifyStore } from '../store/index'
import { listConflicts, pull, resolve, sync, syncStatus } from './index'

const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const c of cleanups) await c()
})

async function localStore(): Promise<VersionedStore> {
  const { dir, cleanup } = await tempDir('borelog-laptop-')
  cleanups.push(cleanup)
  return VersionedStore.open(new LocalFolderStore(dir))
}

async function remoteStore(objects: S3Store = newS3Store()): Promise<VersionedStore> {
  cleanups.push(() => objects.close())
  return VersionedStore.open(objects)
}

/** Counts the object-store operations (one S3 request each, barring retries) by kind. */
class CountingStore implements ObjectStore {
  readonly counts = new Map<string, number>()
  readonly keys: string[] = []
  constructor(private readonly inner: ObjectStore) {}
  get location(): string {
    return this.inner.location
  }
  private count(op: string, key: string): void {
    this.counts.set(op, (this.counts.get(op) ?? 0) + 1)
    this.keys.push(`${op} ${key}`)
  }
  get(key: string) {
    this.count('get', key)
    return this.inner.get(key)
  }
  head(key: string) {
    this.count('head', key)
    return this.inner.head(key)
  }
  putIfAbsent(key: string, bytes: Uint8Array) {
    this.count('put', key)
    return this.inner.putIfAbsent(key, bytes)
  }
  putIfMatch(key: string, bytes: Uint8Array, etag: string) {
    this.count('put', key)
    return this.inner.putIfMatch(key, bytes, etag)
  }
  list(prefix: string, options?: { startAfter?: string; limit?: number }) {
    this.count('list', prefix)
    return this.inner.list(prefix, options)
  }
  listChildren(prefix: string) {
    this.count('list', prefix)
    return this.inner.listChildren(prefix)
  }
  delete(key: string) {
    this.count('delete', key)
    return this.inner.delete(key)
  }
  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0)
  }
}

describe('two laptops and a remote on S3', () => {
  it('edits made offline on both laptops merge, and both laptops end with the remote’s history', async () => {
    const [a, b, remote] = await Promise.all([localStore(), localStore(), remoteStore()])
    await a.createRecord({
      recordId: 'BH01',
      table: log(),
      tableName: 'borelog',
      createdBy: 'ann',
      header: { project: 'Mill' },
    })
    await a.createRecord({
      recordId: 'BH02',
      table: log(BASE_ROWS, 'BH02'),
      tableName: 'borelog',
      createdBy: 'ann',
    })
    await sync(a, remote)
    await sync(b, remote)
    // Offline on both: different intervals of BH01; BH02 only on b.
    await a.updateRecord({
      recordId: 'BH01',
      table: log(edited(BASE_ROWS, 0.4, { description: 'Firm grey CLAY' })),
      updatedBy: 'ann',
    })
    await b.updateRecord({
      recordId: 'BH01',
      table: log(edited(BASE_ROWS, 5, { spt_n: 60, remarks: 'refusal' })),
      updatedBy: 'bob',
    })
    await b.updateRecord({
      recordId: 'BH02',
      table: log(edited(BASE_ROWS, 0, { remarks: 'hand pit' }), 'BH02'),
      updatedBy: 'bob',
    })

    expect((await sync(b, remote)).upToDate).toBe(true)
    const res = await sync(a, remote)
    expect(res.conflicts).toEqual([])
    expect(res.merged).toEqual([{ recordId: 'BH01', version: 4, mergedFrom: [2, 3] }])
    expect(res.pulled.map((p) => p.recordId).sort()).toEqual(['BH01', 'BH02'])
    expect(await cell(a, 'BH01', 0.4, 'description')).toBe('Firm grey CLAY')
    expect(await cell(a, 'BH01', 5, 'spt_n')).toBe(60)
    expect(await cell(a, 'BH02', 0, 'remarks')).toBe('hand pit')

    expect((await sync(b, remote)).pulled).toEqual([
      { recordId: 'BH01', versions: [3, 4], reviews: 0 },
    ])
    for (const id of ['BH01', 'BH02']) {
      const remoteHistory = (await remote.getMetadata(id)).history
      expect((await b.getMetadata(id)).history).toEqual(remoteHistory)
      expect((await a.getMetadata(id)).current_version).toBe(
        remoteHistory[remoteHistory.length - 1]!.version,
      )
    }
    expect(await b.getVersionFile('BH01', 4)).toEqual(await remote.getVersionFile('BH01', 4))
    for (const s of [a, b, remote]) expect((await verifyStore(s)).problems).toEqual([])
    for (const s of [a, b]) expect((await syncStatus(s, remote)).state).toBe('up-to-date')
  })

  it('the same cell edited on both laptops is a real conflict: reported, resolved cell by cell, then pushed', async () => {
    const [a, b, remote] = await Promise.all([localStore(), localStore(), remoteStore()])
    await a.createRecord({ recordId: 'BH01', table: log(), tableName: 'borelog', createdBy: 'ann' })
    await sync(a, remote)
    await sync(b, remote)
    await a.updateRecord({
      recordId: 'BH01',
      table: log(edited(BASE_ROWS, 2.1, { spt_n: 38, water_strike_m: 3.1 })),
      updatedBy: 'ann',
    })
    await b.updateRecord({
      recordId: 'BH01',
      table: log(edited(BASE_ROWS, 2.1, { spt_n: 41, water_strike_m: 3.1 })),
      updatedBy: 'bob',
    })
    await sync(b, remote)

    const res = await sync(a, remote)
    expect(res.conflicts).toHaveLength(1)
    expect(res.conflicts[0]!.conflicts).toEqual([
      expect.objectContaining({ kind: 'cell', column: 'spt_n', base: 35, ours: 38, theirs: 41 }),
    ])
    expect(await remote.getAllVersions('BH01')).toEqual([1, 2])
    expect(await cell(a, 'BH01', 2.1, 'spt_n')).toBe(38)

    // Resolved offline, from what the sync saved: the remote is not needed.
    const [waiting] = await listConflicts(a, remote.location)
    await resolve(a, remote.location, {
      recordId: 'BH01',
      resolutions: { [waiting!.conflicts[0]!.id]: { value: 39 } },
      user: 'ann',
    })
    const pushed = await sync(a, remote)
    expect(pushed.upToDate).toBe(true)
    expect(await cell(remote, 'BH01', 2.1, 'spt_n')).toBe(39)
    expect(await cell(remote, 'BH01', 2.1, 'water_strike_m')).toBe(3.1)
    const merge = (await remote.getMetadata('BH01')).history.at(-1)!
    expect(merge).toMatchObject({
      action: 'merge',
      version: 4,
      parents: [3, 2],
      merged_from: [3, 2],
    })
    expect((await verifyStore(remote)).problems).toEqual([])
  })

  it('an incremental pull of one changed record out of many reads a constant number of objects', async () => {
    const [a, b] = await Promise.all([localStore(), localStore()])
    const objects = newS3Store()
    const remote = await remoteStore(objects)
    const records = 40
    for (let i = 0; i < records; i++) {
      await a.createRecord({
        recordId: `BH${String(i).padStart(3, '0')}`,
        table: log(BASE_ROWS, `BH${i}`),
        tableName: 'borelog',
        createdBy: 'ann',
      })
    }
    await sync(a, remote)
    await pull(b, remote)
    await a.updateRecord({
      recordId: 'BH017',
      table: log(edited(BASE_ROWS, 0, { remarks: 'x' }), 'BH17'),
      updatedBy: 'ann',
    })
    await sync(a, remote)

    const counting = new CountingStore(objects)
    const res = await pull(b, await VersionedStore.open(counting, { registry: remote.registry }))
    expect(res.pulled).toEqual([{ recordId: 'BH017', versions: [2], reviews: 0 }])
    // The changes listing, one change event, the record's metadata.json and its new version,
    // and one listing of the key registry (identities/), which every sync carries across.
    expect(counting.keys.filter((k) => k.includes('records/'))).toEqual([
      'get records/BH017/metadata.json',
      'get records/BH017/versions/v2.parquet',
    ])
    expect(counting.keys.filter((k) => k.includes('identities/'))).toEqual(['list identities/'])
    expect(counting.total).toBeLessThanOrEqual(6)
  })
})

describe('borelog-desk sync, push and pull on S3', () => {
  let bin: string
  beforeAll(async () => {
    bin = await buildCli()
  })

  function flags(prefix: string): string[] {
    const target = s3Target()
    return [
      '--remote',
      `s3://${target.bucket}/${prefix}`,
      ...(target.endpoint ? ['--endpoint', target.endpoint] : []),
      ...(target.region ? ['--region', target.region] : []),
      ...(target.profile ? ['--profile', target.profile] : []),
      ...(target.forcePathStyle ? ['--path-style'] : []),
    ]
  }

  function cli(args: string[]): Promise<CliResult> {
    const target = s3Target()
    return runCliProcess(bin, args, {
      ...process.env,
      ...(target.credentials
        ? {
            AWS_ACCESS_KEY_ID: target.credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
          }
        : {}),
    })
  }

  it('push and pull move records; sync exits 3 with the conflicts as JSON; resolve answers them', async () => {
    const { dir, cleanup } = await tempDir('borelog-sync-cli-')
    cleanups.push(cleanup)
    const prefix = `${s3Target().runPrefix}/cli-sync-${path.basename(dir)}`
    const a = path.join(dir, 'a')
    const b = path.join(dir, 'b')
    const csv = (spt: number): string =>
      'hole_id,depth_top_m,depth_base_m,description,legend_code,geology_code,spt_n,sample_refs,water_strike_m,remarks\n' +
      `BH01,0,0.4,MADE GROUND,601,MG,,,,\nBH01,0.4,2.1,Firm brown CLAY,201,,${spt},,,\n`
    await fs.writeFile(path.join(dir, 'v1.csv'), csv(12))
    await fs.writeFile(path.join(dir, 'a.csv'), csv(14))
    await fs.writeFile(path.join(dir, 'b.csv'), csv(16))

    expect(
      (
        await cli([
          'create',
          'BH01',
          '--table',
          'borelog',
          '--by',
          'ann',
          '--from',
          path.join(dir, 'v1.csv'),
          '--store',
          a,
        ])
      ).code,
    ).toBe(0)
    const pushed = await cli(['push', '--store', a, '--json', ...flags(prefix)])
    expect(pushed.code).toBe(0)
    expect(JSON.parse(pushed.stdout)).toMatchObject({
      pushed: [{ recordId: 'BH01', versions: [1], reviews: 0 }],
      upToDate: true,
    })
    const pulled = await cli(['pull', '--store', b, '--json', ...flags(prefix)])
    expect(JSON.parse(pulled.stdout)).toMatchObject({
      pulled: [{ recordId: 'BH01', versions: [1], reviews: 0 }],
    })

    await cli(['update', 'BH01', '--by', 'ann', '--from', path.join(dir, 'a.csv'), '--store', a])
    await cli(['update', 'BH01', '--by', 'bob', '--from', path.join(dir, 'b.csv'), '--store', b])
    expect((await cli(['sync', '--store', b, ...flags(prefix)])).code).toBe(0)
    const behind = await cli(['push', '--store', a, '--json', ...flags(prefix)])
    expect(behind.code).toBe(3)
    expect(JSON.parse(behind.stdout).waiting).toEqual(['BH01'])

    const conflicted = await cli(['sync', '--store', a, '--json', ...flags(prefix)])
    expect(conflicted.code).toBe(3)
    const result = JSON.parse(conflicted.stdout)
    expect(result.conflicts[0]).toMatchObject({
      recordId: 'BH01',
      localVersion: 2,
      remoteVersion: 2,
    })
    expect(result.conflicts[0].conflicts[0]).toMatchObject({
      column: 'spt_n',
      ours: 14,
      theirs: 16,
    })

    expect((await cli(['resolve', 'BH01', '--store', a, ...flags(prefix)])).code).toBe(3)
    expect(
      (
        await cli([
          'resolve',
          'BH01',
          '--store',
          a,
          '--take',
          'theirs',
          '--by',
          'ann',
          ...flags(prefix),
        ])
      ).code,
    ).toBe(0)
    const done = await cli(['sync', '--store', a, '--json', ...flags(prefix)])
    expect(done.code).toBe(0)
    expect(JSON.parse(done.stdout)).toMatchObject({
      pushed: [{ recordId: 'BH01', versions: [3, 4] }],
      upToDate: true,
    })
    const remoteMeta = JSON.parse(
      (
        await cli([
          'meta',
          'BH01',
          '--store',
          `s3://${s3Target().bucket}/${prefix}`,
          ...flags(prefix).slice(2),
        ])
      ).stdout,
    )
    expect(remoteMeta.current_version).toBe(4)
  })
})
