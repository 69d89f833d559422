// Signed history against an attacker who can write the store's files but holds no one
// else's private key, one suite for every backend: the local folder
// (src-main/store/signatures.integration.test.ts) and S3
// (src-main/store/signatures.s3.integration.test.ts). Every forgery is made through
// `rawWrite`, behind the store's back, and every one must be reported by verify.
// See docs/ARCHITECTURE.md, "Signed history".
import { afterEach, describe, expect, it } from 'vitest'

import type { HistoryEntry, MetadataJson } from '../shared/metadata'
import { generateSigner } from '../src-main/identity/index'
import type { ObjectStore } from '../src-main/object-store/index'
import {
  VersionedStore,
  entryHash,
  identityPrefix,
  rotateKey,
  signEntry,
  verifyStore,
  type Signer,
} from '../src-main/store/index'
import { sampleHole } from './support/borelog-fixtures'

export interface SignatureBackend {
  objects: ObjectStore
  rawWrite(key: string, bytes: Uint8Array): Promise<void>
  dispose(): Promise<void>
}

const META = 'records/BH1/metadata.json'

async function readMeta(objects: ObjectStore): Promise<MetadataJson> {
  const got = await objects.get(META)
  return JSON.parse(new TextDecoder().decode(got!.bytes)) as MetadataJson
}

/** Re-seals the whole chain after an edit, as an attacker with write access can. */
function rechain(history: HistoryEntry[]): HistoryEntry[] {
  let prev: string | null = null
  return history.map((e) => {
    const sealed: HistoryEntry = { ...e, prev_entry_sha256: prev }
    sealed.entry_sha256 = entryHash(sealed)
    prev = sealed.entry_sha256
    return sealed
  })
}

function encode(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 2))
}

export function describeSignatureContract(
  name: string,
  open: () => Promise<SignatureBackend>,
): void {
  describe(`signed history (${name})`, () => {
    let backend: SignatureBackend
    afterEach(async () => backend?.dispose())

    const storeAs = (signer: Signer | null): Promise<VersionedStore> =>
      VersionedStore.open(backend.objects, { signer })

    /** alice saves BH1 v1 and v2; returns her and the chief's signer. */
    async function twoVersions(): Promise<{ alice: Signer; chief: Signer }> {
      backend = await open()
      const alice = generateSigner('alice')
      const chief = generateSigner('chief')
      const store = await storeAs(alice)
      await store.createRecord({
        recordId: 'BH1',
        table: sampleHole('BH1'),
        tableName: 'borelog',
        createdBy: 'alice',
      })
      await store.updateRecord({ recordId: 'BH1', table: sampleHole('BH1', 1), updatedBy: 'alice' })
      // The chief registers by writing somewhere in the store.
      await (
        await storeAs(chief)
      ).createRecord({
        recordId: 'BH2',
        table: sampleHole('BH2'),
        tableName: 'borelog',
        createdBy: 'chief',
      })
      return { alice, chief }
    }

    const codesOf = async (options = {}): Promise<string[]> =>
      (await verifyStore(await storeAs(null), options)).problems.map((p) => p.code)

    it('every entry written with a signer verifies, and names its key', async () => {
      const { alice, chief } = await twoVersions()
      await (await storeAs(chief)).approveRecord({ recordId: 'BH1', version: 2, by: 'chief' })
      const report = await verifyStore(await storeAs(null), { requireSignatures: true })
      expect(report.problems).toEqual([])
      expect(report.warnings).toEqual([])
      const history = (await readMeta(backend.objects)).history
      expect(history.map((e) => e.signature?.key)).toEqual([
        alice.fingerprint,
        alice.fingerprint,
        chief.fingerprint,
      ])
    })

    it('a store opened with a signer refuses to write under another name', async () => {
      await twoVersions()
      const store = await storeAs(generateSigner('mallory'))
      await expect(
        store.approveRecord({ recordId: 'BH1', version: 2, by: 'chief' }),
      ).rejects.toMatchObject({ code: 'BAD_INPUT' })
    })

    it('a forged approval (created_by edited, chain recomputed) is detected', async () => {
      const { alice } = await twoVersions()
      // alice approves her own work, then rewrites the entry to name the chief.
      await (await storeAs(alice)).approveRecord({ recordId: 'BH1', version: 2, by: 'alice' })
      const meta = await readMeta(backend.objects)
      meta.history[2]!.created_by = 'chief'
      meta.history = rechain(meta.history)
      meta.approved_by = 'chief'
      await backend.rawWrite(META, encode(meta))
      expect(await codesOf()).toContain('BAD_SIGNATURE')
    })

    it('an approval re-signed with another key for a taken name is detected', async () => {
      await twoVersions()
      const mallory = generateSigner('chief') // same name, another key
      const meta = await readMeta(backend.objects)
      const last = meta.history[meta.history.length - 1]!
      const forged: HistoryEntry = {
        version: 2,
        status: 'approved',
        created_by: 'chief',
        created_at: new Date().toISOString(),
        comment: null,
        action: 'approve',
        file_sha256: last.file_sha256!,
        prev_entry_sha256: last.entry_sha256!,
      }
      forged.entry_sha256 = entryHash(forged)
      meta.history.push(signEntry(forged, mallory))
      meta.status = 'approved'
      meta.approved_by = 'chief'
      await backend.rawWrite(META, encode(meta))
      const report = await verifyStore(await storeAs(null))
      expect(report.problems.map((p) => p.code)).toContain('BAD_SIGNATURE')
      expect(report.problems.find((p) => p.code === 'BAD_SIGNATURE')?.message).toMatch(
        /not registered to "chief"/,
      )
    })

    it('a second key for a taken name is refused, through the store and by hand', async () => {
      await twoVersions()
      const mallory = generateSigner('chief')
      await expect(
        (await storeAs(mallory)).approveRecord({ recordId: 'BH1', version: 2, by: 'chief' }),
      ).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
      // By hand: a key object written next to the chief's does not extend the chain.
      const prefix = identityPrefix('chief')
      const body = JSON.parse(
        new TextDecoder().decode((await backend.objects.get(`${prefix}0000.json`))!.bytes),
      ) as Record<string, unknown>
      expect(body.name).toBe('chief')
      await backend.rawWrite(
        `${prefix}0001.json`,
        encode({
          ...body,
          index: 1,
          public_key: mallory.publicKey,
          fingerprint: mallory.fingerprint,
          previous_fingerprint: body.fingerprint,
          signature: 'AAAA',
        }),
      )
      const meta = await readMeta(backend.objects)
      const last = meta.history[meta.history.length - 1]!
      const forged: HistoryEntry = {
        version: 2,
        status: 'approved',
        created_by: 'chief',
        created_at: new Date().toISOString(),
        comment: null,
        action: 'approve',
        file_sha256: last.file_sha256!,
        prev_entry_sha256: last.entry_sha256!,
      }
      forged.entry_sha256 = entryHash(forged)
      meta.history.push(signEntry(forged, mallory))
      await backend.rawWrite(META, encode(meta))
      expect(await codesOf()).toContain('BAD_SIGNATURE')
    })

    it('a rotation signed by the old key is honoured; one without it is not', async () => {
      const { chief } = await twoVersions()
      const next = generateSigner('chief')
      await rotateKey(backend.objects, chief, next, new Date().toISOString())
      await (await storeAs(next)).approveRecord({ recordId: 'BH1', version: 2, by: 'chief' })
      expect(await codesOf({ requireSignatures: true })).toEqual([])

      // Mallory rotates "alice" to her key without alice's signature.
      const mallory = generateSigner('alice')
      const alicePrefix = identityPrefix('alice')
      const first = JSON.parse(
        new TextDecoder().decode((await backend.objects.get(`${alicePrefix}0000.json`))!.bytes),
      )
      await backend.rawWrite(
        `${alicePrefix}0001.json`,
        encode({
          ...first,
          index: 1,
          public_key: mallory.publicKey,
          fingerprint: mallory.fingerprint,
          previous_fingerprint: first.fingerprint,
          signature: Buffer.from(mallory.sign(new Uint8Array([1]))).toString('base64'),
        }),
      )
      // Mallory's store now writes as alice with her key: the registry check reads the
      // forged chain, finds the link unsigned, and refuses.
      await expect(
        (await storeAs(mallory)).updateRecord({
          recordId: 'BH2',
          table: sampleHole('BH2', 1),
          updatedBy: 'alice',
        }),
      ).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
      // Written by hand instead: verify reports it.
      const meta = await readMeta(backend.objects)
      const last = meta.history[meta.history.length - 1]!
      const forged: HistoryEntry = {
        version: 2,
        status: 'rejected',
        created_by: 'alice',
        created_at: new Date().toISOString(),
        comment: 'no',
        reason: 'no',
        action: 'reject',
        file_sha256: last.file_sha256!,
        prev_entry_sha256: last.entry_sha256!,
      }
      forged.entry_sha256 = entryHash(forged)
      meta.history.push(signEntry(forged, mallory))
      await backend.rawWrite(META, encode(meta))
      expect(await codesOf()).toContain('BAD_SIGNATURE')
    })

    it('an edit with the whole chain recomputed is detected (the signature no longer matches)', async () => {
      await twoVersions()
      const meta = await readMeta(backend.objects)
      meta.history[1]!.comment = 'edited later'
      meta.history = rechain(meta.history)
      await backend.rawWrite(META, encode(meta))
      // The change events still name the original hashes, so the anchoring reports the
      // recomputed chain too; the signature names the edited entry.
      const problems = (await verifyStore(await storeAs(null))).problems
      const bad = problems.filter((p) => p.code === 'BAD_SIGNATURE')
      expect(bad.map((p) => p.version)).toEqual([2])
    })

    it('a removed signature is unsigned: a warning, an error with requireSignatures', async () => {
      await twoVersions()
      const meta = await readMeta(backend.objects)
      delete meta.history[0]!.signature
      await backend.rawWrite(META, encode(meta))
      const report = await verifyStore(await storeAs(null))
      expect(report.ok).toBe(true)
      expect(report.warnings.map((w) => w.code)).toEqual(['UNSIGNED'])
      expect(await codesOf({ requireSignatures: true })).toEqual(['UNSIGNED'])
    })
  })
}
