// Which source column fills which target column. Suggested from the names people
// actually give columns ("Depth top (ft)", "From", "LOCA_ID"), overridden wholly by
// the user's mapping. Unit markers in headers ("(ft)", "_ft", "feet") are not part of
// a column's meaning: they are stripped for matching and reported as detected units.
import { BadInputError } from '../../shared/errors'
import type { Units } from '../../shared/ipc/contract'
import { type TableDefinition, isDepthField } from '../schema/index'

/** Target column -> source column, or null for "leave empty". */
export type ColumnMapping = Record<string, string | null>

const FEET = /\(\s*(ft|feet|foot)\s*\)|\[\s*(ft|feet)\s*\]|_(ft|feet)$|\b(ft|feet|foot)$/i
const METRES = /\(\s*(m|metres|meters)\s*\)|\[\s*m\s*\]|_m$|\b(metres|meters)$/i

/**
 * A header reduced to what it means: lower case, words joined by "_", unit markers
 * dropped ("Depth top (ft)" -> "depth_top", "depth_base_m" -> "depth_base").
 */
export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[([][^)\]]*[)\]]/g, ' ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_(m|ft|feet|foot|metres|meters|mbgl)$/, '')
}

/** Names (normalized) that mean a borelog column, beyond the column's own name. */
const SYNONYMS: Record<string, readonly string[]> = {
  hole_id: [
    'hole',
    'holeid',
    'hole_no',
    'hole_ref',
    'borehole',
    'borehole_id',
    'borehole_no',
    'bh',
    'bh_id',
    'bh_no',
    'loca_id',
    'location_id',
    'location',
    'point_id',
  ],
  depth_top_m: [
    'top',
    'from',
    'depth_from',
    'from_depth',
    'depth_top',
    'top_depth',
    'geol_top',
    'start_depth',
    'depth_start',
    'top_of_layer',
  ],
  depth_base_m: [
    'base',
    'to',
    'bottom',
    'depth_to',
    'to_depth',
    'depth_base',
    'base_depth',
    'depth_bottom',
    'bottom_depth',
    'geol_base',
    'end_depth',
    'depth_end',
    'base_of_layer',
  ],
  description: [
    'desc',
    'descr',
    'soil_description',
    'geol_desc',
    'strata_description',
    'stratum_description',
    'lithology',
    'soil',
    'material_description',
  ],
  legend_code: ['legend', 'legend_code', 'geol_leg', 'leg', 'soil_code', 'uscs'],
  geology_code: ['geology', 'geol', 'geol_geol', 'geol_code', 'formation', 'stratum'],
  spt_n: ['spt', 'n', 'spt_n', 'n_value', 'spt_n_value', 'spt_blows', 'ispt_nval', 'blows'],
  sample_refs: ['samples', 'sample', 'sample_ref', 'sample_refs', 'sample_ids', 'samp_ref'],
  water_strike_m: [
    'water',
    'water_strike',
    'water_strike_depth',
    'wstg_dpth',
    'groundwater',
    'water_level',
  ],
  remarks: ['remark', 'notes', 'note', 'comments', 'comment', 'geol_rem'],
}

/** Normalized names that stand for `target`: its own name, without unit, and synonyms. */
function namesFor(target: string): Set<string> {
  return new Set([normalizeName(target), ...(SYNONYMS[target] ?? [])])
}

/**
 * A mapping for every target column: the first unused source column whose meaning
 * matches, else null. Exact names win over synonyms, so a file that already has
 * "depth_top_m" never maps "Top" onto it instead.
 */
export function suggestMapping(
  sourceNames: readonly string[],
  def: TableDefinition,
): ColumnMapping {
  const targets = def.schema.fields.map((f) => f.name)
  const mapping: ColumnMapping = Object.fromEntries(targets.map((t) => [t, null]))
  const used = new Set<string>()
  const claim = (target: string, matches: (source: string) => boolean): void => {
    if (mapping[target] !== null) return
    const source = sourceNames.find((s) => !used.has(s) && matches(s))
    if (source === undefined) return
    mapping[target] = source
    used.add(source)
  }
  for (const target of targets) claim(target, (s) => s === target)
  for (const target of targets) claim(target, (s) => s.toLowerCase() === target.toLowerCase())
  for (const target of targets) {
    const names = namesFor(target)
    claim(target, (s) => names.has(normalizeName(s)))
  }
  return mapping
}

/**
 * The mapping to use: the user's (which replaces the suggestion entirely: a target it
 * leaves out stays empty), or the suggestion. Naming a column that does not exist on
 * either side is a BadInputError, never a silently empty column.
 */
export function resolveMapping(
  requested: ColumnMapping | undefined,
  sourceNames: readonly string[],
  def: TableDefinition,
  where: string,
): ColumnMapping {
  if (requested === undefined) return suggestMapping(sourceNames, def)
  const targets = def.schema.fields.map((f) => f.name)
  for (const [target, source] of Object.entries(requested)) {
    if (!targets.includes(target))
      throw new BadInputError(
        `The mapping names target column "${target}", which table "${def.tableName}" does not have (its columns: ${targets.join(', ')}).`,
        { where, target },
      )
    if (source !== null && !sourceNames.includes(source))
      throw new BadInputError(
        `The mapping fills "${target}" from column "${source}", which ${where} does not have (its columns: ${sourceNames.join(', ')}). Pick one of them.`,
        { where, target, source },
      )
  }
  return Object.fromEntries(targets.map((t) => [t, requested[t] ?? null]))
}

/**
 * The unit the headers of mapped depth columns (see isDepthField)
 * say they are in: 'ft' when any says feet, 'm' when they say metres, null when none says.
 */
export function detectUnits(mapping: ColumnMapping, def: TableDefinition): Units | null {
  const sources = Object.entries(mapping)
    .filter(([target, source]) => {
      const field = def.schema.fields.find((f) => f.name === target)
      return source !== null && field !== undefined && isDepthField(field)
    })
    .map(([, source]) => source as string)
  if (sources.some((s) => FEET.test(s))) return 'ft'
  if (sources.some((s) => METRES.test(s))) return 'm'
  return null
}
