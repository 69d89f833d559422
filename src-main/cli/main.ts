// `borelog-desk <command> ...`: errors go to stderr as one clear line (a stack only
// with --debug); exit codes 0 ok, 2 bad input/usage, 3 conflict, 4 not found, 1 else.
import { parseArgs } from 'node:util'

import { BorelogError, exitCodeFor } from '../../shared/errors'
import type { CliIo, Command, ParsedArgs } from './command'
import { COMMANDS } from './commands/index'
import { checkFlagFormats } from './common'

const USAGE_EXIT = 2

function helpText(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4)
  return [
    'Usage: borelog-desk <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `borelog-desk <command> --help` for its options. Add --debug for stack traces.',
    '',
  ].join('\n')
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const debug = argv.includes('--debug')
  const [name, ...rest] = argv.filter((a) => a !== '--debug')
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText(await Promise.all(COMMANDS.map((c) => c.load()))))
    return name ? 0 : USAGE_EXIT
  }
  const command = await COMMANDS.find((c) => c.name === name)?.load()
  if (!command) {
    io.err(`borelog-desk: unknown command "${name}". Run borelog-desk --help for the list.\n`)
    return USAGE_EXIT
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: borelog-desk ${command.usage}\n\n${command.summary}\n`)
    return 0
  }
  let parsed: ParsedArgs
  try {
    parsed = parseCommandArgs(command, rest)
  } catch (e) {
    if (e instanceof BorelogError) {
      io.err(`borelog-desk ${name}: ${e.message}\n`)
      return exitCodeFor(e.code)
    }
    io.err(
      `borelog-desk ${name}: ${oneLine((e as Error).message)} Usage: borelog-desk ${command.usage}\n`,
    )
    return USAGE_EXIT
  }
  try {
    return await command.run(parsed, io)
  } catch (e) {
    if (e instanceof BorelogError) {
      io.err(`borelog-desk ${name}: ${e.message}\n`)
      if (debug && e.stack) io.err(e.stack + '\n')
      return exitCodeFor(e.code)
    }
    io.err(`borelog-desk ${name}: unexpected error: ${(e as Error)?.message ?? String(e)}\n`)
    if (debug && e instanceof Error && e.stack) io.err(e.stack + '\n')
    return 1
  }
}

/**
 * The command's flags, each in its format. `--version -1` is read as the value -1 (which
 * the format then refuses, naming the flag) rather than as a missing value: a string flag
 * followed by something that reads as a negative number takes it.
 */
function parseCommandArgs(command: Command, rest: string[]): ParsedArgs {
  const args = rest.flatMap((arg, i) => {
    const next = rest[i + 1]
    if (next !== undefined && /^-[0-9]/.test(next) && isStringOption(command, arg))
      return [`${arg}=${next}`]
    const previous = rest[i - 1]
    if (previous !== undefined && /^-[0-9]/.test(arg) && isStringOption(command, previous))
      return []
    return [arg]
  })
  const parsed = parseArgs({
    args,
    options: command.options,
    allowPositionals: true,
    strict: true,
  }) as ParsedArgs
  checkFlagFormats(parsed)
  return parsed
}

function isStringOption(command: Command, arg: string): boolean {
  return arg.startsWith('--') && command.options[arg.slice(2)]?.type === 'string'
}

/** node:util's parser explains over several lines; an error here is one line. */
function oneLine(message: string): string {
  const text = message.replace(/\s*\n\s*/g, ' ').trim()
  return /[.!?]$/.test(text) ? text : `${text}.`
}

function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTty: Boolean(process.stdout.isTTY),
  }
}
