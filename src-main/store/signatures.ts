// Signed history: every entry a writer seals is signed with the writer's Ed25519 key, and
// verify checks each signature against the store's registry of keys by name
// (identities.ts). The hash chain alone can be recomputed by anyone who can write the
// folder; a signature cannot be made without the private key, which never enters the store.
// The store only sees a Signer (name, key, sign); key files belong to src-main/identity/.
// See docs/ARCHITECTURE.md, "Signed history".
import { BadInputError } from '../../shared/errors'
import type { HistoryEntry } from '../../shared/metadata'
import type { ObjectStore } from '../object-store/index'
import type { StoreCore } from './core'
import { entryHash } from './history'
import { chainReader, type KeyChain } from './identities'
import { isValidSignature, type EntrySignature, type Signer } from './keys'

/** Signs a sealed entry: the signature covers entry_sha256, which covers everything else. */
export function signEntry(entry: HistoryEntry, signer: Signer): HistoryEntry {
  const sha = entry.entry_sha256
  if (!sha) throw new BadInputError('Only a sealed history entry can be signed.')
  const value = Buffer.from(signer.sign(new TextEncoder().encode(sha))).toString('base64')
  return { ...entry, signature: { key: signer.fingerprint, value } }
}

/**
 * The writer for `by`, registered in the store before its first entry is written: the
 * store's signer must carry that name (a name is never claimed). null: the store was
 * opened without a signer (library use), and the entry is written unsigned.
 */
export async function signerFor(core: StoreCore, by: string): Promise<Signer | null> {
  const signer = core.signer
  if (!signer) return null
  if (signer.name !== by) {
    throw new BadInputError(
      `Cannot write as "${by}": this store is opened with the identity "${signer.name}" (key ${signer.fingerprint.slice(0, 16)}…), and a history entry carries the name of the key that signs it.`,
      { by, identity: signer.name },
    )
  }
  await core.registered(signer)
  return signer
}

/** Signs the sealed entry when there is a signer; unsigned otherwise. */
export function signedBy(signer: Signer | null, entry: HistoryEntry): HistoryEntry {
  return signer ? signEntry(entry, signer) : entry
}

export type SignatureStatus = 'valid' | 'unsigned' | 'invalid' | 'unregistered'

export interface SignatureCheck {
  status: SignatureStatus
  /** The key's fingerprint, when the entry names one. */
  key: string | null
  message: string | null
}

/** The entry whose signature vouches for this one: itself, or for a renumbered sync copy the original. */
function signedOrigin(entry: HistoryEntry): HistoryEntry {
  const origin = (entry.synced_from as { entry?: HistoryEntry } | undefined)?.entry
  return origin ?? entry
}

/** What a sync copy keeps of its original and must not change: who, when, what and why. */
const AUTHORED_FIELDS = ['created_by', 'created_at', 'comment', 'action', 'status', 'reason']

/**
 * One entry's signature against the key chains of the store it is in. A renumbered sync
 * copy (its chain position and version number differ from the original's) carries the
 * original entry, whose signature must hold and whose authored fields must be the copy's.
 */
export async function checkEntrySignature(
  entry: HistoryEntry,
  chains: (name: string) => Promise<KeyChain>,
): Promise<SignatureCheck> {
  const origin = signedOrigin(entry)
  const signature = origin.signature as EntrySignature | undefined
  if (!signature) return { status: 'unsigned', key: null, message: 'unsigned (legacy)' }
  const key = typeof signature.key === 'string' ? signature.key : null
  const invalid = (message: string): SignatureCheck => ({ status: 'invalid', key, message })
  if (origin !== entry) {
    for (const field of AUTHORED_FIELDS) {
      const a = (entry as Record<string, unknown>)[field] ?? null
      const b = (origin as Record<string, unknown>)[field] ?? null
      if (JSON.stringify(a) !== JSON.stringify(b))
        return invalid(`its ${field} differs from the signed original it was copied from`)
    }
    if (origin.entry_sha256 !== entryHash(origin))
      return invalid('the signed original it was copied from was edited')
  } else if (entry.entry_sha256 !== entryHash(entry)) {
    return invalid('the entry was edited after it was signed')
  }
  const chain = await chains(origin.created_by)
  const registered = chain.keys.find((k) => k.fingerprint === key)
  if (!registered) {
    return {
      status: 'unregistered',
      key,
      message: `signed with key ${(key ?? '?').slice(0, 16)}…, which is not registered to "${origin.created_by}" in this store`,
    }
  }
  const bytes = new TextEncoder().encode(origin.entry_sha256 ?? '')
  if (
    typeof signature.value !== 'string' ||
    !isValidSignature(registered.publicKey, bytes, signature.value)
  )
    return invalid(`the signature does not verify with ${origin.created_by}'s key`)
  return { status: 'valid', key, message: null }
}

export interface SignatureProblem {
  code: 'UNSIGNED' | 'BAD_SIGNATURE'
  version: number
  message: string
}

/**
 * Every entry of one record's history whose signature is missing, invalid or made by a
 * key not registered to the name it carries. Unsigned entries (written before signing)
 * are `UNSIGNED`: verify reports them as warnings unless signatures are required.
 */
export async function checkHistorySignatures(
  objects: ObjectStore,
  recordId: string,
  history: readonly HistoryEntry[],
): Promise<SignatureProblem[]> {
  const chains = chainReader(objects)
  const problems: SignatureProblem[] = []
  for (const [index, entry] of history.entries()) {
    const check = await checkEntrySignature(entry, chains)
    if (check.status === 'valid') continue
    const where = `${recordId}: history[${index}] (v${entry.version} ${entry.action ?? entry.status} by ${entry.created_by})`
    problems.push({
      code: check.status === 'unsigned' ? 'UNSIGNED' : 'BAD_SIGNATURE',
      version: entry.version,
      message: `${where} is ${check.status === 'unsigned' ? 'unsigned (legacy)' : `not validly signed: ${check.message}`}.`,
    })
  }
  return problems
}
