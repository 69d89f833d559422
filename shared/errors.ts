// Error codes survive every boundary (IPC, CLI exit codes, HTTP host): UI and tests
// branch on `code`, never on message text. Expected failures (bad input, conflict, not
// found, outage) extend BorelogError; a bug is an InternalError, which deliberately does
// not, so a fallback that catches expected failures never swallows a bug.
// See docs/ARCHITECTURE.md, "Errors".

export const ERROR_CODES = [
  'BAD_INPUT', // malformed request, unsafe record id, bad CSV, bad flag
  'INVALID_RECORD_ID',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'VERSION_CONFLICT', // another writer committed first; re-read and retry or report
  'STALE_REVIEW', // approve/reject named a version no longer current, or reviewed already
  'INVALID_TRANSITION', // an action the current state does not allow, e.g. a second sync run
  'VALIDATION_FAILED', // approval refused: the version has error findings
  'SCHEMA_MISMATCH',
  'UNKNOWN_TABLE',
  'CORRUPT_PARQUET',
  'CORRUPT_METADATA',
  'INTEGRITY', // hash chain or file hash mismatch found by verify
  'STORE_UNAVAILABLE', // disk or network outage
  'CONDITIONAL_WRITES_UNSUPPORTED',
  'MERGE_CONFLICT',
  'CANCELLED',
  'UNAUTHORIZED',
  'INTERNAL', // a broken invariant: a bug, never an expected failure
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorPayload {
  code: ErrorCode
  message: string
  details?: Record<string, unknown>
}

/** Base of every expected failure. `message` says what, where and what now. */
export class BorelogError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown>

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = new.target.name
    this.code = code
    this.details = details
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, details: this.details }
  }
}

export class BadInputError extends BorelogError {
  constructor(
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super('BAD_INPUT', message, details, options)
  }
}

export class InvalidRecordIdError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_RECORD_ID', message, details)
  }
}

export class NotFoundError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', message, details)
  }
}

export class AlreadyExistsError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ALREADY_EXISTS', message, details)
  }
}

/** Another writer committed first. Nothing of ours was written over theirs. */
export class VersionConflictError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('VERSION_CONFLICT', message, details)
  }
}

export class StaleReviewError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('STALE_REVIEW', message, details)
  }
}

export class InvalidTransitionError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_TRANSITION', message, details)
  }
}

export class ValidationFailedError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('VALIDATION_FAILED', message, details)
  }
}

export class SchemaMismatchError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('SCHEMA_MISMATCH', message, details)
  }
}

export class UnknownTableError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('UNKNOWN_TABLE', message, details)
  }
}

export class CorruptParquetError extends BorelogError {
  constructor(
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super('CORRUPT_PARQUET', message, details, options)
  }
}

export class CorruptMetadataError extends BorelogError {
  constructor(
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super('CORRUPT_METADATA', message, details, options)
  }
}

export class IntegrityError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INTEGRITY', message, details)
  }
}

export class StoreUnavailableError extends BorelogError {
  constructor(
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super('STORE_UNAVAILABLE', message, details, options)
  }
}

/**
 * The endpoint accepts If-None-Match / If-Match but does not enforce them: two writers
 * could silently overwrite each other there, so we refuse to write.
 * See docs/ARCHITECTURE.md, "Invariants".
 */
export class ConditionalWritesUnsupportedError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONDITIONAL_WRITES_UNSUPPORTED', message, details)
  }
}

/** Credentials missing, wrong, expired or without the needed permission. Never carries them. */
export class UnauthorizedError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('UNAUTHORIZED', message, details)
  }
}

export class MergeConflictError extends BorelogError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('MERGE_CONFLICT', message, details)
  }
}

export class CancelledError extends BorelogError {
  constructor(message = 'Cancelled.') {
    super('CANCELLED', message)
  }
}

/**
 * A broken invariant: a bug in our code, not a user or environment failure. Not a
 * BorelogError: `catch (e) { if (!(e instanceof BorelogError)) throw e; ... }` must let
 * it through. It still carries `code: 'INTERNAL'` so the boundaries can name it.
 */
export class InternalError extends Error {
  readonly code = 'INTERNAL' as const
  readonly details: Record<string, unknown>

  constructor(
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = new.target.name
    this.details = details
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, details: this.details }
  }
}

/** An expected failure (never a bug): the only kind a fallback may catch and handle. */
export function isBorelogError(e: unknown): e is BorelogError {
  return e instanceof BorelogError
}

/** The code of any error we raise, for reporting across a boundary; INTERNAL for anything else. */
export function errorCode(e: unknown): ErrorCode {
  return e instanceof BorelogError || e instanceof InternalError ? e.code : 'INTERNAL'
}

/** CLI exit codes: 0 ok, 2 bad input or usage, 3 conflict, 4 not found, 1 else. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'BAD_INPUT':
    case 'INVALID_RECORD_ID':
    case 'SCHEMA_MISMATCH':
    case 'UNKNOWN_TABLE':
    case 'INVALID_TRANSITION':
    case 'VALIDATION_FAILED':
    case 'CORRUPT_PARQUET':
    case 'CORRUPT_METADATA':
      return 2
    case 'VERSION_CONFLICT':
    case 'STALE_REVIEW':
    case 'ALREADY_EXISTS':
    case 'MERGE_CONFLICT':
      return 3
    case 'NOT_FOUND':
      return 4
    default:
      return 1
  }
}
