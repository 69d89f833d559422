// The reviewer's calls on the open store: what the store holds, one record with its
// verified history, and approve / reject. Who approves or rejects is the session's user,
// set by the app: the renderer cannot claim another identity. A review is announced
// once, by the call that made it (see change-watcher.ts).
import { BorelogError } from '../../shared/errors'
import type { ParsedRequestOf, ResponseOf, StoreInfo } from '../../shared/ipc/contract'
import type { MetadataJson } from '../../shared/metadata'
import { chainReader, checkEntrySignature, verifyRecord } from '../store/index'
import type { StoreDesk } from './session'

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((v) => typeof v === 'string')
  )
}

function distinctSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((v) => v !== '').sort((a, b) => a.localeCompare(b))
}

export async function storeInfo(
  desk: StoreDesk & { location: string; host: 'electron' | 'browser' },
): Promise<StoreInfo> {
  const all = await desk.catalog.list({})
  return {
    location: desk.location,
    user: desk.user(),
    recordCount: all.total,
    tableNames: distinctSorted(all.records.map((r) => r.table_name)),
    authors: distinctSorted(all.records.map((r) => r.created_by)),
    host: desk.host,
  }
}

export async function getRecord(
  desk: StoreDesk,
  recordId: string,
): Promise<ResponseOf<'record.get'>> {
  const metadata = await desk.store.getMetadata(recordId)
  // The version file holds the full header; metadata.json a short copy. When the file
  // cannot be read, the page still opens on the short copy and the history says why.
  const header = await desk.store
    .readVersionInfo(recordId, metadata.current_version)
    .then((info) => info.header)
    .catch((e: unknown) => {
      if (e instanceof BorelogError && isStringRecord(metadata.header)) return metadata.header
      throw e
    })
  return { metadata, header }
}

export async function recordHistory(
  desk: StoreDesk,
  recordId: string,
): Promise<ResponseOf<'record.history'>> {
  const metadata = await desk.store.getMetadata(recordId)
  // verifyRecord checks the history chain and re-hashes every version file: each problem
  // is reported once, by it.
  const verified = await verifyRecord(desk.store, recordId)
  // Warnings (legacy unsigned entries, events older than the chain) do not make a
  // history broken; the per-entry signature status shows them.
  const errors = verified.problems.filter((p) => p.severity === 'error')
  const problems = errors.map((p) => ({
    code: p.code,
    version: p.version ?? null,
    message: p.message,
  }))
  const chains = chainReader(desk.store.objects)
  const signatures = await Promise.all(
    metadata.history.map((entry) => checkEntrySignature(entry, chains)),
  )
  return {
    entries: metadata.history,
    signatures,
    integrity: {
      isIntact: problems.length === 0,
      checkedEntries: metadata.history.length,
      checkedVersions: verified.versionsChecked,
      problems,
    },
  }
}

export async function approveVersion(
  desk: StoreDesk,
  { recordId, version, comment }: ParsedRequestOf<'record.approve'>,
): Promise<MetadataJson> {
  return desk.committing(
    () =>
      desk.store.approveRecord({ recordId, version, by: desk.user(), comment: comment ?? null }),
    () => [recordId],
  )
}

export async function rejectVersion(
  desk: StoreDesk,
  { recordId, version, reason }: ParsedRequestOf<'record.reject'>,
): Promise<MetadataJson> {
  return desk.committing(
    () => desk.store.rejectRecord({ recordId, version, by: desk.user(), reason: reason.trim() }),
    () => [recordId],
  )
}

/**
 * Saves the record's working draft as a new version. A task (the window shows it), not
 * cancellable: it is one store commit, which either happens whole or not at all.
 */
export async function saveDraft(
  desk: StoreDesk,
  recordId: string,
  comment: string,
): Promise<MetadataJson> {
  return desk.committing(
    () =>
      desk.tasks.run({ label: `Saving ${recordId}`, isCancellable: false }, (task) =>
        desk.drafts.save(recordId, comment, task.signal),
      ),
    () => [recordId],
  )
}
