// One CLI command: its flags (node:util parseArgs) and what it does. The CLI is a
// public interface (docs/CLI.md): names, flags, JSON shapes and exit codes are kept.
import type { ParseArgsConfig } from 'node:util'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** stdout is a terminal: colour and tables allowed. */
  isTty: boolean
  /** The environment identities are resolved from (BORELOG_USER, BORELOG_CONFIG_DIR); default process.env. */
  env?: NodeJS.ProcessEnv
}

export interface ParsedArgs {
  positionals: string[]
  values: Record<string, string | boolean | string[] | undefined>
}

export interface Command {
  name: string
  usage: string
  summary: string
  options: OptionSpec
  run(args: ParsedArgs, io: CliIo): Promise<number>
}
