// A record's project is its header's project id and name (from AGS PROJ on import).
// `list --project` and `export-ags --project` select records by it, through the
// catalog's summaries (which carry each record's header), never by reading versions.
import { NotFoundError } from '../../shared/errors'
import type { ListQuery, ListResult, RecordSummary } from '../../shared/records'

/** What the project selection uses of the store. */
export interface ProjectStore {
  listRecords(query?: ListQuery): Promise<ListResult>
}

/** Matches the project id or the project name, whole and ignoring case and outer spaces. */
export function inProject(summary: RecordSummary, project: string): boolean {
  const wanted = project.trim().toLowerCase()
  return [summary.header.project_id, summary.header.project].some(
    (value) => value !== undefined && value.trim().toLowerCase() === wanted,
  )
}

/**
 * The list query limited to one project. The status counts and the limit apply after
 * the project filter, so they describe the project's records only.
 */
export async function listProject(
  store: ProjectStore,
  query: ListQuery,
  project: string,
): Promise<ListResult> {
  const { status, limit, offset, ...rest } = query
  const all = (await store.listRecords(rest)).records.filter((r) => inProject(r, project))
  const countsByStatus = { draft: 0, approved: 0, rejected: 0 }
  for (const r of all) countsByStatus[r.status]++
  const matches = status && status.length > 0 ? all.filter((r) => status.includes(r.status)) : all
  const from = offset ?? 0
  const records = matches.slice(from, limit !== undefined ? from + limit : undefined)
  return { records, total: matches.length, countsByStatus }
}

/** Every record id of the project, in record id order; NOT_FOUND when it has none. */
export async function projectRecordIds(store: ProjectStore, project: string): Promise<string[]> {
  const { records } = await listProject(store, {}, project)
  if (records.length === 0)
    throw new NotFoundError(
      `No record belongs to project "${project}" (matched against each record's project id and name).`,
      { project },
    )
  return records.map((r) => r.record_id)
}
