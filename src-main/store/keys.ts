// Ed25519 keys as the store sees them: a Signer (a name, a public key and a way to sign,
// never the private key itself), the fingerprint that names a key, and verification.
// Key files live in src-main/identity/, never in the store.
// See docs/ARCHITECTURE.md, "Signed history".
import { createHash, createPublicKey, verify as verifyBytes, type KeyObject } from 'node:crypto'

/** Who signs: the store never holds the private key, only this. */
export interface Signer {
  /** The identity's name: written as created_by of what it signs. */
  readonly name: string
  /** publicKeyFingerprint(publicKey). */
  readonly fingerprint: string
  /** The raw 32-byte Ed25519 public key, base64url (as a JWK's `x`). */
  readonly publicKey: string
  sign(bytes: Uint8Array): Uint8Array
}

/** `signature` of a history entry: which key, and its signature of the entry's entry_sha256. */
export interface EntrySignature {
  key: string
  value: string
}

/** sha256 (hex) of the raw public key bytes: short enough to compare by eye, unique per key. */
export function publicKeyFingerprint(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex')
}

export function publicKeyObject(publicKey: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' })
}

/** Ed25519 over `bytes`; false for a malformed key or signature, never a throw. */
export function isValidSignature(publicKey: string, bytes: Uint8Array, value: string): boolean {
  try {
    return verifyBytes(null, bytes, publicKeyObject(publicKey), Buffer.from(value, 'base64'))
  } catch {
    // A key or signature that does not even parse is simply not a valid signature.
    return false
  }
}
