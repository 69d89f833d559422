import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'

import { AlreadyExistsError, BadInputError, CorruptMetadataError } from '../../shared/errors'
import { publicKeyFingerprint, type Signer } from '../store/index'

/** An identity from the config folder: its signer and where its key lives. */
export interface Identity {
  readonly name: string
  readonly fingerprint: string
  readonly signer: Signer
  readonly file: string
  readonly createdAt: string
}

interface KeyFile {
  name: string
  created_at: string
  public_key: string
  fingerprint: string
  private_key_pem: string
}

const MAX_NAME_CHARS = 100

/** Why `name` cannot be an identity's name, or null: the `--by` rule (short, printable, not blank). */
export function identityNameProblem(name: string): string | null {
  if (name.trim() === '') return 'is empty'
  if ([...name].length > MAX_NAME_CHARS) return `is longer than ${MAX_NAME_CHARS} characters`
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'contains a control character'
  if (name !== name.trim()) return 'starts or ends with a space'
  return null
}

function assertName(name: string): void {
  const problem = identityNameProblem(name)
  if (problem)
    throw new BadInputError(`The identity name ${JSON.stringify(name)} ${problem}.`, { name })
}

function keyFileOf(configDir: string, name: string): string {
  return join(
    configDir,
    'identities',
    `${createHash('sha256').update(name, 'utf8').digest('hex')}.json`,
  )
}

function signerOf(name: string, publicKey: string, privateKey: KeyObject): Signer {
  return {
    name,
    publicKey,
    fingerprint: publicKeyFingerprint(publicKey),
    sign: (bytes) => new Uint8Array(sign(null, bytes, privateKey)),
  }
}

/** A fresh key pair held in memory only (tests, and the sample store's fictional authors). */
export function generateSigner(name: string): Signer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const jwk = publicKey.export({ format: 'jwk' })
  return signerOf(name, jwk.x!, privateKey)
}

function newKeyFile(name: string): KeyFile {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const x = publicKey.export({ format: 'jwk' }).x!
  return {
    name,
    created_at: new Date().toISOString(),
    public_key: x,
    fingerprint: publicKeyFingerprint(x),
    private_key_pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  }
}

function identityFrom(file: string, key: KeyFile): Identity {
  const privateKey = createPrivateKey(key.private_key_pem)
  const x = privateKey.export({ format: 'jwk' }).x
  if (x !== key.public_key || publicKeyFingerprint(key.public_key) !== key.fingerprint)
    throw new CorruptMetadataError(`${file}: the public key does not belong to the private key.`, {
      file,
    })
  return {
    name: key.name,
    fingerprint: key.fingerprint,
    signer: signerOf(key.name, key.public_key, privateKey),
    file,
    createdAt: key.created_at,
  }
}

/** The identity named `name` in the config folder, or null if there is none. */
export async function loadIdentity(configDir: string, name: string): Promise<Identity | null> {
  const file = keyFileOf(configDir, name)
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  let key: KeyFile
  try {
    key = JSON.parse(text) as KeyFile
    if (key.name !== name) throw new Error(`it holds the identity "${key.name}"`)
    return identityFrom(file, key)
  } catch (e) {
    if (e instanceof CorruptMetadataError) throw e
    throw new CorruptMetadataError(
      `${file} is not a valid identity key file (${(e as Error).message}). Move it aside and run borelog-desk identity init again.`,
      { file },
      { cause: e },
    )
  }
}

/**
 * Creates the identity `name` (0600 key file in a 0700 folder). AlreadyExistsError if the
 * config folder holds it already: a key is never replaced, since the stores it signed for
 * bind the name to it.
 */
export async function createIdentity(configDir: string, name: string): Promise<Identity> {
  assertName(name)
  const file = keyFileOf(configDir, name)
  await fs.mkdir(join(configDir, 'identities'), { recursive: true, mode: 0o700 })
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  const key = newKeyFile(name)
  await fs.writeFile(temp, JSON.stringify(key, null, 2) + '\n', { mode: 0o600, flag: 'wx' })
  try {
    await fs.link(temp, file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new AlreadyExistsError(`The identity "${name}" exists already in ${configDir}.`, {
        name,
      })
    throw e
  } finally {
    await fs.rm(temp, { force: true })
  }
  return identityFrom(file, key)
}

const DEFAULT_FILE = 'identity.json'

/** The name `identity init` last chose, or null. */
export async function defaultIdentityName(configDir: string): Promise<string | null> {
  try {
    const v = JSON.parse(await fs.readFile(join(configDir, DEFAULT_FILE), 'utf8')) as {
      name?: unknown
    }
    return typeof v.name === 'string' ? v.name : null
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    if (e instanceof SyntaxError) return null
    throw e
  }
}

export async function setDefaultIdentity(configDir: string, name: string): Promise<void> {
  await fs.mkdir(configDir, { recursive: true })
  const temp = join(
    configDir,
    `${DEFAULT_FILE}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  )
  await fs.writeFile(temp, JSON.stringify({ name }) + '\n')
  await fs.rename(temp, join(configDir, DEFAULT_FILE))
}

/**
 * The caller's identity. `name` (BORELOG_USER, a scripted start) is created if the config
 * folder lacks it, without asking; without a name, the default identity, or null.
 */
export async function resolveIdentity(
  configDir: string,
  name: string | undefined,
): Promise<Identity | null> {
  if (name !== undefined) {
    assertName(name)
    const found = await loadIdentity(configDir, name)
    if (found) return found
    try {
      return await createIdentity(configDir, name)
    } catch (e) {
      // Another process created it at the same moment: use theirs.
      if (!(e instanceof AlreadyExistsError)) throw e
      return loadIdentity(configDir, name)
    }
  }
  const fallback = await defaultIdentityName(configDir)
  return fallback === null ? null : loadIdentity(configDir, fallback)
}
