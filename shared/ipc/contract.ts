// The one IPC contract between the renderer and main (see docs/ARCHITECTURE.md,
// "Process model and IPC").
// Every channel maps to zod request/response schemas and every event to a payload
// schema; the preload bridge, the main handlers, the browser host and the renderer are
// all typed from this file. Main parses every request with these schemas because the
// renderer is untrusted input. Large data (grid rows, diff rows) travels in bounded
// pages, never as one giant JSON: the page schemas cap `limit`.
import { z } from 'zod'

import { ERROR_CODES, type ErrorPayload } from '../errors'
import { FindingSchema, HistoryEntrySchema, MetadataJsonSchema } from '../metadata'
import { RecordIdSchema } from '../record-id'
import { TableNameSchema } from '../table-name'
import { UserNameSchema } from '../user-name'
import { ListQuerySchema, ListResultSchema, VersionInfoSchema } from '../records'
import type { Channel, EventName } from './names'

export * from './names'

/** Rows one page may carry: big enough to fill a tall screen twice, small enough to stay cheap. */
export const MAX_PAGE_ROWS = 2000

const VersionNumberSchema = z.number().int().positive()
const RecordVersionSchema = z.object({ recordId: RecordIdSchema, version: VersionNumberSchema })

/** One grid cell as JSON can carry it. int64 travels as a decimal string to keep its precision. */
export const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()])
export type Cell = z.infer<typeof CellSchema>

export const ColumnInfoSchema = z.object({
  name: z.string(),
  /** Arrow type as text, e.g. Float64, Utf8, Int32. */
  type: z.string(),
  kind: z.enum(['number', 'text', 'boolean', 'other']),
  /** Unit from the table schema or the column name suffix (depth_top_m -> m), else null. */
  unit: z.string().nullable(),
  isKey: z.boolean(),
})
export type ColumnInfo = z.infer<typeof ColumnInfoSchema>

export const SortSchema = z.object({
  column: z.string().min(1).max(200),
  direction: z.enum(['asc', 'desc']),
})
export type GridSort = z.infer<typeof SortSchema>

export const StoreInfoSchema = z.object({
  /** Folder path or s3:// URL of the open store. */
  location: z.string(),
  /** Who approves and rejects in this session; main decides it, the renderer cannot claim one. */
  user: z.string(),
  recordCount: z.number().int().nonnegative(),
  tableNames: z.array(z.string()),
  authors: z.array(z.string()),
  /** How this renderer is hosted, for the status bar. */
  host: z.enum(['electron', 'browser']),
})
export type StoreInfo = z.infer<typeof StoreInfoSchema>

export const RecordDetailSchema = z.object({
  metadata: MetadataJsonSchema,
  /** Header properties (hole id, project, coordinates, ...) of the current version. */
  header: z.record(z.string(), z.string()),
})
export type RecordDetail = z.infer<typeof RecordDetailSchema>

export const HistoryIntegritySchema = z.object({
  /** True when every entry's hash, its link to the entry before it and every version file's sha256 check out. */
  isIntact: z.boolean(),
  checkedEntries: z.number().int().nonnegative(),
  checkedVersions: z.number().int().nonnegative(),
  problems: z.array(
    z.object({ code: z.string(), version: z.number().int().nullable(), message: z.string() }),
  ),
})
export type HistoryIntegrity = z.infer<typeof HistoryIntegritySchema>

/** Who signed one history entry, as main checked it against the store's registry of keys. */
export const EntrySignatureStatusSchema = z.object({
  /** valid; unsigned (legacy, written before signing); invalid; unregistered (a key not bound to the name). */
  status: z.enum(['valid', 'unsigned', 'invalid', 'unregistered']),
  /** The signing key's fingerprint, when the entry names one. */
  key: z.string().nullable(),
  message: z.string().nullable(),
})
export type EntrySignatureStatus = z.infer<typeof EntrySignatureStatusSchema>

export const RecordHistorySchema = z.object({
  entries: z.array(HistoryEntrySchema),
  integrity: HistoryIntegritySchema,
  /** One per entry, in the same order. */
  signatures: z.array(EntrySignatureStatusSchema),
})
export type RecordHistory = z.infer<typeof RecordHistorySchema>

export const VersionPageRequestSchema = RecordVersionSchema.extend({
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(MAX_PAGE_ROWS),
  sort: SortSchema.optional(),
})

export const VersionPageSchema = z.object({
  columns: z.array(ColumnInfoSchema),
  rowCount: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  /** Cells in `columns` order. */
  rows: z.array(z.array(CellSchema)),
  /** 0-based row of each page row in the stored version (differs from offset+i when sorted). */
  rowIndexes: z.array(z.number().int().nonnegative()),
})
export type VersionPage = z.infer<typeof VersionPageSchema>

export const ReviewResultSchema = z.object({ metadata: MetadataJsonSchema })

/** Two versions of one record: `from` is the older side (a), `to` the newer (b). */
const DiffRequestSchema = z.object({
  recordId: RecordIdSchema,
  from: VersionNumberSchema,
  to: VersionNumberSchema,
})

export const DIFF_ROW_CHANGES = ['added', 'removed', 'changed', 'unchanged'] as const

const DepthIntervalSchema = z.object({
  row: z.number().int().nonnegative(),
  diffRow: z.number().int().nonnegative(),
  topM: z.number(),
  baseM: z.number(),
})

export const DiffSummaryViewSchema = z.object({
  from: VersionNumberSchema,
  to: VersionNumberSchema,
  /** How rows were paired: by the key columns, or by position when the table has none. */
  matchedBy: z.enum(['key', 'position']),
  keyColumns: z.array(z.string()),
  /** Columns of the diff grid: the newer version's, then those only the older one has. */
  columns: z.array(ColumnInfoSchema.extend({ presence: z.enum(['both', 'added', 'removed']) })),
  /** Rows of the aligned diff (every row of `to` plus each removed row of `from`). */
  rowCount: z.number().int().nonnegative(),
  changeCount: z.number().int().nonnegative(),
  counts: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    changedCells: z.number().int(),
    duplicateKeys: z.number().int(),
  }),
  /** Changed cells per column. */
  perColumn: z.record(z.string(), z.number().int()),
  schemaChanges: z.array(z.object({ kind: z.string(), text: z.string() })),
  headerChanges: z.array(
    z.object({
      key: z.string(),
      change: z.enum(['added', 'removed', 'changed']),
      old: z.string().nullable(),
      new: z.string().nullable(),
    }),
  ),
  /** Borelog layers split, merged or moved, with the diff rows to jump to. */
  depthEvents: z.array(
    z.object({
      kind: z.enum(['boundary_moved', 'split', 'merged', 'rearranged']),
      hole: z.string(),
      from: z.array(DepthIntervalSchema),
      to: z.array(DepthIntervalSchema),
    }),
  ),
})
export type DiffSummaryView = z.infer<typeof DiffSummaryViewSchema>

export const DiffPageSchema = z.object({
  /** Rows in this view: all aligned rows, or only the changed ones. */
  rowCount: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(
    z.object({
      /** Aligned row index (the diff's row number). */
      row: z.number().int().nonnegative(),
      change: z.enum(DIFF_ROW_CHANGES),
      rowA: z.number().int().nonnegative().nullable(),
      rowB: z.number().int().nonnegative().nullable(),
      /** Cells in the summary's `columns` order; null for the side a row is missing from. */
      before: z.array(CellSchema).nullable(),
      after: z.array(CellSchema).nullable(),
      /** Names of the columns whose cell changed. */
      changed: z.array(z.string()),
    }),
  ),
})
export type DiffPage = z.infer<typeof DiffPageSchema>
export type DiffPageRow = DiffPage['rows'][number]

// ---- Field engineers' app: settings, working drafts, import, sync, tasks ----

export const UNITS = ['m', 'ft'] as const
export type Units = (typeof UNITS)[number]
export const THEMES = ['system', 'light', 'dark'] as const

/** The S3 (or any store URL) remote a local store syncs with. */
export const RemoteSettingsSchema = z.object({
  /** s3://bucket/prefix, or a folder for a remote on a shared drive. */
  url: z.string().trim().min(1).max(2000),
  /** S3-compatible endpoint (https://..., http://127.0.0.1:port); null for AWS itself. */
  endpoint: z.string().trim().max(2000).nullable(),
  region: z.string().trim().max(100).nullable(),
  /** AWS profile from the shared config; null: the default credential chain. */
  profile: z.string().trim().max(200).nullable(),
})
export type RemoteSettings = z.infer<typeof RemoteSettingsSchema>

/** Persisted by main in the user's config folder; the renderer only reads and asks to change. */
export const SettingsSchema = z.object({
  /** Folder of the local store that is open. */
  storeLocation: z.string(),
  /** Recorded as created_by / approved_by: the signing identity's name, never the renderer's. */
  userName: UserNameSchema,
  /** The signing identity's key fingerprint (read-only; see docs/SECURITY.md, "Identity"). */
  identityFingerprint: z.string().optional(),
  /** Depths shown and typed in; always stored in metres. */
  units: z.enum(UNITS),
  theme: z.enum(THEMES),
  remote: RemoteSettingsSchema.nullable(),
})
export type Settings = z.infer<typeof SettingsSchema>

/** Everything but the store location, which changes through store.open. */
export const SettingsUpdateSchema = SettingsSchema.omit({
  storeLocation: true,
  identityFingerprint: true,
}).partial()

/** A cell edit value: typed like the column (numbers for Float64/Int32, text, boolean, null). */
const EditValueSchema = CellSchema

/** One undoable draft edit. Row numbers are the draft's current 0-based rows. */
export const DraftEditSchema = z.discriminatedUnion('kind', [
  /** Typing, fill down, clearing: cells set to typed values (depths in metres). */
  z.object({
    kind: z.literal('set'),
    cells: z
      .array(
        z.object({
          row: z.number().int().nonnegative(),
          column: z.string().min(1).max(200),
          value: EditValueSchema,
        }),
      )
      .min(1)
      .max(100_000),
  }),
  /**
   * A block pasted from a spreadsheet: text cells parsed by column type from (row, column)
   * rightwards and down, adding rows past the end. `units` is what the depths were typed in.
   */
  z.object({
    kind: z.literal('paste'),
    row: z.number().int().nonnegative(),
    column: z.string().min(1).max(200),
    values: z
      .array(z.array(z.string().max(10_000)).max(200))
      .min(1)
      .max(100_000),
    units: z.enum(UNITS),
  }),
  /** New empty intervals before row `at` (at = rowCount appends); hole_id is filled in. */
  z.object({
    kind: z.literal('insert'),
    at: z.number().int().nonnegative(),
    count: z.number().int().min(1).max(10_000),
  }),
  z.object({
    kind: z.literal('delete'),
    rows: z.array(z.number().int().nonnegative()).min(1).max(1_000_000),
  }),
  /** Rows from..from+count-1 moved so that the first lands at `to` (in the result). */
  z.object({
    kind: z.literal('move'),
    from: z.number().int().nonnegative(),
    count: z.number().int().min(1).max(1_000_000),
    to: z.number().int().nonnegative(),
  }),
  /** A header property set (value) or removed (null). */
  z.object({
    kind: z.literal('header'),
    key: z.string().trim().min(1).max(200),
    value: z.string().max(10_000).nullable(),
  }),
])
export type DraftEdit = z.infer<typeof DraftEditSchema>

/** A working draft: edits kept on local disk (surviving a crash) until saved as a version. */
export const DraftStateSchema = z.object({
  recordId: RecordIdSchema,
  tableName: z.string(),
  /** The version the edits started from; null for a record not yet in the store. */
  baseVersion: VersionNumberSchema.nullable(),
  /** The record's current version moved past baseVersion since (someone else saved). */
  isBehind: z.boolean(),
  columns: z.array(ColumnInfoSchema),
  rowCount: z.number().int().nonnegative(),
  header: z.record(z.string(), z.string()),
  /** Live findings of the draft as it stands (rows are draft rows). */
  findings: z.array(FindingSchema),
  editCount: z.number().int().nonnegative(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** Label of the edit undo would take back ("Paste 3 × 4 cells"), for menus and tooltips. */
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
  /** True when this draft was found on disk from an earlier run (crash or closed window). */
  wasRecovered: z.boolean(),
  updatedAt: z.string(),
})
export type DraftState = z.infer<typeof DraftStateSchema>

export const DraftSummarySchema = z.object({
  recordId: RecordIdSchema,
  tableName: z.string(),
  baseVersion: VersionNumberSchema.nullable(),
  editCount: z.number().int().nonnegative(),
  updatedAt: z.string(),
})
export type DraftSummary = z.infer<typeof DraftSummarySchema>

/** Where a new record's draft starts. */
export const DraftSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('blank') }),
  /** Header properties of an existing record (project, CRS, method...), no intervals. */
  z.object({ kind: z.literal('template'), recordId: RecordIdSchema }),
  /** Header and intervals of an existing record's latest version, hole id replaced. */
  z.object({ kind: z.literal('duplicate'), recordId: RecordIdSchema }),
])

export const DraftPageSchema = z.object({
  columns: z.array(ColumnInfoSchema),
  rowCount: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(z.array(CellSchema)),
})
export type DraftPage = z.infer<typeof DraftPageSchema>

export const IMPORT_FORMATS = ['csv', 'parquet', 'ags4'] as const
export const EXPORT_FORMATS = ['ags4', 'csv', 'parquet'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** A file the user picked, sent whole (the renderer never touches paths). */
const ImportFileSchema = z.object({
  fileName: z.string().min(1).max(500),
  /** File bytes, base64. */
  contentBase64: z
    .string()
    .max(200 * 1024 * 1024)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'file content must be base64'),
})

export const ImportOptionsSchema = ImportFileSchema.extend({
  tableName: TableNameSchema.default('borelog'),
  /** Target column -> source column (null: leave empty). Absent: main suggests one. */
  mapping: z.record(z.string(), z.string().nullable()).optional(),
  /** Unit of the file's depth columns: ft converts to metres. */
  sourceUnits: z.enum(UNITS).default('m'),
})

export const ImportPreviewSchema = z.object({
  format: z.enum(IMPORT_FORMATS),
  sourceColumns: z.array(z.object({ name: z.string(), samples: z.array(z.string()) })),
  targetColumns: z.array(ColumnInfoSchema),
  /** The mapping used (suggested by name when the request had none). */
  mapping: z.record(z.string(), z.string().nullable()),
  rowCount: z.number().int().nonnegative(),
  /** The first rows as they would be stored (target columns, metres). */
  previewRows: z.array(z.array(CellSchema)),
  /** Validation findings of the whole converted table, plus conversion problems. */
  findings: z.array(FindingSchema),
  /** AGS4: the holes (one record each) the file holds. */
  holes: z.array(z.object({ holeId: z.string(), rowCount: z.number().int().nonnegative() })),
  /** Depth unit the mapped columns' headers name ("Depth top (ft)"), null when none does. */
  detectedUnits: z.enum(UNITS).nullable(),
})
export type ImportPreview = z.infer<typeof ImportPreviewSchema>

export const SyncStatusViewSchema = z.object({
  /** No remote set in settings. */
  isConfigured: z.boolean(),
  remote: z.string().nullable(),
  state: z.enum(['not-configured', 'up-to-date', 'changes', 'conflicts', 'offline', 'syncing']),
  toPush: z.number().int().nonnegative(),
  toPull: z.number().int().nonnegative().nullable(),
  conflicts: z.number().int().nonnegative(),
  lastSyncAt: z.string().nullable(),
  /** Why the remote could not be reached, or the last sync's error. */
  message: z.string().nullable(),
})
export type SyncStatusView = z.infer<typeof SyncStatusViewSchema>

const JsonValueSchema: z.ZodType<unknown> = z.unknown()

export const SyncConflictViewSchema = z.object({
  recordId: RecordIdSchema,
  baseVersion: z.number().int().nullable(),
  localVersion: z.number().int(),
  remoteVersion: z.number().int(),
  conflicts: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      key: z.record(z.string(), JsonValueSchema).nullable(),
      column: z.string().nullable(),
      base: JsonValueSchema,
      ours: JsonValueSchema,
      theirs: JsonValueSchema,
      message: z.string(),
    }),
  ),
})
export type SyncConflictView = z.infer<typeof SyncConflictViewSchema>

export const SyncRunResultSchema = z.object({
  pulled: z.number().int().nonnegative(),
  pushed: z.number().int().nonnegative(),
  merged: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  status: SyncStatusViewSchema,
})

export const CHANNELS = {
  'store.info': { request: z.object({}), response: StoreInfoSchema },
  'records.list': { request: ListQuerySchema, response: ListResultSchema },
  'record.get': { request: z.object({ recordId: RecordIdSchema }), response: RecordDetailSchema },
  'record.versions': {
    request: z.object({ recordId: RecordIdSchema }),
    response: z.object({ versions: z.array(VersionInfoSchema) }),
  },
  'record.history': {
    request: z.object({ recordId: RecordIdSchema }),
    response: RecordHistorySchema,
  },
  'version.page': { request: VersionPageRequestSchema, response: VersionPageSchema },
  'version.findings': {
    request: RecordVersionSchema,
    response: z.object({ findings: z.array(FindingSchema) }),
  },
  'diff.summary': { request: DiffRequestSchema, response: DiffSummaryViewSchema },
  'diff.page': {
    request: DiffRequestSchema.extend({
      offset: z.number().int().nonnegative(),
      limit: z.number().int().positive().max(MAX_PAGE_ROWS),
      /** Page through the changed rows only (offset counts changes), or through every aligned row. */
      onlyChanges: z.boolean(),
    }),
    response: DiffPageSchema,
  },
  'diff.seek': {
    request: DiffRequestSchema.extend({
      /** Aligned row to step from (-1 before the first row). */
      at: z.number().int().min(-1),
      direction: z.enum(['next', 'previous']),
    }),
    response: z.object({
      /** Aligned row of the change found, or null past the last / before the first. */
      row: z.number().int().nonnegative().nullable(),
      /** 1-based number of that change ("change 3 of 17"); 0 when none. */
      ordinal: z.number().int().nonnegative(),
      changeCount: z.number().int().nonnegative(),
    }),
  },
  'record.approve': {
    request: RecordVersionSchema.extend({ comment: z.string().max(4000).optional() }),
    response: ReviewResultSchema,
  },
  'record.reject': {
    request: RecordVersionSchema.extend({
      reason: z.string().trim().min(1, 'a reason is required to reject').max(4000),
    }),
    response: ReviewResultSchema,
  },

  'settings.get': { request: z.object({}), response: SettingsSchema },
  'settings.update': { request: SettingsUpdateSchema, response: SettingsSchema },
  /** Opens (or with create, makes) a store folder and makes it the settings' store. */
  'store.open': {
    request: z.object({ location: z.string().trim().min(1).max(4000), create: z.boolean() }),
    response: StoreInfoSchema,
  },
  'drafts.list': {
    request: z.object({}),
    response: z.object({ drafts: z.array(DraftSummarySchema) }),
  },
  /** Resumes the record's working draft, or starts one from its latest version. */
  'draft.open': { request: z.object({ recordId: RecordIdSchema }), response: DraftStateSchema },
  /** A working draft for a record not yet in the store. */
  'draft.create': {
    request: z.object({
      recordId: RecordIdSchema,
      tableName: TableNameSchema.default('borelog'),
      header: z.record(z.string().max(200), z.string().max(10_000)).default({}),
      source: DraftSourceSchema,
    }),
    response: DraftStateSchema,
  },
  'draft.page': {
    request: z.object({
      recordId: RecordIdSchema,
      offset: z.number().int().nonnegative(),
      limit: z.number().int().positive().max(MAX_PAGE_ROWS),
    }),
    response: DraftPageSchema,
  },
  'draft.edit': {
    request: z.object({ recordId: RecordIdSchema, edit: DraftEditSchema }),
    response: DraftStateSchema,
  },
  'draft.undo': { request: z.object({ recordId: RecordIdSchema }), response: DraftStateSchema },
  'draft.redo': { request: z.object({ recordId: RecordIdSchema }), response: DraftStateSchema },
  /** Saves the draft as a new version (or the record's first) and deletes the working draft. */
  'draft.save': {
    request: z.object({ recordId: RecordIdSchema, comment: z.string().max(4000) }),
    response: ReviewResultSchema,
  },
  'draft.discard': {
    request: z.object({ recordId: RecordIdSchema }),
    response: z.object({}),
  },
  /** What an import would store, with its findings; saves nothing. */
  'import.preview': { request: ImportOptionsSchema, response: ImportPreviewSchema },
  /**
   * CSV and Parquet: a working draft of `recordId` holding the converted rows (a new record,
   * or replacing an existing record's intervals), saved later with a comment. AGS4: every
   * hole saved as its record's next version at once, with `comment`.
   */
  'import.apply': {
    request: ImportOptionsSchema.extend({
      recordId: RecordIdSchema.optional(),
      comment: z.string().max(4000).default(''),
      taskId: z.string().max(100).optional(),
    }),
    response: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('draft'), draft: DraftStateSchema }),
      z.object({
        kind: z.literal('records'),
        results: z.array(
          z.object({
            recordId: z.string(),
            ok: z.boolean(),
            version: z.number().int().nullable(),
            message: z.string().nullable(),
          }),
        ),
      }),
    ]),
  },
  'sync.status': { request: z.object({}), response: SyncStatusViewSchema },
  'sync.run': {
    request: z.object({ taskId: z.string().max(100).optional() }),
    response: SyncRunResultSchema,
  },
  'sync.conflicts': {
    request: z.object({}),
    response: z.object({ records: z.array(SyncConflictViewSchema) }),
  },
  'sync.resolve': {
    request: z.object({
      recordId: RecordIdSchema,
      localVersion: z.number().int().positive(),
      resolutions: z.record(
        z.string(),
        z.union([z.literal('ours'), z.literal('theirs'), z.object({ value: JsonValueSchema })]),
      ),
    }),
    response: z.object({ version: z.number().int().positive() }),
  },
  /** One version as a file to download: AGS4 text, CSV, or the stored Parquet file itself. */
  'record.export': {
    request: RecordVersionSchema.extend({
      format: z.enum(EXPORT_FORMATS),
      taskId: z.string().max(100).optional(),
    }),
    response: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      contentBase64: z.string(),
      /** What the export had to add or could not carry (AGS4 conformance notes). */
      notes: z.array(z.string()),
    }),
  },
  /** Stops long work that announced itself cancellable in a progress event. */
  'task.cancel': {
    request: z.object({ taskId: z.string().min(1).max(100) }),
    response: z.object({ wasRunning: z.boolean() }),
  },
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>

// Compile-time check that names.ts lists exactly the channels above.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const channelsMatch: Exact<keyof typeof CHANNELS, Channel> = true
/** What the caller passes (before parsing: defaults optional). */
export type RequestOf<C extends Channel> = z.input<(typeof CHANNELS)[C]['request']>
/** What a handler receives (after parsing). */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof CHANNELS)[C]['request']>
export type ResponseOf<C extends Channel> = z.output<(typeof CHANNELS)[C]['response']>

export const EVENTS = {
  /** Records written by this or another process; the renderer refetches what it shows. */
  'store.changed': z.object({ recordIds: z.array(z.string()) }),
  /** Long work (opening or sorting a large version, diffing): `total` null when unknown. */
  progress: z.object({
    taskId: z.string(),
    label: z.string(),
    done: z.number().nonnegative(),
    total: z.number().nonnegative().nullable(),
    /** task.cancel stops it safely (nothing half-saved). */
    isCancellable: z.boolean().optional(),
  }),
  /** Settings changed (another window, or the store folder opened): screens refetch. */
  'settings.changed': SettingsSchema,
} as const satisfies Record<EventName, z.ZodType>
const eventsMatch: Exact<keyof typeof EVENTS, EventName> = true
export const CONTRACT_NAMES_MATCH = channelsMatch && eventsMatch

export type EventOf<E extends EventName> = z.output<(typeof EVENTS)[E]>

export const ErrorPayloadSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
})

/** What every call resolves to. Electron forwards only a thrown error's message, so errors travel as values. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload }

/** The renderer's only way to main: the preload bridge or the browser host client. */
export interface IpcClient {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>
  /** Returns a function that removes the listener. */
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void
}
