// The seed's versioned store (DESIGN.md 2-3), made safe for many writers:
// - a version file is written create-if-absent, so vN is written exactly once;
// - metadata.json is replaced compare-and-swap, so no history entry is ever lost;
// - the version file is written before metadata.json names it, so every version
//   metadata.json names exists; a crash in between leaves an unnamed file that
//   repair rolls forward (it describes itself) and that blocks nobody's data.
// approve/reject touch metadata.json only, and only for the version the reviewer saw.
import { randomBytes } from 'node:crypto'

import type { Table } from 'apache-arrow'

import {
  AlreadyExistsError,
  BadInputError,
  BorelogError,
  CorruptMetadataError,
  IntegrityError,
  InternalError,
  InvalidTransitionError,
  NotFoundError,
  StaleReviewError,
  ValidationFailedError,
  VersionConflictError,
} from '../../shared/errors'
import {
  MetadataJsonSchema,
  type Finding,
  type HistoryEntry,
  type MetadataJson,
} from '../../shared/metadata'
import type { BatchItemResult, ListQuery, ListResult, VersionInfo } from '../../shared/records'
import { sha256Hex, type ObjectStore } from '../object-store/index'
import { decodeParquet } from '../parquet/index'
import {
  SchemaRegistry,
  compareSchemas,
  conformTable,
  definitionFromTable,
  schemaChangeFindings,
  schemaFromJson,
  schemaToJson,
  validateTable,
  type TableDefinition,
} from '../schema/index'
import { sealEntry } from './history'
import { CHANGES_PREFIX, metadataKey, versionKey } from './layout'
import { assertValidRecordId } from './record-id'
import {
  countFindings,
  encodeVersionFile,
  readVersionFileInfo,
  type VersionFileInfo,
} from './version-file'

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
  /** Set by sync for a three-way merge: the versions it joins (issue 6). */
  mergedFrom?: number[]
  extraFindings?: Finding[]
}

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

export interface VersionPage {
  recordId: string
  version: number
  table: Table
  rowCount: number
  offset: number
  header: Record<string, string>
  findings: Finding[]
  info: VersionFileInfo
  fileSha256: string
}

/** A committed operation, as written to changes/ for incremental readers. */
export interface ChangeEvent {
  key: string
  record_id: string
  version: number
  action: string
  status: string
  at: string
}

export type CommitListener = (metadata: MetadataJson) => void

/** Answers listRecords; the catalog (one layer up) implements it and attaches itself. */
export interface RecordIndex {
  list(query: ListQuery): Promise<ListResult>
}

export interface StoreOptions {
  /** Injected clock for tests; ISO-8601 UTC with Z. */
  now?: () => Date
  registry?: SchemaRegistry
}

/** How long a writer waits for a racing writer to finish naming its version file. */
const RACE_SETTLE_MS = 300
const MAX_CAS_ATTEMPTS = 20
const VERIFIED_CACHE_BYTES = 256 * 1024 * 1024

export class VersionedStore {
  readonly objects: ObjectStore
  readonly registry: SchemaRegistry
  private readonly now: () => Date
  private readonly listeners = new Set<CommitListener>()
  private index: RecordIndex | null = null
  /**
   * Verified bytes of recently read versions. A committed version file never changes,
   * so paging through a big version (the grid) reads and hashes it once, not per page.
   */
  private readonly verifiedFiles = new Map<string, Uint8Array>()
  private verifiedBytes = 0
  /** The parsed self-description of a cached file: paging a version parses its footer once. */
  private readonly fileInfos = new WeakMap<Uint8Array, VersionFileInfo>()

  private constructor(objects: ObjectStore, registry: SchemaRegistry, now: () => Date) {
    this.objects = objects
    this.registry = registry
    this.now = now
  }

  static async open(objects: ObjectStore, options: StoreOptions = {}): Promise<VersionedStore> {
    const registry = options.registry ?? (await SchemaRegistry.load(objects))
    return new VersionedStore(objects, registry, options.now ?? (() => new Date()))
  }

  get location(): string {
    return this.objects.location
  }

  /** Called after every commit of this process (the catalog keeps itself fresh with it). */
  onCommitted(listener: CommitListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private timestamp(): string {
    return this.now().toISOString()
  }

  attachIndex(index: RecordIndex): void {
    this.index = index
  }

  // ---- reads -------------------------------------------------------------

  /** Records matching the query, from the catalog: no metadata.json is opened per call. */
  async listRecords(query: ListQuery = {}): Promise<ListResult> {
    if (!this.index)
      throw new InternalError(
        'listRecords needs the catalog: open the store with openBorelogStore.',
      )
    return this.index.list(query)
  }

  /** metadata.json and its etag; NotFoundError for a missing record, CorruptMetadataError for a damaged file. */
  async readMetadata(recordId: string): Promise<{ metadata: MetadataJson; etag: string }> {
    assertValidRecordId(recordId)
    const key = metadataKey(recordId)
    const got = await this.objects.get(key)
    if (!got) {
      throw new NotFoundError(`Record ${recordId} does not exist in ${this.location}.`, {
        recordId,
      })
    }
    return {
      metadata: parseMetadataJson(got.bytes, `${this.location}/${key}`, recordId),
      etag: got.etag,
    }
  }

  async getMetadata(recordId: string): Promise<MetadataJson> {
    return (await this.readMetadata(recordId)).metadata
  }

  async getAllVersions(recordId: string): Promise<number[]> {
    const { metadata } = await this.readMetadata(recordId)
    return Array.from({ length: metadata.current_version }, (_, i) => i + 1)
  }

  async getLatestVersion(recordId: string): Promise<Table> {
    const { metadata } = await this.readMetadata(recordId)
    return (await this.readVersionTable(metadata, metadata.current_version)).table
  }

  /** null for a version that does not exist (as the seed); NotFoundError for a missing record. */
  async getSpecificVersion(recordId: string, version: number): Promise<Table | null> {
    const { metadata } = await this.readMetadata(recordId)
    if (!Number.isInteger(version) || version < 1 || version > metadata.current_version) return null
    return (await this.readVersionTable(metadata, version)).table
  }

  /** The raw bytes of a committed version file, checked against the history's sha256. */
  async getVersionFile(recordId: string, version: number): Promise<Uint8Array> {
    const { metadata } = await this.readMetadata(recordId)
    this.assertCommittedVersion(metadata, version)
    return this.verifiedFile(metadata, version)
  }

  private async verifiedFile(metadata: MetadataJson, version: number): Promise<Uint8Array> {
    const key = versionKey(metadata.record_id, version)
    const recorded =
      metadata.history.find((e) => e.version === version && e.file_sha256)?.file_sha256 ?? ''
    const cacheKey = `${key}\n${recorded}`
    const cached = this.verifiedFiles.get(cacheKey)
    if (cached) {
      this.verifiedFiles.delete(cacheKey)
      this.verifiedFiles.set(cacheKey, cached)
      return cached
    }
    const got = await this.objects.get(key)
    if (!got) throw this.missingVersionFile(metadata.record_id, version)
    this.checkFileHash(metadata, version, got.bytes)
    this.verifiedFiles.set(cacheKey, got.bytes)
    this.verifiedBytes += got.bytes.byteLength
    for (const [k, v] of this.verifiedFiles) {
      if (this.verifiedBytes <= VERIFIED_CACHE_BYTES || this.verifiedFiles.size <= 1) break
      this.verifiedFiles.delete(k)
      this.verifiedBytes -= v.byteLength
    }
    return got.bytes
  }

  private fileInfo(bytes: Uint8Array, where: string): VersionFileInfo {
    let info = this.fileInfos.get(bytes)
    if (!info) {
      info = readVersionFileInfo(bytes, where)
      this.fileInfos.set(bytes, info)
    }
    return info
  }

  /** A page of rows of a version plus its header and findings (the grid reads this). */
  async readVersion(
    recordId: string,
    version: number,
    page: { offset?: number; limit?: number } = {},
  ): Promise<VersionPage> {
    const { metadata } = await this.readMetadata(recordId)
    this.assertCommittedVersion(metadata, version)
    const key = versionKey(recordId, version)
    const bytes = await this.verifiedFile(metadata, version)
    const where = `${this.location}/${key}`
    const info = this.fileInfo(bytes, where)
    const offset = Math.max(0, page.offset ?? 0)
    const table = decodeParquet(bytes, where, {
      offset,
      ...(page.limit !== undefined ? { limit: page.limit } : {}),
    })
    return {
      recordId,
      version,
      table,
      rowCount: info.row_count,
      offset,
      header: info.header,
      findings: info.findings,
      info,
      fileSha256:
        metadata.history.find((e) => e.version === version && e.file_sha256)?.file_sha256 ??
        sha256Hex(bytes),
    }
  }

  async getFindings(recordId: string, version: number): Promise<Finding[]> {
    return (await this.readVersionInfo(recordId, version)).findings
  }

  async readVersionInfo(recordId: string, version: number): Promise<VersionFileInfo> {
    const { metadata } = await this.readMetadata(recordId)
    this.assertCommittedVersion(metadata, version)
    return this.fileInfo(
      await this.verifiedFile(metadata, version),
      `${this.location}/${versionKey(recordId, version)}`,
    )
  }

  /** Every version with its author, time, status reached and finding counts (the record page). */
  async listVersions(recordId: string): Promise<VersionInfo[]> {
    const { metadata } = await this.readMetadata(recordId)
    const out: VersionInfo[] = []
    for (let version = 1; version <= metadata.current_version; version++) {
      const info = await this.readVersionInfo(recordId, version)
      const entries = metadata.history.filter((e) => e.version === version)
      const written =
        entries.find(
          (e) => e.action === 'create' || e.action === 'update' || e.action === 'merge',
        ) ?? entries[0]
      const last = entries[entries.length - 1]
      const counts = countFindings(info.findings)
      out.push({
        version,
        parent_version: info.parent_version,
        created_by: written?.created_by ?? info.created_by,
        created_at: written?.created_at ?? info.created_at,
        comment: written?.comment ?? info.comment,
        file_sha256: written?.file_sha256 ?? '',
        row_count: info.row_count,
        status: last?.status ?? 'draft',
        error_count: counts.errors,
        warning_count: counts.warnings,
      })
    }
    return out
  }

  private async readVersionTable(
    metadata: MetadataJson,
    version: number,
  ): Promise<{ table: Table; bytes: Uint8Array }> {
    const bytes = await this.verifiedFile(metadata, version)
    return {
      table: decodeParquet(bytes, `${this.location}/${versionKey(metadata.record_id, version)}`),
      bytes,
    }
  }

  private assertCommittedVersion(metadata: MetadataJson, version: number): void {
    if (!Number.isInteger(version) || version < 1 || version > metadata.current_version) {
      throw new NotFoundError(
        `Record ${metadata.record_id} has no version ${version}: its versions are 1 to ${metadata.current_version}.`,
        { recordId: metadata.record_id, version },
      )
    }
  }

  private missingVersionFile(recordId: string, version: number): BorelogError {
    return new IntegrityError(
      `${this.location}/${versionKey(recordId, version)} is missing although metadata.json names v${version}. Run borelog-desk verify.`,
      { recordId, version },
    )
  }

  /** A version file must hash to what its history entry recorded; returns the hash. */
  private checkFileHash(metadata: MetadataJson, version: number, bytes: Uint8Array): string {
    const actual = sha256Hex(bytes)
    const recorded = metadata.history.find(
      (e) => e.version === version && e.file_sha256,
    )?.file_sha256
    if (recorded && recorded !== actual) {
      throw new IntegrityError(
        `${this.location}/${versionKey(metadata.record_id, version)} does not match the sha256 its history recorded: the file was changed after it was written.`,
        { recordId: metadata.record_id, version, recorded, actual },
      )
    }
    return actual
  }

  /** Validates a version again with today's rules (the stored findings are those of its save). */
  async validateVersion(recordId: string, version?: number): Promise<Finding[]> {
    const { metadata } = await this.readMetadata(recordId)
    const v = version ?? metadata.current_version
    this.assertCommittedVersion(metadata, v)
    const { table } = await this.readVersionTable(metadata, v)
    const info = await this.readVersionInfo(recordId, v)
    const { def, registered } = await this.definitionFor(
      metadata.table_name,
      metadata.key_columns,
      recordId,
    )
    return this.prepareTable(table, def, registered, info.header).findings
  }

  /** The definition new versions of this record are checked against (to type a CSV, say). */
  async tableDefinition(recordId: string): Promise<TableDefinition> {
    const { metadata } = await this.readMetadata(recordId)
    return (await this.definitionFor(metadata.table_name, metadata.key_columns, recordId)).def
  }

  // ---- writes ------------------------------------------------------------

  /** The definition a record's tables are checked against (registered, or the one its v1 defined). Also used by replicate.ts. */
  async definitionFor(
    tableName: string,
    keyColumns: string[] | undefined,
    recordId?: string,
  ): Promise<{ def: TableDefinition; registered: boolean }> {
    const registered = this.registry.get(tableName)
    if (registered) return { def: registered, registered: true }
    if (recordId === undefined)
      throw new BadInputError(`definitionFor needs a record for unregistered table ${tableName}.`)
    const v1 = await this.readVersionInfo(recordId, 1)
    const schema = schemaFromJson(v1.table_schema)
    return {
      def: { ...definitionFromTable(tableName, schema, keyColumns ?? v1.key_columns) },
      registered: false,
    }
  }

  /** Conforms and validates a new version's table as a save does. Also used by replicate.ts (sync's merges). */
  prepareTable(
    input: Table,
    def: TableDefinition,
    registered: boolean,
    header: Record<string, string>,
  ): { table: Table; findings: Finding[] } {
    if (registered) {
      const table = conformTable(input, def)
      return { table, findings: validateTable(table, def, header) }
    }
    const findings = validateTable(input, def, header)
    findings.push(...schemaChangeFindings(compareSchemas(def.schema, input.schema), def.tableName))
    return { table: input, findings }
  }

  async createRecord(input: CreateRecordInput): Promise<MetadataJson> {
    const { recordId, tableName, createdBy } = input
    assertValidRecordId(recordId)
    assertNonEmpty(tableName, 'table name')
    assertNonEmpty(createdBy, 'created_by')
    if (await this.objects.head(metadataKey(recordId))) {
      throw new AlreadyExistsError(
        `Record ${recordId} already exists; use update to save a new version.`,
        { recordId },
      )
    }
    const header = input.header ?? {}
    const registeredDef = this.registry.get(tableName)
    const def =
      registeredDef ?? definitionFromTable(tableName, input.table.schema, input.keyColumns ?? [])
    const { table, findings } = this.prepareTable(input.table, def, Boolean(registeredDef), header)
    findings.push(...(input.extraFindings ?? []))
    const createdAt = this.timestamp()
    const info: VersionFileInfo = {
      record_id: recordId,
      table_name: tableName,
      version: 1,
      parent_version: null,
      created_by: createdBy,
      created_at: createdAt,
      comment: input.comment ?? null,
      header,
      findings,
      table_schema: schemaToJson(table.schema),
      key_columns: def.keyColumns,
      row_count: table.numRows,
    }
    const bytes = encodeVersionFile(table, info)
    try {
      await this.objects.putIfAbsent(versionKey(recordId, 1), bytes)
    } catch (e) {
      if (e instanceof AlreadyExistsError) {
        throw new VersionConflictError(
          `Record ${recordId} is being created by another writer (v1 exists without metadata.json). If no one else is writing, an earlier write was interrupted: run borelog-desk repair.`,
          { recordId },
        )
      }
      throw e
    }
    const entry = sealEntry(
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
    const metadata: MetadataJson = {
      record_id: recordId,
      table_name: tableName,
      current_version: 1,
      status: 'draft',
      created_by: createdBy,
      created_at: createdAt,
      approved_by: null,
      approved_at: null,
      rejected_by: null,
      rejected_at: null,
      history: [entry],
      updated_at: createdAt,
      header: listedHeader(header),
      ...(registeredDef ? {} : { key_columns: def.keyColumns }),
    }
    try {
      await this.objects.putIfAbsent(metadataKey(recordId), encodeJson(metadata))
    } catch (e) {
      if (e instanceof AlreadyExistsError) {
        throw new VersionConflictError(
          `Record ${recordId} was created by another writer at the same time.`,
          { recordId },
        )
      }
      throw e
    }
    await this.committed(metadata, entry)
    return metadata
  }

  async updateRecord(input: UpdateRecordInput): Promise<MetadataJson> {
    const { recordId, updatedBy } = input
    assertValidRecordId(recordId)
    assertNonEmpty(updatedBy, 'updated_by')
    const { metadata: current } = await this.readMetadata(recordId)
    const base = current.current_version
    if (input.baseVersion !== undefined && input.baseVersion !== base) {
      throw this.movedOn(current, input.baseVersion, 'save over')
    }
    const previousInfo = await this.readVersionInfo(recordId, base)
    const header = input.header ?? previousInfo.header
    const { def, registered } = await this.definitionFor(
      current.table_name,
      current.key_columns,
      recordId,
    )
    const { table, findings } = this.prepareTable(input.table, def, registered, header)
    findings.push(...(input.extraFindings ?? []))
    const version = base + 1
    const createdAt = this.timestamp()
    const info: VersionFileInfo = {
      record_id: recordId,
      table_name: current.table_name,
      version,
      parent_version: base,
      created_by: updatedBy,
      created_at: createdAt,
      comment: input.comment ?? null,
      header,
      findings,
      table_schema: schemaToJson(table.schema),
      key_columns: def.keyColumns,
      row_count: table.numRows,
      ...(input.mergedFrom ? { merged_from: input.mergedFrom } : {}),
    }
    const bytes = encodeVersionFile(table, info)
    try {
      await this.objects.putIfAbsent(versionKey(recordId, version), bytes)
    } catch (e) {
      if (e instanceof AlreadyExistsError) throw await this.versionTaken(recordId, version)
      throw e
    }
    // We own v{version} now; only metadata-only changes (approve/reject of v{base}) can
    // race us, so the CAS loop re-reads and re-seals our entry on top of them.
    const fileSha = sha256Hex(bytes)
    return this.casMetadata(recordId, (meta) => {
      if (meta.current_version !== base) {
        throw new VersionConflictError(
          `Record ${recordId} moved to v${meta.current_version} while v${version} was being saved.`,
          { recordId, version },
        )
      }
      const entry = sealEntry(
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
      return {
        metadata: {
          ...meta,
          current_version: version,
          status: 'draft',
          history: [...meta.history, entry],
          updated_at: createdAt,
          header: listedHeader(header),
        },
        entry,
      }
    })
  }

  async approveRecord(input: ReviewInput): Promise<MetadataJson> {
    assertNonEmpty(input.by, 'approved_by')
    return this.review(input, 'approved', input.comment ?? null)
  }

  async rejectRecord(input: RejectInput): Promise<MetadataJson> {
    assertNonEmpty(input.by, 'rejected_by')
    if (typeof input.reason !== 'string' || input.reason.trim() === '') {
      throw new BadInputError(`Rejecting ${input.recordId} v${input.version} needs a reason.`, {
        recordId: input.recordId,
      })
    }
    return this.review(input, 'rejected', input.reason.trim())
  }

  private async review(
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
    const first = await this.readMetadata(recordId)
    this.checkReviewable(first.metadata, version, verb)
    // The hash of the exact bytes reviewed goes into the history (DESIGN.md 3).
    const bytes = await this.getVersionFile(recordId, version)
    const fileSha = sha256Hex(bytes)
    if (input.fileSha256 && input.fileSha256 !== fileSha) {
      throw new StaleReviewError(
        `Cannot ${verb} ${recordId} v${version}: the file on screen (sha256 ${input.fileSha256.slice(0, 12)}…) is not the stored one (${fileSha.slice(0, 12)}…). Reload the record.`,
        { recordId, version },
      )
    }
    if (outcome === 'approved') {
      const info = this.fileInfo(bytes, `${this.location}/${versionKey(recordId, version)}`)
      const errors = info.findings.filter((f) => f.severity === 'error')
      if (errors.length > 0) {
        throw new ValidationFailedError(
          `Cannot approve ${recordId} v${version}: it has ${errors.length} validation error${errors.length === 1 ? '' : 's'} (first: ${describeFinding(errors[0]!)}). Fix them in a new version.`,
          { recordId, version, findings: errors },
        )
      }
    }
    return this.casMetadata(recordId, (meta) => {
      this.checkReviewable(meta, version, verb)
      const at = this.timestamp()
      const entry = sealEntry(
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
      const next: MetadataJson = {
        ...meta,
        status: outcome,
        history: [...meta.history, entry],
        updated_at: at,
      }
      if (outcome === 'approved') {
        next.approved_by = by
        next.approved_at = at
      } else {
        next.rejected_by = by
        next.rejected_at = at
      }
      return { metadata: next, entry }
    })
  }

  private checkReviewable(meta: MetadataJson, version: number, verb: string): void {
    if (version !== meta.current_version) {
      if (version > meta.current_version) {
        throw new NotFoundError(
          `Cannot ${verb} ${meta.record_id} v${version}: the latest version is v${meta.current_version}.`,
          {
            recordId: meta.record_id,
            version,
          },
        )
      }
      throw this.movedOn(meta, version, verb)
    }
    if (meta.status !== 'draft') {
      throw new InvalidTransitionError(
        `Cannot ${verb} ${meta.record_id} v${version}: it is already ${meta.status}. Only a draft can be approved or rejected; save a new version first.`,
        { recordId: meta.record_id, version, status: meta.status },
      )
    }
  }

  /** "Cannot approve BH-07 v3: v4 was saved by j.doe at ... Review v4." (STYLE.md 5) */
  private movedOn(meta: MetadataJson, seen: number, verb: string): BorelogError {
    const latest = [...meta.history].reverse().find((e) => e.version === meta.current_version)
    const by = latest ? ` by ${latest.created_by} at ${latest.created_at}` : ''
    const message = `Cannot ${verb} ${meta.record_id} v${seen}: v${meta.current_version} was saved${by}. Review v${meta.current_version}.`
    const details = {
      recordId: meta.record_id,
      seenVersion: seen,
      currentVersion: meta.current_version,
    }
    return verb === 'save over'
      ? new VersionConflictError(message, details)
      : new StaleReviewError(message, details)
  }

  /** Why v{version} could not be created: a racing writer, or an interrupted write. */
  private async versionTaken(recordId: string, version: number): Promise<BorelogError> {
    const deadline = Date.now() + RACE_SETTLE_MS
    for (;;) {
      const { metadata } = await this.readMetadata(recordId)
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

  private async casMetadata(
    recordId: string,
    change: (meta: MetadataJson) => { metadata: MetadataJson; entry: HistoryEntry },
  ): Promise<MetadataJson> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const { metadata, etag } = await this.readMetadata(recordId)
      const next = change(metadata)
      try {
        await this.objects.putIfMatch(metadataKey(recordId), encodeJson(next.metadata), etag)
      } catch (e) {
        if (e instanceof VersionConflictError) {
          await sleep(Math.random() * 5 * (attempt + 1))
          continue
        }
        throw e
      }
      await this.committed(next.metadata, next.entry)
      return next.metadata
    }
    throw new VersionConflictError(
      `Record ${recordId} is changing too fast: gave up after ${MAX_CAS_ATTEMPTS} attempts.`,
      { recordId },
    )
  }

  /** After a commit: an entry in changes/ for incremental readers, then local listeners. */
  private async committed(metadata: MetadataJson, entry: HistoryEntry): Promise<void> {
    await writeChangeEvent(this.objects, metadata, entry)
    for (const listener of this.listeners) listener(metadata)
  }

  // ---- batch operations (issue 3): one bad record never blocks the others ----

  async createRecords(inputs: CreateRecordInput[]): Promise<BatchItemResult[]> {
    return runBatch(
      inputs,
      (i) => i.recordId,
      (i) => this.createRecord(i),
    )
  }

  async updateRecords(inputs: UpdateRecordInput[]): Promise<BatchItemResult[]> {
    return runBatch(
      inputs,
      (i) => i.recordId,
      (i) => this.updateRecord(i),
    )
  }

  async approveRecords(inputs: ReviewInput[]): Promise<BatchItemResult[]> {
    return runBatch(
      inputs,
      (i) => i.recordId,
      (i) => this.approveRecord(i),
    )
  }

  async rejectRecords(inputs: RejectInput[]): Promise<BatchItemResult[]> {
    return runBatch(
      inputs,
      (i) => i.recordId,
      (i) => this.rejectRecord(i),
    )
  }
}

// ---- helpers ---------------------------------------------------------------

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

/** changes/ key: time first so that listing from a cursor returns changes in time order. */
function changeKey(at: string): string {
  return `${changeKeyPrefixAt(at)}-${randomBytes(6).toString('hex')}.json`
}

/**
 * changes/20261126/20261126T041500123Z: one folder per UTC day, so a reader listing
 * from a recent cursor skips whole days without reading them.
 */
export function changeKeyPrefixAt(at: string): string {
  const compact = at.replace(/[-:]/g, '').replace('.', '')
  return `${CHANGES_PREFIX}${compact.slice(0, 8)}/${compact}`
}

/**
 * `keyAt` orders the event among the others: the commit time. It differs from the entry's
 * time only for entries copied from another store by sync, which may be days old: keyed by
 * their own time they would land behind the cursors incremental readers already hold.
 */
export async function writeChangeEvent(
  objects: ObjectStore,
  metadata: MetadataJson,
  entry: HistoryEntry,
  keyAt: string = entry.created_at,
): Promise<string> {
  const event = {
    record_id: metadata.record_id,
    version: entry.version,
    action: entry.action ?? entry.status,
    status: metadata.status,
    at: entry.created_at,
    by: entry.created_by,
    entry_sha256: entry.entry_sha256,
    // The whole entry, so repair can restore reviews if metadata.json is ever lost.
    entry,
  }
  // Written after the commit: a crash here loses only this hint, which repair restores;
  // an event is never written for something that did not commit.
  const key = changeKey(keyAt)
  await objects.putIfAbsent(key, encodeJson(event))
  return key
}

/** Header values longer than this stay in the version file only (AGS4 keeps whole groups there). */
const LISTED_HEADER_MAX_CHARS = 256

/**
 * The header properties copied into metadata.json for listing and search (hole, project,
 * coordinates...). The full header lives in the version file.
 */
export function listedHeader(header: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(header).filter(([, v]) => v.length <= LISTED_HEADER_MAX_CHARS),
  )
}

function assertNonEmpty(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new BadInputError(`The ${what} must be a non-empty string.`, { field: what })
  }
}

function describeFinding(f: Finding): string {
  return `${f.row !== null ? `row ${f.row + 1}` : 'table'}${f.column ? ` ${f.column}` : ''}: ${f.message}`
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

async function runBatch<T>(
  inputs: T[],
  idOf: (input: T) => string,
  run: (input: T) => Promise<MetadataJson>,
): Promise<BatchItemResult[]> {
  const results: BatchItemResult[] = new Array(inputs.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++
      const input = inputs[index]!
      const recordId = String(idOf(input))
      try {
        const metadata = await run(input)
        results[index] = { recordId, ok: true, version: metadata.current_version }
      } catch (e) {
        const error =
          e instanceof BorelogError
            ? { code: e.code, message: e.message }
            : { code: 'INTERNAL', message: String((e as Error)?.message ?? e) }
        results[index] = { recordId, ok: false, error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(8, inputs.length) }, worker))
  return results
}
