// CSV as field engineers' spreadsheets write it: comma, semicolon (European locales)
// or tab separated, with or without a BOM, CRLF or LF, quoted fields. The first row
// is the header. Parsing is csv-parse's streaming parser over 1 MB slices of the
// file, so a 100 MB file is never held as text nor as a list of rows: each record is
// handed on as it is read, and the work yields between slices (progress, cancel).
import { Readable } from 'node:stream'

import { CsvError, parse } from 'csv-parse'

import { BadInputError } from '../../shared/errors'
import type { Finding } from '../../shared/metadata'
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

export type CsvField = string | null
/** Receives each data record and its 1-based line in the file. */
export type RecordVisitor = (fields: readonly CsvField[], line: number) => void

export interface CsvReadResult {
  delimiter: Delimiter
  rowCount: number
  /** Rows whose field count differs from the header's (kept, missing fields empty). */
  findings: Finding[]
}

function slices(bytes: Uint8Array): Iterable<Uint8Array> {
  return {
    *[Symbol.iterator]() {
      for (let at = 0; at < bytes.length; at += SLICE_BYTES)
        yield bytes.subarray(at, Math.min(bytes.length, at + SLICE_BYTES))
    },
  }
}

function headerOf(fields: readonly CsvField[], where: string, line: number): string[] {
  const header = fields.map((name, i) => {
    const trimmed = (name ?? '').trim()
    if (trimmed === '')
      throw new BadInputError(
        `${where} line ${line}: column ${i + 1} of the header has no name. The first row must name every column.`,
        { where, line, column: i },
      )
    return trimmed
  })
  const seen = new Set<string>()
  for (const name of header) {
    if (seen.has(name))
      throw new BadInputError(
        `${where} line ${line}: the header names column "${name}" twice. Rename one of them.`,
        { where, line, column: name },
      )
    seen.add(name)
  }
  return header
}

/**
 * Reads UTF-8 CSV bytes: `onHeader` gets the header (the first non-blank row) and
 * returns the visitor of the data rows. An empty file or a header without names is a
 * BadInputError; broken quoting is a BadInputError naming the line; a ragged row is a
 * finding (with its line) and is kept.
 */
export async function readCsv(
  bytes: Uint8Array,
  where: string,
  onHeader: (header: string[], delimiter: Delimiter) => RecordVisitor,
  task: ImportTask,
): Promise<CsvReadResult> {
  const delimiter = sniffDelimiter(headText(bytes))
  const parser = Readable.from(slices(bytes)).pipe(
    parse({
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // An unquoted empty field is a missing value; a quoted "" is empty text.
      cast: (value, context) => (value === '' && !context.quoting ? null : value),
    }),
  )
  let header: string[] | null = null
  let visit: RecordVisitor | null = null
  let rowCount = 0
  let ragged = 0
  const findings: Finding[] = []
  try {
    for await (const item of parser as AsyncIterable<{
      record: CsvField[]
      info: { lines: number; bytes: number }
    }>) {
      const { record, info } = item
      if (header === null || visit === null) {
        header = headerOf(record, where, info.lines)
        visit = onHeader(header, delimiter)
        continue
      }
      if (record.length !== header.length) {
        ragged++
        if (ragged <= MAX_RAGGED_FINDINGS)
          findings.push({
            severity: 'error',
            row: rowCount,
            column: null,
            rule: 'import.ragged',
            message: `${where} line ${info.lines} has ${record.length} field(s), but the header names ${header.length} column(s): ${record.length < header.length ? 'the missing ones are left empty' : 'the extra ones are dropped'}. Check for a missing separator or an unquoted ${delimiter === '\t' ? 'tab' : `"${delimiter}"`} in a value.`,
          })
      }
      visit(record, info.lines)
      rowCount++
      if (rowCount % RECORDS_PER_STEP === 0) {
        task.throwIfCancelled()
        task.progress(info.bytes, bytes.length)
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
  if (ragged > MAX_RAGGED_FINDINGS)
    findings.push({
      severity: 'error',
      row: null,
      column: null,
      rule: 'import.ragged',
      message: `${ragged - MAX_RAGGED_FINDINGS} more row(s) of ${where} have a different number of fields than the header.`,
    })
  task.progress(bytes.length, bytes.length)
  return { delimiter, rowCount, findings }
}
