// A record id is a name, never a path (DESIGN.md 2): it becomes one folder under
// records/, on disk and as an S3 key segment, so anything that could escape that
// folder or confuse a listing is refused before any I/O.
import { InvalidRecordIdError } from '../../shared/errors'

export const MAX_RECORD_ID_BYTES = 200

// Letters, digits and a few separators that are safe in file names on Windows, macOS
// and Linux and in S3 keys without escaping.
const SAFE = /^[\p{L}\p{N}][\p{L}\p{N} ._()+=@,-]*$/u

export function assertValidRecordId(recordId: unknown): asserts recordId is string {
  const shown = JSON.stringify(recordId)
  if (typeof recordId !== 'string' || recordId.length === 0) {
    throw new InvalidRecordIdError(`Record id ${shown ?? 'undefined'} is empty or not a string.`, {
      recordId,
    })
  }
  const bytes = new TextEncoder().encode(recordId).byteLength
  if (bytes > MAX_RECORD_ID_BYTES) {
    throw new InvalidRecordIdError(
      `Record id is ${bytes} bytes long; the limit is ${MAX_RECORD_ID_BYTES}.`,
      { recordId: recordId.slice(0, 40) + '…' },
    )
  }
  if (
    recordId.includes('\0') ||
    recordId.includes('/') ||
    recordId.includes('\\') ||
    recordId.includes('..')
  ) {
    throw new InvalidRecordIdError(
      `Record id ${shown} contains "/", "\\", ".." or NUL: a record id is a name, not a path.`,
      { recordId },
    )
  }
  if (!SAFE.test(recordId) || recordId.endsWith(' ') || recordId.endsWith('.')) {
    throw new InvalidRecordIdError(
      `Record id ${shown} may use letters, digits, space and . _ ( ) + = @ , - only, must start with a letter or digit and must not end with a space or dot.`,
      { recordId },
    )
  }
}
