// CSV as field engineers' spreadsheets write it: comma, semicolon (European locales)
// or tab separated, in UTF-8 or Windows-1252, read by the one CSV reader
// (schema/csv-read.ts: its rules for the header, empty cells and blank lines hold here
// too). What is the import's own: guessing the delimiter, the encoding, and keeping a
// row with the wrong number of fields as a finding instead of refusing the file.
import type { Finding } from '../../shared/metadata'
import { type CsvCell, type CsvRowVisitor, csvBytesAsUtf8, readCsvStream } from '../schema/index'
import { headText } from './detect'
import type { ImportTask } from './task'

export const DELIMITERS = [',', ';', '\t'] as const
export type Delimiter = (typeof DELIMITERS)[number]

/** Lines looked at when guessing the delimiter. */
const SNIFF_LINES = 20
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

export interface CsvReadResult {
  delimiter: Delimiter
  rowCount: number
  /** Rows whose field count differs from the header's (kept, missing fields empty). */
  findings: Finding[]
  /** The 1-based file line each of the given data rows starts on. */
  linesOf(rows: readonly number[]): Map<number, number>
}

/** The file as UTF-8 by the one rule (schema/csv-read.ts), its warning as a finding. */
function asUtf8(bytes: Uint8Array, where: string): { utf8: Uint8Array; finding: Finding | null } {
  const { utf8, warning } = csvBytesAsUtf8(bytes, where)
  return {
    utf8,
    finding:
      warning === null
        ? null
        : {
            severity: 'warning',
            row: null,
            column: null,
            rule: 'import.encoding',
            message: warning,
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
  onHeader: (header: string[], delimiter: Delimiter) => CsvRowVisitor,
  task: ImportTask,
): Promise<CsvReadResult> {
  const { utf8: bytes, finding: encodingFinding } = asUtf8(source, where)
  const delimiter = sniffDelimiter(headText(bytes))
  const ragged: { row: number; fields: number }[] = []
  const read = await readCsvStream(
    bytes,
    {
      where,
      delimiter,
      onStep: (bytesRead, totalBytes) => {
        task.throwIfCancelled()
        task.progress(bytesRead, totalBytes)
      },
    },
    (header) => {
      const visit = onHeader(header, delimiter)
      return (cells: readonly CsvCell[], row: number) => {
        if (cells.length !== header.length) ragged.push({ row, fields: cells.length })
        visit(cells, row)
      }
    },
  )
  const { header, rowCount, linesOf } = read
  const columns = header.length
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
