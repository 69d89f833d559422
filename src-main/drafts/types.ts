// What the application needs of working drafts. A working draft is one record's
// uncommitted edits, kept on the local disk (outside the store: the store's format is
// shared with other tools) so they survive a crash or a closed window, and saved as a
// version with a comment.
import type { Table } from 'apache-arrow'

import type { DraftEdit, DraftPage, DraftState, DraftSummary } from '../../shared/ipc/contract'
import type { Finding, MetadataJson } from '../../shared/metadata'

export type DraftSource =
  | { kind: 'blank' }
  | { kind: 'template'; recordId: string }
  | { kind: 'duplicate'; recordId: string }

export interface CreateDraftInput {
  recordId: string
  tableName: string
  header: Record<string, string>
  source: DraftSource
}

export interface DraftFromTableInput {
  recordId: string
  tableName: string
  /** Rows in the table's registered schema (conformed by the caller). */
  table: Table
  header: Record<string, string>
  /** Findings of the source (conversion problems) kept with the draft and its version. */
  extraFindings?: Finding[]
}

export interface DraftManagerApi {
  list(): Promise<DraftSummary[]>
  /** Resumes the record's working draft, or starts one from its latest version. */
  open(recordId: string): Promise<DraftState>
  /** A draft for a record not in the store (ALREADY_EXISTS when it is, or has a draft). */
  create(input: CreateDraftInput): Promise<DraftState>
  /** A draft holding `table`: a new record, or replacing an existing record's rows. */
  createFromTable(input: DraftFromTableInput): Promise<DraftState>
  page(recordId: string, offset: number, limit: number): Promise<DraftPage>
  edit(recordId: string, edit: DraftEdit): Promise<DraftState>
  undo(recordId: string): Promise<DraftState>
  redo(recordId: string): Promise<DraftState>
  /** Commits the draft (createRecord or updateRecord with baseVersion), then deletes it. */
  save(recordId: string, comment: string, signal?: AbortSignal): Promise<MetadataJson>
  discard(recordId: string): Promise<void>
}
