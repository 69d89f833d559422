// Saving a version: create (v1) and update (v{n+1}). The version file is written
// create-if-absent before metadata.json names it, so vN is written exactly once and every
// version metadata.json names exists; a crash in between leaves an unnamed file that
// repair rolls forward (it describes itself) and that blocks nobody's data.
// See docs/ARCHITECTURE.md, "Data flow: a save".
import type { Table } from 'apache-arrow'

import { AlreadyExistsError, VersionConflictError } from '../../shared/errors'
import type { Finding, MetadataJson } from '../../shared/metadata'
import { sha256Hex } from '../object-store/index'
import { definitionFromTable } from '../schema/index'
import type { StoreCore } from './core'
import { assertNonEmpty, casMetadata, movedOn, sleep } from './commit-protocol'
import { prepareTable, recordDefinition } from './definition'
import { sealEntry } from './history'
import { signedBy, signerFor } from './signatures'
import { metadataKey, versionKey } from './layout'
import { buildMetadata, sourceOf } from './derived-fields'
import { encodeJson, readMetadataSnapshot } from './metadata-json'
import { readVersionInfo } from './read-version'
import { assertValidRecordId, claimRecordId } from './record-id'
import { encodeNewVersion } from './version-file'

export interface CreateRecordInput {
  recordId: string
  table: Table
  tableName: string
  createdBy: string
  comment?: string | null
  /** Key columns of an unregistered table (registered tables take theirs from the registry). */
  keyColumns?: string[]
  header?: Record<string, string>
  /** Findings from outside the table's rules (e.g. the AGS4 file it came from), stored with the version. */
  extraFindings?: Finding[]
}

export interface UpdateRecordInput {
  recordId: string
  table: Table
  updatedBy: string
  comment?: string | null
  header?: Record<string, string>
  /** The version the edit started from: if the record moved on since, the update is a conflict. */
  baseVersion?: number
  /** Set by sync for a three-way merge: the versions it joins. */
  mergedFrom?: number[]
  extraFindings?: Finding[]
}

/** How long a writer waits for a racing writer to finish naming its version file. */
const RACE_SETTLE_MS = 300

export async function createRecord(
  core: StoreCore,
  input: CreateRecordInput,
): Promise<MetadataJson> {
  const { recordId, tableName, createdBy } = input
  assertValidRecordId(recordId)
  assertNonEmpty(tableName, 'table name')
  assertNonEmpty(createdBy, 'created_by')
  const signer = await signerFor(core, createdBy)
  if (await core.objects.head(metadataKey(recordId))) {
    throw new AlreadyExistsError(
      `Record ${recordId} already exists; use update to save a new version.`,
      { recordId },
    )
  }
  const header = input.header ?? {}
  const registeredDef = core.registry.get(tableName)
  const def =
    registeredDef ?? definitionFromTable(tableName, input.table.schema, input.keyColumns ?? [])
  const { table, findings } = prepareTable(input.table, def, Boolean(registeredDef), header)
  findings.push(...(input.extraFindings ?? []))
  const createdAt = core.timestamp()
  const bytes = encodeNewVersion(table, def, {
    record_id: recordId,
    table_name: tableName,
    version: 1,
    parent_version: null,
    created_by: createdBy,
    created_at: createdAt,
    comment: input.comment ?? null,
    header,
    findings,
  })
  await claimRecordId(core.objects, recordId, createdAt)
  await putNew(core, versionKey(recordId, 1), bytes, () => {
    return new VersionConflictError(
      `Record ${recordId} is being created by another writer (v1 exists without metadata.json). If no one else is writing, an earlier write was interrupted: run borelog-desk repair.`,
      { recordId },
    )
  })
  const sealed = sealEntry(
    {
      version: 1,
      status: 'draft',
      created_by: createdBy,
      created_at: createdAt,
      comment: input.comment ?? null,
      action: 'create',
      file_sha256: sha256Hex(bytes),
      parent_version: null,
    },
    undefined,
  )
  const entry = signedBy(signer, sealed)
  const metadata = buildMetadata(recordId, [entry], {
    table_name: tableName,
    header,
    key_columns: registeredDef ? undefined : def.keyColumns,
  })
  await putNew(core, metadataKey(recordId), encodeJson(metadata), () => {
    return new VersionConflictError(
      `Record ${recordId} was created by another writer at the same time.`,
      { recordId },
    )
  })
  await core.committed(metadata, entry)
  return metadata
}

export async function updateRecord(
  core: StoreCore,
  input: UpdateRecordInput,
): Promise<MetadataJson> {
  const { recordId, updatedBy } = input
  assertValidRecordId(recordId)
  assertNonEmpty(updatedBy, 'updated_by')
  const signer = await signerFor(core, updatedBy)
  // The one read of metadata.json: the base, the header, the rules and the CAS all use it.
  const snapshot = await readMetadataSnapshot(core.objects, recordId)
  const current = snapshot.metadata
  const base = current.current_version
  if (input.baseVersion !== undefined && input.baseVersion !== base) {
    throw movedOn(current, input.baseVersion, 'save over')
  }
  const previousInfo = await readVersionInfo(core, current, base)
  const header = input.header ?? previousInfo.header
  // Table and key as the verified version file says, never as a hand-edited cache.
  const source = sourceOf(previousInfo, Boolean(core.registry.get(previousInfo.table_name)))
  const { def, registered } = await recordDefinition(core, {
    ...current,
    table_name: source.table_name,
    key_columns: source.key_columns,
  })
  const { table, findings } = prepareTable(input.table, def, registered, header)
  findings.push(...(input.extraFindings ?? []))
  const version = base + 1
  const createdAt = core.timestamp()
  const bytes = encodeNewVersion(table, def, {
    record_id: recordId,
    table_name: source.table_name,
    version,
    parent_version: base,
    created_by: updatedBy,
    created_at: createdAt,
    comment: input.comment ?? null,
    header,
    findings,
    ...(input.mergedFrom ? { merged_from: input.mergedFrom } : {}),
  })
  await putNew(core, versionKey(recordId, version), bytes, () =>
    versionTaken(core, recordId, version),
  )
  // We own v{version} now; only metadata-only changes (approve/reject of v{base}) can
  // race us, so the CAS loop re-reads and re-seals our entry on top of them.
  const fileSha = sha256Hex(bytes)
  return casMetadata(core, snapshot, (meta) => {
    if (meta.current_version !== base) {
      throw new VersionConflictError(
        `Record ${recordId} moved to v${meta.current_version} while v${version} was being saved.`,
        { recordId, version },
      )
    }
    const sealed = sealEntry(
      {
        version,
        status: 'draft',
        created_by: updatedBy,
        created_at: createdAt,
        comment: input.comment ?? null,
        action: input.mergedFrom ? 'merge' : 'update',
        file_sha256: fileSha,
        parent_version: base,
        ...(input.mergedFrom ? { merged_from: input.mergedFrom, parents: input.mergedFrom } : {}),
      },
      meta.history[meta.history.length - 1],
    )
    const entry = signedBy(signer, sealed)
    const history = [...meta.history, entry]
    return { metadata: buildMetadata(recordId, history, { ...source, header }, meta), entry }
  })
}

/** Create-if-absent; a key already there becomes the conflict `taken` describes. */
async function putNew(
  core: StoreCore,
  key: string,
  bytes: Uint8Array,
  taken: () => Error | Promise<Error>,
): Promise<void> {
  try {
    await core.objects.putIfAbsent(key, bytes)
  } catch (e) {
    if (e instanceof AlreadyExistsError) throw await taken()
    throw e
  }
}

/** Why v{version} could not be created: a racing writer, or an interrupted write. */
async function versionTaken(
  core: StoreCore,
  recordId: string,
  version: number,
): Promise<VersionConflictError> {
  const deadline = Date.now() + RACE_SETTLE_MS
  for (;;) {
    const { metadata } = await readMetadataSnapshot(core.objects, recordId)
    if (metadata.current_version >= version) {
      const entry = [...metadata.history].reverse().find((e) => e.version === version)
      return new VersionConflictError(
        `Cannot save ${recordId} v${version}: another writer saved v${version}${entry ? ` (${entry.created_by} at ${entry.created_at})` : ''} first. Reload and save again.`,
        { recordId, version },
      )
    }
    if (Date.now() > deadline) {
      return new VersionConflictError(
        `Cannot save ${recordId} v${version}: the file v${version}.parquet exists but metadata.json does not name it. Another writer is saving it, or an earlier save was interrupted: run borelog-desk repair if no one else is writing.`,
        { recordId, version, interrupted: true },
      )
    }
    await sleep(25)
  }
}
