// The on-disk `records/{id}/metadata.json` (see docs/ARCHITECTURE.md, "On-disk format").
// Keys are snake_case and verbatim; other tools read this file. Extra keys are allowed
// and preserved (zod `loose`), renaming or dropping one of the original keys is not.
import { z } from 'zod'

export const RECORD_STATUSES = ['draft', 'approved', 'rejected'] as const
export const RecordStatusSchema = z.enum(RECORD_STATUSES)
export type RecordStatus = z.infer<typeof RecordStatusSchema>

/** ISO-8601 UTC with `Z`, e.g. 2026-03-02T10:14:00.000Z: sorts as text, one zone for all writers. */
export const IsoUtcSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, 'an ISO-8601 UTC time ending in Z')

export const HISTORY_ACTIONS = ['create', 'update', 'approve', 'reject', 'merge'] as const
export type HistoryAction = (typeof HISTORY_ACTIONS)[number]

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex sha256')

export const HistoryEntrySchema = z.looseObject({
  // the original keys
  version: z.number().int().positive(),
  status: RecordStatusSchema,
  created_by: z.string(),
  created_at: IsoUtcSchema,
  comment: z.string().nullable(),
  // extra keys: the tamper-evident chain (see docs/ARCHITECTURE.md, "Invariants")
  action: z.enum(HISTORY_ACTIONS).optional(),
  /** sha256 of the version file this entry wrote (create/update) or reviewed (approve/reject). */
  file_sha256: Sha256Schema.optional(),
  /** entry_sha256 of the entry before this one; null for the first. */
  prev_entry_sha256: Sha256Schema.nullable().optional(),
  /** sha256 of this entry's canonical JSON without `entry_sha256` itself. */
  entry_sha256: Sha256Schema.optional(),
  parent_version: z.number().int().positive().nullable().optional(),
  reason: z.string().optional(),
  /** The author's Ed25519 signature of entry_sha256 and the key's fingerprint (see docs/ARCHITECTURE.md, "Signed history"). */
  signature: z.looseObject({ key: z.string(), value: z.string() }).optional(),
})
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

export const MetadataJsonSchema = z.looseObject({
  record_id: z.string(),
  table_name: z.string(),
  current_version: z.number().int().positive(),
  status: RecordStatusSchema,
  created_by: z.string(),
  created_at: IsoUtcSchema,
  approved_by: z.string().nullable(),
  approved_at: IsoUtcSchema.nullable(),
  rejected_by: z.string().nullable(),
  rejected_at: IsoUtcSchema.nullable(),
  history: z.array(HistoryEntrySchema),
  // extras
  /** Time of the latest history entry; the catalog sorts and filters on it. */
  updated_at: IsoUtcSchema.optional(),
  key_columns: z.array(z.string()).optional(),
})
export type MetadataJson = z.infer<typeof MetadataJsonSchema>

export const FindingSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** 0-based row of the version's table, or null for a table-level finding. */
  row: z.number().int().nonnegative().nullable(),
  column: z.string().nullable(),
  rule: z.string(),
  message: z.string(),
})
export type Finding = z.infer<typeof FindingSchema>
