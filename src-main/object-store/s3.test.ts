import { describe, expect, it } from 'vitest'

import { classifyFailure } from './s3'

// Failures shaped as the SDK reports them: an S3 error code in `name`, the HTTP status in
// `$metadata`; network errors carry Node's `code` and no status.
const s3Error = (name: string, httpStatusCode: number): unknown => ({
  name,
  message: `${name} message`,
  $metadata: { httpStatusCode, requestId: 'req-1' },
})

describe('classifyFailure', () => {
  it('412 means the condition failed; 409 means the outcome must be settled by a re-read', () => {
    expect(classifyFailure(s3Error('PreconditionFailed', 412)).kind).toBe('precondition')
    expect(classifyFailure(s3Error('ConditionalRequestConflict', 409)).kind).toBe('ambiguous')
  })

  it('5xx, throttling and network failures are transient', () => {
    for (const e of [
      s3Error('InternalError', 500),
      s3Error('UnknownError', 500),
      s3Error('ServiceUnavailable', 503),
      s3Error('SlowDown', 503),
      s3Error('TooManyRequests', 429),
      s3Error('RequestTimeout', 400),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7480'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      Object.assign(new Error('timed out'), { name: 'TimeoutError' }),
    ]) {
      expect(classifyFailure(e).kind).toBe('transient')
    }
  })

  it('missing objects, missing buckets and refused credentials are told apart', () => {
    expect(classifyFailure(s3Error('NoSuchKey', 404)).kind).toBe('not-found')
    expect(classifyFailure(s3Error('NotFound', 404)).kind).toBe('not-found')
    expect(classifyFailure(s3Error('NoSuchBucket', 404)).kind).toBe('no-bucket')
    expect(classifyFailure(s3Error('AccessDenied', 403)).kind).toBe('unauthorized')
    expect(classifyFailure(s3Error('SignatureDoesNotMatch', 403)).kind).toBe('unauthorized')
    expect(
      classifyFailure(
        Object.assign(new Error('Could not load credentials'), {
          name: 'CredentialsProviderError',
        }),
      ).kind,
    ).toBe('unauthorized')
  })

  it('other client errors are fatal: retrying would not help', () => {
    expect(classifyFailure(s3Error('InvalidArgument', 400)).kind).toBe('fatal')
    expect(classifyFailure(new Error('Region is missing')).kind).toBe('fatal')
  })

  it('the description names code and status, never more than the error said', () => {
    const failure = classifyFailure(s3Error('SlowDown', 503))
    expect(failure).toMatchObject({ code: 'SlowDown', status: 503, requestId: 'req-1' })
    expect(failure.message).toBe('SlowDown (HTTP 503): SlowDown message')
  })
})
