// Reading versions of a record, given the one metadata.json snapshot the caller's
// operation took: nothing here reads metadata.json again.
import type { Table } from 'apache-arrow'

import type { Finding, MetadataJson } from '../../shared/metadata'
import type { VersionInfo } from '../../shared/records'
import { sha256Hex } from '../object-store/index'
import { decodeParquet } from '../parquet/index'
import type { StoreCore } from './core'
import { versionKey } from './layout'
import { assertCommittedVersion, recordedFileSha } from './verified-files'
import { countFindings, type VersionFileInfo } from './version-file'

export interface VersionPage {
  recordId: string
  version: number
  table: Table
  rowCount: number
  offset: number
  header: Record<string, string>
  findings: Finding[]
  info: VersionFileInfo
  fileSha256: string
}

function where(core: StoreCore, recordId: string, version: number): string {
  return `${core.objects.location}/${versionKey(recordId, version)}`
}

/** The raw bytes of a committed version file, checked against the history's sha256. */
export async function readVersionFile(
  core: StoreCore,
  metadata: MetadataJson,
  version: number,
): Promise<Uint8Array> {
  assertCommittedVersion(metadata, version)
  return core.files.bytes(metadata, version)
}

export async function readVersionTable(
  core: StoreCore,
  metadata: MetadataJson,
  version: number,
): Promise<Table> {
  const bytes = await readVersionFile(core, metadata, version)
  return decodeParquet(bytes, where(core, metadata.record_id, version))
}

export async function readVersionInfo(
  core: StoreCore,
  metadata: MetadataJson,
  version: number,
): Promise<VersionFileInfo> {
  const bytes = await readVersionFile(core, metadata, version)
  return core.files.info(bytes, where(core, metadata.record_id, version))
}

/** A page of rows of a version plus its header and findings (the grid reads this). */
export async function readVersionPage(
  core: StoreCore,
  metadata: MetadataJson,
  version: number,
  page: { offset?: number; limit?: number },
): Promise<VersionPage> {
  const recordId = metadata.record_id
  const bytes = await readVersionFile(core, metadata, version)
  const at = where(core, recordId, version)
  const info = core.files.info(bytes, at)
  const offset = Math.max(0, page.offset ?? 0)
  const table = decodeParquet(bytes, at, {
    offset,
    ...(page.limit !== undefined ? { limit: page.limit } : {}),
  })
  return {
    recordId,
    version,
    table,
    rowCount: info.row_count,
    offset,
    header: info.header,
    findings: info.findings,
    info,
    fileSha256: recordedFileSha(metadata, version) ?? sha256Hex(bytes),
  }
}

/** Every version with its author, time, status reached and finding counts (the record page). */
export async function listVersions(
  core: StoreCore,
  metadata: MetadataJson,
): Promise<VersionInfo[]> {
  const out: VersionInfo[] = []
  for (let version = 1; version <= metadata.current_version; version++) {
    const info = await readVersionInfo(core, metadata, version)
    const entries = metadata.history.filter((e) => e.version === version)
    const written =
      entries.find((e) => e.action === 'create' || e.action === 'update' || e.action === 'merge') ??
      entries[0]
    const last = entries[entries.length - 1]
    const counts = countFindings(info.findings)
    out.push({
      version,
      parent_version: info.parent_version,
      created_by: written?.created_by ?? info.created_by,
      created_at: written?.created_at ?? info.created_at,
      comment: written?.comment ?? info.comment,
      file_sha256: written?.file_sha256 ?? '',
      row_count: info.row_count,
      status: last?.status ?? 'draft',
      error_count: counts.errors,
      warning_count: counts.warnings,
    })
  }
  return out
}
