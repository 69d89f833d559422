// How a refusal reads on screen: a plain title (what happened), the main process's
// message (what and where, times in the user's locale) and a hint (what now). The
// code itself stays out of sight, on `data-error-code`, for tests and support.
import type { ErrorCode, ErrorPayload } from '../../shared/errors'
import { localizeTimes } from '../format'

// Every code has a title, so a new code cannot reach the screen as its raw name.
const ERROR_TITLES: Record<ErrorCode, string> = {
  BAD_INPUT: 'The request was not accepted',
  INVALID_RECORD_ID: 'That record id cannot be used',
  NOT_FOUND: 'Not found',
  ALREADY_EXISTS: 'That already exists',
  VERSION_CONFLICT: 'Someone else saved first',
  STALE_REVIEW: 'A newer version was saved',
  INVALID_TRANSITION: 'This record cannot be reviewed now',
  VALIDATION_FAILED: 'This version has errors',
  SCHEMA_MISMATCH: 'The columns do not match',
  UNKNOWN_TABLE: 'Unknown table',
  CORRUPT_PARQUET: 'This version file is damaged',
  CORRUPT_METADATA: 'This record’s history file is damaged',
  INTEGRITY: 'A stored file does not match its record',
  STORE_UNAVAILABLE: 'The store cannot be reached',
  CONDITIONAL_WRITES_UNSUPPORTED: 'This storage cannot be written to safely',
  MERGE_CONFLICT: 'The changes could not be combined',
  CANCELLED: 'Cancelled',
  UNAUTHORIZED: 'Not signed in to this window',
  INTERNAL: 'Something went wrong in Borelog Desk',
}

/** What the reviewer can do about each failure: the message says what and where, this says what now. */
const ERROR_HINTS: Partial<Record<ErrorCode, string>> = {
  STALE_REVIEW:
    'Someone saved a newer version, or reviewed this one, after you opened it. See the record as it is now.',
  VALIDATION_FAILED:
    'Approval needs zero error findings. Reject with a reason, or ask for a corrected draft.',
  INVALID_TRANSITION: 'Only a draft can be approved or rejected.',
  CORRUPT_PARQUET:
    'This version file is damaged. Other records and versions are unaffected; run `borelog-desk verify`.',
  INTEGRITY:
    'The file on disk is not the one that was committed: it was changed or damaged. Other records are unaffected; run `borelog-desk verify`.',
  CORRUPT_METADATA: 'This record’s metadata.json is damaged; run `borelog-desk verify`.',
  BAD_INPUT: 'The request was refused before anything was read or changed.',
  NOT_FOUND:
    'It may have been typed wrong, or it is not in this store. Check the name, or go back to the records list.',
  STORE_UNAVAILABLE: 'The store could not be reached. Check the disk or the connection and retry.',
  INTERNAL: 'Nothing was changed. Please report this with the message above.',
}

export interface PlainError {
  title: string
  message: string
  hint: string | undefined
}

export function plainError(
  error: ErrorPayload,
  hints?: Partial<Record<ErrorCode, string>>,
  locale?: string,
): PlainError {
  return {
    title: ERROR_TITLES[error.code] ?? 'Something went wrong',
    message: localizeTimes(error.message, locale),
    hint: hints?.[error.code] ?? ERROR_HINTS[error.code],
  }
}
