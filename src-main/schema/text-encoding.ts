// Bytes of a text file as UTF-8, for every reader of files people bring (CSV, AGS4).
// Valid UTF-8 is read as UTF-8; anything else is Windows-1252, what Excel on Windows
// saves, which decodes every byte. One rule for the CLI and the app's import.
import { isUtf8 } from 'node:buffer'

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

/** `bytes` as UTF-8, and whether they had to be read as Windows-1252 to get there. */
export function asUtf8Bytes(bytes: Uint8Array): { utf8: Uint8Array; isWindows1252: boolean } {
  if (isUtf8(bytes)) return { utf8: bytes, isWindows1252: false }
  return { utf8: Buffer.from(decodeWindows1252(bytes), 'utf8'), isWindows1252: true }
}
