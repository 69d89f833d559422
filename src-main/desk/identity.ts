// The caller's identity, resolved alike for the CLI, `npm start` and the browser host:
// BORELOG_USER (a scripted start) names it and creates it without asking; otherwise the
// default identity of the config folder (`identity init`). Names written into history are
// this identity's, never a request's. See docs/SECURITY.md, "Identity".
import { BadInputError } from '../../shared/errors'
import { resolveIdentity, type Identity } from '../identity/index'
import { defaultConfigDir } from './defaults'

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
