// A version file is an ordinary Parquet file (pandas, pyarrow and DuckDB open it)
// that also describes itself in its key-value metadata, so metadata.json can be
// checked against the files and rebuilt from them by repair.
// See docs/ARCHITECTURE.md, "On-disk format".
import type { Table } from 'apache-arrow'
import { z } from 'zod'

import { CorruptParquetError } from '../../shared/errors'
import { FindingSchema, IsoUtcSchema, type Finding } from '../../shared/metadata'
import { encodeParquet, readKeyValueMetadata } from '../parquet/index'
import { schemaToJson } from '../schema/index'

export const KV_PREFIX = 'borelog.'
const FORMAT = '1'

export const VersionFileInfoSchema = z.object({
  record_id: z.string(),
  table_name: z.string(),
  version: z.number().int().positive(),
  parent_version: z.number().int().positive().nullable(),
  created_by: z.string(),
  created_at: IsoUtcSchema,
  comment: z.string().nullable(),
  header: z.record(z.string(), z.string()),
  findings: z.array(FindingSchema),
  /** Column names and Arrow types (the schema layer's JSON form). */
  table_schema: z.unknown(),
  key_columns: z.array(z.string()),
  row_count: z.number().int().nonnegative(),
  /** For a merge made by sync: the two versions it joins. */
  merged_from: z.array(z.number().int().positive()).optional(),
})
export type VersionFileInfo = z.infer<typeof VersionFileInfoSchema>

const JSON_FIELDS = [
  'parent_version',
  'comment',
  'header',
  'findings',
  'table_schema',
  'key_columns',
  'merged_from',
] as const

export function encodeVersionFile(table: Table, info: VersionFileInfo): Uint8Array {
  const kv = new Map<string, string>([[`${KV_PREFIX}format`, FORMAT]])
  for (const [key, value] of Object.entries(info)) {
    if (value === undefined) continue
    const isJson = (JSON_FIELDS as readonly string[]).includes(key)
    kv.set(KV_PREFIX + key, isJson ? JSON.stringify(value) : String(value))
  }
  return encodeParquet(table, { keyValueMetadata: kv })
}

/**
 * The file of a new version: `info` plus what the table itself says (its schema and row
 * count) and the key columns of its definition. merged_from goes last, where saves and
 * merges have always written it.
 */
export function encodeNewVersion(
  table: Table,
  def: { keyColumns: string[] },
  info: Omit<VersionFileInfo, 'table_schema' | 'key_columns' | 'row_count'>,
): Uint8Array {
  const { merged_from: mergedFrom, ...described } = info
  return encodeVersionFile(table, {
    ...described,
    table_schema: schemaToJson(table.schema),
    key_columns: def.keyColumns,
    row_count: table.numRows,
    ...(mergedFrom ? { merged_from: mergedFrom } : {}),
  })
}

/** Reads the self-description from the footer (no data pages). `where` names the file in errors. */
export function readVersionFileInfo(bytes: Uint8Array, where: string): VersionFileInfo {
  const kv = readKeyValueMetadata(bytes, where)
  if (!kv.has(`${KV_PREFIX}format`)) {
    throw new CorruptParquetError(
      `${where} is Parquet but not a Borelog Desk version file (no ${KV_PREFIX}format key).`,
      { where },
    )
  }
  const raw: Record<string, unknown> = {}
  for (const [key, value] of kv) {
    if (!key.startsWith(KV_PREFIX) || key === `${KV_PREFIX}format`) continue
    const field = key.slice(KV_PREFIX.length)
    try {
      raw[field] = (JSON_FIELDS as readonly string[]).includes(field)
        ? JSON.parse(value)
        : field === 'version' || field === 'row_count'
          ? Number(value)
          : value
    } catch (e) {
      throw new CorruptParquetError(
        `${where}: key-value metadata ${key} is not valid JSON.`,
        { where, key },
        { cause: e },
      )
    }
  }
  const parsed = VersionFileInfoSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new CorruptParquetError(
      `${where}: key-value metadata ${KV_PREFIX}${issue?.path.join('.') ?? '?'} is invalid: ${issue?.message ?? 'unknown'}.`,
      { where },
    )
  }
  return parsed.data
}

export function countFindings(findings: Finding[]): { errors: number; warnings: number } {
  let errors = 0
  for (const f of findings) if (f.severity === 'error') errors++
  return { errors, warnings: findings.length - errors }
}
