// The versioned store's behaviour, one suite run against
// every object-store backend: the local folder (src-main/store/versioned-store.integration.test.ts)
// and S3 on a real server (src-main/store/versioned-store.s3.integration.test.ts). Nothing
// here knows which backend it runs on: damage is done through `rawWrite` (a disk write,
// or a raw PutObject with the SDK), the way a stray tool or a bad disk would do it.
// See docs/ARCHITECTURE.md, "Invariants".
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { BorelogError } from '../shared/errors'
import type { MetadataJson } from '../shared/metadata'
import { openBorelogStore } from '../src-main/catalog/index'
import type { ObjectStore } from '../src-main/object-store/index'
import {
  VersionedStore,
  changedSince,
  checkChain,
  currentCursor,
  exportChanges,
  repairStore,
  verifyStore,
} from '../src-main/store/index'
import { intervalTable, sampleHole } from './support/borelog-fixtures'

export interface StoreBackend {
  objects: ObjectStore
  /** Another client of the same store: its own ObjectStore instance (and connections). */
  reopen(): ObjectStore
  /** Writes `bytes` at `key` behind the store's back: no condition, no hash metadata. */
  rawWrite(key: string, bytes: Uint8Array): Promise<void>
  dispose(): Promise<void>
}

const SEED_KEYS = [
  'record_id',
  'table_name',
  'current_version',
  'status',
  'created_by',
  'created_at',
  'approved_by',
  'approved_at',
  'rejected_by',
  'rejected_at',
  'history',
]

const text = (s: string): Uint8Array => new TextEncoder().encode(s)

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    if (e instanceof BorelogError) return e.code
    throw e
  }
  throw new Error('expected a BorelogError, but the call succeeded')
}

async function keysUnder(objects: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = []
  for await (const info of objects.list(prefix)) keys.push(info.key)
  return keys
}

async function readJson(objects: ObjectStore, key: string): Promise<MetadataJson> {
  const got = await objects.get(key)
  if (!got) throw new Error(`${key} is missing`)
  return JSON.parse(new TextDecoder().decode(got.bytes)) as MetadataJson
}

export function describeStoreContract(
  name: string,
  makeBackend: () => Promise<StoreBackend>,
): void {
  describe(`VersionedStore contract: ${name}`, () => {
    const disposers: (() => Promise<void>)[] = []
    afterEach(async () => {
      await Promise.all(disposers.splice(0).map((d) => d()))
    })
    const open = async (): Promise<{ backend: StoreBackend; store: VersionedStore }> => {
      const backend = await makeBackend()
      disposers.push(() => backend.dispose())
      return { backend, store: await VersionedStore.open(backend.objects) }
    }

    describe('record lifecycle', () => {
      it('create writes v1.parquet and a metadata.json with the required keys, status draft', async () => {
        const { backend, store } = await open()
        const meta = await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a.field',
          comment: 'Initial creation',
        })
        expect(meta.current_version).toBe(1)
        expect(meta.status).toBe('draft')
        const stored = await readJson(backend.objects, 'records/BH01/metadata.json')
        for (const key of SEED_KEYS) expect(stored).toHaveProperty(key)
        expect(stored.created_at).toMatch(/Z$/)
        expect(stored.history[0]).toMatchObject({
          version: 1,
          status: 'draft',
          created_by: 'a.field',
          comment: 'Initial creation',
        })
        expect(await backend.objects.head('records/BH01/versions/v1.parquet')).not.toBeNull()
      })

      it('update adds v2 as a draft; created_by stays the creator and the history names the editor', async () => {
        const { store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a.field',
        })
        const meta = await store.updateRecord({
          recordId: 'BH01',
          table: sampleHole('BH01', 1),
          updatedBy: 'b.field',
          comment: 'fix',
        })
        expect(meta.current_version).toBe(2)
        expect(meta.created_by).toBe('a.field')
        expect(meta.history[1]).toMatchObject({
          version: 2,
          created_by: 'b.field',
          status: 'draft',
          parent_version: 1,
        })
        expect(await store.getAllVersions('BH01')).toEqual([1, 2])
        const v1 = await store.getSpecificVersion('BH01', 1)
        const latest = await store.getLatestVersion('BH01')
        expect(v1?.getChild('description')?.get(1)).toBe('Firm brown CLAY')
        expect(latest.getChild('description')?.get(1)).toBe('Firm brown CLAY (v1)')
      })

      it('a missing version is null, a missing record is NOT_FOUND', async () => {
        const { store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        expect(await store.getSpecificVersion('BH01', 7)).toBeNull()
        expect(await codeOf(store.getMetadata('nope'))).toBe('NOT_FOUND')
        expect(await codeOf(store.getLatestVersion('nope'))).toBe('NOT_FOUND')
      })

      it('approve writes metadata only and records the hash of the file approved', async () => {
        const { backend, store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        const before = await keysUnder(backend.objects, 'records/BH01/versions/')
        const meta = await store.approveRecord({
          recordId: 'BH01',
          version: 1,
          by: 'rev',
          comment: 'ok',
        })
        expect(meta.status).toBe('approved')
        expect(meta.approved_by).toBe('rev')
        expect(meta.history[1]?.file_sha256).toBe(meta.history[0]?.file_sha256)
        expect(await keysUnder(backend.objects, 'records/BH01/versions/')).toEqual(before)
      })

      it('approve refuses a version the reviewer did not see', async () => {
        const { store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b' })
        expect(await codeOf(store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' }))).toBe(
          'STALE_REVIEW',
        )
        expect(
          await codeOf(
            store.rejectRecord({ recordId: 'BH01', version: 1, by: 'rev', reason: 'x' }),
          ),
        ).toBe('STALE_REVIEW')
      })

      it('"moved on" names who saved the newer version, not who reviewed it since', async () => {
        const { store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b' })
        await store.approveRecord({ recordId: 'BH01', version: 2, by: 'rev' })
        const refused = await store
          .rejectRecord({ recordId: 'BH01', version: 1, by: 'late', reason: 'x' })
          .then(
            () => null,
            (e: unknown) => e,
          )
        expect(refused).toMatchObject({
          code: 'STALE_REVIEW',
          details: { currentVersion: 2, savedBy: 'b' },
        })
        expect((refused as Error).message).toContain('v2 was saved by b at')
      })

      it('a review of a version reviewed already is stale (exit 3), naming the reviewer', async () => {
        const { store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        await store.approveRecord({ recordId: 'BH01', version: 1, by: 'first' })
        const refused = await store
          .rejectRecord({ recordId: 'BH01', version: 1, by: 'second', reason: 'x' })
          .then(
            () => null,
            (e: unknown) => e,
          )
        expect(refused).toMatchObject({
          code: 'STALE_REVIEW',
          details: { status: 'approved', reviewedBy: 'first' },
        })
      })

      it('only a draft can be approved or rejected; reject needs a reason', async () => {
        const { store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        expect(
          await codeOf(
            store.rejectRecord({ recordId: 'BH01', version: 1, by: 'rev', reason: '  ' }),
          ),
        ).toBe('BAD_INPUT')
        await store.rejectRecord({ recordId: 'BH01', version: 1, by: 'rev', reason: 'SPT missing' })
        expect(await codeOf(store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' }))).toBe(
          'STALE_REVIEW',
        )
        const meta = await store.updateRecord({
          recordId: 'BH01',
          table: sampleHole('BH01', 1),
          updatedBy: 'a',
        })
        expect(meta.status).toBe('draft')
        // The reviewer fields describe the current version; the history keeps the rejection.
        expect([meta.rejected_by, meta.rejected_at]).toEqual([null, null])
        expect(meta.history.filter((e) => e.action === 'reject').map((e) => e.created_by)).toEqual([
          'rev',
        ])
      })

      it('approval is refused while the version has validation errors', async () => {
        const { store } = await open()
        const bad = intervalTable([
          { hole_id: 'BH09', depth_top_m: 3, depth_base_m: 1, description: 'upside down' },
        ])
        await store.createRecord({
          recordId: 'BH09',
          table: bad,
          tableName: 'borelog',
          createdBy: 'a',
        })
        const findings = await store.getFindings('BH09', 1)
        expect(findings.some((f) => f.severity === 'error')).toBe(true)
        expect(await codeOf(store.approveRecord({ recordId: 'BH09', version: 1, by: 'rev' }))).toBe(
          'VALIDATION_FAILED',
        )
      })

      it('borelog_versions is the borelog table: an overlapping log with a negative SPT gets the borelog findings and cannot be approved', async () => {
        const { store } = await open()
        await store.createRecord({
          recordId: 'BH10',
          table: intervalTable([
            { hole_id: 'BH10', depth_top_m: 0, depth_base_m: 2, description: 'CLAY', spt_n: -4 },
            { hole_id: 'BH10', depth_top_m: 1.5, depth_base_m: 3, description: 'SAND' },
          ]),
          tableName: 'borelog_versions',
          createdBy: 'a',
        })
        const rules = (await store.getFindings('BH10', 1))
          .filter((f) => f.severity === 'error')
          .map((f) => f.rule)
        expect(rules).toEqual(expect.arrayContaining(['interval-overlap', 'spt-negative']))
        expect((await store.getMetadata('BH10')).table_name).toBe('borelog_versions')
        expect(await codeOf(store.approveRecord({ recordId: 'BH10', version: 1, by: 'rev' }))).toBe(
          'VALIDATION_FAILED',
        )
      })

      it('update with a stale base version is a conflict, not an overwrite', async () => {
        const { store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        await store.updateRecord({
          recordId: 'BH01',
          table: sampleHole('BH01', 1),
          updatedBy: 'b',
          baseVersion: 1,
        })
        expect(
          await codeOf(
            store.updateRecord({
              recordId: 'BH01',
              table: sampleHole('BH01', 2),
              updatedBy: 'c',
              baseVersion: 1,
            }),
          ),
        ).toBe('VERSION_CONFLICT')
        expect(await store.getAllVersions('BH01')).toEqual([1, 2])
      })

      it('creating an existing record is refused', async () => {
        const { store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        expect(
          await codeOf(
            store.createRecord({
              recordId: 'BH01',
              table: sampleHole(),
              tableName: 'borelog',
              createdBy: 'b',
            }),
          ),
        ).toBe('ALREADY_EXISTS')
      })
    })

    describe('many writers', () => {
      /** Each client's outcome: 'won', or the code it was refused with. */
      async function race(
        backend: StoreBackend,
        clients: number,
        act: (client: VersionedStore, i: number) => Promise<unknown>,
      ): Promise<string[]> {
        const opened = await Promise.all(
          Array.from({ length: clients }, () => VersionedStore.open(backend.reopen())),
        )
        return Promise.all(
          opened.map((client, i) =>
            act(client, i).then(
              () => 'won',
              (e: unknown) => codeOf(Promise.reject(e)),
            ),
          ),
        )
      }

      it('clients racing to save over one version: exactly one wins, the others get VERSION_CONFLICT', async () => {
        const { backend, store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        const outcomes = await race(backend, 8, (client, i) =>
          client.updateRecord({
            recordId: 'BH01',
            table: sampleHole('BH01', i + 1),
            updatedBy: `w${i}`,
            baseVersion: 1,
          }),
        )
        expect(outcomes.filter((c) => c === 'won')).toHaveLength(1)
        expect(outcomes.filter((c) => c === 'VERSION_CONFLICT')).toHaveLength(7)
        const meta = await store.getMetadata('BH01')
        expect(meta.current_version).toBe(2)
        expect(meta.history).toHaveLength(2)
        expect((await verifyStore(store)).problems).toEqual([])
      })

      it('reviewers racing on one draft: one review lands, the rest are refused, the chain holds', async () => {
        const { backend, store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        const outcomes = await race(backend, 6, (client, i) =>
          i % 2 === 0
            ? client.approveRecord({ recordId: 'BH01', version: 1, by: `rev${i}` })
            : client.rejectRecord({ recordId: 'BH01', version: 1, by: `rev${i}`, reason: 'no' }),
        )
        expect(outcomes.filter((c) => c === 'won')).toHaveLength(1)
        for (const c of outcomes.filter((x) => x !== 'won')) expect(c).toBe('STALE_REVIEW')
        const meta = await store.getMetadata('BH01')
        expect(meta.history).toHaveLength(2)
        expect(checkChain(meta.history)).toEqual([])
      })
    })

    describe('bad input', () => {
      it.each(['', '..', 'a/b', 'a\\b', 'a\0b', '../x', 'x'.repeat(201)])(
        'record id %j is refused before any I/O',
        async (id) => {
          const { backend, store } = await open()
          expect(
            await codeOf(
              store.createRecord({
                recordId: id,
                table: sampleHole(),
                tableName: 'borelog',
                createdBy: 'a',
              }),
            ),
          ).toBe('INVALID_RECORD_ID')
          expect(await keysUnder(backend.objects, '')).toEqual([])
        },
      )

      it('a malformed metadata.json is CORRUPT_METADATA naming the JSON path', async () => {
        const { backend, store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        const meta = await readJson(backend.objects, 'records/BH01/metadata.json')
        await backend.rawWrite(
          'records/BH01/metadata.json',
          text(JSON.stringify({ ...meta, current_version: 'two' })),
        )
        try {
          await store.getMetadata('BH01')
          expect.unreachable()
        } catch (e) {
          expect((e as BorelogError).code).toBe('CORRUPT_METADATA')
          expect((e as BorelogError).details.path).toBe('$.current_version')
        }
        await backend.rawWrite('records/BH01/metadata.json', text('{"record_id": '))
        expect(await codeOf(store.getMetadata('BH01'))).toBe('CORRUPT_METADATA')
      })

      it('a truncated version file is reported, never decoded as data', async () => {
        const { backend, store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        const bytes = (await backend.objects.get('records/BH01/versions/v1.parquet'))!.bytes
        await backend.rawWrite(
          'records/BH01/versions/v1.parquet',
          bytes.subarray(0, bytes.length - 10),
        )
        expect(await codeOf(store.getLatestVersion('BH01'))).toBe('INTEGRITY')
      })
    })

    describe('trust: verify and repair', () => {
      it('verify finds a flipped byte in a version file', async () => {
        const { backend, store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        expect((await verifyStore(store)).ok).toBe(true)
        const bytes = new Uint8Array(
          (await backend.objects.get('records/BH01/versions/v1.parquet'))!.bytes,
        )
        bytes[Math.floor(bytes.length / 2)]! ^= 0x01
        await backend.rawWrite('records/BH01/versions/v1.parquet', bytes)
        const report = await verifyStore(store)
        expect(report.ok).toBe(false)
        expect(report.problems.map((p) => [p.recordId, p.code, p.version])).toContainEqual([
          'BH01',
          'INTEGRITY',
          1,
        ])
      })

      it('verify finds an edited history entry', async () => {
        const { backend, store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
        const meta = await readJson(backend.objects, 'records/BH01/metadata.json')
        meta.history[1]!.created_by = 'someone.else'
        await backend.rawWrite('records/BH01/metadata.json', text(JSON.stringify(meta)))
        expect(checkChain(meta.history).length).toBeGreaterThan(0)
        const report = await verifyStore(store)
        expect(report.problems.some((p) => p.code === 'INTEGRITY' && p.recordId === 'BH01')).toBe(
          true,
        )
      })

      it('repair rolls forward a version file whose metadata write was lost', async () => {
        const { backend, store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        const saved = (await backend.objects.get('records/BH01/metadata.json'))!.bytes
        const savedHead = (await backend.objects.get('changes.head.json'))!.bytes
        const before = await keysUnder(backend.objects, 'changes/')
        await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b' })
        // As if the writer died before naming v2: no metadata.json swap, so no change event.
        await backend.rawWrite('records/BH01/metadata.json', saved)
        await backend.rawWrite('changes.head.json', savedHead)
        for (const key of await keysUnder(backend.objects, 'changes/'))
          if (!before.includes(key)) await backend.objects.delete(key)
        const report = await verifyStore(store)
        expect(report.problems.map((p) => p.code)).toEqual(['INTERRUPTED_WRITE'])
        expect(
          await codeOf(
            store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 2), updatedBy: 'c' }),
          ),
        ).toBe('VERSION_CONFLICT')
        const repaired = await repairStore(store)
        expect(repaired.remaining).toEqual([])
        expect(await store.getAllVersions('BH01')).toEqual([1, 2])
        expect((await store.getMetadata('BH01')).history[1]?.created_by).toBe('b')
      })

      it('repair rebuilds a lost metadata.json with its approvals, keeping the damaged file', async () => {
        const { backend, store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
        await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'b' })
        const original = await store.getMetadata('BH01')
        await backend.rawWrite('records/BH01/metadata.json', text('garbage'))
        const report = await repairStore(store)
        expect(report.remaining).toEqual([])
        const rebuilt = await store.getMetadata('BH01')
        expect(rebuilt.history).toEqual(original.history)
        expect(rebuilt.history.find((e) => e.action === 'approve')?.created_by).toBe('rev')
        expect(rebuilt.approved_by).toBeNull() // v2, the current version, is a draft
        const kept = (await keysUnder(backend.objects, 'records/BH01/')).filter((k) =>
          k.startsWith('records/BH01/metadata.damaged-'),
        )
        expect(kept).toHaveLength(1)
      })

      it('repair restores the change event a writer died before writing, so incremental readers see the commit', async () => {
        const { backend, store } = await open()
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole(),
          tableName: 'borelog',
          createdBy: 'a',
        })
        const cursor = await currentCursor(store)
        const meta = await store.updateRecord({
          recordId: 'BH01',
          table: sampleHole('BH01', 1),
          updatedBy: 'b',
        })
        const updateEntry = meta.history[meta.history.length - 1]!.entry_sha256
        // As if the process died between the metadata.json swap and its change event.
        for (const key of await keysUnder(backend.objects, 'changes/')) {
          const got = await backend.objects.get(key)
          if (got && JSON.parse(new TextDecoder().decode(got.bytes)).entry_sha256 === updateEntry)
            await backend.objects.delete(key)
        }
        expect((await changedSince(store, cursor)).recordIds).toEqual([])
        const report = await repairStore(store)
        expect(report.actions.map((a) => a.recordId)).toContain('BH01')
        expect((await changedSince(store, cursor)).recordIds).toEqual(['BH01'])
        expect((await repairStore(store)).actions).toEqual([])
      })
    })

    describe('batch operations', () => {
      it('one bad record never blocks or corrupts the others', async () => {
        const { store } = await open()
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

    describe('unregistered tables (e.g. borelog_versions)', () => {
      it('v1 defines the schema; a changed schema later is a warning finding', async () => {
        const { store } = await open()
        await store.createRecord({
          recordId: 'R1',
          table: sampleHole(),
          tableName: 'site_log',
          createdBy: 'a',
          keyColumns: ['hole_id', 'depth_top_m'],
        })
        const fewer = sampleHole().select(['hole_id', 'depth_top_m', 'depth_base_m'])
        await store.updateRecord({ recordId: 'R1', table: fewer, updatedBy: 'a' })
        const findings = await store.getFindings('R1', 2)
        expect(findings.some((f) => f.rule === 'schema-changed' && f.severity === 'warning')).toBe(
          true,
        )
      })
    })

    describe('incremental export and listing', () => {
      it('export with a cursor returns only the records changed since, each at its current version', async () => {
        const { store } = await open()
        const out = await fs.mkdtemp(path.join(os.tmpdir(), 'borelog-export-'))
        disposers.push(() => fs.rm(out, { recursive: true, force: true }))
        await store.createRecord({
          recordId: 'BH01',
          table: sampleHole('BH01'),
          tableName: 'borelog',
          createdBy: 'a',
        })
        await store.createRecord({
          recordId: 'BH02',
          table: sampleHole('BH02'),
          tableName: 'borelog',
          createdBy: 'a',
        })
        await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
        const first = await exportChanges(store, { outDir: path.join(out, '1') })
        expect(first.records.map((r) => r.record_id)).toEqual(['BH01', 'BH02'])
        const exported = await fs.readFile(path.join(out, '1', first.records[0]!.file))
        expect(new Uint8Array(exported)).toEqual(await store.getVersionFile('BH01', 1))

        const none = await exportChanges(store, {
          outDir: path.join(out, '2'),
          since: first.cursor,
        })
        expect(none.records).toEqual([])
        await store.updateRecord({ recordId: 'BH02', table: sampleHole('BH02', 1), updatedBy: 'b' })
        const next = await exportChanges(store, { outDir: path.join(out, '3'), since: none.cursor })
        expect(next.records.map((r) => [r.record_id, r.version])).toEqual([['BH02', 2]])
        const approved = await exportChanges(store, {
          outDir: path.join(out, '4'),
          status: 'approved',
        })
        expect(approved.records.map((r) => r.record_id)).toEqual(['BH01'])
      })

      it('changedSince reads only the changes after the cursor, not the whole store', async () => {
        const { store } = await open()
        for (const id of ['BH01', 'BH02', 'BH03', 'BH04']) {
          await store.createRecord({
            recordId: id,
            table: sampleHole(id),
            tableName: 'borelog',
            createdBy: 'a',
          })
        }
        const cursor = await currentCursor(store)
        await store.approveRecord({ recordId: 'BH03', version: 1, by: 'rev' })
        const changed = await changedSince(store, cursor)
        expect(changed.recordIds).toEqual(['BH03'])
        expect(changed.eventsRead).toBe(1)
        expect((await changedSince(store, changed.cursor)).recordIds).toEqual([])
      })

      it('listRecords through the catalog filters and counts, and sees another client’s commit', async () => {
        const { backend } = await open()
        const { store } = await openBorelogStore(backend.objects)
        for (const [id, by] of [
          ['BH01', 'ann'],
          ['BH02', 'bob'],
          ['TP01', 'ann'],
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
        const drafts = await store.listRecords({ status: ['draft'] })
        expect(drafts.records.map((r) => r.record_id)).toEqual(['BH01', 'TP01'])
        expect(drafts.countsByStatus).toEqual({ draft: 2, approved: 1, rejected: 0 })
        expect((await store.listRecords({ createdBy: 'ann', text: 'hindley' })).total).toBe(1)

        const other = await openBorelogStore(backend.reopen())
        await other.catalog.ready()
        await store.rejectRecord({
          recordId: 'BH01',
          version: 1,
          by: 'rev',
          reason: 'no water level',
        })
        await other.catalog.refresh(true)
        const rejected = await other.store.listRecords({ status: ['rejected'] })
        expect(rejected.records.map((r) => [r.record_id, r.rejected_by])).toEqual([['BH01', 'rev']])
      })
    })
  })
}
