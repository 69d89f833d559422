// The one record-id rule, for the store, the IPC contract and the renderer's forms.
// A record id is a name, never a path: it becomes one folder under records/, on disk and
// as an S3 key segment, so anything that could escape that folder or confuse a listing
// is refused before any I/O. See docs/SECURITY.md, "record-id rule".
import { z } from 'zod'

import { InvalidRecordIdError } from './errors'

export const MAX_RECORD_ID_BYTES = 200

// Letters, digits and a few separators that are safe in file names on Windows, macOS
// and Linux and in S3 keys without escaping.
const SAFE = /^[\p{L}\p{N}][\p{L}\p{N} ._()+=@,-]*$/u

export interface RecordIdProblem {
  message: string
  details: Record<string, unknown>
}

/** Why `recordId` cannot be a record id, or null when it can. */
export function recordIdProblem(recordId: unknown): RecordIdProblem | null {
  const shown = JSON.stringify(recordId)
  if (typeof recordId !== 'string' || recordId.length === 0) {
    return {
      message: `Record id ${shown ?? 'undefined'} is empty or not a string.`,
      details: { recordId },
    }
  }
  const bytes = new TextEncoder().encode(recordId).byteLength
  if (bytes > MAX_RECORD_ID_BYTES) {
    return {
      message: `Record id is ${bytes} bytes long; the limit is ${MAX_RECORD_ID_BYTES}.`,
      details: { recordId: recordId.slice(0, 40) + '…' },
    }
  }
  if (
    recordId.includes('\0') ||
    recordId.includes('/') ||
    recordId.includes('\\') ||
    recordId.includes('..')
  ) {
    return {
      message: `Record id ${shown} contains "/", "\\", ".." or NUL: a record id is a name, not a path.`,
      details: { recordId },
    }
  }
  if (!SAFE.test(recordId) || recordId.endsWith(' ') || recordId.endsWith('.')) {
    return {
      message: `Record id ${shown} may use letters, digits, space and . _ ( ) + = @ , - only, must start with a letter or digit and must not end with a space or dot.`,
      details: { recordId },
    }
  }
  return null
}

export function assertValidRecordId(recordId: unknown): asserts recordId is string {
  const problem = recordIdProblem(recordId)
  if (problem) throw new InvalidRecordIdError(problem.message, problem.details)
}

/**
 * A record id as a request carries it. Only its size is checked here: a UTF-8 string is
 * at least as many bytes as UTF-16 units, so anything longer than the byte limit is
 * refused without encoding it. The rest of the rule is applied where the id is used, so
 * the refusal carries INVALID_RECORD_ID (which the forms show beside the id field)
 * rather than the contract's generic BAD_INPUT.
 */
export const RecordIdSchema = z.string().min(1).max(MAX_RECORD_ID_BYTES)
