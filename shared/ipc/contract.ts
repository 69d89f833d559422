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
