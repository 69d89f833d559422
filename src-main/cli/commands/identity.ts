// `identity init --name NAME` and `identity show`: the caller's Ed25519 key pair, kept in
// the config folder (BORELOG_CONFIG_DIR, else ~/.borelog-desk), never in a store. Every
// write command signs its history entries with it. See docs/CLI.md, "Identity".
import { AlreadyExistsError, BadInputError } from '../../../shared/errors'
import { callerIdentity, defaultConfigDir, noIdentityError, type Identity } from '../../desk/index'
import { createIdentity, loadIdentity, setDefaultIdentity } from '../../identity/index'
import type { CliIo, Command } from '../command'
import { positional, printJson, stringFlag } from '../common'

function describe(identity: Identity): Record<string, string> {
  return {
    name: identity.name,
    fingerprint: identity.fingerprint,
    public_key: identity.signer.publicKey,
    created_at: identity.createdAt,
  }
}

function print(io: CliIo, identity: Identity, json: boolean, verb: string): void {
  if (json) printJson(io, describe(identity))
  else io.out(`${verb} ${identity.name}\nfingerprint ${identity.fingerprint}\n`)
}

export const identityCommand: Command = {
  name: 'identity',
  usage: 'identity init --name NAME [--json] | identity show [--json]',
  summary:
    'Create your signing identity (an Ed25519 key pair in your config folder), or show its name and fingerprint.',
  options: { name: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const env = io.env ?? process.env
    const configDir = defaultConfigDir(env)
    const json = Boolean(args.values.json)
    const sub = positional(args, 0, 'identity subcommand (init or show)')
    if (sub === 'show') {
      const identity = await callerIdentity(env)
      if (!identity) throw noIdentityError()
      print(io, identity, json, 'identity')
      return 0
    }
    if (sub !== 'init')
      throw new BadInputError(`Unknown identity subcommand "${sub}": use init or show.`)
    const name = stringFlag(args, 'name', true)
    let identity: Identity
    try {
      identity = await createIdentity(configDir, name)
    } catch (e) {
      // A key is never replaced (stores bind the name to it): init again only selects it.
      if (!(e instanceof AlreadyExistsError)) throw e
      identity = (await loadIdentity(configDir, name))!
      await setDefaultIdentity(configDir, name)
      print(io, identity, json, 'existing identity, now the default:')
      return 0
    }
    await setDefaultIdentity(configDir, name)
    print(io, identity, json, 'created identity')
    return 0
  },
}
