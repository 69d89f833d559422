// The cost of signed history: one Ed25519 sign + verify of an entry hash, and a save
// (update of a small borelog on a local folder) with and without a signer, as
// medians after a warm-up. Verify's signature check per entry is the verify figure.
// Run: npx tsx bench/signing.bench.ts
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { generateSigner } from '../src-main/identity/index'
import { LocalFolderStore } from '../src-main/object-store/index'
import { VersionedStore, isValidSignature, verifyStore, type Signer } from '../src-main/store/index'
import { sampleHole } from '../test/support/borelog-fixtures'
import { median, printTable, time } from './support'

const SIGN_RUNS = 2_000
const SAVES = 40

function signAndVerifyMs(signer: Signer): number {
  const bytes = new TextEncoder().encode('a'.repeat(64))
  const ms: number[] = []
  for (let i = 0; i < SIGN_RUNS; i++) {
    const t0 = performance.now()
    const value = Buffer.from(signer.sign(bytes)).toString('base64')
    if (!isValidSignature(signer.publicKey, bytes, value)) throw new Error('did not verify')
    ms.push(performance.now() - t0)
  }
  return median(ms.slice(100))
}

async function saveMs(signer: Signer | null): Promise<{ save: number; verify: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'borelog-bench-sign-'))
  try {
    const store = await VersionedStore.open(new LocalFolderStore(dir), { signer })
    const by = signer?.name ?? 'bench'
    await store.createRecord({
      recordId: 'BH1',
      table: sampleHole('BH1'),
      tableName: 'borelog',
      createdBy: by,
    })
    const ms: number[] = []
    for (let i = 0; i < SAVES; i++)
      ms.push(
        await time(() =>
          store.updateRecord({ recordId: 'BH1', table: sampleHole('BH1', i % 2), updatedBy: by }),
        ),
      )
    const verify = await time(() => verifyStore(store))
    return { save: median(ms.slice(5)), verify }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const signer = generateSigner('bench')
  const sign = signAndVerifyMs(signer)
  const unsigned = await saveMs(null)
  const signed = await saveMs(signer)
  printTable(
    ['what', 'median ms'],
    [
      ['Ed25519 sign + verify of one entry hash', sign.toFixed(3)],
      ['save (update), unsigned', unsigned.save.toFixed(2)],
      ['save (update), signed', signed.save.toFixed(2)],
      [`verify ${SAVES + 1} entries, unsigned`, unsigned.verify.toFixed(1)],
      [`verify ${SAVES + 1} entries, signed`, signed.verify.toFixed(1)],
    ],
  )
}

await main()
