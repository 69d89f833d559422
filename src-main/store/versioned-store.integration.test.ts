import { promises as fs } from 'node:fs'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import { intervalTable, sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { LocalFolderStore } from '../object-store/index'
import { VersionedStore, checkChain, repairStore, verifyStore } from './index'

let dir: string
let cleanup: () => Promise<void>
let store: VersionedStore

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  store = await VersionedStore.open(new LocalFolderStore(dir))
})
afterEach(() => cleanup())

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    if (e instanceof BorelogError) return e.code
    throw e
  }
  throw new Error('expected a BorelogError, but the call succeeded')
}

const SEED_KEYS = [
  'record_id', 'table_name', 'current_version', 'status', 'created_by', 'created_at',
  'approved_by', 'approved_at', 'rejected_by', 'rejected_at', 'history',
]

describe('seed lifecycle', () => {
  it('create writes v1.parquet and a metadata.json with the seed keys, status draft', async () => {
    const meta = await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a.field', comment: 'Initial creation' })
    expect(meta.current_version).toBe(1)
    expect(meta.status).toBe('draft')
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, 'records/BH01/metadata.json'), 'utf8'))
    for (const key of SEED_KEYS) expect(onDisk).toHaveProperty(key)
    expect(onDisk.created_at).toMatch(/Z$/)
    expect(onDisk.history[0]).toMatchObject({ version: 1, status: 'draft', created_by: 'a.field', comment: 'Initial creation' })
    await expect(fs.stat(path.join(dir, 'records/BH01/versions/v1.parquet'))).resolves.toBeTruthy()
  })

  it('update adds v2 as a draft; created_by stays the creator and the history names the editor', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a.field' })
    const meta = await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b.field', comment: 'fix' })
    expect(meta.current_version).toBe(2)
    expect(meta.created_by).toBe('a.field')
    expect(meta.history[1]).toMatchObject({ version: 2, created_by: 'b.field', status: 'draft', parent_version: 1 })
    expect(await store.getAllVersions('BH01')).toEqual([1, 2])
    const v1 = await store.getSpecificVersion('BH01', 1)
    const latest = await store.getLatestVersion('BH01')
    expect(v1?.getChild('description')?.get(1)).toBe('Firm brown CLAY')
    expect(latest.getChild('description')?.get(1)).toBe('Firm brown CLAY (v1)')
  })

  it('a missing version is null, a missing record is NOT_FOUND', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a' })
    expect(await store.getSpecificVersion('BH01', 7)).toBeNull()
    expect(await codeOf(store.getMetadata('nope'))).toBe('NOT_FOUND')
    expect(await codeOf(store.getLatestVersion('nope'))).toBe('NOT_FOUND')
  })

  it('approve writes metadata only and records the hash of the file approved', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a' })
    const before = await fs.readdir(path.join(dir, 'records/BH01/versions'))
    const meta = await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev', comment: 'ok' })
    expect(meta.status).toBe('approved')
    expect(meta.approved_by).toBe('rev')
    expect(meta.history[1]?.file_sha256).toBe(meta.history[0]?.file_sha256)
    expect(await fs.readdir(path.join(dir, 'records/BH01/versions'))).toEqual(before)
  })

  it('approve refuses a version the reviewer did not see', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a' })
    await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b' })
    expect(await codeOf(store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' }))).toBe('STALE_REVIEW')
    expect(await codeOf(store.rejectRecord({ recordId: 'BH01', version: 1, by: 'rev', reason: 'x' }))).toBe('STALE_REVIEW')
  })

  it('only a draft can be approved or rejected; reject needs a reason', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a' })
    expect(await codeOf(store.rejectRecord({ recordId: 'BH01', version: 1, by: 'rev', reason: '  ' }))).toBe('BAD_INPUT')
    await store.rejectRecord({ recordId: 'BH01', version: 1, by: 'rev', reason: 'SPT missing' })
    expect(await codeOf(store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' }))).toBe('INVALID_TRANSITION')
    const meta = await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'a' })
    expect(meta.status).toBe('draft')
    expect(meta.rejected_by).toBe('rev')
  })

  it('approval is refused while the version has validation errors', async () => {
    const bad = intervalTable([{ hole_id: 'BH09', depth_top_m: 3, depth_base_m: 1, description: 'upside down' }])
    await store.createRecord({ recordId: 'BH09', table: bad, tableName: 'borelog', createdBy: 'a' })
    const findings = await store.getFindings('BH09', 1)
    expect(findings.some((f) => f.severity === 'error')).toBe(true)
    expect(await codeOf(store.approveRecord({ recordId: 'BH09', version: 1, by: 'rev' }))).toBe('VALIDATION_FAILED')
  })

  it('update with a stale base version is a conflict, not an overwrite', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a' })
    await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b', baseVersion: 1 })
    expect(await codeOf(store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 2), updatedBy: 'c', baseVersion: 1 }))).toBe('VERSION_CONFLICT')
    expect(await store.getAllVersions('BH01')).toEqual([1, 2])
  })

  it('creating an existing record is refused', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a' })
    expect(await codeOf(store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'b' }))).toBe('ALREADY_EXISTS')
  })
})

describe('bad input', () => {
  it.each(['', '..', 'a/b', 'a\\b', 'a\0b', '../x', 'x'.repeat(201)])('record id %j is refused before any I/O', async (id) => {
    expect(await codeOf(store.createRecord({ recordId: id, table: sampleHole(), tableName: 'borelog', createdBy: 'a' }))).toBe('INVALID_RECORD_ID')
    expect(await fs.readdir(dir)).not.toContain('records')
  })

  it('a malformed metadata.json is CORRUPT_METADATA naming the JSON path', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a' })
    const file = path.join(dir, 'records/BH01/metadata.json')
    const meta = JSON.parse(await fs.readFile(file, 'utf8'))
    meta.current_version = 'two'
    await fs.writeFile(file, JSON.stringify(meta))
    try {
      await store.getMetadata('BH01')
      expect.unreachable()
    } catch (e) {
      expect((e as BorelogError).code).toBe('CORRUPT_METADATA')
      expect((e as BorelogError).details.path).toBe('$.current_version')
    }
    await fs.writeFile(file, '{"record_id": ')
    expect(await codeOf(store.getMetadata('BH01'))).toBe('CORRUPT_METADATA')
  })

  it('a truncated version file is reported, never decoded as data', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a' })
    const file = path.join(dir, 'records/BH01/versions/v1.parquet')
    const bytes = await fs.readFile(file)
    await fs.writeFile(file, bytes.subarray(0, bytes.length - 10))
    expect(await codeOf(store.getLatestVersion('BH01'))).toBe('INTEGRITY')
  })
})

describe('trust: verify and repair', () => {
  it('verify finds a flipped byte in a version file', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a' })
    expect((await verifyStore(store)).ok).toBe(true)
    const file = path.join(dir, 'records/BH01/versions/v1.parquet')
    const bytes = await fs.readFile(file)
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01
    await fs.writeFile(file, bytes)
    const report = await verifyStore(store)
    expect(report.ok).toBe(false)
    expect(report.problems.map((p) => p.code)).toContain('INTEGRITY')
  })

  it('verify finds an edited history entry', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a' })
    await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
    const file = path.join(dir, 'records/BH01/metadata.json')
    const meta = JSON.parse(await fs.readFile(file, 'utf8'))
    meta.history[1].created_by = 'someone.else'
    await fs.writeFile(file, JSON.stringify(meta))
    expect(checkChain(meta.history).length).toBeGreaterThan(0)
    const report = await verifyStore(store)
    expect(report.problems.some((p) => p.code === 'INTEGRITY' && p.recordId === 'BH01')).toBe(true)
  })

  it('repair rolls forward a version file whose metadata write was lost', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a' })
    const metaFile = path.join(dir, 'records/BH01/metadata.json')
    const saved = await fs.readFile(metaFile)
    await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b' })
    await fs.writeFile(metaFile, saved) // as if the process died before naming v2
    const report = await verifyStore(store)
    expect(report.problems.map((p) => p.code)).toEqual(['INTERRUPTED_WRITE'])
    expect(await codeOf(store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 2), updatedBy: 'c' }))).toBe('VERSION_CONFLICT')
    const repaired = await repairStore(store)
    expect(repaired.remaining).toEqual([])
    expect(await store.getAllVersions('BH01')).toEqual([1, 2])
    expect((await store.getMetadata('BH01')).history[1]?.created_by).toBe('b')
  })

  it('repair rebuilds a lost metadata.json with its approvals, keeping the damaged file', async () => {
    await store.createRecord({ recordId: 'BH01', table: sampleHole(), tableName: 'borelog', createdBy: 'a' })
    await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
    await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b' })
    const original = await store.getMetadata('BH01')
    await fs.writeFile(path.join(dir, 'records/BH01/metadata.json'), 'garbage')
    const report = await repairStore(store)
    expect(report.remaining).toEqual([])
    const rebuilt = await store.getMetadata('BH01')
    expect(rebuilt.history).toEqual(original.history)
    expect(rebuilt.approved_by).toBe('rev')
    const kept = (await fs.readdir(path.join(dir, 'records/BH01'))).filter((n) => n.startsWith('metadata.damaged-'))
    expect(kept).toHaveLength(1)
  })
})

describe('batch operations', () => {
  it('one bad record never blocks or corrupts the others', async () => {
    const results = await store.createRecords([
      { recordId: 'BH01', table: sampleHole('BH01'), tableName: 'borelog', createdBy: 'a' },
      { recordId: '../evil', table: sampleHole(), tableName: 'borelog', createdBy: 'a' },
      { recordId: 'BH02', table: sampleHole('BH02'), tableName: 'borelog', createdBy: 'a' },
    ])
    expect(results.map((r) => [r.recordId, r.ok, r.error?.code])).toEqual([
      ['BH01', true, undefined],
      ['../evil', false, 'INVALID_RECORD_ID'],
      ['BH02', true, undefined],
    ])
    const approvals = await store.approveRecords([
      { recordId: 'BH01', version: 1, by: 'rev' },
      { recordId: 'BH02', version: 5, by: 'rev' },
    ])
    expect(approvals.map((r) => r.ok)).toEqual([true, false])
    expect((await verifyStore(store)).ok).toBe(true)
  })
})

describe('unregistered tables (the seed’s borelog_versions)', () => {
  it('v1 defines the schema; a changed schema later is a warning finding', async () => {
    await store.createRecord({ recordId: 'R1', table: sampleHole(), tableName: 'borelog_versions', createdBy: 'a', keyColumns: ['hole_id', 'depth_top_m'] })
    const fewer = sampleHole().select(['hole_id', 'depth_top_m', 'depth_base_m'])
    await store.updateRecord({ recordId: 'R1', table: fewer, updatedBy: 'a' })
    const findings = await store.getFindings('R1', 2)
    expect(findings.some((f) => f.rule === 'schema-changed' && f.severity === 'warning')).toBe(true)
  })
})
