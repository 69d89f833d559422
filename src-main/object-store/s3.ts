// S3 backend: the same keys as the local folder, under `bucket/prefix/`, on any
// S3-compatible endpoint. How the ObjectStore guarantees hold on S3:
// - putIfAbsent is PutObject with `If-None-Match: *`; putIfMatch is PutObject with
//   `If-Match: <etag>`. The server, not this process, decides who wins, so two laptops
//   can never overwrite each other. A PUT is atomic on S3: a reader sees the old object,
//   the whole new one, or nothing, even if the gateway dies mid-upload.
// - Before the first write we probe that the endpoint enforces both conditions (some
//   S3-compatible stores accept the headers and ignore them) and refuse to write
//   otherwise: CONDITIONAL_WRITES_UNSUPPORTED.
// - A conditional write whose answer is lost or ambiguous (network error, timeout, 5xx,
//   409; Ceph RGW answers 500 to the losers of racing If-Match writes) is settled by
//   re-reading the key and comparing content hashes: our bytes there -> we won;
//   other bytes -> conflict; condition still holding -> our write did not happen, retry.
//   Never by guessing. The SDK's own retries are off for the same reason: a blind
//   resend of a conditional write that had landed would report our success as a conflict.
// - Every object we write carries its sha256 as user metadata (x-amz-meta-sha256) so
//   that settling needs a HEAD, not a download.
// - Transient failures and throttling are retried with bounded, jittered backoff; then
//   STORE_UNAVAILABLE.
// - Credentials come from the options, a named profile or the SDK's default chain; they
//   never appear in errors: messages and details carry the endpoint host, bucket, key,
//   HTTP status and S3 error code only, and the SDK error is not attached as `cause`.
import { createHash, randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'

import type * as S3Sdk from '@aws-sdk/client-s3'

import {
  AlreadyExistsError,
  BadInputError,
  BorelogError,
  ConditionalWritesUnsupportedError,
  NotFoundError,
  StoreUnavailableError,
  UnauthorizedError,
  VersionConflictError,
} from '../../shared/errors'
import type { GetResult, ListOptions, ObjectInfo, ObjectStore } from './index'
import { sha256Hex, TEMP_PREFIX } from './local-folder'

// The SDK is loaded when the first S3Store is made, not when this module is: a folder
// store never pays for it at start-up (see docs/CLI.md, "Start-up").
let {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} = {} as typeof S3Sdk

function loadSdk(): void {
  if (S3Client) return
  ;({
    AbortMultipartUploadCommand,
    CompleteMultipartUploadCommand,
    CreateMultipartUploadCommand,
    DeleteObjectCommand,
    GetObjectCommand,
    HeadObjectCommand,
    ListObjectsV2Command,
    PutObjectCommand,
    S3Client,
    UploadPartCommand,
  } = createRequire(import.meta.url)('@aws-sdk/client-s3') as typeof S3Sdk)
}

export interface S3StoreOptions {
  bucket: string
  /** Folder inside the bucket that is the store root; '' for the bucket root. */
  prefix?: string
  /** Any S3-compatible endpoint, e.g. http://127.0.0.1:7480. Absent: AWS S3. */
  endpoint?: string
  /** Default: from the profile or AWS_REGION; us-east-1 when an endpoint is given. */
  region?: string
  /** Bucket in the path, not the host name. Default: true when an endpoint is given. */
  forcePathStyle?: boolean
  /** Named profile of ~/.aws/config and ~/.aws/credentials. Absent: the default chain. */
  profile?: string
  /** Explicit keys (tests, CI); absent: profile or default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** Version files above this size go up in parts, where the endpoint allows conditional completion. */
  multipartThresholdBytes?: number
  partSizeBytes?: number
  retry?: Partial<RetryPolicy>
  /**
   * Skips the probe and trusts this verdict: only what probeConditionalWrites() returned
   * for this same endpoint earlier (e.g. remembered in settings), since a wrong verdict
   * lets writers overwrite each other.
   */
  assumeConditionalWrites?: ConditionalWriteSupport
}

export interface RetryPolicy {
  /** Attempts per operation, first one included. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

/** What the probe found out about the endpoint's conditional writes. */
export interface ConditionalWriteSupport {
  /** The If-Match form the endpoint accepts: RGW matches only an unquoted ETag. */
  ifMatchQuoted: boolean
  /** CompleteMultipartUpload honours If-None-Match (AWS does; RGW 16 ignores it). */
  conditionalMultipartCompletion: boolean
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 7, baseDelayMs: 100, maxDelayMs: 4000 }
const MIB = 1024 * 1024
/** S3's limit for one PutObject. */
const MAX_SINGLE_PUT_BYTES = 5 * 1024 * MIB
const MIN_PART_BYTES = 5 * MIB
const PART_CONCURRENCY = 4
const SHA256_METADATA = 'sha256'

type FailureKind =
  | 'precondition' // 412: the condition was evaluated and failed
  | 'ambiguous' // the write may or may not have happened: re-read to settle
  | 'transient' // retry as is (reads, idempotent writes); for conditional writes: settle
  | 'not-found'
  | 'no-bucket'
  | 'unauthorized'
  | 'fatal'

interface Failure {
  kind: FailureKind
  status: number | undefined
  code: string
  /** Safe to show: S3 error code and message or the network error code. Never credentials. */
  message: string
  requestId: string | undefined
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
])
const THROTTLING_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestThrottled',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'RequestTimeout',
  'InternalError',
])
const AUTH_CODES = new Set([
  'AccessDenied',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'CredentialsProviderError',
  'AllAccessDisabled',
])

/** Sorts an SDK or network failure into what the caller may do about it. Exported for its unit test. */
export function classifyFailure(e: unknown): Failure {
  const err = (typeof e === 'object' && e !== null ? e : {}) as {
    name?: unknown
    code?: unknown
    message?: unknown
    Code?: unknown
    $metadata?: { httpStatusCode?: number; requestId?: string }
  }
  const status = err.$metadata?.httpStatusCode
  const name = typeof err.name === 'string' ? err.name : 'Error'
  const s3Code = typeof err.Code === 'string' ? err.Code : name
  const nodeCode = typeof err.code === 'string' ? err.code : undefined
  const code = nodeCode ?? s3Code
  const text = typeof err.message === 'string' && err.message !== '' ? err.message : code
  const failure = (kind: FailureKind): Failure => ({
    kind,
    status,
    code,
    message: status ? `${code} (HTTP ${status}): ${text}` : `${code}: ${text}`,
    requestId: err.$metadata?.requestId,
  })
  if (status === 412 || s3Code === 'PreconditionFailed') return failure('precondition')
  if (status === 409) return failure('ambiguous')
  if (s3Code === 'NoSuchBucket') return failure('no-bucket')
  if (status === 404 || s3Code === 'NoSuchKey' || s3Code === 'NotFound') return failure('not-found')
  if (status === 401 || status === 403 || AUTH_CODES.has(s3Code) || AUTH_CODES.has(name)) {
    return failure('unauthorized')
  }
  if (status === 429 || (status !== undefined && status >= 500) || THROTTLING_CODES.has(s3Code)) {
    return failure('transient')
  }
  if (
    (nodeCode !== undefined && NETWORK_CODES.has(nodeCode)) ||
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    // The one reading of message text: a third party's, not ours. Socket failures can
    // reach us wrapped by the SDK's HTTP handler without their errno; the fault-proxy
    // suite (s3-faults.rgw) is what shows whether the codes above suffice without it.
    /socket hang up|aborted|premature close/i.test(text)
  ) {
    return failure('transient')
  }
  return failure('fatal')
}

function unquote(etag: string | undefined): string {
  if (!etag) return ''
  return etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1')
}

function md5Base64(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('base64')
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function isValidBucketName(bucket: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) && !bucket.includes('..')
}

/** The endpoint without user info, path or query: safe in messages. */
function describeEndpoint(endpoint: string | undefined): string {
  if (!endpoint) return 'AWS S3'
  try {
    const url = new URL(endpoint)
    return `${url.protocol}//${url.host}`
  } catch {
    return '(invalid endpoint URL)'
  }
}

type WriteCondition = { kind: 'absent' } | { kind: 'match'; etag: string }

type Settled =
  | { outcome: 'ours'; etag: string }
  | { outcome: 'theirs'; etag: string | null }
  | { outcome: 'unchanged' }

export class S3Store implements ObjectStore {
  readonly location: string
  readonly bucket: string
  /** '' or the store root in the bucket, ending with '/'. */
  private readonly root: string
  private readonly client: S3Sdk.S3Client
  private readonly endpointText: string
  private readonly retry: RetryPolicy
  private readonly multipartThresholdBytes: number
  private readonly partSizeBytes: number
  private support: Promise<ConditionalWriteSupport> | undefined

  constructor(options: S3StoreOptions) {
    if (!isValidBucketName(options.bucket)) {
      throw new BadInputError(
        `"${options.bucket}" is not a valid S3 bucket name (3-63 characters: a-z, 0-9, '.', '-').`,
        { bucket: options.bucket },
      )
    }
    const prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '')
    if (prefix.split('/').some((p) => p === '..' || p === '.') || prefix.includes('//')) {
      throw new BadInputError(`S3 prefix "${prefix}" has empty, '.' or '..' segments.`, { prefix })
    }
    if (options.endpoint !== undefined) {
      let url: URL | undefined
      try {
        url = new URL(options.endpoint)
      } catch {
        url = undefined
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        throw new BadInputError(`The S3 endpoint must be an http:// or https:// URL.`, {
          endpoint: describeEndpoint(options.endpoint),
        })
      }
      if (url.username || url.password) {
        throw new BadInputError(
          'Put no credentials in the S3 endpoint URL: use a profile, the environment or the credentials option.',
          { endpoint: describeEndpoint(options.endpoint) },
        )
      }
    }
    this.bucket = options.bucket
    this.root = prefix ? prefix + '/' : ''
    this.location = `s3://${options.bucket}${prefix ? '/' + prefix : ''}`
    this.endpointText = describeEndpoint(options.endpoint)
    this.retry = { ...DEFAULT_RETRY, ...options.retry }
    this.partSizeBytes = Math.max(MIN_PART_BYTES, options.partSizeBytes ?? 8 * MIB)
    this.multipartThresholdBytes = options.multipartThresholdBytes ?? 16 * MIB
    if (options.assumeConditionalWrites)
      this.support = Promise.resolve(options.assumeConditionalWrites)
    const hasEndpoint = options.endpoint !== undefined
    loadSdk()
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region ?? (hasEndpoint ? 'us-east-1' : undefined),
      forcePathStyle: options.forcePathStyle ?? hasEndpoint,
      profile: options.profile,
      credentials: options.credentials,
      maxAttempts: 1,
      // Checksums only where S3 requires them: S3-compatible servers reject or mangle
      // the newer flexible-checksum headers and trailers (an RGW quirk).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // A dead or stopped gateway must turn into a retry and then STORE_UNAVAILABLE,
      // never a request that hangs forever.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    })
  }

  /** Releases sockets. The store must not be used afterwards. */
  close(): void {
    this.client.destroy()
  }

  private fullKey(key: string): string {
    if (
      key === '' ||
      key.startsWith('/') ||
      key.split('/').some((p) => p === '..' || p === '.' || p === '')
    ) {
      throw new BadInputError(`Object key "${key}" is not a relative key inside the store.`, {
        key,
      })
    }
    const full = this.root + key
    if (Buffer.byteLength(full) > 1024) {
      throw new BadInputError(`Object key "${key}" is longer than S3's 1024 bytes.`, { key })
    }
    return full
  }

  private where(key: string): string {
    return `${key} in ${this.location} (${this.endpointText})`
  }

  /** Turns a failure into the error the layers above branch on. */
  private toError(op: string, key: string, failure: Failure, attempts: number): BorelogError {
    const details = {
      op,
      key,
      location: this.location,
      endpoint: this.endpointText,
      status: failure.status ?? null,
      s3Code: failure.code,
      requestId: failure.requestId ?? null,
      attempts,
    }
    switch (failure.kind) {
      case 'no-bucket':
        return new NotFoundError(
          `Cannot ${op} ${this.where(key)}: bucket "${this.bucket}" does not exist. Create it or fix the store URL.`,
          details,
        )
      case 'unauthorized':
        return new UnauthorizedError(
          `Cannot ${op} ${this.where(key)}: ${failure.message}. Check the credentials (--profile, AWS_PROFILE, ` +
            `AWS_ACCESS_KEY_ID) and that they may read and write this bucket.`,
          details,
        )
      case 'transient':
      case 'ambiguous':
        return new StoreUnavailableError(
          `Cannot ${op} ${this.where(key)}: ${failure.message} (after ${attempts} attempt${attempts === 1 ? '' : 's'}). ` +
            `Check the network and the endpoint, then retry.`,
          details,
        )
      default:
        return new StoreUnavailableError(
          `Cannot ${op} ${this.where(key)}: ${failure.message}.`,
          details,
        )
    }
  }

  private backoffMs(attempt: number): number {
    const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1))
    return cap / 2 + (Math.random() * cap) / 2
  }

  /**
   * Runs an operation that is safe to repeat (reads, deletes, parts of an upload), retrying
   * transient failures. `accept` turns expected failures (404 on a read) into results.
   */
  private async idempotent<T>(
    op: string,
    key: string,
    run: () => Promise<T>,
    accept?: (failure: Failure) => { value: T } | undefined,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run()
      } catch (e) {
        const failure = classifyFailure(e)
        const accepted = accept?.(failure)
        if (accepted) return accepted.value
        const retryable = failure.kind === 'transient' || failure.kind === 'ambiguous'
        if (!retryable || attempt >= this.retry.maxAttempts)
          throw this.toError(op, key, failure, attempt)
        await sleep(this.backoffMs(attempt))
      }
    }
  }

  async get(key: string): Promise<GetResult | null> {
    const fullKey = this.fullKey(key)
    return this.idempotent(
      'read',
      key,
      async () => {
        const res = await this.client.send(
          new GetObjectCommand({ Bucket: this.bucket, Key: fullKey }),
        )
        if (!res.Body) throw Object.assign(new Error('empty response body'), { code: 'ECONNRESET' })
        const bytes = await res.Body.transformToByteArray()
        // A connection cut mid-body must never pass for a short object.
        if (res.ContentLength !== undefined && bytes.byteLength !== res.ContentLength) {
          throw Object.assign(
            new Error(`body ended after ${bytes.byteLength} of ${res.ContentLength} bytes`),
            { code: 'ERR_STREAM_PREMATURE_CLOSE' },
          )
        }
        return { bytes, etag: unquote(res.ETag) }
      },
      (f) => (f.kind === 'not-found' ? { value: null } : undefined),
    )
  }

  async head(key: string): Promise<ObjectInfo | null> {
    return (await this.headWithHash(key))?.info ?? null
  }

  private async headWithHash(
    key: string,
  ): Promise<{ info: ObjectInfo; sha256: string | undefined } | null> {
    const fullKey = this.fullKey(key)
    return this.idempotent(
      'read',
      key,
      async () => {
        const res = await this.client.send(
          new HeadObjectCommand({ Bucket: this.bucket, Key: fullKey }),
        )
        return {
          info: {
            key,
            size: res.ContentLength ?? 0,
            etag: unquote(res.ETag),
            lastModifiedMs: res.LastModified?.getTime() ?? 0,
          },
          sha256: res.Metadata?.[SHA256_METADATA],
        }
      },
      (f) => (f.kind === 'not-found' ? { value: null } : undefined),
    )
  }

  async putIfAbsent(key: string, bytes: Uint8Array): Promise<{ etag: string }> {
    return this.conditionalWrite(key, bytes, { kind: 'absent' })
  }

  async putIfMatch(key: string, bytes: Uint8Array, etag: string): Promise<{ etag: string }> {
    return this.conditionalWrite(key, bytes, { kind: 'match', etag })
  }

  private conflict(
    key: string,
    condition: WriteCondition,
    actualEtag: string | null,
  ): BorelogError {
    if (condition.kind === 'absent') {
      return new AlreadyExistsError(
        `${key} already exists in ${this.location}; it is never overwritten.`,
        { key },
      )
    }
    return new VersionConflictError(
      actualEtag === null
        ? `${key} does not exist in ${this.location} (expected to replace it).`
        : `${key} in ${this.location} was changed by another writer since it was read.`,
      { key, expectedEtag: condition.etag, actualEtag },
    )
  }

  private async conditionalWrite(
    key: string,
    bytes: Uint8Array,
    condition: WriteCondition,
  ): Promise<{ etag: string }> {
    const fullKey = this.fullKey(key)
    if (bytes.byteLength > MAX_SINGLE_PUT_BYTES && condition.kind === 'match') {
      throw new BadInputError(
        `${key} is ${bytes.byteLength} bytes: a compare-and-swap write is limited to 5 GiB.`,
        { key },
      )
    }
    const support = await this.conditionalWriteSupport()
    const sha256 = sha256Hex(bytes)
    const useMultipart =
      condition.kind === 'absent' &&
      bytes.byteLength > this.multipartThresholdBytes &&
      support.conditionalMultipartCompletion
    if (!useMultipart && bytes.byteLength > MAX_SINGLE_PUT_BYTES) {
      throw new BadInputError(
        `${key} is ${bytes.byteLength} bytes, over the 5 GiB of one PUT, and ${this.endpointText} cannot complete ` +
          `a multipart upload conditionally, so it cannot be written create-if-absent there.`,
        { key },
      )
    }
    let earlierOutcomeUnknown = false
    for (let attempt = 1; ; attempt++) {
      let failure: Failure | undefined
      try {
        const etag = useMultipart
          ? await this.multipartPutIfAbsent(key, fullKey, bytes, sha256)
          : await this.singlePut(fullKey, bytes, sha256, condition, support)
        if (etag !== '') return { etag }
      } catch (e) {
        // Already settled inside (a multipart upload that failed before completion and
        // was aborted): nothing of it is visible.
        if (e instanceof BorelogError) throw e
        failure = classifyFailure(e)
      }
      if (!failure) {
        // Written (the server said so), but the answer had no ETag (RGW 16 sends none for
        // a completed multipart upload): read it back for the next compare-and-swap.
        const settled = await this.settle(key, sha256, condition)
        if (settled.outcome === 'ours') return { etag: settled.etag }
        throw new StoreUnavailableError(
          `${this.where(key)} was written, but another writer changed or removed it before its ETag ` +
            `could be read back. Re-read it before writing again.`,
          { op: 'write', key, location: this.location, endpoint: this.endpointText },
        )
      }
      if (failure.kind === 'precondition' && !earlierOutcomeUnknown)
        throw await this.conflictFromServer(key, condition)
      if (failure.kind === 'not-found' && condition.kind === 'match' && !earlierOutcomeUnknown) {
        // AWS answers If-Match on a missing key with 404 (RGW with 412).
        throw this.conflict(key, condition, null)
      }
      if (
        failure.kind === 'no-bucket' ||
        failure.kind === 'unauthorized' ||
        failure.kind === 'fatal'
      ) {
        throw this.toError('write', key, failure, attempt)
      }
      // The write may have happened (or, on 412/404 after an attempt whose answer was
      // lost, that earlier attempt may be what the server now sees): settle it.
      earlierOutcomeUnknown = true
      const settled = await this.settle(key, sha256, condition)
      if (settled.outcome === 'ours') return { etag: settled.etag }
      if (settled.outcome === 'theirs') throw this.conflict(key, condition, settled.etag)
      if (attempt >= this.retry.maxAttempts) {
        throw new StoreUnavailableError(
          `Cannot write ${this.where(key)}: ${failure.message} (after ${attempt} attempts). ` +
            `It was not written when last checked. Check the network and the endpoint, then retry.`,
          {
            op: 'write',
            key,
            location: this.location,
            endpoint: this.endpointText,
            status: failure.status ?? null,
            s3Code: failure.code,
            attempts: attempt,
          },
        )
      }
      await sleep(this.backoffMs(attempt))
    }
  }

  /** After a 412: name what is there now, for the conflict message. */
  private async conflictFromServer(key: string, condition: WriteCondition): Promise<BorelogError> {
    if (condition.kind === 'absent') return this.conflict(key, condition, null)
    const current = await this.head(key)
    return this.conflict(key, condition, current?.etag ?? null)
  }

  /** Re-reads `key` to find out whether a conditional write whose answer was lost happened. */
  private async settle(key: string, sha256: string, condition: WriteCondition): Promise<Settled> {
    const head = await this.headWithHash(key)
    if (!head)
      return condition.kind === 'absent'
        ? { outcome: 'unchanged' }
        : { outcome: 'theirs', etag: null }
    let contentSha = head.sha256
    let etag = head.info.etag
    if (contentSha === undefined) {
      // Written by another tool without our hash metadata: hash the content itself.
      const got = await this.get(key)
      if (!got)
        return condition.kind === 'absent'
          ? { outcome: 'unchanged' }
          : { outcome: 'theirs', etag: null }
      contentSha = sha256Hex(got.bytes)
      etag = got.etag
    }
    if (contentSha === sha256) return { outcome: 'ours', etag }
    if (condition.kind === 'match' && etag === condition.etag) return { outcome: 'unchanged' }
    return { outcome: 'theirs', etag }
  }

  private async singlePut(
    fullKey: string,
    bytes: Uint8Array,
    sha256: string,
    condition: WriteCondition,
    support: ConditionalWriteSupport,
  ): Promise<string> {
    const res = await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: fullKey,
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentMD5: md5Base64(bytes),
        Metadata: { [SHA256_METADATA]: sha256 },
        ...(condition.kind === 'absent'
          ? { IfNoneMatch: '*' }
          : { IfMatch: support.ifMatchQuoted ? `"${condition.etag}"` : condition.etag }),
      }),
    )
    return unquote(res.ETag)
  }

  /**
   * Create-if-absent in parts, only where the probe saw CompleteMultipartUpload honour
   * If-None-Match: the object appears whole at completion or not at all. Parts are
   * idempotent and retried one by one; any failure aborts the upload so no parts linger.
   */
  private async multipartPutIfAbsent(
    key: string,
    fullKey: string,
    bytes: Uint8Array,
    sha256: string,
  ): Promise<string> {
    const created = await this.idempotent('start upload of', key, () =>
      this.client.send(
        new CreateMultipartUploadCommand({
          Bucket: this.bucket,
          Key: fullKey,
          Metadata: { [SHA256_METADATA]: sha256 },
        }),
      ),
    )
    const uploadId = created.UploadId
    if (!uploadId) throw Object.assign(new Error('no UploadId in answer'), { code: 'ECONNRESET' })
    let completed = false
    try {
      const partCount = Math.ceil(bytes.byteLength / this.partSizeBytes)
      const etags: string[] = new Array<string>(partCount)
      let next = 0
      const worker = async (): Promise<void> => {
        while (next < partCount) {
          const index = next++
          const part = bytes.subarray(index * this.partSizeBytes, (index + 1) * this.partSizeBytes)
          const res = await this.idempotent('upload part of', key, () =>
            this.client.send(
              new UploadPartCommand({
                Bucket: this.bucket,
                Key: fullKey,
                UploadId: uploadId,
                PartNumber: index + 1,
                Body: part,
                ContentLength: part.byteLength,
                ContentMD5: md5Base64(part),
              }),
            ),
          )
          etags[index] = res.ETag ?? ''
        }
      }
      await Promise.all(Array.from({ length: Math.min(PART_CONCURRENCY, partCount) }, worker))
      const res = await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: fullKey,
          UploadId: uploadId,
          IfNoneMatch: '*',
          MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
        }),
      )
      completed = true
      return unquote(res.ETag)
    } finally {
      if (!completed) {
        await this.client
          .send(
            new AbortMultipartUploadCommand({
              Bucket: this.bucket,
              Key: fullKey,
              UploadId: uploadId,
            }),
          )
          // Best-effort cleanup after a failure already being reported: an upload
          // left unaborted is never visible as an object; only its parts linger.
          .catch(() => undefined)
      }
    }
  }

  /** The probe's verdict, found once per store; writes wait for it. */
  conditionalWriteSupport(): Promise<ConditionalWriteSupport> {
    if (!this.support) {
      this.support = this.probeConditionalWrites().catch((e: unknown) => {
        // An outage is worth probing again later; an endpoint that ignores conditions is not.
        if (!(e instanceof ConditionalWritesUnsupportedError)) this.support = undefined
        throw e
      })
    }
    return this.support
  }

  /**
   * Checks on a fresh temp key that the endpoint refuses a second `If-None-Match: *` PUT
   * and a stale `If-Match`, and finds the If-Match form and multipart support. Leaves
   * nothing behind (a temp name, hidden from listings, if the final delete fails).
   */
  async probeConditionalWrites(): Promise<ConditionalWriteSupport> {
    const key = `${TEMP_PREFIX}probe-${randomBytes(8).toString('hex')}`
    const fullKey = this.fullKey(key)
    const unsupported = (what: string): ConditionalWritesUnsupportedError =>
      new ConditionalWritesUnsupportedError(
        `${this.endpointText} ${what}, so two writers could overwrite each other in ${this.location}. ` +
          `Borelog Desk will not write there: use AWS S3, Ceph RGW or another store that enforces conditional writes.`,
        { location: this.location, endpoint: this.endpointText },
      )
    const put = async (
      body: string,
      condition: { IfNoneMatch?: string; IfMatch?: string },
    ): Promise<string | Failure> => {
      try {
        const res = await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: fullKey, Body: body, ...condition }),
        )
        return unquote(res.ETag)
      } catch (e) {
        const failure = classifyFailure(e)
        if (failure.kind === 'precondition' || failure.kind === 'fatal') return failure
        throw this.toError('probe conditional writes with', key, failure, 1)
      }
    }
    try {
      const first = await put('probe 1', { IfNoneMatch: '*' })
      if (typeof first !== 'string') {
        if (first.kind === 'fatal' && (first.status === 400 || first.status === 501)) {
          throw unsupported(`rejects If-None-Match (${first.message})`)
        }
        throw this.toError('probe conditional writes with', key, first, 1)
      }
      const second = await put('probe 2', { IfNoneMatch: '*' })
      if (typeof second === 'string')
        throw unsupported('ignores If-None-Match: * (it overwrote an existing object)')
      if (second.kind !== 'precondition')
        throw unsupported(`answers If-None-Match: * with ${second.message}`)

      const stale = await put('probe 3', { IfMatch: 'borelog-desk-probe-stale-etag' })
      if (typeof stale === 'string')
        throw unsupported('ignores If-Match (it overwrote an object whose ETag differed)')

      let ifMatchQuoted = false
      let swapped = await put('probe 4', { IfMatch: first })
      if (typeof swapped !== 'string') {
        ifMatchQuoted = true
        swapped = await put('probe 4', { IfMatch: `"${first}"` })
      }
      if (typeof swapped !== 'string')
        throw unsupported(`refuses If-Match with the current ETag (${swapped.message})`)

      return {
        ifMatchQuoted,
        conditionalMultipartCompletion: await this.probeMultipartCompletion(key, fullKey),
      }
    } finally {
      await this.client
        .send(new DeleteObjectCommand({ Bucket: this.bucket, Key: fullKey }))
        // Best-effort: the probe's verdict stands either way, and a probe object
        // left behind is under its own key, never read as data.
        .catch(() => undefined)
    }
  }

  /** Whether completing an upload onto the existing probe key is refused under If-None-Match. */
  private async probeMultipartCompletion(key: string, fullKey: string): Promise<boolean> {
    // An outage here must surface as STORE_UNAVAILABLE like every other step of the probe,
    // never as a raw SDK error.
    const created = await this.client
      .send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: fullKey }))
      .catch((e: unknown) => {
        throw this.toError('probe multipart completion with', key, classifyFailure(e), 1)
      })
    const uploadId = created.UploadId
    if (!uploadId) return false
    let completed = false
    try {
      const part = await this.client.send(
        new UploadPartCommand({
          Bucket: this.bucket,
          Key: fullKey,
          UploadId: uploadId,
          PartNumber: 1,
          Body: 'probe',
        }),
      )
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: fullKey,
          UploadId: uploadId,
          IfNoneMatch: '*',
          MultipartUpload: { Parts: [{ ETag: part.ETag, PartNumber: 1 }] },
        }),
      )
      completed = true
      return false
    } catch (e) {
      const failure = classifyFailure(e)
      if (failure.kind === 'precondition') return true
      if (failure.kind === 'fatal') return false
      throw this.toError('probe multipart completion with', key, failure, 1)
    } finally {
      if (!completed) {
        await this.client
          .send(
            new AbortMultipartUploadCommand({
              Bucket: this.bucket,
              Key: fullKey,
              UploadId: uploadId,
            }),
          )
          // Best-effort cleanup after a failure already being reported: an upload
          // left unaborted is never visible as an object; only its parts linger.
          .catch(() => undefined)
      }
    }
  }

  async *list(prefix: string, options: ListOptions = {}): AsyncIterable<ObjectInfo> {
    const limit = options.limit ?? Infinity
    if (limit <= 0) return
    let count = 0
    let continuationToken: string | undefined
    do {
      const token = continuationToken
      const res = await this.idempotent('list', prefix || '/', () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.root + prefix,
            StartAfter:
              options.startAfter !== undefined ? this.root + options.startAfter : undefined,
            ContinuationToken: token,
            MaxKeys: Math.min(1000, limit - count),
          }),
        ),
      )
      for (const object of res.Contents ?? []) {
        if (!object.Key || !object.Key.startsWith(this.root)) continue
        const key = object.Key.slice(this.root.length)
        if (isInternalKey(key)) continue
        yield {
          key,
          size: object.Size ?? 0,
          etag: unquote(object.ETag),
          lastModifiedMs: object.LastModified?.getTime() ?? 0,
        }
        if (++count >= limit) return
      }
      continuationToken = res.IsTruncated ? res.NextContinuationToken : undefined
    } while (continuationToken)
  }

  async listChildren(prefix: string): Promise<string[]> {
    const dirKey = prefix.replace(/\/+$/, '')
    const listPrefix = this.root + (dirKey ? dirKey + '/' : '')
    const children: string[] = []
    let continuationToken: string | undefined
    do {
      const token = continuationToken
      const res = await this.idempotent('list', prefix || '/', () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: listPrefix,
            Delimiter: '/',
            ContinuationToken: token,
          }),
        ),
      )
      for (const common of res.CommonPrefixes ?? []) {
        const name = common.Prefix?.slice(listPrefix.length, -1)
        if (name && !name.startsWith(TEMP_PREFIX)) children.push(name)
      }
      continuationToken = res.IsTruncated ? res.NextContinuationToken : undefined
    } while (continuationToken)
    return children.sort()
  }

  async delete(key: string): Promise<void> {
    const fullKey = this.fullKey(key)
    await this.idempotent('delete', key, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: fullKey })),
    )
  }
}

/** Temp objects (probes) are backend internals, hidden as the local backend hides its temp files. */
function isInternalKey(key: string): boolean {
  return key.slice(key.lastIndexOf('/') + 1).startsWith(TEMP_PREFIX)
}
