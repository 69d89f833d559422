// Property test: random sequences of operations, valid and invalid, keep
// every invariant of the store after every step (docs/ARCHITECTURE.md, "Invariants"):
// - history is append-only (the old history is a prefix of the new one) and chained;
// - a version file, once written, never changes;
// - current_version counts the versions written; status moves only from draft to
//   approved or rejected, and back to draft by a new version;
// - a refused operation changes nothing.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import type { MetadataJson } from '../../shared/metadata'
import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { LocalFolderStore } from '../object-store/index'
import { VersionedStore, checkChain, verifyStore } from './index'

type Op =
  | { kind: 'create'; id: number }
  | { kind: 'update'; id: number; variant: number; stale: boolean }
  | { kind: 'approve'; id: number; versionDelta: number }
  | { kind: 'reject'; id: number; versionDelta: number; reason: string }

const ids = ['BH01', 'BH02', 'BH03']

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), id: fc.nat(2) }),
  fc.record({
    kind: fc.constant('update' as const),
    id: fc.nat(2),
    variant: fc.nat(5),
    stale: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('approve' as const),
    id: fc.nat(2),
    versionDelta: fc.integer({ min: -1, max: 1 }),
  }),
  fc.record({
    kind: fc.constant('reject' as const),
    id: fc.nat(2),
    versionDelta: fc.integer({ min: -1, max: 1 }),
    reason: fc.constantFrom('', 'wrong depths'),
  }),
)

async function snapshotFiles(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  for (const id of ids) {
    const folder = path.join(dir, 'records', id, 'versions')
    for (const name of await fs.readdir(folder).catch(() => [] as string[]))
      out.set(`${id}/${name}`, await fs.readFile(path.join(folder, name)))
  }
  return out
}

describe('lifecycle invariants under random operation sequences', () => {
  it('hold after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const { dir, cleanup } = await tempDir('borelog-prop-')
        try {
          const store = await VersionedStore.open(new LocalFolderStore(dir))
          const before = new Map<string, MetadataJson>()
          for (const op of ops) {
            const id = ids[op.id]!
            const prior = before.get(id)
            const files = await snapshotFiles(dir)
            let outcome: MetadataJson | BorelogError
            try {
              if (op.kind === 'create') {
                outcome = await store.createRecord({
                  recordId: id,
                  table: sampleHole(id),
                  tableName: 'borelog',
                  createdBy: 'a',
                })
              } else if (op.kind === 'update') {
                const base = prior ? prior.current_version - (op.stale ? 1 : 0) : 1
                outcome = await store.updateRecord({
                  recordId: id,
                  table: sampleHole(id, op.variant),
                  updatedBy: 'b',
                  baseVersion: base,
                })
              } else if (op.kind === 'approve') {
                outcome = await store.approveRecord({
                  recordId: id,
                  version: (prior?.current_version ?? 1) + op.versionDelta,
                  by: 'rev',
                })
              } else {
                outcome = await store.rejectRecord({
                  recordId: id,
                  version: (prior?.current_version ?? 1) + op.versionDelta,
                  by: 'rev',
                  reason: op.reason,
                })
              }
            } catch (e) {
              if (!(e instanceof BorelogError)) throw e
              outcome = e
            }
            // Files once written never change, whatever happened.
            const after = await snapshotFiles(dir)
            for (const [name, bytes] of files) expect(after.get(name)?.equals(bytes)).toBe(true)

            if (outcome instanceof BorelogError) {
              // A refusal changes nothing and has an expected code.
              expect([
                'ALREADY_EXISTS',
                'NOT_FOUND',
                'VERSION_CONFLICT',
                'STALE_REVIEW',
                'INVALID_TRANSITION',
                'BAD_INPUT',
              ]).toContain(outcome.code)
              if (prior) expect(await store.getMetadata(id)).toEqual(prior)
              expect(after.size).toBe(files.size)
              continue
            }
            const meta = outcome
            // Legal transitions only: a create starts a record, a review ends a draft.
            if (op.kind === 'create') expect(prior).toBeUndefined()
            if (op.kind === 'approve' || op.kind === 'reject') {
              expect(prior?.status).toBe('draft')
              expect(meta.current_version).toBe(prior?.current_version)
              expect(after.size).toBe(files.size) // metadata only, never a Parquet write
            }
            if (op.kind === 'reject') expect(op.reason).not.toBe('')
            if (op.kind === 'update') expect(meta.current_version).toBe(prior!.current_version + 1)
            // Append-only, chained history.
            if (prior) expect(meta.history.slice(0, prior.history.length)).toEqual(prior.history)
            expect(meta.history.length).toBe((prior?.history.length ?? 0) + 1)
            expect(checkChain(meta.history)).toEqual([])
            expect(meta.status).toBe(meta.history[meta.history.length - 1]!.status)
            expect(meta.created_by).toBe('a')
            before.set(id, meta)
          }
          expect((await verifyStore(store)).problems).toEqual([])
        } finally {
          await cleanup()
        }
      }),
      { numRuns: 40 },
    )
  }, 300_000)
})
