// The caller's identity, resolved alike for the CLI, `npm start` and the browser host:
// BORELOG_USER (a scripted start) names it and creates it without asking; otherwise the
// default identity of the config folder (`identity init`). Names written into history are
// this identity's, never a request's. See docs/SECURITY.md, "Identity".
import { AlreadyExistsError, BadInputError } from '../../shared/errors'
import {
  createIdentity,
  defaultIdentityName,
  identityNameProblem,
  loadIdentity,
  resolveIdentity,
  setDefaultIdentity,
  type Identity,
} from '../identity/index'
import { defaultConfigDir, defaultUser } from './defaults'

export type { Identity }

export async function callerIdentity(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Identity | null> {
  return resolveIdentity(defaultConfigDir(env), env.BORELOG_USER || undefined)
}

export function noIdentityError(): BadInputError {
  return new BadInputError(
    'No identity to sign with. Create yours once with: borelog-desk identity init --name "Your Name" (or set BORELOG_USER=NAME for a scripted run).',
    { identity: null },
  )
}

/**
 * The identity a write signs with; `claimed` (the CLI's --by) must be its name: a caller
 * cannot write under a name whose key it does not hold.
 */
export async function signingIdentity(
  claimed: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Identity> {
  const identity = await callerIdentity(env)
  if (!identity) throw noIdentityError()
  if (claimed !== undefined && claimed !== identity.name)
    throw new BadInputError(
      `--by ${JSON.stringify(claimed)} is not your identity: you sign as "${identity.name}" (key ${identity.fingerprint.slice(0, 16)}…). Leave out --by, or run as that identity with BORELOG_USER=NAME.`,
      { flag: 'by', identity: identity.name },
    )
  return identity
}

/**
 * The app's identity, made on first run without a dialog: BORELOG_USER (or --user) names
 * it; else the config folder's default identity; else one is created under the name the
 * settings already recorded (a user from before signing keeps it), or the OS account's,
 * and becomes the default. No request can name it: see docs/SECURITY.md, "Identity".
 */
export async function appIdentity(
  configDir: string,
  runUser: string | undefined,
  settings: { userName: string },
): Promise<Identity> {
  if (runUser !== undefined) return (await resolveIdentity(configDir, runUser))!
  const fallback = await defaultIdentityName(configDir)
  const existing = fallback === null ? null : await loadIdentity(configDir, fallback)
  if (existing) return existing
  const name = identityNameProblem(settings.userName) === null ? settings.userName : defaultUser()
  let identity: Identity
  try {
    identity = await createIdentity(configDir, name)
  } catch (e) {
    if (!(e instanceof AlreadyExistsError)) throw e
    identity = (await loadIdentity(configDir, name))!
  }
  await setDefaultIdentity(configDir, name)
  return identity
}
