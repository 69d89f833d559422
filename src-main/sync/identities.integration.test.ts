// Sync carries the keys that sign the history it copies, so signatures verify on the
// other side; a name bound to different keys in the two stores is reported and neither
// side's binding is changed. See docs/ARCHITECTURE.md, "Signed history".
import { afterEach, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { generateSigner } from '../../test/support/signers'
import { LocalFolderStore } from '../object-store/index'
import { VersionedStore, identityPrefix, readKeyChain, verifyStore } from '../store/index'
import { sync } from './index'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function folder(): Promise<LocalFolderStore> {
  const { dir, cleanup } = await tempDir('borelog-sync-ids-')
  cleanups.push(cleanup)
  return new LocalFolderStore(dir)
}

describe('sync and the key registry', () => {
  it('the keys of copied history go with it, so every signature verifies on both sides', async () => {
    const [localObjects, remoteObjects] = [await folder(), await folder()]
    const ann = generateSigner('ann')
    const local = await VersionedStore.open(localObjects, { signer: ann })
    await local.createRecord({
      recordId: 'BH1',
      table: sampleHole('BH1'),
      tableName: 'borelog',
      createdBy: 'ann',
    })
    const remote = await VersionedStore.open(remoteObjects)
    const result = await sync(local, remote)
    expect(result.failed).toEqual([])
    expect((await readKeyChain(remoteObjects, 'ann')).keys.map((k) => k.fingerprint)).toEqual([
      ann.fingerprint,
    ])
    const report = await verifyStore(remote, { requireSignatures: true })
    expect(report.problems).toEqual([])
  })

  it('a name bound to different keys on the two sides is reported, never overwritten', async () => {
    const [localObjects, remoteObjects] = [await folder(), await folder()]
    const mine = generateSigner('chief')
    const theirs = generateSigner('chief')
    const local = await VersionedStore.open(localObjects, { signer: mine })
    await local.createRecord({
      recordId: 'BH1',
      table: sampleHole('BH1'),
      tableName: 'borelog',
      createdBy: 'chief',
    })
    await (
      await VersionedStore.open(remoteObjects, { signer: theirs })
    ).createRecord({
      recordId: 'BH2',
      table: sampleHole('BH2'),
      tableName: 'borelog',
      createdBy: 'chief',
    })
    const result = await sync(local, await VersionedStore.open(remoteObjects))
    const reported = result.failed.filter((f) => f.recordId.startsWith(identityPrefix('chief')))
    expect(reported.map((f) => f.code)).toEqual(['UNAUTHORIZED'])
    expect(reported[0]!.message).toMatch(/"chief" is bound to different keys/)
    expect((await readKeyChain(localObjects, 'chief')).keys[0]!.fingerprint).toBe(mine.fingerprint)
    expect((await readKeyChain(remoteObjects, 'chief')).keys[0]!.fingerprint).toBe(
      theirs.fingerprint,
    )
    // What was copied anyway does not verify on the side where the name is someone else's.
    const remoteReport = await verifyStore(await VersionedStore.open(remoteObjects))
    expect(remoteReport.problems.map((p) => p.code)).toContain('BAD_SIGNATURE')
  })
})
