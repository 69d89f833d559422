// verify and repair against forgeries and crashes, one suite run against every backend:
// the local folder (src-main/store/integrity.integration.test.ts) and S3 on a real server
// (src-main/store/integrity.s3.integration.test.ts). Damage is done through `rawWrite` and
// `objects.delete`, the way a hand edit or a stray tool would do it.
// See docs/ARCHITECTURE.md, "Invariants".
import { afterEach, describe, expect, it } from 'vitest'

import type { HistoryEntry, MetadataJson } from '../shared/metadata'
import type { ObjectStore } from '../src-main/object-store/index'
import {
  VersionedStore,
  changedSince,
  currentCursor,
  deriveHistoryFields,
  isStore,
  repairStore,
  verifyStore,
} from '../src-main/store/index'
import type { StoreBackend } from './store-contract'
import { sampleHole } from './support/borelog-fixtures'

const encode = (value: unknown): Uint8Array =>
  new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n')

async function keysUnder(objects: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = []
  for await (const info of objects.list(prefix)) keys.push(info.key)
  return keys
}

async function readJson<T>(objects: ObjectStore, key: string): Promise<T> {
  const got = await objects.get(key)
  if (!got) throw new Error(`${key} is missing`)
  return JSON.parse(new TextDecoder().decode(got.bytes)) as T
}

/** The change event files naming `entry`. */
async function eventKeysOf(objects: ObjectStore, entry: HistoryEntry): Promise<string[]> {
  const out: string[] = []
  for (const key of await keysUnder(objects, 'changes/')) {
    const event = await readJson<{ entry_sha256?: string }>(objects, key)
    if (event.entry_sha256 === entry.entry_sha256) out.push(key)
  }
  return out
}

export function describeIntegrityContract(
  name: string,
  makeBackend: () => Promise<StoreBackend>,
): void {
  describe(`verify and repair: ${name}`, () => {
    const disposers: (() => Promise<void>)[] = []
    afterEach(async () => {
      await Promise.all(disposers.splice(0).map((d) => d()))
    })
    const open = async (): Promise<{ backend: StoreBackend; store: VersionedStore }> => {
      const backend = await makeBackend()
      disposers.push(() => backend.dispose())
      return { backend, store: await VersionedStore.open(backend.objects) }
    }
    const create = (store: VersionedStore, recordId = 'BH01'): Promise<MetadataJson> =>
      store.createRecord({
        recordId,
        table: sampleHole(recordId),
        tableName: 'borelog',
        createdBy: 'ann',
        header: { PROJ_NAME: 'Harbour' },
      })
    /** Puts metadata.json and the chain head back as they were, and removes the events since: a writer that died before its commit. */
    const undoCommit = async (
      backend: StoreBackend,
      recordId: string,
      saved: { metadata: Uint8Array; head: Uint8Array; events: string[] },
    ): Promise<void> => {
      await backend.rawWrite(`records/${recordId}/metadata.json`, saved.metadata)
      await backend.rawWrite('changes.head.json', saved.head)
      for (const key of await keysUnder(backend.objects, 'changes/'))
        if (!saved.events.includes(key)) await backend.objects.delete(key)
    }
    const save = async (
      backend: StoreBackend,
      recordId: string,
    ): Promise<{ metadata: Uint8Array; head: Uint8Array; events: string[] }> => ({
      metadata: (await backend.objects.get(`records/${recordId}/metadata.json`))!.bytes,
      head: (await backend.objects.get('changes.head.json'))!.bytes,
      events: await keysUnder(backend.objects, 'changes/'),
    })

    it('a forged approval: reads act on the history, a real reject lands, verify names the field and both values', async () => {
      const { backend, store } = await open()
      await create(store)
      const meta = await readJson<MetadataJson>(backend.objects, 'records/BH01/metadata.json')
      await backend.rawWrite(
        'records/BH01/metadata.json',
        encode({
          ...meta,
          status: 'approved',
          approved_by: 'mallory',
          approved_at: meta.created_at,
        }),
      )
      const read = await store.getMetadata('BH01')
      expect([read.status, read.approved_by]).toEqual(['draft', null])
      const report = await verifyStore(store)
      expect(report.ok).toBe(false)
      const mismatches = report.problems.filter((p) => p.code === 'FIELD_MISMATCH')
      expect(mismatches.map((p) => p.message)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/status is "approved" but .* say "draft"/),
          expect.stringMatching(/approved_by is "mallory" but .* say null/),
        ]),
      )
      const rejected = await store.rejectRecord({
        recordId: 'BH01',
        version: 1,
        by: 'rev',
        reason: 'SPT missing',
      })
      expect([rejected.status, rejected.approved_by, rejected.rejected_by]).toEqual([
        'rejected',
        null,
        'rev',
      ])
      // The commit wrote the fields its history says: the forgery is gone, the store verifies.
      expect((await verifyStore(store)).problems).toEqual([])
    })

    it('after approve, update, reject, update the draft carries no reviewer; the history keeps every review', async () => {
      const { store } = await open()
      await create(store)
      await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
      await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'ann' })
      await store.rejectRecord({ recordId: 'BH01', version: 2, by: 'rev2', reason: 'x' })
      const meta = await store.updateRecord({
        recordId: 'BH01',
        table: sampleHole('BH01', 2),
        updatedBy: 'ann',
      })
      expect([
        meta.status,
        meta.approved_by,
        meta.approved_at,
        meta.rejected_by,
        meta.rejected_at,
      ]).toEqual(['draft', null, null, null, null])
      expect(meta.history.map((e) => e.action)).toEqual([
        'create',
        'approve',
        'update',
        'reject',
        'update',
      ])
      expect((await verifyStore(store)).problems).toEqual([])
    })

    it('removing the last history entries, with current_version lowered and the newest file removed, is detected', async () => {
      const { backend, store } = await open()
      await create(store)
      await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'bob' })
      await store.approveRecord({ recordId: 'BH01', version: 2, by: 'rev' })
      const meta = await readJson<MetadataJson>(backend.objects, 'records/BH01/metadata.json')
      const history = meta.history.slice(0, 1)
      await backend.rawWrite(
        'records/BH01/metadata.json',
        encode({ ...meta, ...deriveHistoryFields(history), history }),
      )
      await backend.objects.delete('records/BH01/versions/v2.parquet')
      const report = await verifyStore(store)
      expect(report.problems.filter((p) => p.code === 'HISTORY_TRUNCATED')).toHaveLength(2)
      expect(report.problems.map((p) => p.message).join('\n')).toMatch(
        /names the approve of v2 by rev .* which the history lacks/,
      )
    })

    it('repair restores removed reviews from their change events, keeping the replaced file', async () => {
      const { backend, store } = await open()
      await create(store)
      const approved = await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
      const history = approved.history.slice(0, 1)
      await backend.rawWrite(
        'records/BH01/metadata.json',
        encode({ ...approved, ...deriveHistoryFields(history), history }),
      )
      expect((await verifyStore(store)).problems.map((p) => p.code)).toEqual(['HISTORY_TRUNCATED'])
      const repaired = await repairStore(store)
      expect(repaired.remaining).toEqual([])
      expect((await store.getMetadata('BH01')).history).toEqual(approved.history)
      expect(
        (await keysUnder(backend.objects, 'records/BH01/')).filter((k) =>
          k.startsWith('records/BH01/metadata.replaced-'),
        ),
      ).toHaveLength(1)
    })

    it('a removed record folder and an edited change event are detected', async () => {
      const { backend, store } = await open()
      await create(store, 'BH01')
      await create(store, 'BH02')
      await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
      for (const key of await keysUnder(backend.objects, 'records/BH02/'))
        await backend.objects.delete(key)
      const [first] = await keysUnder(backend.objects, 'changes/')
      const event = await readJson<Record<string, unknown>>(backend.objects, first!)
      await backend.rawWrite(first!, encode({ ...event, by: 'mallory' }))
      const report = await verifyStore(store)
      const codes = report.problems.map((p) => [p.code, p.recordId])
      expect(codes).toContainEqual(['RECORD_REMOVED', 'BH02'])
      expect(
        report.problems.some((p) => p.code === 'CHANGE_LOG' && p.message.includes(first!)),
      ).toBe(true)
    })

    it('a crash between the commit and its change event: verify says the head is not yet anchored, repair announces it', async () => {
      const { backend, store } = await open()
      await create(store)
      const saved = await save(backend, 'BH01')
      const cursor = await currentCursor(store)
      const approved = await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
      // The approval committed; its claim on the chain and its event never happened.
      await backend.rawWrite('changes.head.json', saved.head)
      for (const key of await eventKeysOf(backend.objects, approved.history[1]!))
        await backend.objects.delete(key)
      const report = await verifyStore(store)
      expect(report.problems.map((p) => [p.code, p.repairable])).toEqual([
        ['UNANCHORED_HEAD', true],
      ])
      expect(report.problems[0]!.message).toMatch(
        /head not yet anchored \(a crash after commit, or tampering\)/,
      )
      const repaired = await repairStore(store)
      expect(repaired.remaining).toEqual([])
      expect((await changedSince(store, cursor)).recordIds).toEqual(['BH01'])
      expect((await verifyStore(store)).problems).toEqual([])
    })

    it('a crash between the claim and the event file: verify reports the claimed event, repair writes it', async () => {
      const { backend, store } = await open()
      await create(store)
      const approved = await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
      const [key] = await eventKeysOf(backend.objects, approved.history[1]!)
      await backend.objects.delete(key!)
      const report = await verifyStore(store)
      expect(report.problems.map((p) => [p.code, p.repairable])).toEqual([['CHANGE_LOG', true]])
      expect(report.problems[0]!.message).toMatch(/claimed .* but never written/)
      expect((await repairStore(store)).remaining).toEqual([])
      expect(await keysUnder(backend.objects, 'changes/')).toContain(key)
    })

    it('repair rolls a version forward without dropping the reject made after the interrupted save', async () => {
      const { backend, store } = await open()
      await create(store)
      const saved = await save(backend, 'BH01')
      await store.updateRecord({ recordId: 'BH01', table: sampleHole('BH01', 1), updatedBy: 'bob' })
      await undoCommit(backend, 'BH01', saved) // v2.parquet written, never named
      await store.rejectRecord({ recordId: 'BH01', version: 1, by: 'rev', reason: 'SPT missing' })
      const report = await repairStore(store)
      expect(report.remaining).toEqual([])
      const meta = await store.getMetadata('BH01')
      expect(meta.history.map((e) => [e.action, e.version, e.created_by])).toEqual([
        ['create', 1, 'ann'],
        ['reject', 1, 'rev'],
        ['update', 2, 'bob'],
      ])
      expect([meta.current_version, meta.status, meta.rejected_by]).toEqual([2, 'draft', null])
      expect(
        (await keysUnder(backend.objects, 'records/BH01/')).filter((k) =>
          k.startsWith('records/BH01/metadata.replaced-'),
        ),
      ).toHaveLength(1)
      expect((await verifyStore(store)).problems).toEqual([])
    })

    it('a malformed time is reported with its path, by verify and repair, never a crash', async () => {
      const { backend, store } = await open()
      await create(store)
      await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
      const meta = await readJson<MetadataJson>(backend.objects, 'records/BH01/metadata.json')
      meta.history[1]!.created_at = '2026-12-07T19:82:28.817Z'
      await backend.rawWrite('records/BH01/metadata.json', encode(meta))
      const malformed = (await verifyStore(store)).problems.filter(
        (p) => p.code === 'MALFORMED_FIELD',
      )
      expect(malformed.map((p) => p.message)).toEqual([
        'BH01: metadata.json $.history[1].created_at "2026-12-07T19:82:28.817Z" is not a valid time.',
      ])
      const repaired = await repairStore(store)
      expect(repaired.remaining.map((p) => p.code)).toContain('MALFORMED_FIELD')
      expect(repaired.actions).toEqual([])
    })

    it('a damaged changes.head.json: a commit says it committed, repair restores the head and keeps the damaged copy', async () => {
      const { backend, store } = await open()
      await create(store)
      await backend.rawWrite('changes.head.json', new TextEncoder().encode('{"seq": "x"'))
      await expect(
        store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' }),
      ).rejects.toThrow(/Committed BH01 v1, but could not announce it/)
      expect((await store.getMetadata('BH01')).status).toBe('approved')
      expect((await verifyStore(store)).ok).toBe(false)
      const repaired = await repairStore(store)
      expect(repaired.remaining).toEqual([])
      expect(await keysUnder(backend.objects, 'changes.head.replaced-')).toHaveLength(1)
      expect((await verifyStore(store)).problems).toEqual([])
    })

    it('a location with no records or change events is not a store', async () => {
      const { store } = await open()
      expect(await isStore(store.objects)).toBe(false)
      await create(store)
      expect(await isStore(store.objects)).toBe(true)
    })
  })
}
