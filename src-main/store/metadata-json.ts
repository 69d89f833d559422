// metadata.json: parsing it strictly, writing it, and reading one snapshot of it.
// Every store operation reads metadata.json once and carries that snapshot (with its
// etag) to its compare-and-swap, so what an operation checks is what it commits on top
// of. See docs/ARCHITECTURE.md, "Data flow: a save".
import {
  CorruptMetadataError,
  NotFoundError,
  isBorelogError,
  type BorelogError,
} from '../../shared/errors'
import { MetadataJsonSchema, type MetadataJson } from '../../shared/metadata'
import type { ObjectStore } from '../object-store/index'
import { withDerivedFields } from './derived-fields'
import { metadataKey } from './layout'
import { assertValidRecordId } from './record-id'

/** metadata.json as read once, with the etag a compare-and-swap on top of it must name. */
export interface MetadataSnapshot {
  metadata: MetadataJson
  etag: string
}

/** NotFoundError for a missing record, CorruptMetadataError for a damaged file. */
export async function readMetadataSnapshot(
  objects: ObjectStore,
  recordId: string,
): Promise<MetadataSnapshot> {
  assertValidRecordId(recordId)
  const key = metadataKey(recordId)
  const got = await objects.get(key)
  if (!got) {
    throw new NotFoundError(`Record ${recordId} does not exist in ${objects.location}.`, {
      recordId,
    })
  }
  // Operations act on what the history says, never on a hand-edited cached field;
  // verify reports the difference. See docs/ARCHITECTURE.md, "Invariants".
  const stored = parseMetadataJson(got.bytes, `${objects.location}/${key}`, recordId)
  return { metadata: withDerivedFields(stored), etag: got.etag }
}

const UNREADABLE_RECORD_CODES: ReadonlySet<string> = new Set([
  'NOT_FOUND',
  'CORRUPT_METADATA',
  'INVALID_RECORD_ID',
])

/**
 * The record is not there, or its metadata.json cannot be read as one (verify reports
 * it): a listing may skip it. An outage or a bug is neither, and must propagate: read as
 * "not there" it would drop a record from a list or an export without a word.
 */
export function isUnreadableRecord(e: unknown): e is BorelogError {
  return isBorelogError(e) && UNREADABLE_RECORD_CODES.has(e.code)
}

export function parseMetadataJson(
  bytes: Uint8Array,
  where: string,
  recordId?: string,
): MetadataJson {
  let raw: unknown
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (e) {
    throw new CorruptMetadataError(
      `${where} is not valid JSON: ${(e as Error).message}. Run borelog-desk repair.`,
      { where },
      { cause: e },
    )
  }
  const parsed = MetadataJsonSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = issue
      ? '$' + issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
      : '$'
    throw new CorruptMetadataError(
      `${where}: ${path} ${issue?.message ?? 'is invalid'}. Run borelog-desk verify.`,
      { where, path },
    )
  }
  const metadata = parsed.data
  if (recordId !== undefined && metadata.record_id !== recordId) {
    throw new CorruptMetadataError(
      `${where}: $.record_id is "${metadata.record_id}", not "${recordId}".`,
      { where, path: '$.record_id' },
    )
  }
  if (
    metadata.history.length === 0 ||
    metadata.history.every((e) => e.version !== metadata.current_version)
  ) {
    throw new CorruptMetadataError(
      `${where}: $.history has no entry for current_version ${metadata.current_version}.`,
      { where, path: '$.history' },
    )
  }
  return metadata
}

export function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n')
}
