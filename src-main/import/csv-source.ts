// CSV as field engineers' spreadsheets write it: comma, semicolon (European locales)
// or tab separated, with or without a BOM, CRLF or LF, quoted fields. The first row
// is the header. Parsing is csv-parse's streaming parser over 1 MB slices of the
// file, so a 100 MB file is never held as text nor as a list of rows: each record is
// handed on as it is read, and the work yields between slices (progress, cancel).
// An empty cell, quoted or not, is a missing value: a spreadsheet cannot tell them
// apart. Parsing without csv-parse's per-field cast and per-record info keeps it near
// csv-parse's own speed (both cost 3-20x the parse); source lines are found afterwards,
// for the few rows that need one in a finding.
import { isUtf8 } from 'node:buffer'
import { Readable } from 'node:stream'

import { CsvError, parse } from 'csv-parse'

import { BadInputError } from '../../shared/errors'
import type { Finding } from '../../shared/metadata'
import { decodeWindows1252 } from '../ags4/index'
import { headText } from './detect'
import type { ImportTask } from './task'

export const DELIMITERS = [',', ';', '\t'] as const
export type Delimiter = (typeof DELIMITERS)[number]

/** Lines looked at when guessing the delimiter. */
const SNIFF_LINES = 20
const SLICE_BYTES = 1024 * 1024
/** Records between progress reports and cancel checks. */
const RECORDS_PER_STEP = 4096
/** Ragged-row findings listed; the rest are counted in one summary finding. */
const MAX_RAGGED_FINDINGS = 100

/** Fields a line has per candidate delimiter, counting only those outside quotes. */
function countsPerLine(text: string): Map<Delimiter, number[]> {
  const counts = new Map<Delimiter, number[]>(DELIMITERS.map((d) => [d, []]))
  let line = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]))
  let isQuoted = false
  let hasContent = false
  let lines = 0
  const endLine = (): void => {
    if (hasContent) {
      for (const d of DELIMITERS) counts.get(d)!.push(line.get(d)!)
      lines++
    }
    line = new Map(DELIMITERS.map((d) => [d, 0]))
    hasContent = false
  }
  for (let i = 0; i < text.length && lines < SNIFF_LINES; i++) {
    const ch = text[i]!
    if (ch === '"') isQuoted = !isQuoted
    else if (!isQuoted && ch === '\n') {
      endLine()
      continue
    }
    if (!isQuoted && (DELIMITERS as readonly string[]).includes(ch)) {
      const d = ch as Delimiter
      line.set(d, line.get(d)! + 1)
    }
    if (ch.trim() !== '') hasContent = true
  }
  if (lines < SNIFF_LINES) endLine()
  return counts
}

/**
 * The delimiter that splits the header into the most columns while splitting the
 * following lines the same way (a comma inside a description does not win over the
 * semicolons that separate every line). Comma when nothing splits the header.
 */
export function sniffDelimiter(sample: string): Delimiter {
  let best: { delimiter: Delimiter; consistent: number; fields: number } | null = null
  for (const [delimiter, perLine] of countsPerLine(sample)) {
    const fields = perLine[0] ?? 0
    if (fields === 0) continue
    const consistent = perLine.filter((n) => n === fields).length
    if (
      !best ||
      consistent > best.consistent ||
      (consistent === best.consistent && fields > best.fields)
    )
      best = { delimiter, consistent, fields }
  }
  return best?.delimiter ?? ','
}

/** A field as read; '' is an empty cell (the converter reads it as missing). */
export type CsvField = string
/** Receives each data record; `row` counts data records from 0. */
export type RecordVisitor = (fields: readonly CsvField[], row: number) => void

export interface CsvReadResult {
  delimiter: Delimiter
  rowCount: number
  /** Rows whose field count differs from the header's (kept, missing fields empty). */
  findings: Finding[]
  /** The 1-based file line each of the given data rows starts on. */
  linesOf(rows: readonly number[]): Map<number, number>
}

const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d

/**
 * The line each wanted record starts on, by one scan of the bytes: a line break outside
 * quotes ends a record, a line holding nothing is skipped (as the parser skips it).
 * csv-parse can report lines per record, but that (info, on_record) costs as much as
 * the parse itself; lines are only needed for the few rows that have findings.
 */
function recordStartLines(bytes: Uint8Array, records: readonly number[]): Map<number, number> {
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
      if (hasContent) {
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

function slices(bytes: Uint8Array): Iterable<Uint8Array> {
  return {
    *[Symbol.iterator]() {
      for (let at = 0; at < bytes.length; at += SLICE_BYTES)
        yield bytes.subarray(at, Math.min(bytes.length, at + SLICE_BYTES))
    },
  }
}

function headerOf(fields: readonly CsvField[], where: string): string[] {
  const header = fields.map((name, i) => {
    const trimmed = name.trim()
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

/**
 * The file as UTF-8. Excel on Windows saves "CSV" in Windows-1252: read as UTF-8, its
 * "5°" or "café" would be stored as replacement characters without a word. Such a file
 * is read as Windows-1252 (every byte decodes) and the preview says so.
 */
function asUtf8(bytes: Uint8Array, where: string): { utf8: Uint8Array; finding: Finding | null } {
  if (isUtf8(bytes)) return { utf8: bytes, finding: null }
  return {
    utf8: Buffer.from(decodeWindows1252(bytes), 'utf8'),
    finding: {
      severity: 'warning',
      row: null,
      column: null,
      rule: 'import.encoding',
      message: `${where} is not UTF-8; it was read as Windows-1252 (what Excel on Windows saves). Check accented letters and symbols such as ° in the preview; save the file as "CSV UTF-8" if they are wrong.`,
    },
  }
}

/**
 * Reads UTF-8 CSV bytes: `onHeader` gets the header (the first non-blank row) and
 * returns the visitor of the data rows. An empty file or a header without names is a
 * BadInputError; broken quoting is a BadInputError naming the line; a ragged row is a
 * finding (with its line) and is kept.
 */
export async function readCsv(
  source: Uint8Array,
  where: string,
  onHeader: (header: string[], delimiter: Delimiter) => RecordVisitor,
  task: ImportTask,
): Promise<CsvReadResult> {
  const { utf8: bytes, finding: encodingFinding } = asUtf8(source, where)
  const delimiter = sniffDelimiter(headText(bytes))
  const parser = Readable.from(slices(bytes)).pipe(
    parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }),
  )
  const parserInfo = (parser as unknown as { info: { bytes: number } }).info
  let header: string[] | null = null
  let visit: RecordVisitor | null = null
  let rowCount = 0
  const ragged: { row: number; fields: number }[] = []
  try {
    for await (const record of parser as AsyncIterable<CsvField[]>) {
      if (header === null || visit === null) {
        header = headerOf(record, where)
        visit = onHeader(header, delimiter)
        continue
      }
      if (record.length !== header.length) ragged.push({ row: rowCount, fields: record.length })
      visit(record, rowCount)
      rowCount++
      if (rowCount % RECORDS_PER_STEP === 0) {
        task.throwIfCancelled()
        task.progress(Math.min(parserInfo.bytes, bytes.length), bytes.length)
      }
    }
  } catch (e) {
    if (e instanceof CsvError) {
      const line = typeof e['lines'] === 'number' ? e['lines'] : undefined
      throw new BadInputError(
        `${where}${line === undefined ? '' : ` line ${line}`} is not valid CSV: ${e.message}. Fix the file (check the quotes).`,
        { where, line, csvCode: e.code },
        { cause: e },
      )
    }
    throw e
  } finally {
    parser.destroy()
  }
  if (header === null)
    throw new BadInputError(
      `${where} is empty: its first row must be a header naming the columns.`,
      { where },
    )
  const columns = header.length
  // Record 0 is the header: data row r is record r + 1.
  const linesOf = (rows: readonly number[]): Map<number, number> => {
    const byRecord = recordStartLines(
      bytes,
      rows.map((r) => r + 1),
    )
    return new Map(rows.map((r) => [r, byRecord.get(r + 1) ?? r + 2]))
  }
  const listed = ragged.slice(0, MAX_RAGGED_FINDINGS)
  const lines = linesOf(listed.map((r) => r.row))
  const findings: Finding[] = listed.map(({ row, fields }) => ({
    severity: 'error',
    row,
    column: null,
    rule: 'import.ragged',
    message: `${where} line ${lines.get(row)} has ${fields} field(s), but the header names ${columns} column(s): ${fields < columns ? 'the missing ones are left empty' : 'the extra ones are dropped'}. Check for a missing separator or an unquoted ${delimiter === '\t' ? 'tab' : `"${delimiter}"`} in a value.`,
  }))
  if (ragged.length > MAX_RAGGED_FINDINGS)
    findings.push({
      severity: 'error',
      row: null,
      column: null,
      rule: 'import.ragged',
      message: `${ragged.length - MAX_RAGGED_FINDINGS} more row(s) of ${where} have a different number of fields than the header.`,
    })
  if (encodingFinding) findings.unshift(encodingFinding)
  task.progress(bytes.length, bytes.length)
  return { delimiter, rowCount, findings, linesOf }
}
