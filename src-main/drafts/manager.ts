// DraftManager: working drafts of one store. A draft is loaded once and kept in
// memory (a few, least recently used first out); every acknowledged edit is in its
// journal on disk first (journal.ts), so a crash loses nothing that was acknowledged.
// Operations on one record run one after another (a per-record promise chain), so two
// IPC calls never interleave on one draft. Saving never overwrites another writer's
// version: updateRecord is given the draft's base version, and a conflict keeps the draft.
//
// One writer per drafts folder, or two managers' in-memory drafts would append to one
// journal out of step. Across processes: the folder's lock file (lock.ts). Within a
// process: a module-level registry in which the newest manager on a folder takes it over
// (a session re-opened on the same store while the old session's calls still run). The
// managers of a folder share its per-record queues, so the new manager's calls run after
// the calls the old one had accepted; the old one refuses every call made after the
// takeover, and drops its drafts from memory so none is written from a stale copy. This
// is simpler than sharing one manager between sessions whose store instances differ.
import { access, readFile } from 'node:fs/promises'
import path from 'node:path'

import type { Table } from 'apache-arrow'

import {
  AlreadyExistsError,
  BadInputError,
  BorelogError,
  CancelledError,
  CorruptMetadataError,
  IntegrityError,
  NotFoundError,
  StoreUnavailableError,
  UnknownTableError,
  VersionConflictError,
  isBorelogError,
} from '../../shared/errors'
import {
  type DraftEdit,
  DraftEditSchema,
  type DraftPage,
  type DraftState,
  type DraftSummary,
} from '../../shared/ipc/contract'
import { formatJsonPath } from '../../shared/json-path'
import type { Finding, MetadataJson } from '../../shared/metadata'
import { diffTables } from '../diff/index'
import { decodeParquet, encodeParquet } from '../parquet/index'
import {
  type TableDefinition,
  conformTable,
  definitionFromTable,
  describeColumns,
  validateTable,
} from '../schema/index'
import type { VersionedStore } from '../store/index'
import { EditHistory } from './edits'
import {
  JOURNAL_FORMAT,
  JournalEntrySchema,
  JournalHeaderSchema,
  type JournalEntry,
  type JournalFiles,
  type JournalHeader,
  appendEntry,
  createJournal,
  editCountOf,
  journalFiles,
  listJournals,
  readJournal,
  removeJournal,
  setAside,
  writeFileAtomic,
} from './journal'
import { acquireFolderLock, releaseFolderLock } from './lock'
import { DraftRows } from './rows'
import { emptyTable, templateHeader, withColumnFilled } from './state'
import type { CreateDraftInput, DraftFromTableInput, DraftManagerApi } from './types'

export interface DraftManagerOptions {
  store: VersionedStore
  /** Folder for this store's working drafts, on the local disk (outside the store). */
  draftsDir: string
  /** Recorded as created_by of saved versions. */
  user: () => string
  now?: () => Date
}

/** Drafts kept decoded in memory; others are read back from their journal when needed. */
const MAX_OPEN_DRAFTS = 4

interface Draft {
  files: JournalFiles
  journal: JournalHeader
  def: TableDefinition
  history: EditHistory
  /** False until the first edit of a draft opened from a version: no journal yet. */
  isPersisted: boolean
  wasRecovered: boolean
  updatedAt: string
}

interface Folder {
  owner: DraftManager
  /** Per-record queues, shared by every manager of the folder. */
  chains: Map<string, Promise<unknown>>
  isLocked: boolean
}

const folders = new Map<string, Folder>()

function isBorelog(def: TableDefinition): boolean {
  return def.rules?.includes('borelog') ?? false
}

/** null for a record or version the store does not have; an outage or a bug still throws. */
function nullIfNotFound(e: unknown): null {
  if (isBorelogError(e) && e.code === 'NOT_FOUND') return null
  throw e
}

function isMissingFile(e: unknown): boolean {
  return (e as NodeJS.ErrnoException).code === 'ENOENT'
}

export class DraftManager implements DraftManagerApi {
  private readonly store: VersionedStore
  private readonly now: () => Date
  private readonly loaded = new Map<string, Draft>()
  /**
   * Base versions of drafts that left memory before their first edit (so had no journal):
   * loaded again, they start from the version the user was shown, not the latest, so a
   * newer version makes them isBehind and their save a conflict.
   */
  private readonly bases = new Map<string, number>()
  /** Journals this manager started: read back after leaving memory, they are not "recovered". */
  private readonly ownJournals = new Set<string>()
  private readonly folder: Folder
  private isClosed = false

  constructor(readonly options: DraftManagerOptions) {
    this.store = options.store
    this.now = options.now ?? (() => new Date())
    const key = path.resolve(options.draftsDir)
    const folder = folders.get(key)
    if (folder) {
      const previous = folder.owner
      for (const recordId of [...previous.loaded.keys()]) previous.forget(recordId)
      for (const [recordId, baseVersion] of previous.bases) this.bases.set(recordId, baseVersion)
      folder.owner = this
      this.folder = folder
    } else {
      this.folder = { owner: this, chains: new Map(), isLocked: false }
      folders.set(key, this.folder)
    }
  }

  /** Calls made once superseded or closed are refused: the newer manager owns the drafts. */
  private checkOwner(): void {
    if (this.isClosed || this.folder.owner !== this) {
      throw new StoreUnavailableError(
        `The working drafts in ${this.options.draftsDir} were handed to a newer session of this store; nothing was changed. Reload the window and try again.`,
        { draftsDir: this.options.draftsDir },
      )
    }
  }

  /** Takes the folder's lock (across processes) on first use. */
  private async claim(): Promise<void> {
    if (!this.folder.isLocked) {
      await acquireFolderLock(this.options.draftsDir)
      this.folder.isLocked = true
    }
  }

  /** Waits for running calls, then gives the folder (and its lock) up if this manager holds it. */
  async close(): Promise<void> {
    this.isClosed = true
    this.loaded.clear()
    await Promise.all(this.folder.chains.values())
    // A manager that took the folder over meanwhile holds the lock (the same file: one pid).
    if (this.folder.owner === this && this.folder.isLocked) {
      this.folder.isLocked = false
      await releaseFolderLock(this.options.draftsDir)
    }
  }

  private timestamp(): string {
    return this.now().toISOString()
  }

  /** Runs `work` after every earlier operation on the record has settled. */
  private serialize<T>(recordId: string, work: () => Promise<T>): Promise<T> {
    try {
      this.checkOwner()
    } catch (e) {
      return Promise.reject(e as Error)
    }
    const chains = this.folder.chains
    const previous = chains.get(recordId) ?? Promise.resolve()
    const run = async (): Promise<T> => {
      await this.claim()
      return work()
    }
    const next = previous.then(run, run)
    // The chain only orders calls: each caller gets its own failure from `next`.
    const settled = next.catch(() => undefined)
    chains.set(recordId, settled)
    void settled.then(() => {
      if (chains.get(recordId) === settled) chains.delete(recordId)
    })
    return next
  }

  private remember(recordId: string, draft: Draft): Draft {
    this.loaded.delete(recordId)
    this.loaded.set(recordId, draft)
    for (const key of this.loaded.keys()) {
      if (this.loaded.size <= MAX_OPEN_DRAFTS) break
      // Only drafts whose every edit is on disk may be dropped; an unpersisted one has none,
      // but the version it shows is kept.
      this.forget(key)
    }
    return draft
  }

  /** Drops a draft from memory, keeping the base version of one without a journal. */
  private forget(recordId: string): void {
    const draft = this.loaded.get(recordId)
    this.loaded.delete(recordId)
    if (draft && !draft.isPersisted && draft.journal.baseVersion !== null)
      this.bases.set(recordId, draft.journal.baseVersion)
  }

  /** The draft is gone for good (saved, discarded, replaced): nothing of it is kept. */
  private drop(recordId: string): void {
    this.loaded.delete(recordId)
    this.bases.delete(recordId)
    this.ownJournals.delete(recordId)
  }

  // ---- loading ------------------------------------------------------------

  private async journalExists(files: JournalFiles): Promise<boolean> {
    return access(files.journal).then(
      () => true,
      (e: unknown) => {
        // Only a missing journal is no draft: an unreadable one must not be started over.
        if (isMissingFile(e)) return false
        throw new StoreUnavailableError(
          `Cannot read the working draft ${files.journal}: ${(e as Error).message}`,
          { journal: files.journal },
          { cause: e },
        )
      },
    )
  }

  /** The record's draft: in memory, recovered from its journal, or started from its latest version. */
  private async load(recordId: string): Promise<Draft> {
    const cached = this.loaded.get(recordId)
    if (cached) return this.remember(recordId, cached)
    const files = journalFiles(this.options.draftsDir, recordId)
    if (await this.journalExists(files)) {
      this.bases.delete(recordId)
      return this.remember(recordId, await this.recover(recordId, files))
    }
    const { metadata } = await this.store.readMetadata(recordId)
    const version = this.bases.get(recordId) ?? metadata.current_version
    this.bases.delete(recordId)
    const { def, registered } = await this.store.definitionFor(
      metadata.table_name,
      metadata.key_columns,
      recordId,
    )
    const table = await this.store.getSpecificVersion(recordId, version)
    if (!table)
      throw new NotFoundError(`Record ${recordId} has no version ${version}.`, { recordId })
    const info = await this.store.readVersionInfo(recordId, version)
    const journal: JournalHeader = {
      format: JOURNAL_FORMAT,
      recordId,
      tableName: metadata.table_name,
      baseVersion: version,
      baseFileSha256: fileShaOf(metadata, version),
      rows: 'version',
      header: info.header,
      extraFindings: [],
      createdAt: this.timestamp(),
    }
    return this.remember(recordId, {
      files,
      journal,
      def,
      history: this.historyOf(
        recordId,
        registered ? conformTable(table, def) : table,
        def,
        info.header,
      ),
      isPersisted: false,
      wasRecovered: false,
      updatedAt: journal.createdAt,
    })
  }

  private historyOf(
    recordId: string,
    table: Table,
    def: TableDefinition,
    header: Record<string, string>,
  ): EditHistory {
    return new EditHistory(new DraftRows(table, header), { recordId, isBorelog: isBorelog(def) })
  }

  private async definitionOf(
    tableName: string,
    table: Table,
  ): Promise<{ def: TableDefinition; registered: boolean }> {
    try {
      return await this.store.definitionFor(tableName, undefined)
    } catch (e) {
      if (!(e instanceof BorelogError) || e.code !== 'BAD_INPUT') throw e
      return { def: definitionFromTable(tableName, table), registered: false }
    }
  }

  /** A draft from its journal after a restart (or after it left memory): every entry replayed. */
  private async recover(recordId: string, files: JournalFiles): Promise<Draft> {
    const { header: journal, entries } = await readJournal(files.journal, this.now())
    let table: Table
    let def: TableDefinition
    let registered: boolean
    if (journal.rows === 'file') {
      const bytes = await readFile(files.startRows).catch(async (e: unknown) => {
        // An outage is not a lost file: the journal stays where it is for the next try.
        if (!isMissingFile(e))
          throw new StoreUnavailableError(
            `Cannot read the starting rows of the working draft of ${recordId} (${files.startRows}): ${(e as Error).message}`,
            { recordId, file: files.startRows },
            { cause: e },
          )
        const aside = await setAside(files.journal, this.now())
        throw new CorruptMetadataError(
          `The working draft of ${recordId} lost its starting rows (${files.startRows} cannot be read). Its journal was set aside as ${aside}; nothing was deleted.`,
          { recordId, file: files.startRows, setAsideAs: aside },
          { cause: e },
        )
      })
      table = decodeParquet(new Uint8Array(bytes), files.startRows)
    } else {
      table = await this.readBase(recordId, journal, files)
    }
    if (journal.baseVersion !== null) {
      const { metadata } = await this.store.readMetadata(recordId)
      ;({ def, registered } = await this.store.definitionFor(
        metadata.table_name,
        metadata.key_columns,
        recordId,
      ))
      const recorded = fileShaOf(metadata, journal.baseVersion)
      if (journal.baseFileSha256 && recorded && recorded !== journal.baseFileSha256) {
        throw new IntegrityError(
          `The working draft of ${recordId} was started from a v${journal.baseVersion} whose file differs from the store's v${journal.baseVersion} now (${files.journal}). The draft is kept; discard it to start again.`,
          { recordId, baseVersion: journal.baseVersion, journal: files.journal },
        )
      }
    } else {
      ;({ def, registered } = await this.definitionOf(journal.tableName, table))
    }
    const history = this.historyOf(
      recordId,
      registered ? conformTable(table, def) : table,
      def,
      journal.header,
    )
    for (const [i, entry] of entries.entries()) {
      try {
        if (entry.op === 'edit') history.edit(entry.edit)
        else if (entry.op === 'undo') history.undo()
        else history.redo()
      } catch (e) {
        // An entry the draft refuses makes the journal corrupt; a bug is not the journal's fault.
        if (!isBorelogError(e)) throw e
        const aside = await setAside(files.journal, this.now())
        throw new CorruptMetadataError(
          `The working draft ${files.journal} cannot be replayed at line ${i + 2}: ${e instanceof Error ? e.message : String(e)} It was set aside as ${aside}; nothing was deleted.`,
          { recordId, file: files.journal, line: i + 2, setAsideAs: aside },
          { cause: e },
        )
      }
    }
    return {
      files,
      journal,
      def,
      history,
      isPersisted: true,
      wasRecovered: !this.ownJournals.has(recordId),
      updatedAt: entries[entries.length - 1]?.at ?? journal.createdAt,
    }
  }

  private async readBase(
    recordId: string,
    journal: JournalHeader,
    files: JournalFiles,
  ): Promise<Table> {
    const version = journal.baseVersion ?? 0
    let table: Table | null
    try {
      table = await this.store.getSpecificVersion(recordId, version)
    } catch (e) {
      // Context for an expected failure, under its own code; a bug stays a bug.
      if (!isBorelogError(e)) throw e
      throw new BorelogError(
        e.code,
        `The working draft of ${recordId} started from v${version}, which cannot be read now: ${e.message} The draft is kept in ${files.journal}; open the store it was made in, or discard the draft.`,
        { recordId, baseVersion: version, journal: files.journal },
        { cause: e },
      )
    }
    if (!table) {
      throw new NotFoundError(
        `The working draft of ${recordId} started from v${version}, which this store does not have. The draft is kept in ${files.journal}; open the store it was made in, or discard the draft.`,
        { recordId, baseVersion: version, journal: files.journal },
      )
    }
    return table
  }

  // ---- state --------------------------------------------------------------

  /**
   * Whether the store moved past the draft's base. Callers ask before they write: an
   * outage then fails the call before it changed anything, never after an edit was kept.
   */
  private async isBehind(recordId: string, baseVersion: number | null): Promise<boolean> {
    if (baseVersion === null) return false
    // A record gone from the store has no newer version to be behind.
    const metadata = await this.store.getMetadata(recordId).catch(nullIfNotFound)
    return metadata !== null && metadata.current_version > baseVersion
  }

  private stateOf(recordId: string, draft: Draft, isBehind: boolean): DraftState {
    const { history, journal, def } = draft
    const rows = history.rows
    const findings: Finding[] = [
      ...validateTable(rows.materialize(), def, rows.header),
      ...extraFindingsOf(draft),
    ]
    return {
      recordId,
      tableName: journal.tableName,
      baseVersion: journal.baseVersion,
      isBehind,
      columns: describeColumns(rows.schema, def.keyColumns),
      rowCount: rows.rowCount,
      header: { ...rows.header },
      findings,
      editCount: history.editCount,
      canUndo: history.undoLabel !== null,
      canRedo: history.redoLabel !== null,
      undoLabel: history.undoLabel,
      redoLabel: history.redoLabel,
      wasRecovered: draft.wasRecovered,
      updatedAt: draft.updatedAt,
    }
  }

  // ---- API ----------------------------------------------------------------

  async list(): Promise<DraftSummary[]> {
    const out: DraftSummary[] = []
    for (const file of await listJournals(this.options.draftsDir)) {
      const summary = await summarize(file)
      if (summary) out.push(summary)
    }
    return out.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
  }

  open(recordId: string): Promise<DraftState> {
    return this.serialize(recordId, async () => {
      const draft = await this.load(recordId)
      return this.stateOf(recordId, draft, await this.isBehind(recordId, draft.journal.baseVersion))
    })
  }

  create(input: CreateDraftInput): Promise<DraftState> {
    const { recordId } = input
    return this.serialize(recordId, async () => {
      await this.refuseExisting(recordId)
      let tableName = input.tableName
      let header: Record<string, string> = {}
      let table: Table | null = null
      let sourceDef: TableDefinition | null = null
      if (input.source.kind !== 'blank') {
        const sourceId = input.source.recordId
        const { metadata } = await this.store.readMetadata(sourceId)
        const info = await this.store.readVersionInfo(sourceId, metadata.current_version)
        if (input.source.kind === 'template') header = templateHeader(info.header)
        else {
          // A duplicate's rows only make sense in its source's table.
          tableName = metadata.table_name
          header = { ...info.header }
          const found = await this.store.definitionFor(
            metadata.table_name,
            metadata.key_columns,
            sourceId,
          )
          sourceDef = found.def
          const source = (await this.store.getSpecificVersion(sourceId, metadata.current_version))!
          table = found.registered ? conformTable(source, found.def) : source
        }
      }
      const def = sourceDef ?? (await this.registeredDefinition(tableName))
      if (isBorelog(def)) {
        header.hole_id = recordId
        if (table) table = withColumnFilled(table, 'hole_id', recordId)
      }
      Object.assign(header, input.header)
      return this.start(recordId, tableName, def, table ?? emptyTable(def.schema), header, null, [])
    })
  }

  private async registeredDefinition(tableName: string): Promise<TableDefinition> {
    try {
      return (await this.store.definitionFor(tableName, undefined)).def
    } catch (e) {
      if (e instanceof BorelogError && e.code === 'BAD_INPUT') {
        throw new UnknownTableError(
          `Table "${tableName}" is not registered, so a record of it cannot start blank. Import a file of it, duplicate a record of it, or register it in schemas.json.`,
          { tableName },
        )
      }
      throw e
    }
  }

  /** ALREADY_EXISTS when the record is in the store or has a working draft. */
  private async refuseExisting(recordId: string): Promise<void> {
    const exists = await this.store.readMetadata(recordId).then(
      () => true,
      (e: unknown) => {
        if (e instanceof NotFoundError) return false
        throw e
      },
    )
    if (exists) {
      throw new AlreadyExistsError(
        `Record ${recordId} already exists; open it to edit a new draft.`,
        {
          recordId,
        },
      )
    }
    await this.refuseDraft(recordId)
    await this.store.assertNewRecordId(recordId)
  }

  private async refuseDraft(recordId: string): Promise<void> {
    const files = journalFiles(this.options.draftsDir, recordId)
    if (this.loaded.get(recordId)?.isPersisted || (await this.journalExists(files))) {
      throw new AlreadyExistsError(
        `${recordId} already has a working draft with unsaved edits; save or discard it first.`,
        { recordId },
      )
    }
  }

  /** A draft whose starting rows are written beside its journal (new records, imports). */
  private async start(
    recordId: string,
    tableName: string,
    def: TableDefinition,
    table: Table,
    header: Record<string, string>,
    base: { version: number; fileSha256: string | null } | null,
    extraFindings: Finding[],
  ): Promise<DraftState> {
    const files = journalFiles(this.options.draftsDir, recordId)
    const isBehind = await this.isBehind(recordId, base?.version ?? null)
    const journal: JournalHeader = {
      format: JOURNAL_FORMAT,
      recordId,
      tableName,
      baseVersion: base?.version ?? null,
      baseFileSha256: base?.fileSha256 ?? null,
      rows: 'file',
      header,
      extraFindings,
      createdAt: this.timestamp(),
    }
    // Rows first: a journal on disk always has its starting rows.
    await writeFileAtomic(files.startRows, encodeParquet(table))
    await createJournal(files.journal, journal)
    this.ownJournals.add(recordId)
    const draft = this.remember(recordId, {
      files,
      journal,
      def,
      history: this.historyOf(recordId, table, def, header),
      isPersisted: true,
      wasRecovered: false,
      updatedAt: journal.createdAt,
    })
    return this.stateOf(recordId, draft, isBehind)
  }

  createFromTable(input: DraftFromTableInput): Promise<DraftState> {
    const { recordId } = input
    return this.serialize(recordId, async () => {
      await this.refuseDraft(recordId)
      this.drop(recordId)
      const current = await this.store.readMetadata(recordId).catch((e: unknown) => {
        if (e instanceof NotFoundError) return null
        throw e
      })
      if (current) {
        const { metadata } = current
        const version = metadata.current_version
        const { def, registered } = await this.store.definitionFor(
          metadata.table_name,
          metadata.key_columns,
          recordId,
        )
        const info = await this.store.readVersionInfo(recordId, version)
        return this.start(
          recordId,
          metadata.table_name,
          def,
          registered ? conformTable(input.table, def) : input.table,
          { ...info.header, ...input.header },
          { version, fileSha256: fileShaOf(metadata, version) },
          input.extraFindings ?? [],
        )
      }
      await this.store.assertNewRecordId(recordId)
      const { def, registered } = await this.definitionOf(input.tableName, input.table)
      const header = { ...input.header }
      if (isBorelog(def)) header.hole_id ??= recordId
      return this.start(
        recordId,
        input.tableName,
        def,
        registered ? conformTable(input.table, def) : input.table,
        header,
        null,
        input.extraFindings ?? [],
      )
    })
  }

  page(recordId: string, offset: number, limit: number): Promise<DraftPage> {
    return this.serialize(recordId, async () => {
      const draft = await this.load(recordId)
      const rows = draft.history.rows
      return {
        columns: describeColumns(rows.schema, draft.def.keyColumns),
        rowCount: rows.rowCount,
        offset,
        rows: rows.page(offset, limit),
      }
    })
  }

  /** Appends the entry; if the disk refuses, the draft leaves memory so it reloads as acknowledged. */
  private async persist(recordId: string, draft: Draft, entry: JournalEntry): Promise<void> {
    try {
      if (!draft.isPersisted) {
        await createJournal(draft.files.journal, draft.journal)
        this.ownJournals.add(recordId)
        draft.isPersisted = true
      }
      await appendEntry(draft.files.journal, entry)
      draft.updatedAt = entry.at
    } catch (e) {
      if (e instanceof AlreadyExistsError) {
        // Another writer's journal: this draft is stale; the next open reads that file.
        this.drop(recordId)
        throw e
      }
      this.forget(recordId)
      throw new StoreUnavailableError(
        `The edit to ${recordId} could not be written to ${draft.files.journal}, so it was not applied: ${e instanceof Error ? e.message : String(e)}`,
        { recordId, journal: draft.files.journal },
        { cause: e },
      )
    }
  }

  edit(recordId: string, edit: DraftEdit): Promise<DraftState> {
    // The journal replays what it holds through the contract's schema: an edit that did
    // not fit it would make the journal unreadable after a restart, so it is refused now.
    const parsed = DraftEditSchema.safeParse(edit)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return Promise.reject(
        new BadInputError(
          `Invalid edit of ${recordId}: ${issue ? `${formatJsonPath(issue.path, '(edit)')}: ${issue.message}` : 'malformed'}. Nothing was changed.`,
          { recordId },
        ),
      )
    }
    return this.serialize(recordId, async () => {
      const draft = await this.load(recordId)
      const isBehind = await this.isBehind(recordId, draft.journal.baseVersion)
      draft.history.edit(parsed.data)
      await this.persist(recordId, draft, { op: 'edit', at: this.timestamp(), edit: parsed.data })
      return this.stateOf(recordId, draft, isBehind)
    })
  }

  undo(recordId: string): Promise<DraftState> {
    return this.serialize(recordId, async () => {
      const draft = await this.load(recordId)
      const isBehind = await this.isBehind(recordId, draft.journal.baseVersion)
      if (draft.history.undo())
        await this.persist(recordId, draft, { op: 'undo', at: this.timestamp() })
      return this.stateOf(recordId, draft, isBehind)
    })
  }

  redo(recordId: string): Promise<DraftState> {
    return this.serialize(recordId, async () => {
      const draft = await this.load(recordId)
      const isBehind = await this.isBehind(recordId, draft.journal.baseVersion)
      if (draft.history.redo())
        await this.persist(recordId, draft, { op: 'redo', at: this.timestamp() })
      return this.stateOf(recordId, draft, isBehind)
    })
  }

  save(recordId: string, comment: string, signal?: AbortSignal): Promise<MetadataJson> {
    return this.serialize(recordId, async () => {
      const draft = await this.load(recordId)
      if (signal?.aborted)
        throw new CancelledError(`Saving ${recordId} was cancelled; nothing was saved.`)
      const { journal, history } = draft
      const table = history.rows.materialize()
      const header = { ...history.rows.header }
      const user = this.options.user()
      let metadata: MetadataJson
      if (journal.baseVersion === null) {
        metadata = await this.store
          .createRecord({
            recordId,
            table,
            tableName: journal.tableName,
            createdBy: user,
            comment,
            header,
            extraFindings: extraFindingsOf(draft),
            keyColumns: draft.def.keyColumns,
          })
          .catch(async (e: unknown) => {
            if (e instanceof AlreadyExistsError) {
              const saved = await this.savedBefore(recordId, null, table, header)
              if (saved) return saved
              throw new AlreadyExistsError(
                `${recordId} was created in the store by another writer while you drafted it; your draft is kept. Discard it, or import its rows under another record id.`,
                { recordId },
              )
            }
            throw e
          })
      } else {
        const baseVersion = journal.baseVersion
        metadata = await this.store
          .updateRecord({
            recordId,
            table,
            updatedBy: user,
            comment,
            header,
            baseVersion,
            extraFindings: extraFindingsOf(draft),
          })
          .catch(async (e: unknown) => {
            if (e instanceof VersionConflictError) {
              const saved = await this.savedBefore(recordId, baseVersion, table, header)
              if (saved) return saved
              const now = await this.store.getMetadata(recordId).catch(nullIfNotFound)
              const moved = now ? `v${now.current_version}` : 'a newer version'
              throw new VersionConflictError(
                `${recordId} moved on to ${moved} while you edited v${baseVersion}; your draft is kept. Compare it with ${moved} and save again from a fresh draft, or discard it.`,
                { recordId, baseVersion, currentVersion: now?.current_version ?? null },
              )
            }
            throw e
          })
      }
      this.drop(recordId)
      await removeJournal(draft.files)
      return metadata
    })
  }

  /**
   * The store's metadata when the version after the draft's base already holds exactly the
   * draft (rows, schema, header): a save committed before a crash kept its journal from
   * being removed. Saving it again would be refused as another writer's work; it is ours.
   */
  private async savedBefore(
    recordId: string,
    baseVersion: number | null,
    table: Table,
    header: Record<string, string>,
  ): Promise<MetadataJson | null> {
    const version = (baseVersion ?? 0) + 1
    const metadata = await this.store.getMetadata(recordId).catch(nullIfNotFound)
    if (!metadata || metadata.current_version < version) return null
    const saved = await this.store.getSpecificVersion(recordId, version).catch(nullIfNotFound)
    if (!saved) return null
    const info = await this.store.readVersionInfo(recordId, version)
    const diff = diffTables(table, saved, { headers: { a: header, b: info.header } })
    const { added, removed, changed } = diff.summary
    const isSame =
      added + removed + changed === 0 &&
      diff.schemaChanges.length === 0 &&
      diff.headerChanges.length === 0
    return isSame ? metadata : null
  }

  discard(recordId: string): Promise<void> {
    return this.serialize(recordId, async () => {
      this.drop(recordId)
      await removeJournal(journalFiles(this.options.draftsDir, recordId))
    })
  }
}

/**
 * Findings of the import (conversion problems) describe the imported rows: they hold as
 * they are only while the draft is those rows. Once edited, their row numbers and their
 * "left empty" may no longer be true, so they stay as table-level warnings (what the
 * file held is still worth knowing) and neither block an approval nor point at a wrong row.
 */
function extraFindingsOf(draft: Draft): Finding[] {
  const { extraFindings } = draft.journal
  if (draft.history.editCount === 0) return extraFindings
  return extraFindings.map((f) => ({
    ...f,
    severity: 'warning' as const,
    row: null,
    message: `Found on import, before the draft was edited: ${f.message}`,
  }))
}

function fileShaOf(metadata: MetadataJson, version: number): string | null {
  return metadata.history.find((e) => e.version === version && e.file_sha256)?.file_sha256 ?? null
}

/** A journal's summary for the "recover your unsaved work" list; null when damaged or gone. */
async function summarize(file: string): Promise<DraftSummary | null> {
  const text = await readFile(file, 'utf8').catch((e: unknown) => {
    // Saved or discarded since the folder was listed: no longer unsaved work.
    if (isMissingFile(e)) return null
    throw new StoreUnavailableError(
      `Cannot read the working draft ${file}: ${(e as Error).message}`,
      { journal: file },
      { cause: e },
    )
  })
  if (text === null) return null
  const lines = text.split('\n')
  // The last element is '' or a torn line: neither was acknowledged.
  lines.pop()
  const header = JournalHeaderSchema.safeParse(safeJson(lines[0] ?? ''))
  if (!header.success) return null
  const entries: JournalEntry[] = []
  for (const line of lines.slice(1)) {
    const parsed = JournalEntrySchema.safeParse(safeJson(line))
    if (parsed.success) entries.push(parsed.data)
  }
  return {
    recordId: header.data.recordId,
    tableName: header.data.tableName,
    baseVersion: header.data.baseVersion,
    editCount: editCountOf(entries),
    updatedAt: entries[entries.length - 1]?.at ?? header.data.createdAt,
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown
  } catch {
    // Not JSON fails the schema check that follows, like any other damaged line.
    return undefined
  }
}
