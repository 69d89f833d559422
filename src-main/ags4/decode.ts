// Bytes -> text for AGS files. AGS4 Rule 1 asks for ASCII, but real files arrive as
// UTF-8 (with or without a byte-order mark) or as Windows-1252 from Excel exports.
// We try strict UTF-8 first (any valid UTF-8 is almost certainly meant as UTF-8) and
// fall back to Windows-1252, which decodes every byte, with a warning.

export type AgsEncoding = 'utf-8' | 'windows-1252'

export interface DecodedText {
  text: string
  encoding: AgsEncoding
  hasBom: boolean
  /** Offset of the first NUL byte: a NUL never occurs in a text file. */
  firstNulOffset: number | null
}

// Node 20's TextDecoder('windows-1252') decodes 0x80-0x9F as C1 controls (Latin-1),
// not as the Windows-1252 characters (0x80 is the euro sign), so the table is ours.
// Unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the same code point, as the
// WHATWG Encoding Standard does.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
]

export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = []
  const CHUNK = 8192
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK)
    const codes = new Array<number>(end - start)
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number
      codes[i - start] = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as number) : b
    }
    chunks.push(String.fromCharCode(...codes))
  }
  return chunks.join('')
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
