// metadata.json's top-level fields are a cache of what the history (and the version
// files it names) says. One function derives them; commits build metadata.json with it,
// reads act on it instead of the cached values, and verify reports every field that
// differs from it. So a hand-edited `status` can neither list a record as approved nor
// block a real review. See docs/ARCHITECTURE.md, "Invariants".
import { InternalError } from '../../shared/errors'
import type { HistoryEntry, MetadataJson, RecordStatus } from '../../shared/metadata'
import { canonicalJson, isWriteEntry } from './history'
import type { VersionFileInfo } from './version-file'

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

/** What the version files say that the history does not: from the current version's file. */
export interface VersionSource {
  table_name: string
  /** The version's full header; metadata.json lists the short values. */
  header: Record<string, string>
  /** The key of a table nobody registered; undefined for a registered table. */
  key_columns: string[] | undefined
}

/** The source a version file gives; `registered`: its table has registered rules (and so no key_columns key). */
export function sourceOf(info: VersionFileInfo, registered: boolean): VersionSource {
  return {
    table_name: info.table_name,
    header: info.header,
    key_columns: registered ? undefined : info.key_columns,
  }
}

export interface HistoryFields {
  current_version: number
  status: RecordStatus
  created_by: string
  created_at: string
  approved_by: string | null
  approved_at: string | null
  rejected_by: string | null
  rejected_at: string | null
  updated_at: string
}

export interface DerivedFields extends HistoryFields {
  table_name: string
  header: Record<string, string>
  key_columns: string[] | undefined
}

/**
 * The fields the history alone decides. Reviews describe the current version only: a
 * new draft has no approver or rejecter (the history keeps every review), and a review of
 * an older version that sync appended later is history, not the record's state.
 */
export function deriveHistoryFields(history: readonly HistoryEntry[]): HistoryFields {
  const first = history[0]
  if (!first)
    throw new InternalError('A history has at least one entry (parseMetadataJson checks it).')
  const currentVersion = Math.max(...history.filter(isWriteEntry).map((e) => e.version), 0)
  const aboutCurrent = history.filter((e) => e.version === currentVersion)
  const lastWith = (status: RecordStatus): HistoryEntry | undefined =>
    aboutCurrent.filter((e) => !isWriteEntry(e) && e.status === status).at(-1)
  const approval = lastWith('approved')
  const rejection = lastWith('rejected')
  return {
    current_version: currentVersion,
    status: aboutCurrent.at(-1)?.status ?? 'draft',
    created_by: first.created_by,
    created_at: first.created_at,
    approved_by: approval?.created_by ?? null,
    approved_at: approval?.created_at ?? null,
    rejected_by: rejection?.created_by ?? null,
    rejected_at: rejection?.created_at ?? null,
    updated_at: history.reduce((max, e) => (e.created_at > max ? e.created_at : max), ''),
  }
}

/** Every top-level field, from the history and the current version's self-description. */
export function deriveTopLevel(
  history: readonly HistoryEntry[],
  source: VersionSource,
): DerivedFields {
  return {
    ...deriveHistoryFields(history),
    table_name: source.table_name,
    header: listedHeader(source.header),
    key_columns: source.key_columns,
  }
}

/**
 * metadata.json for `history`: the derived fields replace the cached ones, keys other
 * tools may have added are kept, and the original keys keep their order.
 */
export function buildMetadata(
  recordId: string,
  history: HistoryEntry[],
  source: VersionSource,
  previous?: MetadataJson,
): MetadataJson {
  const derived = deriveTopLevel(history, source)
  const metadata: MetadataJson = {
    record_id: recordId,
    table_name: derived.table_name,
    current_version: derived.current_version,
    status: derived.status,
    created_by: derived.created_by,
    created_at: derived.created_at,
    approved_by: derived.approved_by,
    approved_at: derived.approved_at,
    rejected_by: derived.rejected_by,
    rejected_at: derived.rejected_at,
    history,
    updated_at: derived.updated_at,
    header: derived.header,
  }
  const extras = { ...previous }
  for (const key of [...Object.keys(metadata), 'key_columns']) delete extras[key]
  return {
    ...metadata,
    ...(derived.key_columns ? { key_columns: derived.key_columns } : {}),
    ...extras,
  }
}

/** metadata.json as reads act on it: the history-derived fields replace the cached ones. */
export function withDerivedFields(metadata: MetadataJson): MetadataJson {
  return { ...metadata, ...deriveHistoryFields(metadata.history) }
}

export interface FieldMismatch {
  field: string
  /** What metadata.json says (undefined: the key is missing). */
  stored: unknown
  /** What the history and version files say. */
  derived: unknown
}

/** The top-level fields of `metadata` that differ from what its history and files say. */
export function compareTopLevel(
  metadata: MetadataJson,
  derived: Partial<DerivedFields>,
): FieldMismatch[] {
  const stored = metadata as Record<string, unknown>
  const mismatches: FieldMismatch[] = []
  for (const [field, value] of Object.entries(derived)) {
    if (canonicalJson(stored[field]) !== canonicalJson(value))
      mismatches.push({ field, stored: stored[field], derived: value })
  }
  return mismatches
}
