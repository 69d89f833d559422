// Domain types that cross the IPC boundary and the CLI: record queries and their
// results. zod schemas, because the renderer is untrusted input.
import { z } from 'zod'

import { FindingSchema, IsoUtcSchema, MetadataJsonSchema, RecordStatusSchema } from './metadata'

export const LIST_SORT_FIELDS = [
  'record_id',
  'updated_at',
  'created_at',
  'current_version',
  'status',
  'table_name',
] as const

export const ListQuerySchema = z.object({
  status: z.array(RecordStatusSchema).optional(),
  tableName: z.string().optional(),
  createdBy: z.string().optional(),
  approvedBy: z.string().optional(),
  minVersion: z.number().int().optional(),
  maxVersion: z.number().int().optional(),
  updatedSince: IsoUtcSchema.optional(),
  updatedBefore: IsoUtcSchema.optional(),
  idPrefix: z.string().optional(),
  /** Case-insensitive substring of record id, table, authors or header (project, hole). */
  text: z.string().optional(),
  sort: z
    .object({ field: z.enum(LIST_SORT_FIELDS), direction: z.enum(['asc', 'desc']) })
    .optional(),
  offset: z.number().int().nonnegative().optional(),
  limit: z.number().int().positive().max(100_000).optional(),
})
export type ListQuery = z.infer<typeof ListQuerySchema>

/** A record as the list shows it: the metadata.json object without its history, plus header fields. */
export const RecordSummarySchema = MetadataJsonSchema.omit({ history: true }).extend({
  updated_at: IsoUtcSchema,
  /** Header properties of the current version (hole id, project, ...), for search and display. */
  header: z.record(z.string(), z.string()),
  history_length: z.number().int(),
})
export type RecordSummary = z.infer<typeof RecordSummarySchema>

export const ListResultSchema = z.object({
  records: z.array(RecordSummarySchema),
  /** Matching records before paging. */
  total: z.number().int(),
  /** Counts per status over the matches ignoring the status filter (for the status chips). */
  countsByStatus: z.object({
    draft: z.number().int(),
    approved: z.number().int(),
    rejected: z.number().int(),
  }),
})
export type ListResult = z.infer<typeof ListResultSchema>

export const VersionInfoSchema = z.object({
  version: z.number().int().positive(),
  parent_version: z.number().int().positive().nullable(),
  created_by: z.string(),
  created_at: IsoUtcSchema,
  comment: z.string().nullable(),
  file_sha256: z.string(),
  row_count: z.number().int(),
  /** The status this version reached (approved/rejected) or draft. */
  status: RecordStatusSchema,
  error_count: z.number().int(),
  warning_count: z.number().int(),
})
export type VersionInfo = z.infer<typeof VersionInfoSchema>

export const BatchItemResultSchema = z.object({
  recordId: z.string(),
  ok: z.boolean(),
  version: z.number().int().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
})
export type BatchItemResult = z.infer<typeof BatchItemResultSchema>

export { FindingSchema }
