// The one CSV reader, for the CLI's `--from FILE.csv` (tableFromCsv) and for import.
// Parsing is csv-parse (RFC 4180 quoting, BOM, CRLF or LF); this module is its only
// user, so the rules below hold for every CSV the app reads:
//
// - The header is the first non-blank record. It must name every column, once.
// - An empty cell is null (missing) in every column type. A quoted "" is the empty
//   string only when the caller asks to tell the two apart (`keepsQuotedEmpty`): the
//   CLI does, because tableToCsv writes null as nothing and '' as "", so text
//   round-trips exactly. Import does not: telling them apart needs csv-parse's
//   per-field cast, which makes parsing about 20 times slower on a 100 MB file, and a
//   spreadsheet that quotes every cell writes "" for a cell left empty.
// - A blank line is no record, except in a one-column table, where it is a row whose
//   only cell is empty (tableToCsv writes a null cell that way).
// - A row is named by the line it starts on (1-based), also for multi-line quoted
//   values. Lines are found afterwards by one scan of the bytes, for the few rows that
//   need one in a message: csv-parse's per-record info costs as much as the parse.
// - Broken quoting is a BadInputError naming the line. Field counts are the caller's:
//   the CLI refuses a ragged row, import keeps it and makes a finding.
// - A NUL (byte 0) in a cell is a BadInputError naming its line and column: no text
//   value holds one, and other tools cut the value there. The bytes are scanned for it
//   once; cells are looked at only when the file has one.
// - Bytes that are not UTF-8 are read as Windows-1252 with a warning naming the file
//   (csvBytesAsUtf8), for the CLI's --from and the app's import alike.
import { Readable } from 'node:stream'

import { CsvError, type Options, parse as parseStream } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'

import { BadInputError } from '../../shared/errors'
import { asUtf8Bytes } from './text-encoding'

/** A cell as read: null is an empty cell. */
export type CsvCell = string | null
/** Receives each data record; `row` counts data records from 0. */
export type CsvRowVisitor = (cells: readonly CsvCell[], row: number) => void

export interface CsvReadOptions {
  /** Names the input in messages (a file name). */
  where: string
  delimiter: string
  /** Read a quoted "" as the empty string instead of an empty cell. */
  keepsQuotedEmpty?: boolean
  /** Called every RECORDS_PER_STEP records with the bytes parsed so far (progress, cancel). */
  onStep?: (bytesRead: number, totalBytes: number) => void
}

export interface CsvReadResult {
  header: string[]
  rowCount: number
  /** The 1-based line each of the given data rows starts on. */
  linesOf(rows: readonly number[]): Map<number, number>
}

const SLICE_BYTES = 1024 * 1024
/** Records between onStep calls. */
export const RECORDS_PER_STEP = 4096

const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d

function parserOptions(options: CsvReadOptions, skipsBlankLines: boolean): Options {
  return {
    bom: true,
    delimiter: options.delimiter,
    // Field counts are the caller's to check (see the top of this file).
    relax_column_count: true,
    skip_empty_lines: skipsBlankLines,
    ...(options.keepsQuotedEmpty
      ? {
          cast: (value: string, context: { quoting: boolean }) =>
            value === '' && !context.quoting ? null : value,
        }
      : {}),
  }
}

function syntaxError(e: unknown, where: string): unknown {
  if (!(e instanceof CsvError)) return e
  const line = typeof e['lines'] === 'number' ? e['lines'] : undefined
  return new BadInputError(
    `${where}${line === undefined ? '' : ` line ${line}`} is not valid CSV: ${e.message}. Fix the file (check the quotes).`,
    { where, line, csvCode: e.code },
    { cause: e },
  )
}

function emptyFile(where: string): BadInputError {
  return new BadInputError(
    `${where} is empty: its first row must be a header naming the columns.`,
    {
      where,
    },
  )
}

function headerOf(fields: readonly CsvCell[], where: string): string[] {
  const header = fields.map((name, i) => {
    const trimmed = (name ?? '').trim()
    if (trimmed.includes('\0'))
      throw new BadInputError(
        `${where}: column ${i + 1} of the header (the first row) holds a NUL character (byte 0), which no column name may hold. Remove it.`,
        { where, columnNumber: i + 1 },
      )
    if (trimmed === '')
      throw new BadInputError(
        `${where}: column ${i + 1} of the header (the first row) has no name. The first row must name every column.`,
        { where, column: i },
      )
    return trimmed
  })
  const seen = new Set<string>()
  for (const name of header) {
    if (seen.has(name))
      throw new BadInputError(
        `${where}: the header (the first row) names column "${name}" twice. Rename one of them.`,
        { where, column: name },
      )
    seen.add(name)
  }
  return header
}

function isBlankRecord(record: readonly CsvCell[]): boolean {
  return record.length === 1 && (record[0] === null || record[0] === '')
}

/** Empty cells as null when csv-parse's cast did not already make them so. */
function withNulls(record: CsvCell[]): CsvCell[] {
  for (let i = 0; i < record.length; i++) if (record[i] === '') record[i] = null
  return record
}

/**
 * The header, read first on its own so the parse knows whether blank lines are rows
 * (a one-column table). csv-parse stops after the record asked for.
 */
function readHeader(bytes: Buffer, options: CsvReadOptions): string[] {
  let first: CsvCell[][]
  try {
    first = parseSync(bytes, { ...parserOptions(options, true), to: 1 }) as CsvCell[][]
  } catch (e) {
    throw syntaxError(e, options.where)
  }
  const fields = first[0]
  if (!fields) throw emptyFile(options.where)
  return headerOf(fields, options.where)
}

/** Hands data records on to the visitor, skipping what comes before the header. */
class RecordSink {
  private hasHeader = false
  rowCount = 0

  constructor(
    private readonly keepsQuotedEmpty: boolean,
    private readonly visit: CsvRowVisitor,
    /** Looks at each data record for a NUL; null when the bytes hold none. */
    private readonly checkNul: ((cells: readonly CsvCell[], row: number) => void) | null,
  ) {}

  accept(record: CsvCell[]): void {
    if (!this.hasHeader) {
      // Blank lines before the header (kept by the parser only in a one-column table).
      this.hasHeader = !isBlankRecord(record)
      return
    }
    this.checkNul?.(record, this.rowCount)
    this.visit(this.keepsQuotedEmpty ? record : withNulls(record), this.rowCount++)
  }
}

function recordSink(
  bytes: Buffer,
  header: string[],
  options: CsvReadOptions,
  visit: CsvRowVisitor,
): RecordSink {
  const checkNul = bytes.includes(0)
    ? (cells: readonly CsvCell[], row: number) =>
        refuseNul(bytes, header, cells, row, options.where)
    : null
  return new RecordSink(options.keepsQuotedEmpty ?? false, visit, checkNul)
}

/**
 * The line each wanted record starts on, by one scan of the bytes: a line break outside
 * quotes ends a record; a line holding nothing is skipped as the parser skips it (before
 * the header always, after it unless blank lines are rows).
 */
function recordStartLines(
  bytes: Uint8Array,
  records: readonly number[],
  blankLinesAreRows: boolean,
): Map<number, number> {
  const wanted = [...new Set(records)].sort((a, b) => a - b)
  const out = new Map<number, number>()
  let next = 0
  let record = 0
  let line = 1
  let recordStart = 1
  let isQuoted = false
  let hasContent = false
  for (let i = 0; i < bytes.length && next < wanted.length; i++) {
    const b = bytes[i]!
    if (b === QUOTE) isQuoted = !isQuoted
    if (b === LF) {
      line++
      if (isQuoted) continue
      if (hasContent || (blankLinesAreRows && record > 0)) {
        if (record === wanted[next]) out.set(wanted[next++]!, recordStart)
        record++
      }
      hasContent = false
      recordStart = line
      continue
    }
    if (b !== CR) hasContent = true
  }
  if (hasContent && next < wanted.length && record === wanted[next]) out.set(record, recordStart)
  return out
}

function resultOf(bytes: Uint8Array, header: string[], rowCount: number): CsvReadResult {
  const blankLinesAreRows = header.length === 1
  return {
    header,
    rowCount,
    // Record 0 is the header: data row r is record r + 1.
    linesOf: (rows) => {
      const byRecord = recordStartLines(
        bytes,
        rows.map((r) => r + 1),
        blankLinesAreRows,
      )
      return new Map(rows.map((r) => [r, byRecord.get(r + 1) ?? r + 2]))
    },
  }
}

/**
 * A CSV file's bytes as UTF-8. Excel on Windows saves "CSV" in Windows-1252: read as
 * UTF-8, its "5°" or "café" would be stored as replacement characters without a word,
 * so such a file is read as Windows-1252 (every byte decodes) and the warning says so.
 */
export function csvBytesAsUtf8(
  bytes: Uint8Array,
  where: string,
): { utf8: Uint8Array; warning: string | null } {
  const { utf8, isWindows1252 } = asUtf8Bytes(bytes)
  return {
    utf8,
    warning: isWindows1252
      ? `${where} is not UTF-8; it was read as Windows-1252 (what Excel on Windows saves). Check accented letters and symbols such as ° in the preview; save the file as "CSV UTF-8" if they are wrong.`
      : null,
  }
}

/** BadInputError for the first cell of `cells` holding a NUL, naming its line and column. */
function refuseNul(
  bytes: Uint8Array,
  header: readonly string[],
  cells: readonly CsvCell[],
  row: number,
  where: string,
): void {
  const column = cells.findIndex((cell) => cell?.includes('\0'))
  if (column < 0) return
  const line = recordStartLines(bytes, [row + 1], header.length === 1).get(row + 1) ?? row + 2
  const name = header[column] ?? `column ${column + 1}`
  throw new BadInputError(
    `${where} line ${line}, column ${column + 1} (${JSON.stringify(name)}) holds a NUL character (byte 0), which no value may hold. Remove it; if the file came from another program, check it is really CSV.`,
    { where, line, column: name, columnNumber: column + 1 },
  )
}

function asBuffer(source: Uint8Array | string): Buffer {
  if (typeof source === 'string') return Buffer.from(source, 'utf8')
  return Buffer.from(source.buffer, source.byteOffset, source.byteLength)
}

/**
 * Reads CSV text or UTF-8 bytes at once: `onHeader` gets the header and returns the
 * visitor of the data rows.
 */
export function readCsvSync(
  source: Uint8Array | string,
  options: CsvReadOptions,
  onHeader: (header: string[]) => CsvRowVisitor,
): CsvReadResult {
  const bytes = asBuffer(source)
  const header = readHeader(bytes, options)
  const sink = recordSink(bytes, header, options, onHeader(header))
  let records: CsvCell[][]
  try {
    records = parseSync(bytes, parserOptions(options, header.length > 1)) as CsvCell[][]
  } catch (e) {
    throw syntaxError(e, options.where)
  }
  for (const record of records) sink.accept(record)
  return resultOf(bytes, header, sink.rowCount)
}

function slices(bytes: Uint8Array): Iterable<Uint8Array> {
  return {
    *[Symbol.iterator]() {
      for (let at = 0; at < bytes.length; at += SLICE_BYTES)
        yield bytes.subarray(at, Math.min(bytes.length, at + SLICE_BYTES))
    },
  }
}

/**
 * Reads UTF-8 bytes as a stream of 1 MB slices, so a 100 MB file is never held as text
 * nor as a list of rows: each record is handed on as it is read, and the work yields
 * between slices (onStep reports progress and may throw to cancel).
 */
export async function readCsvStream(
  source: Uint8Array,
  options: CsvReadOptions,
  onHeader: (header: string[]) => CsvRowVisitor,
): Promise<CsvReadResult> {
  const bytes = asBuffer(source)
  const header = readHeader(bytes, options)
  const sink = recordSink(bytes, header, options, onHeader(header))
  const parser = Readable.from(slices(bytes)).pipe(
    parseStream(parserOptions(options, header.length > 1)),
  )
  const parserInfo = (parser as unknown as { info: { bytes: number } }).info
  let count = 0
  try {
    for await (const record of parser as AsyncIterable<CsvCell[]>) {
      sink.accept(record)
      if (++count % RECORDS_PER_STEP === 0)
        options.onStep?.(Math.min(parserInfo.bytes, bytes.length), bytes.length)
    }
  } catch (e) {
    throw syntaxError(e, options.where)
  } finally {
    parser.destroy()
  }
  return resultOf(bytes, header, sink.rowCount)
}
