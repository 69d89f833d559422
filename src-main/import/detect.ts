// What kind of file the user picked, from its bytes first and its name second: a
// renamed file is still read as what it is, and a file that is none of the three says
// what it looked like, so the user knows what to export instead.
import { BadInputError } from '../../shared/errors'

export type ImportFormat = 'csv' | 'parquet' | 'ags4'

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31] // "PAR1"
/** Enough of the start of a file to recognise it without decoding all of it. */
const SNIFF_BYTES = 64 * 1024
const BINARY_CONTROL = /[\x00-\x08\x0e-\x1a\x1c-\x1f]/

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase()
}

/** The start of a file as text (latin1 never fails; only ASCII structure is looked at). */
export function headText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES))
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
}

function describeBinary(bytes: Uint8Array, ext: string): string {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
    return ext === 'xlsx' || ext === 'xls'
      ? 'an Excel workbook: save the sheet as CSV and import that'
      : 'a ZIP archive (an Excel workbook?): save the sheet as CSV and import that'
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    return 'an old Excel (.xls) workbook: save the sheet as CSV and import that'
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document, not data'
  const hex = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ')
  return `binary data (it starts with bytes ${hex})`
}

/**
 * The format of a picked file: Parquet by its PAR1 magic, AGS4 by its "GROUP" lines,
 * CSV for text with a header line. Anything else is a BadInputError saying what the
 * file looked like.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): ImportFormat {
  const ext = extensionOf(fileName)
  if (bytes.length === 0)
    throw new BadInputError(`${fileName} is empty (0 bytes). Pick the exported file again.`, {
      fileName,
    })
  if (startsWith(bytes, PARQUET_MAGIC)) return 'parquet'
  const head = headText(bytes)
  if (/^\s*"GROUP"\s*,/m.test(head)) return 'ags4'
  if (ext === 'parquet')
    throw new BadInputError(
      `${fileName} is named .parquet but does not start with the Parquet magic PAR1: it looks like ${BINARY_CONTROL.test(head) ? describeBinary(bytes, ext) : 'text'}. Export it again as Parquet.`,
      { fileName },
    )
  if (BINARY_CONTROL.test(head))
    throw new BadInputError(
      `${fileName} is not CSV, Parquet or AGS4: it looks like ${describeBinary(bytes, ext)}.`,
      { fileName },
    )
  if (/^\s*\*\*[A-Z]/m.test(head))
    throw new BadInputError(
      `${fileName} looks like AGS3 (lines starting "**GROUP"), which is not imported. Convert it to AGS4 first.`,
      { fileName },
    )
  if (ext === 'ags')
    throw new BadInputError(
      `${fileName} is named .ags but has no "GROUP" line: it is not AGS4 data. Check the file.`,
      { fileName },
    )
  const firstLine = head.split(/\r?\n/).find((line) => line.trim() !== '') ?? ''
  if (firstLine === '')
    throw new BadInputError(`${fileName} holds only blank lines: there is no header to read.`, {
      fileName,
    })
  if (['csv', 'tsv', 'txt'].includes(ext) || /[,;\t]/.test(firstLine)) return 'csv'
  throw new BadInputError(
    `${fileName} is not CSV, Parquet or AGS4: it looks like plain text without column separators (first line "${firstLine.slice(0, 60)}"). Export the table as CSV.`,
    { fileName },
  )
}
