// File bytes travel to main as base64 (the renderer never touches paths; contract
// import.*). Encoding a whole file through one String.fromCharCode(...bytes) call
// overflows the call stack past ~100 kB, and one giant binary string doubles the
// memory of a large file, so bytes are encoded in chunks whose length is a multiple
// of 3: each chunk's base64 then has no padding and the pieces concatenate exactly.
const CHUNK_BYTES = 3 * 8192

/** Base64 (RFC 4648, with padding) of `bytes`. */
export function bytesToBase64(bytes: Uint8Array): string {
  const pieces: string[] = []
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    const chunk = bytes.subarray(start, start + CHUNK_BYTES)
    let binary = ''
    for (let i = 0; i < chunk.length; i++) binary += String.fromCharCode(chunk[i] as number)
    pieces.push(btoa(binary))
  }
  return pieces.join('')
}

/**
 * The largest file the import channel accepts: the contract caps the base64 text at
 * 200 MiB, and base64 is 4 characters per 3 bytes.
 */
export const MAX_IMPORT_BYTES = Math.floor((200 * 1024 * 1024 * 3) / 4)
