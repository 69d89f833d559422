// The import wizard's state that is not React: the column mapping to the table's
// schema, the file's units (ft or m) and what decides when to ask for a preview again,
// so the findings are seen before anything is saved. Main converts and validates; the
// renderer only holds what the user chose and asks again.
import { theOneHoleId } from '../../shared/hole-id'
import type { ImportPreview, Units } from '../../shared/ipc/contract'

/** Target column -> source column, null: leave empty. */
export type Mapping = Record<string, string | null>

export const FILE_ACCEPT = '.csv,.txt,.tsv,.parquet,.ags'

/** A record id from a file name: its stem, with anything a record id may not hold made a dash. */
export function recordIdFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base
  return stem
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 200)
}

export function isAgsFileName(fileName: string): boolean {
  return /\.ags$/i.test(fileName)
}

/** The mapping with one target column pointed at a source column (or left empty). */
export function withTarget(mapping: Mapping, target: string, source: string | null): Mapping {
  return { ...mapping, [target]: source }
}

/** Source columns mapped to more than one target: allowed, but usually a slip. */
export function sourcesUsedTwice(mapping: Mapping): string[] {
  const seen = new Map<string, number>()
  for (const source of Object.values(mapping))
    if (source !== null) seen.set(source, (seen.get(source) ?? 0) + 1)
  return [...seen].filter(([, n]) => n > 1).map(([source]) => source)
}

/** Source columns no target column takes: their data would not be imported. */
export function unusedSources(preview: ImportPreview, mapping: Mapping): string[] {
  const used = new Set(Object.values(mapping))
  return preview.sourceColumns.map((c) => c.name).filter((name) => !used.has(name))
}

/** A stable key of what the preview depends on: a change re-previews, the same choice does not. */
export function previewKey(parts: {
  fileName: string
  size: number
  tableName: string
  sourceUnits: Units
  mapping: Mapping | null
}): string {
  const mapping =
    parts.mapping === null
      ? null
      : Object.keys(parts.mapping)
          .sort()
          .map((k) => [k, parts.mapping?.[k] ?? null])
  return JSON.stringify([parts.fileName, parts.size, parts.tableName, parts.sourceUnits, mapping])
}

/**
 * The hole the preview's rows name (see shared/hole-id.ts): a better record id than the
 * file's name ("BH-F1" rather than "bh-feet"). Null for none or several.
 */
export function singleHoleId(preview: ImportPreview): string | null {
  const at = preview.targetColumns.findIndex((c) => c.name === 'hole_id')
  return at < 0 ? null : theOneHoleId(preview.previewRows.map((row) => row[at]))
}

/**
 * Import applies exactly what the preview showed: never while a new preview is on its
 * way, nor after one failed (the preview on screen is then of another mapping or units).
 */
export function canImport(state: {
  hasPreview: boolean
  isPreviewing: boolean
  hasPreviewError: boolean
  isApplying: boolean
}): boolean {
  return state.hasPreview && !state.isPreviewing && !state.hasPreviewError && !state.isApplying
}

/** The units a file's depths are read in after a preview: main's guess only until the user chose. */
export function sourceUnitsAfterPreview(
  current: Units,
  detected: Units | null | undefined,
  isChosenByUser: boolean,
): Units {
  return detected && !isChosenByUser ? detected : current
}
