// What the store commands share: the --store flag, reading and writing table files
// (.parquet or .csv, CSV typed by the table's schema), and argument checks that end
// in a BAD_INPUT (exit 2) naming the flag.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import type { Table } from 'apache-arrow'

import { BadInputError, BorelogError } from '../../shared/errors'
import type { RecordStatus } from '../../shared/metadata'
import { RECORD_STATUSES } from '../../shared/metadata'
import { openBorelogStore, type OpenedStore } from '../catalog/index'
import type { OpenObjectStoreOptions } from '../object-store/index'
import { decodeParquet, encodeParquet } from '../parquet/index'
import { tableFromCsv, tableToCsv, type TableDefinition } from '../schema/index'
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

export function versionFlag(
  args: ParsedArgs,
  name = 'version',
  required = false,
): number | undefined {
  const text = required ? stringFlag(args, name, true) : stringFlag(args, name)
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1)
    throw new BadInputError(`--${name} must be a version number (1, 2, ...), not "${text}".`, {
      flag: name,
    })
  return n
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

export async function openStore(args: ParsedArgs): Promise<OpenedStore> {
  const location = stringFlag(args, 'store', true)
  return openBorelogStore(location, { s3: s3Flags(args) })
}

/** Reads a .parquet or .csv file into a Table; CSV columns are typed by `def` when given. */
export async function readTableFile(file: string, def?: TableDefinition): Promise<Table> {
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
    return tableFromCsv(new TextDecoder('utf-8').decode(bytes), def)
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
