// The store's registry of public keys by name, so that every reader of the store can check
// who signed what (signatures.ts). A name is bound to the first key registered for it:
// the first key is written create-if-absent, so of two writers claiming one name exactly
// one wins. A key is replaced only by a rotation signed with the key before it, so the
// keys of a name form a chain that nobody without the old private key can extend.
// Every registry object is immutable once written; sync copies them create-if-absent and
// reports, never overwrites, a different object under the same key.
//
//   identities/{sha256(name)}/0000.json   {name, index: 0, public_key, fingerprint, created_at}
//   identities/{sha256(name)}/0001.json   ... plus previous_fingerprint and signature
//
// Names may hold any character (spaces, slashes, Unicode); the key uses their hash.
// See docs/ARCHITECTURE.md, "Signed history".
import { createHash } from 'node:crypto'

import { AlreadyExistsError, BadInputError, UnauthorizedError } from '../../shared/errors'
import type { ObjectStore } from '../object-store/index'
import { canonicalJson } from './history'
import { isValidSignature, publicKeyFingerprint, type Signer } from './keys'

export const IDENTITIES_PREFIX = 'identities/'

export interface RegisteredKey {
  name: string
  index: number
  public_key: string
  fingerprint: string
  created_at: string
  /** Rotations only: the key this one replaces, and its signature of this object without `signature`. */
  previous_fingerprint?: string
  signature?: string
}

export interface KeyChain {
  /** The keys of the name, first to newest, as far as every link is valid. */
  keys: { fingerprint: string; publicKey: string }[]
  /** Objects that do not extend the chain validly (a forged rotation, an edited key). */
  problems: string[]
}

export function identityPrefix(name: string): string {
  return `${IDENTITIES_PREFIX}${createHash('sha256').update(name, 'utf8').digest('hex')}/`
}

function keyObjectKey(name: string, index: number): string {
  return `${identityPrefix(name)}${String(index).padStart(4, '0')}.json`
}

function rotationBody(key: RegisteredKey): Uint8Array {
  const body: Record<string, unknown> = { ...key }
  delete body.signature
  return new TextEncoder().encode(canonicalJson(body))
}

function parseKey(bytes: Uint8Array): RegisteredKey | null {
  try {
    const v = JSON.parse(new TextDecoder().decode(bytes)) as RegisteredKey
    return typeof v.name === 'string' &&
      Number.isInteger(v.index) &&
      typeof v.public_key === 'string' &&
      typeof v.fingerprint === 'string'
      ? v
      : null
  } catch {
    // A damaged registry object proves nothing; readKeyChain reports it.
    return null
  }
}

/** The valid chain of keys registered to `name` in this store. */
export async function readKeyChain(objects: ObjectStore, name: string): Promise<KeyChain> {
  const chain: KeyChain = { keys: [], problems: [] }
  const objectsOfName: string[] = []
  for await (const obj of objects.list(identityPrefix(name))) objectsOfName.push(obj.key)
  for (const [index, key] of objectsOfName.sort().entries()) {
    const got = await objects.get(key)
    const entry = got ? parseKey(got.bytes) : null
    const refuse = (why: string): KeyChain => {
      chain.problems.push(
        `${objects.location}/${key}: ${why}; keys from here on are not registered to "${name}".`,
      )
      return chain
    }
    if (!entry) return refuse('not a registered key')
    if (key !== keyObjectKey(name, index) || entry.index !== index || entry.name !== name)
      return refuse(`it names "${entry.name}" key ${entry.index}, not key ${index} of this name`)
    if (publicKeyFingerprint(entry.public_key) !== entry.fingerprint)
      return refuse('its fingerprint is not that of its public key')
    const previous = chain.keys[index - 1]
    if (previous) {
      if (
        entry.previous_fingerprint !== previous.fingerprint ||
        typeof entry.signature !== 'string' ||
        !isValidSignature(previous.publicKey, rotationBody(entry), entry.signature)
      )
        return refuse('the rotation is not signed by the key before it')
    }
    chain.keys.push({ fingerprint: entry.fingerprint, publicKey: entry.public_key })
  }
  return chain
}

/**
 * Binds the signer's name to its key in this store if nobody has claimed the name yet; a
 * name already bound to another key refuses the signer (UNAUTHORIZED): names are never
 * taken over, only rotated by their holder.
 */
export async function registerSigner(
  objects: ObjectStore,
  signer: Signer,
  now: string,
): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const chain = await readKeyChain(objects, signer.name)
    if (chain.keys.some((k) => k.fingerprint === signer.fingerprint)) return
    if (chain.keys.length > 0 || chain.problems.length > 0) throw nameTaken(objects, signer, chain)
    const first: RegisteredKey = {
      name: signer.name,
      index: 0,
      public_key: signer.publicKey,
      fingerprint: signer.fingerprint,
      created_at: now,
    }
    try {
      await objects.putIfAbsent(keyObjectKey(signer.name, 0), encode(first))
      return
    } catch (e) {
      // Another writer registered the name at the same moment: whose key won decides.
      if (!(e instanceof AlreadyExistsError)) throw e
    }
  }
  throw nameTaken(objects, signer, await readKeyChain(objects, signer.name))
}

function nameTaken(objects: ObjectStore, signer: Signer, chain: KeyChain): UnauthorizedError {
  const bound = chain.keys[chain.keys.length - 1]?.fingerprint
  return new UnauthorizedError(
    `The name "${signer.name}" is registered in ${objects.location} to ${bound ? `another key (${bound.slice(0, 16)}…)` : 'a damaged key chain'}, not to yours (${signer.fingerprint.slice(0, 16)}…). Use your own name, or rotate from the registered key.`,
    { name: signer.name, fingerprint: signer.fingerprint },
  )
}

/** Replaces `from`'s key by `to`'s: signed with the old key, so only its holder can do it. */
export async function rotateKey(
  objects: ObjectStore,
  from: Signer,
  to: Signer,
  now: string,
): Promise<void> {
  if (from.name !== to.name)
    throw new BadInputError(
      `A rotation keeps the name: "${from.name}" cannot rotate to "${to.name}".`,
    )
  const chain = await readKeyChain(objects, from.name)
  const last = chain.keys[chain.keys.length - 1]
  if (!last || last.fingerprint !== from.fingerprint) throw nameTaken(objects, from, chain)
  const next: RegisteredKey = {
    name: to.name,
    index: chain.keys.length,
    public_key: to.publicKey,
    fingerprint: to.fingerprint,
    created_at: now,
    previous_fingerprint: from.fingerprint,
  }
  next.signature = Buffer.from(from.sign(rotationBody(next))).toString('base64')
  await objects.putIfAbsent(keyObjectKey(to.name, next.index), encode(next))
}

function encode(key: RegisteredKey): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(key, null, 2) + '\n')
}

/** Reads each name's key chain once per check. */
export function chainReader(objects: ObjectStore): (name: string) => Promise<KeyChain> {
  const cache = new Map<string, Promise<KeyChain>>()
  return (name) => {
    let chain = cache.get(name)
    if (!chain) {
      chain = readKeyChain(objects, name)
      cache.set(name, chain)
    }
    return chain
  }
}

/** A registry object present on both sides with different bytes: a name bound two ways. */
export interface RegistryConflict {
  key: string
  message: string
}

/** One key registered for one name at one place in its chain (each store keeps its own time). */
function isSameBinding(a: Uint8Array, b: Uint8Array): boolean {
  const ka = parseKey(a)
  const kb = parseKey(b)
  return (
    ka !== null &&
    kb !== null &&
    ka.name === kb.name &&
    ka.index === kb.index &&
    ka.fingerprint === kb.fingerprint &&
    ka.public_key === kb.public_key
  )
}

/**
 * Copies the registry objects `from` has and `to` lacks (sync, both ways), so signatures
 * copied with history verify on the other side. An object both hold with different bytes
 * is a name bound to different keys in the two stores: reported, never overwritten.
 */
export async function copyRegistry(
  from: ObjectStore,
  to: ObjectStore,
): Promise<{ copied: number; conflicts: RegistryConflict[] }> {
  const conflicts: RegistryConflict[] = []
  let copied = 0
  const theirs = new Set<string>()
  for await (const obj of to.list(IDENTITIES_PREFIX)) theirs.add(obj.key)
  for await (const obj of from.list(IDENTITIES_PREFIX)) {
    const got = await from.get(obj.key)
    if (!got) continue
    if (!theirs.has(obj.key)) {
      try {
        await to.putIfAbsent(obj.key, got.bytes)
        copied++
        continue
      } catch (e) {
        if (!(e instanceof AlreadyExistsError)) throw e
      }
    }
    const there = await to.get(obj.key)
    if (there && !isSameBinding(there.bytes, got.bytes)) {
      const name = parseKey(got.bytes)?.name ?? obj.key
      conflicts.push({
        key: obj.key,
        message: `The identity "${name}" is bound to different keys in ${from.location} and ${to.location} (${obj.key}); neither was changed. Entries signed by the other key do not verify here.`,
      })
    }
  }
  return { copied, conflicts }
}
