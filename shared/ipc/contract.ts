// The one IPC contract between the renderer and main (DESIGN.md 5, STYLE.md 2, issue 5).
// Every channel maps to zod request/response schemas and every event to a payload
// schema; the preload bridge, the main handlers, the browser host and the renderer are
// all typed from this file. Main parses every request with these schemas because the
// renderer is untrusted input. Large data (grid rows, diff rows) travels in bounded
// pages, never as one giant JSON: the page schemas cap `limit`.
import { z } from 'zod'

import { ERROR_CODES, type ErrorPayload } from '../errors'
import { FindingSchema, HistoryEntrySchema, MetadataJsonSchema } from '../metadata'
import { ListQuerySchema, ListResultSchema, VersionInfoSchema } from '../records'
import type { Channel, EventName } from './names'

export * from './names'

/** Rows one page may carry: big enough to fill a tall screen twice, small enough to stay cheap. */
export const MAX_PAGE_ROWS = 2000

const RecordIdSchema = z.string().min(1).max(200)
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

export const RecordHistorySchema = z.object({
  entries: z.array(HistoryEntrySchema),
  integrity: HistoryIntegritySchema,
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
  }),
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
