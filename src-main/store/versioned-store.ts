// The versioned store's public face: create, update, latest, specific version, approve,
// reject, metadata and versions (the API's original names, kept for its callers), plus
// pages, findings and batches, made safe for many writers and crashes. Each operation
// lives in its own module and reads metadata.json once:
//   metadata-json.ts  parsing, writing and snapshotting metadata.json
//   read-version.ts   versions, pages, version infos (verified-files.ts checks the bytes)
//   definition.ts     the table rules a new version is checked against
//   commit.ts         create and update (commit-protocol.ts: the compare-and-swap)
//   review.ts         approve and reject
//   batch.ts          many records, each failing on its own
//   change-events.ts  changes/, written after each commit
// See docs/ARCHITECTURE.md, "Layers" and "Invariants".
import type { Table } from 'apache-arrow'

import { InternalError } from '../../shared/errors'
import type { Finding, HistoryEntry, MetadataJson } from '../../shared/metadata'
import type { BatchItemResult, ListQuery, ListResult, VersionInfo } from '../../shared/records'
import type { ObjectStore } from '../object-store/index'
import { SchemaRegistry, type TableDefinition } from '../schema/index'
import { runBatch } from './batch'
import { registerSigner } from './identities'
import type { Signer } from './keys'
import { writeChangeEvent } from './change-events'
import {
  createRecord,
  updateRecord,
  type CreateRecordInput,
  type UpdateRecordInput,
} from './commit'
import type { StoreCore } from './core'
import { definitionFor, prepareTable, recordDefinition, type RecordDefinition } from './definition'
import { readMetadataSnapshot, type MetadataSnapshot } from './metadata-json'
import {
  listVersions,
  readVersionFile,
  readVersionInfo,
  readVersionPage,
  readVersionTable,
  type VersionPage,
} from './read-version'
import { approveRecord, rejectRecord, type RejectInput, type ReviewInput } from './review'
import { assertFreeRecordId } from './record-id'
import { VerifiedFiles } from './verified-files'
import type { VersionFileInfo } from './version-file'

export type { ChangeEvent } from './change-events'
export type { CreateRecordInput, UpdateRecordInput } from './commit'
export type { RejectInput, ReviewInput } from './review'
export type { VersionPage } from './read-version'

export type CommitListener = (metadata: MetadataJson) => void

/** Answers listRecords; the catalog (one layer up) implements it and attaches itself. */
export interface RecordIndex {
  list(query: ListQuery): Promise<ListResult>
}

export interface StoreOptions {
  /** Injected clock for tests; ISO-8601 UTC with Z. */
  now?: () => Date
  registry?: SchemaRegistry
  /** Signs every history entry written through this store (its name is their created_by). */
  signer?: Signer | null
}

export class VersionedStore {
  readonly objects: ObjectStore
  readonly registry: SchemaRegistry
  private readonly core: StoreCore
  private readonly listeners = new Set<CommitListener>()
  private index: RecordIndex | null = null

  private constructor(
    objects: ObjectStore,
    registry: SchemaRegistry,
    now: () => Date,
    signer: Signer | null,
  ) {
    this.objects = objects
    this.registry = registry
    // Registered keys are immutable objects, so one successful check per process is enough.
    const registered = new Map<string, Promise<void>>()
    this.core = {
      objects,
      registry,
      signer,
      registered: (s: Signer) => {
        const id = `${s.name}\n${s.fingerprint}`
        let done = registered.get(id)
        if (!done) {
          done = registerSigner(objects, s, now().toISOString())
          registered.set(id, done)
          done.catch(() => registered.delete(id))
        }
        return done
      },
      files: new VerifiedFiles(objects),
      timestamp: () => now().toISOString(),
      committed: async (metadata: MetadataJson, entry: HistoryEntry) => {
        await writeChangeEvent(objects, metadata, entry)
        for (const listener of this.listeners) listener(metadata)
      },
    }
  }

  static async open(objects: ObjectStore, options: StoreOptions = {}): Promise<VersionedStore> {
    const registry = options.registry ?? (await SchemaRegistry.load(objects))
    return new VersionedStore(
      objects,
      registry,
      options.now ?? (() => new Date()),
      options.signer ?? null,
    )
  }

  /** Who signs this store's writes; null: they are written unsigned (library use). */
  get signer(): Signer | null {
    return this.core.signer
  }

  /** Registers the signer's key for its name here (sync does before committing signed merges). */
  async register(signer: Signer): Promise<void> {
    return this.core.registered(signer)
  }

  get location(): string {
    return this.objects.location
  }

  /** Called after every commit of this process (the catalog keeps itself fresh with it). */
  onCommitted(listener: CommitListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  attachIndex(index: RecordIndex): void {
    this.index = index
  }

  // ---- reads: each takes one snapshot of metadata.json --------------------

  /** Records matching the query, from the catalog: no metadata.json is opened per call. */
  async listRecords(query: ListQuery = {}): Promise<ListResult> {
    if (!this.index)
      throw new InternalError(
        'listRecords needs the catalog: open the store with openBorelogStore.',
      )
    return this.index.list(query)
  }

  /** metadata.json and its etag; NotFoundError for a missing record, CorruptMetadataError for a damaged file. */
  async readMetadata(recordId: string): Promise<MetadataSnapshot> {
    return readMetadataSnapshot(this.objects, recordId)
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
    return readVersionTable(this.core, metadata, metadata.current_version)
  }

  /** null for a version that does not exist (callers rely on it); NotFoundError for a missing record. */
  async getSpecificVersion(recordId: string, version: number): Promise<Table | null> {
    const { metadata } = await this.readMetadata(recordId)
    if (!Number.isInteger(version) || version < 1 || version > metadata.current_version) return null
    return readVersionTable(this.core, metadata, version)
  }

  /** The raw bytes of a committed version file, checked against the history's sha256. */
  async getVersionFile(recordId: string, version: number): Promise<Uint8Array> {
    const { metadata } = await this.readMetadata(recordId)
    return readVersionFile(this.core, metadata, version)
  }

  /** A page of rows of a version plus its header and findings (the grid reads this). */
  async readVersion(
    recordId: string,
    version: number,
    page: { offset?: number; limit?: number } = {},
  ): Promise<VersionPage> {
    const { metadata } = await this.readMetadata(recordId)
    return readVersionPage(this.core, metadata, version, page)
  }

  async getFindings(recordId: string, version: number): Promise<Finding[]> {
    return (await this.readVersionInfo(recordId, version)).findings
  }

  async readVersionInfo(recordId: string, version: number): Promise<VersionFileInfo> {
    const { metadata } = await this.readMetadata(recordId)
    return readVersionInfo(this.core, metadata, version)
  }

  /** Every version with its author, time, status reached and finding counts (the record page). */
  async listVersions(recordId: string): Promise<VersionInfo[]> {
    const { metadata } = await this.readMetadata(recordId)
    return listVersions(this.core, metadata)
  }

  /** Validates a version again with today's rules (the stored findings are those of its save). */
  async validateVersion(recordId: string, version?: number): Promise<Finding[]> {
    const { metadata } = await this.readMetadata(recordId)
    const v = version ?? metadata.current_version
    const table = await readVersionTable(this.core, metadata, v)
    const info = await readVersionInfo(this.core, metadata, v)
    const { def, registered } = await recordDefinition(this.core, metadata)
    return prepareTable(table, def, registered, info.header).findings
  }

  /** The definition new versions of this record are checked against (to type a CSV, say). */
  async tableDefinition(recordId: string): Promise<TableDefinition> {
    const { metadata } = await this.readMetadata(recordId)
    return (await recordDefinition(this.core, metadata)).def
  }

  /** The definition a record's tables are checked against (registered, or the one its v1 defined). Also used by replicate.ts. */
  async definitionFor(
    tableName: string,
    keyColumns: string[] | undefined,
    recordId?: string,
  ): Promise<RecordDefinition> {
    // Only an unregistered table needs the record (its v1) and so a read of metadata.json.
    const metadata =
      recordId !== undefined && !this.registry.get(tableName)
        ? (await this.readMetadata(recordId)).metadata
        : undefined
    return definitionFor(this.core, tableName, keyColumns, metadata)
  }

  /** Conforms and validates a new version's table as a save does. Also used by replicate.ts (sync's merges). */
  prepareTable(
    input: Table,
    def: TableDefinition,
    registered: boolean,
    header: Record<string, string>,
  ): { table: Table; findings: Finding[] } {
    return prepareTable(input, def, registered, header)
  }

  // ---- writes --------------------------------------------------------------

  /**
   * INVALID_RECORD_ID when `recordId` breaks the new-id rule or would collide with an
   * existing record's id (naming it): a form or command asks before any work is done.
   * createRecord checks it again, atomically, when it claims the id.
   */
  async assertNewRecordId(recordId: string): Promise<void> {
    await assertFreeRecordId(this.objects, recordId)
  }

  async createRecord(input: CreateRecordInput): Promise<MetadataJson> {
    return createRecord(this.core, input)
  }

  async updateRecord(input: UpdateRecordInput): Promise<MetadataJson> {
    return updateRecord(this.core, input)
  }

  async approveRecord(input: ReviewInput): Promise<MetadataJson> {
    return approveRecord(this.core, input)
  }

  async rejectRecord(input: RejectInput): Promise<MetadataJson> {
    return rejectRecord(this.core, input)
  }

  // ---- batches: one bad record never blocks the others --------------------

  async createRecords(inputs: CreateRecordInput[]): Promise<BatchItemResult[]> {
    return runBatch(inputs, (i) => this.createRecord(i))
  }

  async updateRecords(inputs: UpdateRecordInput[]): Promise<BatchItemResult[]> {
    return runBatch(inputs, (i) => this.updateRecord(i))
  }

  async approveRecords(inputs: ReviewInput[]): Promise<BatchItemResult[]> {
    return runBatch(inputs, (i) => this.approveRecord(i))
  }

  async rejectRecords(inputs: RejectInput[]): Promise<BatchItemResult[]> {
    return runBatch(inputs, (i) => this.rejectRecord(i))
  }
}
