// Bytes -> text for AGS files. AGS4 Rule 1 asks for ASCII, but real files arrive as
// UTF-8 (with or without a byte-order mark) or as Windows-1252 from Excel exports.
// We try strict UTF-8 first (any valid UTF-8 is almost certainly meant as UTF-8) and
// fall back to Windows-1252, which decodes every byte, with a warning.

import { decodeWindows1252 } from '../schema/index'

export { decodeWindows1252 }

export type AgsEncoding = 'utf-8' | 'windows-1252'

export interface DecodedText {
  text: string
  encoding: AgsEncoding
  hasBom: boolean
  /** Offset of the first NUL byte: a NUL never occurs in a text file. */
  firstNulOffset: number | null
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export function decodeAgsBytes(bytes: Uint8Array): DecodedText {
  const nul = bytes.indexOf(0)
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const body = hasBom ? bytes.subarray(3) : bytes
  try {
    return {
      text: utf8.decode(body),
      encoding: 'utf-8',
      hasBom,
      firstNulOffset: nul >= 0 ? nul : null,
    }
  } catch {
    // The fatal UTF-8 decoder throws only on invalid bytes: such a file is Windows-1252,
    // the other encoding AGS4 files come in.
    return {
      text: decodeWindows1252(body),
      encoding: 'windows-1252',
      hasBom,
      firstNulOffset: nul >= 0 ? nul : null,
    }
  }
}
