// Approve and reject: metadata.json only, and only for the version the reviewer saw.
// The history records the sha256 of the exact bytes reviewed.
// See docs/ARCHITECTURE.md, "Data flow: a review".
import {
  BadInputError,
  NotFoundError,
  StaleReviewError,
  ValidationFailedError,
} from '../../shared/errors'
import type { Finding, MetadataJson } from '../../shared/metadata'
import { sha256Hex } from '../object-store/index'
import type { StoreCore } from './core'
import { alreadyReviewed, assertNonEmpty, casMetadata, movedOn } from './commit-protocol'
import { buildMetadata, sourceOf } from './derived-fields'
import { sealEntry } from './history'
import { signedBy, signerFor } from './signatures'
import { versionKey } from './layout'
import { readMetadataSnapshot } from './metadata-json'
import { assertValidRecordId } from './record-id'

export interface ReviewInput {
  recordId: string
  /** The version the reviewer looked at. */
  version: number
  by: string
  comment?: string | null
  /** sha256 of the file the reviewer saw, when the caller knows it. */
  fileSha256?: string
}

export interface RejectInput extends ReviewInput {
  reason: string
}

export async function approveRecord(core: StoreCore, input: ReviewInput): Promise<MetadataJson> {
  assertNonEmpty(input.by, 'approved_by')
  return review(core, input, 'approved', input.comment ?? null)
}

export async function rejectRecord(core: StoreCore, input: RejectInput): Promise<MetadataJson> {
  assertNonEmpty(input.by, 'rejected_by')
  if (typeof input.reason !== 'string' || input.reason.trim() === '') {
    throw new BadInputError(`Rejecting ${input.recordId} v${input.version} needs a reason.`, {
      recordId: input.recordId,
    })
  }
  return review(core, input, 'rejected', input.reason.trim())
}

async function review(
  core: StoreCore,
  input: ReviewInput,
  outcome: 'approved' | 'rejected',
  comment: string | null,
): Promise<MetadataJson> {
  const { recordId, version, by } = input
  assertValidRecordId(recordId)
  if (!Number.isInteger(version) || version < 1) {
    throw new BadInputError(`Version ${String(version)} is not a version number.`, {
      recordId,
      version,
    })
  }
  const verb = outcome === 'approved' ? 'approve' : 'reject'
  const signer = await signerFor(core, by)
  const snapshot = await readMetadataSnapshot(core.objects, recordId)
  checkReviewable(snapshot.metadata, version, verb)
  const bytes = await core.files.bytes(snapshot.metadata, version)
  const fileSha = sha256Hex(bytes)
  if (input.fileSha256 && input.fileSha256 !== fileSha) {
    throw new StaleReviewError(
      `Cannot ${verb} ${recordId} v${version}: the file on screen (sha256 ${input.fileSha256.slice(0, 12)}…) is not the stored one (${fileSha.slice(0, 12)}…). Reload the record.`,
      { recordId, version },
    )
  }
  const info = core.files.info(bytes, `${core.objects.location}/${versionKey(recordId, version)}`)
  const source = sourceOf(info, Boolean(core.registry.get(info.table_name)))
  if (outcome === 'approved') {
    const errors = info.findings.filter((f) => f.severity === 'error')
    if (errors.length > 0) {
      throw new ValidationFailedError(
        `Cannot approve ${recordId} v${version}: it has ${errors.length} validation error${errors.length === 1 ? '' : 's'} (first: ${describeFinding(errors[0]!)}). Fix them in a new version.`,
        { recordId, version, findings: errors },
      )
    }
  }
  return casMetadata(core, snapshot, (meta) => {
    // Again: on a lost race this runs on a newer metadata.json than the one checked above.
    checkReviewable(meta, version, verb)
    const at = core.timestamp()
    const sealed = sealEntry(
      {
        version,
        status: outcome,
        created_by: by,
        created_at: at,
        comment,
        action: outcome === 'approved' ? 'approve' : 'reject',
        file_sha256: fileSha,
        ...(outcome === 'rejected' ? { reason: comment ?? '' } : {}),
      },
      meta.history[meta.history.length - 1],
    )
    const entry = signedBy(signer, sealed)
    const next = buildMetadata(recordId, [...meta.history, entry], source, meta)
    return { metadata: next, entry }
  })
}

function checkReviewable(meta: MetadataJson, version: number, verb: string): void {
  if (version !== meta.current_version) {
    if (version > meta.current_version) {
      throw new NotFoundError(
        `Cannot ${verb} ${meta.record_id} v${version}: the latest version is v${meta.current_version}.`,
        { recordId: meta.record_id, version },
      )
    }
    throw movedOn(meta, version, verb)
  }
  if (meta.status !== 'draft') throw alreadyReviewed(meta, version, verb)
}

function describeFinding(f: Finding): string {
  return `${f.row !== null ? `row ${f.row + 1}` : 'table'}${f.column ? ` ${f.column}` : ''}: ${f.message}`
}
