// Borelog records -> AGS4 text (and CSV, Parquet). What is written:
// - GEOL from the interval table (the truth for depths, description, legend, geology
//   code and remarks), other GEOL columns from the kept GEOL row of the same depths;
// - LOCA and PROJ from the kept rows, with header fields that mirror a field
//   (HEADER_FIELDS) written over them, so header edits export;
// - every other group from the kept rows (ags4_hole_groups, ags4_file_groups);
// - file-level groups of several records merged (a row repeated across records once),
//   TRAN from the first record; records of different projects are refused (Rule 13
//   allows one PROJ row per file);
// - header values written in their field's TYPE (2DP, 1SF, DT in its UNIT's format ...),
//   so a record typed in the app passes Rule 8;
// - missing definitions added (groups.ts conformGroups), headings in dictionary order,
//   CR+LF line endings, every field quoted: the result passes checkAgs.
// The columns spt_n, sample_refs, water_strike_m, spt_tests, details and core_runs
// are views of SAMP/ISPT/WSTG/DETL/CORE: export writes those groups from the kept rows.
import type { Table } from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import { encodeParquet } from '../parquet/index'
import {
  BORELOG_COLUMNS,
  borelogRowsFromTable,
  makeBorelogArrowTable,
  type BorelogInterval,
} from './borelog-table'
import { FILE_GROUPS_KEY, HEADER_FIELDS, HOLE_GROUPS_KEY, groupsFromHeader } from './borelog'
import { dictionaryVersionFor, standardDictionary, type AgsDictionary } from './dictionary'
import { formatForType, formatNumber, parseAgsNumber } from './data-types'
import type { AgsFinding } from './finding'
import {
  columnIndex,
  conformGroups,
  copyGroup,
  mergeGroups,
  withHeadings,
  type AgsGroupData,
} from './groups'

export interface ExportRecord {
  /** Named in messages. */
  recordId?: string
  header: Record<string, string>
  table: Table
}

export interface AgsExportOptions {
  /** TRAN_DATE of a TRAN group made for records that were not imported from AGS. */
  now?: () => Date
}

export interface AgsExport {
  text: string
  /** What export had to add to make the file conform (e.g. ABBR rows for new legend codes). */
  findings: AgsFinding[]
}

const LOCA_HEADINGS = [
  'LOCA_ID',
  'LOCA_TYPE',
  'LOCA_STAT',
  'LOCA_NATE',
  'LOCA_NATN',
  'LOCA_GREF',
  'LOCA_GL',
  'LOCA_REM',
  'LOCA_FDEP',
  'LOCA_STAR',
  'LOCA_PURP',
  'LOCA_TERM',
  'LOCA_ENDD',
  'LOCA_LAT',
  'LOCA_LON',
]
const GEOL_HEADINGS = [
  'LOCA_ID',
  'GEOL_TOP',
  'GEOL_BASE',
  'GEOL_DESC',
  'GEOL_LEG',
  'GEOL_GEOL',
  'GEOL_REM',
]

function group(name: string, headings: string[], dict: AgsDictionary): AgsGroupData {
  const def = dict.group(name)
  const hd = (h: string) => def?.headings.find((d) => d.name === h)
  return {
    name,
    headings: [...headings],
    units: headings.map((h) => hd(h)?.unit ?? ''),
    types: headings.map((h) => hd(h)?.type ?? 'X'),
    rows: [],
  }
}

/** Adds a heading (with its dictionary UNIT and TYPE) if the group lacks it; returns its column. */
function ensureHeading(g: AgsGroupData, heading: string, dict: AgsDictionary): number {
  let i = columnIndex(g, heading)
  if (i >= 0) return i
  const def = dict.heading(g.name, heading)
  g.headings.push(heading)
  g.units.push(def?.unit ?? '')
  g.types.push(def?.type ?? 'X')
  for (const row of g.rows) row.push('')
  i = g.headings.length - 1
  return i
}

/** Writes header fields that mirror `groupName` fields over row 0 of `g` (when they differ). */
function applyHeader(
  g: AgsGroupData,
  groupName: 'PROJ' | 'LOCA',
  header: Record<string, string>,
  dict: AgsDictionary,
): void {
  if (g.rows.length === 0) g.rows.push(g.headings.map(() => ''))
  for (const f of HEADER_FIELDS) {
    if (f.group !== groupName) continue
    const value = header[f.key]
    if (value === undefined) continue
    const i = columnIndex(g, f.heading)
    if (i < 0 && value === '') continue
    const c = ensureHeading(g, f.heading, dict)
    const row = g.rows[0] as string[]
    // Typed in the app as free text ("123456.7", "3.048"): written in the field's TYPE
    // so the file passes Rule 8. See docs/AGS4.md, "Export".
    const typed = formatForType(value, g.types[c] ?? '', g.units[c] ?? '')
    if (row[c] !== typed) row[c] = typed
  }
}

/** Keeps the kept text of a number when it still says the same number (no reformatting churn). */
function depthText(value: number | null, kept: string | undefined, type: string): string {
  if (kept !== undefined) {
    const k = kept === '' ? null : parseAgsNumber(kept)
    if (k === value || (k === null && value === null)) return kept
  }
  return value === null ? '' : formatNumber(value, type || '2DP')
}

function geolFromIntervals(
  intervals: BorelogInterval[],
  kept: AgsGroupData | undefined,
  holeId: string,
  dict: AgsDictionary,
): AgsGroupData | null {
  if (intervals.length === 0) return null
  const g = kept
    ? { ...copyGroup(kept), rows: [] as string[][] }
    : group('GEOL', GEOL_HEADINGS, dict)
  const keptRows = kept?.rows ?? []
  const used = new Set<number>()
  const col = (h: string) => ensureHeading(g, h, dict)
  const [iId, iTop, iBase] = [col('LOCA_ID'), col('GEOL_TOP'), col('GEOL_BASE')]
  const text: [keyof BorelogInterval, string][] = [
    ['description', 'GEOL_DESC'],
    ['legend_code', 'GEOL_LEG'],
    ['geology_code', 'GEOL_GEOL'],
    ['remarks', 'GEOL_REM'],
  ]
  const keptTop = kept ? columnIndex(kept, 'GEOL_TOP') : -1
  const keptBase = kept ? columnIndex(kept, 'GEOL_BASE') : -1
  const num = (row: string[], i: number) =>
    i < 0 || row[i] === '' ? null : parseAgsNumber(row[i] ?? '')
  for (const iv of intervals) {
    // The kept row of this interval: same top and base, else same top.
    let k = keptRows.findIndex(
      (r, n) =>
        !used.has(n) && num(r, keptTop) === iv.depth_top_m && num(r, keptBase) === iv.depth_base_m,
    )
    if (k < 0) k = keptRows.findIndex((r, n) => !used.has(n) && num(r, keptTop) === iv.depth_top_m)
    if (k >= 0) used.add(k)
    const source = k >= 0 ? (keptRows[k] as string[]) : undefined
    const row =
      source && kept
        ? (withHeadings({ ...kept, rows: [source] }, g.headings).rows[0] as string[])
        : g.headings.map(() => '')
    row[iId] = holeId
    row[iTop] = depthText(iv.depth_top_m, source?.[keptTop], g.types[iTop] ?? '')
    row[iBase] = depthText(iv.depth_base_m, source?.[keptBase], g.types[iBase] ?? '')
    for (const [key, heading] of text) {
      const value = (iv[key] as string | null) ?? ''
      const i = columnIndex(g, heading)
      if (i < 0 && value === '') continue
      row[i < 0 ? col(heading) : i] = value
      // ensureHeading may have grown the row set's width; keep this row aligned.
      while (row.length < g.headings.length) row.push('')
    }
    g.rows.push(row)
  }
  return g
}

interface PreparedRecord {
  holeGroups: AgsGroupData[]
  fileGroups: AgsGroupData[]
  projectId: string
}

function prepare(record: ExportRecord, dict: AgsDictionary): PreparedRecord {
  const header = record.header
  const intervals = borelogRowsFromTable(record.table)
  // Freshly parsed from the header: ours to change.
  const keptHole = groupsFromHeader(header, HOLE_GROUPS_KEY)
  const keptFile = groupsFromHeader(header, FILE_GROUPS_KEY)
  const keptLoca = keptHole.find((g) => g.name === 'LOCA')
  const oldId = keptLoca ? (keptLoca.rows[0]?.[columnIndex(keptLoca, 'LOCA_ID')] ?? '') : ''
  const holeId = header.hole_id || intervals[0]?.hole_id || oldId
  if (holeId === '') {
    throw new BadInputError(
      `Record ${record.recordId ?? ''} has no hole id (header hole_id): AGS4 needs a LOCA_ID for every hole.`,
      {
        recordId: record.recordId,
      },
    )
  }

  const loca = keptLoca ?? group('LOCA', LOCA_HEADINGS, dict)
  applyHeader(loca, 'LOCA', { ...header, hole_id: holeId }, dict)
  const holeGroups: AgsGroupData[] = []
  let geolDone = false
  const geol = geolFromIntervals(
    intervals,
    keptHole.find((g) => g.name === 'GEOL'),
    holeId,
    dict,
  )
  for (const g of keptHole) {
    if (g.name === 'GEOL') {
      if (geol) holeGroups.push(geol)
      geolDone = true
      continue
    }
    if (g !== loca) {
      // A renamed hole: its rows in every group follow the new LOCA_ID.
      const i = columnIndex(g, 'LOCA_ID')
      if (i >= 0 && oldId !== holeId)
        for (const row of g.rows) if (row[i] === oldId) row[i] = holeId
    }
    holeGroups.push(g)
  }
  if (!keptLoca) holeGroups.unshift(loca)
  if (!geolDone && geol) holeGroups.push(geol)

  const fileGroups = keptFile
  let proj = fileGroups.find((g) => g.name === 'PROJ')
  if (!proj) {
    proj = group('PROJ', ['PROJ_ID', 'PROJ_NAME', 'PROJ_LOC', 'PROJ_CLNT', 'PROJ_CONT'], dict)
    fileGroups.unshift(proj)
  }
  applyHeader(proj, 'PROJ', header, dict)
  const iProj = columnIndex(proj, 'PROJ_ID')
  if (iProj < 0 || (proj.rows[0]?.[iProj] ?? '') === '') {
    const c = ensureHeading(proj, 'PROJ_ID', dict)
    ;(proj.rows[0] as string[])[c] = header.project || 'Unspecified'
  }
  return { holeGroups, fileGroups, projectId: proj.rows[0]?.[columnIndex(proj, 'PROJ_ID')] ?? '' }
}

function tranGroup(dict: AgsDictionary, now: Date): AgsGroupData {
  const g = group(
    'TRAN',
    [
      'TRAN_ISNO',
      'TRAN_DATE',
      'TRAN_PROD',
      'TRAN_STAT',
      'TRAN_DESC',
      'TRAN_AGS',
      'TRAN_RECV',
      'TRAN_DLIM',
      'TRAN_RCON',
    ],
    dict,
  )
  g.rows.push([
    '1',
    now.toISOString().slice(0, 10),
    'Borelog Desk',
    'Draft',
    'Exported from Borelog Desk',
    dict.version,
    'Unspecified',
    '|',
    '+',
  ])
  return g
}

function quote(value: string): string {
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`
}

/** AGS4 text of groups: every field quoted, CR+LF, a blank line between groups. */
function writeAgsGroups(groups: readonly AgsGroupData[]): string {
  const lines: string[] = []
  for (const g of groups) {
    lines.push(`"GROUP",${quote(g.name)}`)
    lines.push(['"HEADING"', ...g.headings.map(quote)].join(','))
    lines.push(['"UNIT"', ...g.units.map(quote)].join(','))
    lines.push(['"TYPE"', ...g.types.map(quote)].join(','))
    for (const row of g.rows) lines.push(['"DATA"', ...row.map(quote)].join(','))
    lines.push('')
  }
  return lines.join('\r\n') + (lines.length > 0 ? '\r\n' : '')
}

function tranAgsIn(groups: AgsGroupData[]): string | undefined {
  const tran = groups.find((g) => g.name === 'TRAN')
  const i = tran ? columnIndex(tran, 'TRAN_AGS') : -1
  return i >= 0 ? tran?.rows[0]?.[i] : undefined
}

/** Records -> one AGS4 file. See the top of this file for what is written from where. */
export function exportAgs(
  records: readonly ExportRecord[],
  options: AgsExportOptions = {},
): AgsExport {
  if (records.length === 0) throw new BadInputError('Nothing to export: no records were given.')
  const firstFile = groupsFromHeader((records[0] as ExportRecord).header, FILE_GROUPS_KEY)
  const base = standardDictionary(dictionaryVersionFor(tranAgsIn(firstFile)).version)
  const dict = base.extendedBy(firstFile.find((g) => g.name === 'DICT'))

  const prepared = records.map((r) => prepare(r, dict))
  const projects = [...new Set(prepared.map((p) => p.projectId))]
  if (projects.length > 1) {
    throw new BadInputError(
      `The records belong to ${projects.length} projects (${projects.slice(0, 5).join(', ')}); an AGS4 file holds one project (Rule 13). Export each project separately.`,
      { projects },
    )
  }
  const ids = new Set<string>()
  for (const p of prepared) {
    const loca = p.holeGroups.find((g) => g.name === 'LOCA') as AgsGroupData
    const id = loca.rows[0]?.[columnIndex(loca, 'LOCA_ID')] ?? ''
    if (ids.has(id))
      throw new BadInputError(
        `Two of the records are hole ${id}; a hole can appear once in an AGS4 file.`,
        { holeId: id },
      )
    ids.add(id)
  }

  // File level: PROJ and TRAN from the first record that has them; the rest merged.
  const fileSets = prepared.map((p, k) =>
    k === 0 ? p.fileGroups : p.fileGroups.filter((g) => g.name !== 'PROJ' && g.name !== 'TRAN'),
  )
  const fileLevel = mergeGroups(fileSets, dict, () => true)
  if (!fileLevel.some((g) => g.name === 'TRAN')) {
    const projAt = fileLevel.findIndex((g) => g.name === 'PROJ')
    fileLevel.splice(projAt + 1, 0, tranGroup(dict, (options.now ?? (() => new Date()))()))
  }
  const merged = mergeGroups([fileLevel, ...prepared.map((p) => p.holeGroups)], dict, () => false)
  const tran = merged.find((g) => g.name === 'TRAN')
  const concatenator = tran ? (tran.rows[0]?.[columnIndex(tran, 'TRAN_RCON')] ?? '') : ''
  const conformed = conformGroups(merged, dict, { concatenator })
  return { text: writeAgsGroups(conformed.groups), findings: conformed.findings }
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return ''
  const s = String(v)
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** The interval tables of records as one CSV (RFC 4180, CR+LF), one header line. */
export function exportCsv(records: readonly Pick<ExportRecord, 'table'>[]): string {
  const names = BORELOG_COLUMNS.map((c) => c.name)
  const lines = [names.join(',')]
  for (const r of records) {
    for (const row of borelogRowsFromTable(r.table))
      lines.push(names.map((n) => csvField(row[n])).join(','))
  }
  return lines.join('\r\n') + '\r\n'
}

/** The interval tables of records as one Parquet file (the borelog columns). */
export function exportParquet(records: readonly Pick<ExportRecord, 'table'>[]): Uint8Array {
  return encodeParquet(makeBorelogArrowTable(records.flatMap((r) => borelogRowsFromTable(r.table))))
}
