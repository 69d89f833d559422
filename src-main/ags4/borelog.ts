// AGS4 file -> borelog records: one per LOCA hole.
// - header: hole and project properties from LOCA, PROJ, HDPH and TRAN, as text;
// - interval table: one row per GEOL row (sorted by depth), with SAMP, ISPT, WSTG,
//   DETL and CORE attached to the interval that contains their top depth;
// - every group row that belongs to the hole (LOCA, GEOL, SAMP, lab groups ...) is kept
//   losslessly in header key ags4_hole_groups, and the file-level groups (PROJ, TRAN,
//   ABBR, DICT, TYPE, UNIT, FILE, groups without LOCA_ID) in ags4_file_groups, both as
//   AgsGroupSet JSON (groups.ts), so export writes them back.
// A hole without GEOL rows is still a record, with an empty interval table.
import { createHash } from 'node:crypto'

import { BadInputError } from '../../shared/errors'
import { makeBorelogArrowTable, type BorelogInterval } from './borelog-table'
import {
  dictionaryVersionFor,
  standardDictionary,
  tranAgsOf,
  type AgsDictionary,
} from './dictionary'
import { parseAgsNumber } from './data-types'
import { finding, type AgsFinding } from './finding'
import {
  AgsGroupSetSchema,
  GROUP_SET_FORMAT,
  columnIndex,
  conformGroups,
  fromAgsFile,
  groupSet,
  type AgsGroupData,
  type AgsGroupSet,
} from './groups'
import { makesDataAmbiguous, type AgsFile } from './parse'
import type { Table } from 'apache-arrow'

/**
 * Header keys that mirror one AGS field: export writes an edited value back there.
 * The other header keys are derived and never written back: logged_by (HDPH_LOG),
 * method_description (ABBR), ags_edition (TRAN_AGS), and the kept groups. The source
 * file's name is no part of a hole: it goes into the import's history entry, so the
 * same data under another file name is the same version.
 */
export const HEADER_FIELDS: readonly { key: string; group: 'PROJ' | 'LOCA'; heading: string }[] = [
  { key: 'hole_id', group: 'LOCA', heading: 'LOCA_ID' },
  { key: 'project_id', group: 'PROJ', heading: 'PROJ_ID' },
  { key: 'project', group: 'PROJ', heading: 'PROJ_NAME' },
  { key: 'project_location', group: 'PROJ', heading: 'PROJ_LOC' },
  { key: 'client', group: 'PROJ', heading: 'PROJ_CLNT' },
  { key: 'contractor', group: 'PROJ', heading: 'PROJ_CONT' },
  { key: 'method', group: 'LOCA', heading: 'LOCA_TYPE' },
  { key: 'hole_status', group: 'LOCA', heading: 'LOCA_STAT' },
  { key: 'easting', group: 'LOCA', heading: 'LOCA_NATE' },
  { key: 'northing', group: 'LOCA', heading: 'LOCA_NATN' },
  { key: 'crs', group: 'LOCA', heading: 'LOCA_GREF' },
  { key: 'ground_level_m', group: 'LOCA', heading: 'LOCA_GL' },
  { key: 'final_depth_m', group: 'LOCA', heading: 'LOCA_FDEP' },
  { key: 'start_date', group: 'LOCA', heading: 'LOCA_STAR' },
  { key: 'end_date', group: 'LOCA', heading: 'LOCA_ENDD' },
  { key: 'purpose', group: 'LOCA', heading: 'LOCA_PURP' },
  { key: 'termination', group: 'LOCA', heading: 'LOCA_TERM' },
  { key: 'hole_remarks', group: 'LOCA', heading: 'LOCA_REM' },
  { key: 'latitude', group: 'LOCA', heading: 'LOCA_LAT' },
  { key: 'longitude', group: 'LOCA', heading: 'LOCA_LON' },
]

export const HOLE_GROUPS_KEY = 'ags4_hole_groups'
export const FILE_GROUPS_KEY = 'ags4_file_groups'

export interface BorelogHole {
  recordId: string
  holeId: string
  header: Record<string, string>
  intervals: BorelogInterval[]
  /** What conversion noticed about this hole (e.g. an SPT outside every GEOL interval). */
  findings: AgsFinding[]
}

export interface AgsConversion {
  holes: BorelogHole[]
  /** About the file as a whole (definitions added, rows dropped). */
  findings: AgsFinding[]
  dictionary: AgsDictionary
}

export interface ConvertOptions {
  fileName?: string
}

/**
 * Findings that make the data ambiguous: a row whose fields do not line up with the
 * headings, a line that is not AGS, a truncated quote, a GROUP given twice. Importing
 * around them would silently drop or shift data, so import refuses the file.
 */
function importBlockers(file: AgsFile): AgsFinding[] {
  return file.findings.filter(
    (f) =>
      f.severity === 'error' &&
      (f.rule === 'Rule 4b' ||
        f.rule === 'Rule 3' ||
        f.rule === 'Rule 4a' ||
        makesDataAmbiguous(f)),
  )
}

const SAFE_PART = /[^\p{L}\p{N} _()+=@,-]/gu

function idPart(text: string, maxLength: number): string {
  let s = text.replace(SAFE_PART, '_').replace(/\s+/g, ' ').trim()
  s = s.replace(/^[^\p{L}\p{N}]+/u, '')
  if (s.length > maxLength) s = s.slice(0, maxLength).trim()
  return s === '' ? 'x' : s
}

/**
 * The record id of a hole: "<project>.<hole>", readable and stable, so re-importing the
 * same file finds the same records. Characters a record id may not hold become "_";
 * when that changed anything, a short hash of the original keeps distinct holes apart.
 */
export function recordIdFor(projectId: string, holeId: string): string {
  const p = idPart(projectId === '' ? 'AGS' : projectId, 80)
  const h = idPart(holeId, 80)
  const id = `${p}.${h}`
  if (p === projectId && h === holeId) return id
  const hash = createHash('sha256').update(`${projectId}\u0000${holeId}`).digest('hex').slice(0, 6)
  return `${id} (${hash})`
}

function cell(g: AgsGroupData | undefined, row: string[] | undefined, heading: string): string {
  if (!g || !row) return ''
  const i = columnIndex(g, heading)
  return i >= 0 ? (row[i] ?? '') : ''
}

function num(text: string): number | null {
  return text === '' ? null : parseAgsNumber(text)
}

function textOrNull(text: string): string | null {
  return text === '' ? null : text
}

/** Index of the interval containing depth d: top <= d < base, or d at the base of the deepest one. */
function intervalFor(intervals: BorelogInterval[], d: number): number {
  let atBase = -1
  for (let i = 0; i < intervals.length; i++) {
    const { depth_top_m: top, depth_base_m: base } = intervals[i] as BorelogInterval
    if (top === null || base === null) continue
    if (top <= d && d < base) return i
    if (d === base) atBase = i
  }
  return atBase
}

interface Attachment {
  depth: number | null
  depthText: string
  fileOrder: number
  row: string[]
}

function rowsOf(g: AgsGroupData | undefined, depthHeading: string): Attachment[] {
  if (!g) return []
  const i = columnIndex(g, depthHeading)
  return g.rows
    .map((row, k) => ({
      depth: num(i >= 0 ? (row[i] ?? '') : ''),
      depthText: i >= 0 ? (row[i] ?? '') : '',
      fileOrder: k,
      row,
    }))
    .sort((a, b) => (a.depth ?? Infinity) - (b.depth ?? Infinity) || a.fileOrder - b.fileOrder)
}

function append(current: string | null, text: string): string {
  return current === null ? text : `${current}; ${text}`
}

/** Sort key of GEOL rows: the interval table and the kept GEOL rows share this order. */
function sortGeol(g: AgsGroupData): AgsGroupData {
  const iTop = columnIndex(g, 'GEOL_TOP')
  const iBase = columnIndex(g, 'GEOL_BASE')
  const key = (row: string[]) => [
    num(row[iTop] ?? '') ?? Infinity,
    num(row[iBase] ?? '') ?? Infinity,
  ]
  const rows = g.rows
    .map((row, k) => ({ row, k, key: key(row) }))
    .sort(
      (a, b) =>
        (a.key[0] as number) - (b.key[0] as number) ||
        (a.key[1] as number) - (b.key[1] as number) ||
        a.k - b.k,
    )
    .map((x) => x.row)
  return { ...g, rows }
}

export function convertAgs(file: AgsFile, options: ConvertOptions = {}): AgsConversion {
  const name = options.fileName ?? 'The AGS file'
  if (file.notAgs4 !== null) throw new BadInputError(file.notAgs4, { fileName: options.fileName })
  const blockers = importBlockers(file)
  if (blockers.length > 0) {
    const first = blockers[0] as AgsFinding
    throw new BadInputError(
      `${name} cannot be imported: ${blockers.length} line(s) cannot be read as AGS4 data without guessing, first at line ${first.line ?? '?'}${first.group ? ` (${first.group})` : ''}: ${first.message} Fix the file (check it with \`borelog-desk check\`) and import again.`,
      { fileName: options.fileName, findings: blockers.slice(0, 20) },
    )
  }
  const tranAgs = tranAgsOf(file)
  const dict = standardDictionary(dictionaryVersionFor(tranAgs).version).extendedBy(
    file.groups.get('DICT'),
  )
  const tran = file.groups.get('TRAN')
  const concatenator = tran ? (tran.rows[0]?.[tran.headings.indexOf('TRAN_RCON')] ?? '') : ''
  const conformed = conformGroups(fromAgsFile(file), dict, { concatenator })
  const groups = conformed.groups
  const byName = new Map(groups.map((g) => [g.name, g]))

  const loca = byName.get('LOCA')
  const iLocaId = loca ? columnIndex(loca, 'LOCA_ID') : -1
  if (!loca || iLocaId < 0 || loca.rows.length === 0) {
    throw new BadInputError(`${name} has no LOCA rows: there is no borehole to import.`, {
      fileName: options.fileName,
    })
  }
  const holeIds = loca.rows.map((r) => r[iLocaId] ?? '')
  const seen = new Set<string>()
  for (const id of holeIds) {
    if (id === '')
      throw new BadInputError(`${name}: a LOCA row has an empty LOCA_ID; every hole needs an id.`)
    if (seen.has(id))
      throw new BadInputError(
        `${name}: LOCA_ID "${id}" appears in two LOCA rows; hole ids must be unique.`,
      )
    seen.add(id)
  }

  // Split every group into the rows of each hole and the rest (file level).
  const holeGroups = new Map<string, AgsGroupData[]>(holeIds.map((id) => [id, []]))
  const fileGroups: AgsGroupData[] = []
  for (const g of groups) {
    const i = columnIndex(g, 'LOCA_ID')
    if (i < 0) {
      fileGroups.push(g)
      continue
    }
    const perHole = new Map<string, string[][]>()
    const rest: string[][] = []
    for (const row of g.rows) {
      const id = row[i] ?? ''
      if (holeGroups.has(id)) {
        let list = perHole.get(id)
        if (!list) perHole.set(id, (list = []))
        list.push(row)
      } else {
        rest.push(row)
      }
    }
    for (const [id, rows] of perHole) {
      const part = { ...g, rows }
      holeGroups.get(id)?.push(g.name === 'GEOL' ? sortGeol(part) : part)
    }
    // Rows naming no known hole stay at file level, and so does a group with no rows.
    if (rest.length > 0 || g.rows.length === 0) fileGroups.push({ ...g, rows: rest })
  }

  const proj = byName.get('PROJ')
  const projRow = proj?.rows[0]
  const abbr = byName.get('ABBR')
  const fileSet: AgsGroupSet = groupSet(fileGroups)
  const fileSetJson = JSON.stringify(fileSet)

  const holes = loca.rows.map((locaRow, k) => {
    const holeId = holeIds[k] as string
    const own = holeGroups.get(holeId) as AgsGroupData[]
    const find = (n: string) => own.find((g) => g.name === n)
    const header: Record<string, string> = {}
    for (const f of HEADER_FIELDS) {
      header[f.key] =
        f.group === 'LOCA' ? cell(loca, locaRow, f.heading) : cell(proj, projRow, f.heading)
    }
    const hdph = find('HDPH')
    const loggers = new Set(
      (hdph?.rows ?? []).map((r) => cell(hdph, r, 'HDPH_LOG')).filter((v) => v !== ''),
    )
    header.logged_by = [...loggers].join(', ')
    const method = header.method ?? ''
    const abbrRow = abbr?.rows.find(
      (r) => cell(abbr, r, 'ABBR_HDNG') === 'LOCA_TYPE' && cell(abbr, r, 'ABBR_CODE') === method,
    )
    header.method_description = method === '' ? '' : cell(abbr, abbrRow, 'ABBR_DESC')
    header.ags_edition = tranAgs ?? ''
    header[HOLE_GROUPS_KEY] = JSON.stringify(groupSet(own))
    header[FILE_GROUPS_KEY] = fileSetJson

    const { intervals, findings } = intervalsOf(holeId, find)
    return {
      recordId: recordIdFor(header.project_id ?? '', holeId),
      holeId,
      header,
      intervals,
      findings,
    }
  })
  return { holes, findings: conformed.findings, dictionary: dict }
}

function intervalsOf(
  holeId: string,
  find: (name: string) => AgsGroupData | undefined,
): { intervals: BorelogInterval[]; findings: AgsFinding[] } {
  const findings: AgsFinding[] = []
  const geol = find('GEOL')
  const intervals: BorelogInterval[] = (geol?.rows ?? []).map((row) => ({
    hole_id: holeId,
    depth_top_m: num(cell(geol, row, 'GEOL_TOP')),
    depth_base_m: num(cell(geol, row, 'GEOL_BASE')),
    description: textOrNull(cell(geol, row, 'GEOL_DESC')),
    legend_code: textOrNull(cell(geol, row, 'GEOL_LEG')),
    geology_code: textOrNull(cell(geol, row, 'GEOL_GEOL')),
    spt_n: null,
    sample_refs: null,
    water_strike_m: null,
    remarks: textOrNull(cell(geol, row, 'GEOL_REM')),
    spt_tests: null,
    details: null,
    core_runs: null,
  }))

  const attach = (
    group: string,
    depthHeading: string,
    apply: (iv: BorelogInterval, a: Attachment) => void,
  ) => {
    const g = find(group)
    for (const a of rowsOf(g, depthHeading)) {
      const i = a.depth === null ? -1 : intervalFor(intervals, a.depth)
      if (i < 0) {
        if (intervals.length > 0) {
          findings.push(
            finding(
              'General',
              null,
              group,
              `${group} at ${a.depthText === '' ? 'no depth' : `${a.depthText} m`} in ${holeId} lies outside its GEOL intervals; it is kept with the hole but not shown in the interval table.`,
              { severity: 'warning', heading: depthHeading },
            ),
          )
        }
        continue
      }
      apply(intervals[i] as BorelogInterval, a)
    }
  }
  attach('SAMP', 'SAMP_TOP', (iv, a) => {
    const g = find('SAMP')
    const ref = [cell(g, a.row, 'SAMP_TYPE'), cell(g, a.row, 'SAMP_REF')]
      .filter((v) => v !== '')
      .join(' ')
    iv.sample_refs = append(iv.sample_refs, `${ref === '' ? '?' : ref} @ ${a.depthText}`)
  })
  attach('ISPT', 'ISPT_TOP', (iv, a) => {
    const g = find('ISPT')
    const nText = cell(g, a.row, 'ISPT_NVAL')
    const n = num(nText)
    if (iv.spt_n === null && n !== null && Number.isInteger(n)) iv.spt_n = n
    const reported = cell(g, a.row, 'ISPT_REP') || (nText === '' ? '?' : `N=${nText}`)
    iv.spt_tests = append(iv.spt_tests, `${a.depthText}: ${reported}`)
  })
  attach('WSTG', 'WSTG_DPTH', (iv, a) => {
    if (iv.water_strike_m === null) iv.water_strike_m = a.depth
  })
  attach('DETL', 'DETL_TOP', (iv, a) => {
    const g = find('DETL')
    iv.details = append(
      iv.details,
      `${a.depthText}-${cell(g, a.row, 'DETL_BASE')}: ${cell(g, a.row, 'DETL_DESC')}`,
    )
  })
  attach('CORE', 'CORE_TOP', (iv, a) => {
    const g = find('CORE')
    const parts = [`${a.depthText}-${cell(g, a.row, 'CORE_BASE')}`]
    for (const [label, h] of [
      ['TCR', 'CORE_PREC'],
      ['SCR', 'CORE_SREC'],
      ['RQD', 'CORE_RQD'],
    ] as const) {
      const v = cell(g, a.row, h)
      if (v !== '') parts.push(`${label} ${v}%`)
    }
    iv.core_runs = append(iv.core_runs, parts.join(' '))
  })
  return { intervals, findings }
}

/** The Arrow interval table of a converted hole. */
export function holeTable(hole: BorelogHole): Table {
  return makeBorelogArrowTable(hole.intervals)
}

/** The groups kept with a record (ags4_hole_groups or ags4_file_groups), or [] when absent. */
export function groupsFromHeader(header: Record<string, string>, key: string): AgsGroupData[] {
  const text = header[key]
  if (text === undefined || text === '') return []
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    throw new BadInputError(
      `Header ${key} is not valid JSON: ${(e as Error).message}`,
      { key },
      { cause: e },
    )
  }
  const set = AgsGroupSetSchema.safeParse(parsed)
  if (!set.success) {
    const issue = set.error.issues[0]
    throw new BadInputError(
      `Header ${key} is not an AGS group set (${GROUP_SET_FORMAT}): ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}.`,
      { key },
    )
  }
  // Rows must line up with the headings, as they did when the set was written.
  for (const g of set.data.groups) {
    const n = g.headings.length
    if (g.units.length !== n || g.types.length !== n || g.rows.some((r) => r.length !== n)) {
      throw new BadInputError(
        `Header ${key}: group ${g.name} has rows or UNIT/TYPE that do not match its headings.`,
        {
          key,
          group: g.name,
        },
      )
    }
  }
  return set.data.groups
}
