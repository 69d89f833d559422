// The record-id rule is shared with the IPC contract and the renderer's forms, so it
// lives in shared/; the store applies it before any I/O. A new record also claims its
// id's key (shared/record-id.ts, recordIdKey), so two ids that would be taken for one
// record (R1, r1, Ｒ１, Cyrillic Р1 beside P1) never both exist, whatever path creates
// them and however they race. See docs/SECURITY.md, "record-id rule".
//
// The claim is one object per key, record-ids/{sha256 of the key}.json, written
// create-if-absent: of two creates racing for R1 and r1 exactly one wins it. Records
// made before claims existed are claimed once for all (the marker says it is done)
// the first time a record is created.
import { AlreadyExistsError, InvalidRecordIdError, VersionConflictError } from '../../shared/errors'
import { assertValidNewRecordId, recordIdKey } from '../../shared/record-id'
import { sha256Hex, type ObjectStore } from '../object-store/index'
import { RECORDS_PREFIX, RECORD_IDS_PREFIX, metadataKey, versionKey } from './layout'

export {
  MAX_RECORD_ID_BYTES,
  assertValidNewRecordId,
  assertValidRecordId,
  recordIdKey,
} from '../../shared/record-id'

/** Written when every record made before claims existed has its claim. */
const CLAIMED_ALL_KEY = `${RECORD_IDS_PREFIX}claimed-all.json`

/**
 * A claim whose record was never written (its writer died between claim and v1) stops
 * holding the key after this long. Longer than any create takes, so a slow upload keeps
 * its claim.
 */
export const ABANDONED_CLAIM_MS = 15 * 60 * 1000

interface Claim {
  record_id: string
  claimed_at: string
}

const encoder = new TextEncoder()

function claimKeyOf(recordId: string): string {
  return `${RECORD_IDS_PREFIX}${sha256Hex(encoder.encode(recordIdKey(recordId)))}.json`
}

function encodeClaim(recordId: string, at: string): Uint8Array {
  return encoder.encode(JSON.stringify({ record_id: recordId, claimed_at: at } satisfies Claim))
}

async function putIfAbsentOrKeep(objects: ObjectStore, key: string, bytes: Uint8Array) {
  try {
    await objects.putIfAbsent(key, bytes)
  } catch (e) {
    if (!(e instanceof AlreadyExistsError)) throw e
  }
}

/** Claims the keys of the records made before claims existed, once per store. */
async function claimExistingRecords(objects: ObjectStore, at: string): Promise<void> {
  if (await objects.head(CLAIMED_ALL_KEY)) return
  for (const recordId of await objects.listChildren(RECORDS_PREFIX))
    await putIfAbsentOrKeep(objects, claimKeyOf(recordId), encodeClaim(recordId, at))
  await putIfAbsentOrKeep(objects, CLAIMED_ALL_KEY, encodeClaim('', at))
}

async function hasRecordFiles(objects: ObjectStore, recordId: string): Promise<boolean> {
  return (
    (await objects.head(metadataKey(recordId))) !== null ||
    (await objects.head(versionKey(recordId, 1))) !== null
  )
}

function collision(recordId: string, existing: string): InvalidRecordIdError {
  return new InvalidRecordIdError(
    `Record id ${JSON.stringify(recordId)} is taken: record ${JSON.stringify(existing)} exists, and ids that differ only in case, width, invisible characters or look-alike letters name one record. Use ${JSON.stringify(existing)}, or choose another id.`,
    { recordId, existingRecordId: existing },
  )
}

function parseClaim(bytes: Uint8Array): Claim | null {
  try {
    const claim = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Claim>
    return typeof claim.record_id === 'string' && typeof claim.claimed_at === 'string'
      ? { record_id: claim.record_id, claimed_at: claim.claimed_at }
      : null
  } catch (e) {
    if (e instanceof SyntaxError) return null
    throw e
  }
}

/**
 * Makes `recordId` the one id of its key in this store, before its v1 is written:
 * INVALID_RECORD_ID (exit 2) when it breaks the new-id rule or another id holds the key,
 * naming that id. Claiming an id already claimed by itself succeeds (the create then
 * meets the existing record, or finishes an interrupted one).
 */
export async function claimRecordId(
  objects: ObjectStore,
  recordId: string,
  at: string,
): Promise<void> {
  assertValidNewRecordId(recordId)
  await claimExistingRecords(objects, at)
  const key = claimKeyOf(recordId)
  const bytes = encodeClaim(recordId, at)
  try {
    await objects.putIfAbsent(key, bytes)
    return
  } catch (e) {
    if (!(e instanceof AlreadyExistsError)) throw e
  }
  const held = await objects.get(key)
  // Gone between the two calls: only repair removes a claim; ours is the next try.
  if (!held) return claimRecordId(objects, recordId, at)
  const claim = parseClaim(held.bytes)
  if (claim?.record_id === recordId) return
  const holder = claim?.record_id
  if (holder !== undefined && (await hasRecordFiles(objects, holder)))
    throw collision(recordId, holder)
  const claimedMs = claim ? Date.parse(claim.claimed_at) : NaN
  if (holder !== undefined && !(Date.parse(at) - claimedMs > ABANDONED_CLAIM_MS))
    throw collision(recordId, holder)
  // An abandoned or unreadable claim: taken over by compare-and-swap, so of two writers
  // taking it over at once one wins and the other meets the winner's claim.
  try {
    await objects.putIfMatch(key, bytes, held.etag)
  } catch (e) {
    if (!(e instanceof VersionConflictError)) throw e
    return claimRecordId(objects, recordId, at)
  }
}

/**
 * Claims the key of a record that arrived whole (sync copies records another store
 * created): never refuses, so two stores that each let one of R1 and r1 in still sync,
 * but a create after it here meets the claim.
 */
export async function noteRecordId(objects: ObjectStore, recordId: string, at: string) {
  await putIfAbsentOrKeep(objects, claimKeyOf(recordId), encodeClaim(recordId, at))
}

/** The existing record a new `recordId` would collide with, or null (reads only). */
export async function collidingRecordId(
  objects: ObjectStore,
  recordId: string,
): Promise<string | null> {
  assertValidNewRecordId(recordId)
  const held = await objects.get(claimKeyOf(recordId))
  const holder = held ? parseClaim(held.bytes)?.record_id : undefined
  if (holder !== undefined && holder !== recordId && (await hasRecordFiles(objects, holder)))
    return holder
  if (await objects.head(CLAIMED_ALL_KEY)) return null
  const key = recordIdKey(recordId)
  const existing = await objects.listChildren(RECORDS_PREFIX)
  return existing.find((id) => id !== recordId && recordIdKey(id) === key) ?? null
}

/** INVALID_RECORD_ID naming the record a new `recordId` would collide with. */
export async function assertFreeRecordId(objects: ObjectStore, recordId: string) {
  const existing = await collidingRecordId(objects, recordId)
  if (existing !== null) throw collision(recordId, existing)
}
