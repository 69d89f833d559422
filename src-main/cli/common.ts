// What the store commands share: the --store flag, reading and writing table files
// (.parquet or .csv, CSV typed by the table's schema), and argument checks that end
// in a BAD_INPUT (exit 2) naming the flag.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import type { Table } from 'apache-arrow'

import { BadInputError, BorelogError } from '../../shared/errors'
import type { RecordStatus } from '../../shared/metadata'
import { RECORD_STATUSES } from '../../shared/metadata'
import { tableNameProblem } from '../../shared/table-name'
import { userNameProblem } from '../../shared/user-name'
import { openBorelogStore, type OpenedStore } from '../catalog/index'
import { signingIdentity, type Identity } from '../desk/index'
import type { OpenObjectStoreOptions } from '../object-store/index'
import { decodeParquet, encodeParquet } from '../parquet/index'
import { csvBytesAsUtf8, tableFromCsv, tableToCsv, type TableDefinition } from '../schema/index'
import type { CliIo, OptionSpec, ParsedArgs } from './command'

export const STORE_OPTIONS: OptionSpec = {
  store: { type: 'string' },
  json: { type: 'boolean' },
  // For --store s3://bucket/prefix; refused with a folder store.
  endpoint: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  'path-style': { type: 'boolean' },
}

/** The S3 flags given on the command line (credentials never come from flags). */
export function s3Flags(args: ParsedArgs): OpenObjectStoreOptions {
  const endpoint = stringFlag(args, 'endpoint')
  const profile = stringFlag(args, 'profile')
  const region = stringFlag(args, 'region')
  return {
    ...(endpoint ? { endpoint } : {}),
    ...(profile ? { profile } : {}),
    ...(region ? { region } : {}),
    ...(args.values['path-style'] ? { forcePathStyle: true } : {}),
  }
}

export function stringFlag(args: ParsedArgs, name: string, required: true): string
export function stringFlag(args: ParsedArgs, name: string, required?: false): string | undefined
export function stringFlag(args: ParsedArgs, name: string, required = false): string | undefined {
  const value = args.values[name]
  if (value === undefined || value === false) {
    if (required) throw new BadInputError(`--${name} is required.`, { flag: name })
    return undefined
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new BadInputError(`--${name} needs a value.`, { flag: name })
  }
  return value
}

export function positional(args: ParsedArgs, index: number, what: string): string {
  const value = args.positionals[index]
  if (value === undefined || value === '')
    throw new BadInputError(`Missing ${what}.`, { argument: what })
  return value
}

/** Whole numbers for --version, --base-version and --limit: decimal digits, 1 to 2^53 - 1. */
function positiveIntegerProblem(name: string, text: string): string | null {
  if (/^[0-9]+$/.test(text) && Number(text) >= 1 && Number.isSafeInteger(Number(text))) return null
  return `--${name} must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER} written in decimal digits, not ${JSON.stringify(text)}.`
}

function userNameFlagProblem(name: string, text: string): string | null {
  const problem = userNameProblem(text)
  return problem && `--${name}: ${problem}`
}

function tableNameFlagProblem(name: string, text: string): string | null {
  const problem = tableNameProblem(text)
  return problem && `--${name}: ${problem}`
}

/**
 * The format of every flag that has one, whichever command takes it, so a rule holds for
 * all commands alike (see docs/CLI.md, "Input rules"). The user-name and table-name rules
 * are shared/'s, the ones the IPC contract applies.
 */
const FLAG_FORMATS: Record<string, (name: string, text: string) => string | null> = {
  version: positiveIntegerProblem,
  'base-version': positiveIntegerProblem,
  limit: positiveIntegerProblem,
  'min-version': positiveIntegerProblem,
  'max-version': positiveIntegerProblem,
  by: userNameFlagProblem,
  'created-by': userNameFlagProblem,
  'approved-by': userNameFlagProblem,
  table: tableNameFlagProblem,
}

/** BadInputError (exit 2) for the first flag whose value breaks its format. */
export function checkFlagFormats(args: ParsedArgs): void {
  for (const [name, value] of Object.entries(args.values)) {
    const problemOf = FLAG_FORMATS[name]
    if (!problemOf || typeof value !== 'string') continue
    const problem = problemOf(name, value)
    if (problem) throw new BadInputError(problem, { flag: name })
  }
}

/** A positive whole-number flag (--version, --limit, ...). */
export function versionFlag(
  args: ParsedArgs,
  name = 'version',
  required = false,
): number | undefined {
  const text = required ? stringFlag(args, name, true) : stringFlag(args, name)
  if (text === undefined) return undefined
  const problem = positiveIntegerProblem(name, text)
  if (problem) throw new BadInputError(problem, { flag: name })
  return Number(text)
}

export function statusFlag(args: ParsedArgs): RecordStatus | undefined {
  const text = stringFlag(args, 'status')
  if (text === undefined) return undefined
  if (!(RECORD_STATUSES as readonly string[]).includes(text)) {
    throw new BadInputError(
      `--status must be one of ${RECORD_STATUSES.join(', ')}, not "${text}".`,
      { flag: 'status' },
    )
  }
  return text as RecordStatus
}

/** The --store a command reads or changes: NOT_FOUND (exit 4) when it is not a store. */
export async function openStore(args: ParsedArgs): Promise<OpenedStore> {
  const location = stringFlag(args, 'store', true)
  return openBorelogStore(location, { s3: s3Flags(args), mustExist: true })
}

/**
 * The caller's identity for a write command: --by, when given, must be its name
 * (exit 2 otherwise, and without an identity). See docs/CLI.md, "Identity".
 */
export async function callerForWrite(args: ParsedArgs, io: CliIo): Promise<Identity> {
  return signingIdentity(stringFlag(args, 'by'), io.env ?? process.env)
}

/** The store for a write command: every history entry it writes is signed by the caller. */
export async function openSignedStore(
  args: ParsedArgs,
  io: CliIo,
  { create = false }: { create?: boolean } = {},
): Promise<OpenedStore & { by: string }> {
  const identity = await callerForWrite(args, io)
  const location = stringFlag(args, 'store', true)
  const opened = await openBorelogStore(location, {
    s3: s3Flags(args),
    signer: identity.signer,
    mustExist: !create,
  })
  return { ...opened, by: identity.name }
}

/**
 * Reads a .parquet or .csv file into a Table; CSV columns are typed by `def` when given.
 * A CSV file that is not UTF-8 is read as Windows-1252, as the app's import reads it,
 * and the warning goes to stderr.
 */
export async function readTableFile(
  file: string,
  def: TableDefinition | undefined,
  io: CliIo,
): Promise<Table> {
  const ext = path.extname(file).toLowerCase()
  if (ext !== '.parquet' && ext !== '.csv') {
    throw new BadInputError(`${file}: expected a .parquet or .csv file.`, { file })
  }
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await fs.readFile(file))
  } catch (e) {
    throw new BadInputError(`Cannot read ${file}: ${(e as Error).message}`, { file }, { cause: e })
  }
  if (ext === '.parquet') return decodeParquet(bytes, file)
  try {
    const { utf8, warning } = csvBytesAsUtf8(bytes, file)
    if (warning) io.err(`warning: ${warning}\n`)
    return tableFromCsv(new TextDecoder('utf-8').decode(utf8), def)
  } catch (e) {
    if (e instanceof BorelogError)
      throw new BadInputError(`${file}: ${e.message}`, { file, ...e.details }, { cause: e })
    throw e
  }
}

export async function writeTableFile(
  file: string,
  table: Table,
  parquetBytes?: Uint8Array,
): Promise<void> {
  const ext = path.extname(file).toLowerCase()
  let bytes: Uint8Array | string
  if (ext === '.parquet') bytes = parquetBytes ?? encodeParquet(table)
  else if (ext === '.csv') bytes = tableToCsv(table)
  else throw new BadInputError(`${file}: expected a .parquet or .csv file.`, { file })
  await writeOutputFile(file, bytes)
}

/** Writes an output file, making its folder first. */
export async function writeOutputFile(file: string, bytes: Uint8Array | string): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true })
  await fs.writeFile(file, bytes)
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2) + '\n')
}

/** Fixed-width columns for terminal output. */
export function formatRows(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n'
}
