// The lossless form of AGS groups that travels with a borelog record (in its header)
// and that export writes back. Text is kept exactly as read; what import changes is
// only what makes the file conform without inventing data:
// - headings are put in dictionary order (Rule 7), unknown headings last;
// - DATA rows with every field empty are dropped (they carry nothing; Rule 10b);
// - definitions the rules require and the file lacks are added: DICT rows for
//   non-standard headings (Rules 9, 18), ABBR rows for undescribed abbreviations
//   (Rule 16), UNIT and TYPE rows for units and types in use (Rules 15, 17).
// Doing this at import (not only at export) keeps export -> import a fixed point.
import { z } from 'zod'

import type { AgsDictionary } from './dictionary'
import { finding, type AgsFinding } from './finding'
import type { AgsFile } from './parse'

export interface AgsGroupData {
  name: string
  headings: string[]
  units: string[]
  types: string[]
  rows: string[][]
}

/** The JSON kept in a record header (keys ags4_hole_groups / ags4_file_groups). */
export interface AgsGroupSet {
  format: 'borelog-desk/ags4-groups'
  version: 1
  groups: AgsGroupData[]
}

export const GROUP_SET_FORMAT = 'borelog-desk/ags4-groups'

/** Validates a kept group set read back from a header (headers can be edited). */
export const AgsGroupSetSchema = z.object({
  format: z.literal(GROUP_SET_FORMAT),
  version: z.literal(1),
  groups: z.array(
    z.object({
      name: z.string(),
      headings: z.array(z.string()),
      units: z.array(z.string()),
      types: z.array(z.string()),
      rows: z.array(z.array(z.string())),
    }),
  ),
})

/** Description written where the file named a heading, abbreviation, unit or type without defining it. */
export const NOT_DEFINED_IN_SOURCE = 'Not defined in the source data'

export function groupSet(groups: AgsGroupData[]): AgsGroupSet {
  return { format: GROUP_SET_FORMAT, version: 1, groups }
}

export function copyGroup(g: AgsGroupData): AgsGroupData {
  return {
    name: g.name,
    headings: [...g.headings],
    units: [...g.units],
    types: [...g.types],
    rows: g.rows.map((r) => [...r]),
  }
}

export function columnIndex(g: AgsGroupData, heading: string): number {
  return g.headings.indexOf(heading)
}

/** Dictionary order: the group's known headings as the dictionary lists them, then the rest as they came. */
export function orderHeadings(name: string, headings: string[], dict: AgsDictionary): string[] {
  const def = dict.group(name)
  if (!def) return [...headings]
  const present = new Set(headings)
  const known = def.headings.map((h) => h.name).filter((h) => present.has(h))
  const knownSet = new Set(known)
  return [...known, ...headings.filter((h) => !knownSet.has(h))]
}

/** Reorders a group's columns to `headings` (every heading of the group must be in it; new ones are empty). */
export function withHeadings(g: AgsGroupData, headings: string[]): AgsGroupData {
  if (headings.length === g.headings.length && headings.every((h, i) => g.headings[i] === h))
    return g
  const idx = headings.map((h) => g.headings.indexOf(h))
  const pick = (row: string[]) => idx.map((i) => (i >= 0 ? (row[i] ?? '') : ''))
  return {
    name: g.name,
    headings,
    units: pick(g.units),
    types: pick(g.types),
    rows: g.rows.map(pick),
  }
}

/** The groups of a read file (sharing its row arrays, which nothing changes). */
export function fromAgsFile(file: AgsFile): AgsGroupData[] {
  return [...file.groups.values()].map((g) => ({
    name: g.name,
    headings: g.headings,
    units: g.units,
    types: g.types,
    rows: g.rows,
  }))
}

/** Standard headings, UNIT and TYPE of a group we may have to create. */
function newGroup(name: string, dict: AgsDictionary, headings?: string[]): AgsGroupData {
  const def = dict.group(name)
  const hs = headings ?? def?.headings.map((h) => h.name) ?? []
  const unitOf = (h: string) => def?.headings.find((d) => d.name === h)?.unit ?? ''
  const typeOf = (h: string) => def?.headings.find((d) => d.name === h)?.type ?? 'X'
  return { name, headings: hs, units: hs.map(unitOf), types: hs.map(typeOf), rows: [] }
}

/**
 * Adds definition rows (DICT, ABBR, UNIT, TYPE) unless a row with the same key is
 * there; creates the group after the file-level groups when the file has none. The
 * keys of each group are indexed once, so a 100,000-row file costs one pass.
 */
class Definer {
  private readonly keys = new Map<string, Set<string>>()

  constructor(
    private readonly groups: AgsGroupData[],
    private readonly dict: AgsDictionary,
  ) {}

  ensure(name: string, values: Record<string, string>, keyHeadings: string[]): boolean {
    let g = this.groups.find((x) => x.name === name)
    if (!g) {
      g = newGroup(name, this.dict)
      for (const h of Object.keys(values)) {
        if (!g.headings.includes(h)) g = withHeadings(g, [...g.headings, h])
      }
      const anchor = Math.max(
        ...['PROJ', 'TRAN', 'ABBR', 'DICT', 'TYPE', 'UNIT'].map((n) =>
          this.groups.findIndex((x) => x.name === n),
        ),
      )
      this.groups.splice(anchor + 1, 0, g)
    }
    const group = g
    const idx = keyHeadings.map((h) => columnIndex(group, h))
    if (idx.some((i) => i < 0)) return false
    const cacheKey = `${name}\u0000${keyHeadings.join('\u0000')}`
    let set = this.keys.get(cacheKey)
    if (!set) {
      set = new Set(group.rows.map((row) => idx.map((i) => row[i] ?? '').join('\u0000')))
      this.keys.set(cacheKey, set)
    }
    const key = keyHeadings.map((h) => values[h] ?? '').join('\u0000')
    if (set.has(key)) return false
    set.add(key)
    group.rows.push(group.headings.map((h) => values[h] ?? ''))
    return true
  }
}

export interface CompleteOptions {
  /** Concatenator for PA values (TRAN_RCON), '+' when the file gives none. */
  concatenator?: string
}

/**
 * Puts headings in dictionary order, drops all-empty DATA rows and adds the
 * definitions the rules require (see the top of this file). Returns new groups (the
 * row arrays are shared with the input, never changed) and one warning finding per
 * kind of change, naming what was added.
 */
export function conformGroups(
  input: AgsGroupData[],
  dict: AgsDictionary,
  options: CompleteOptions = {},
): { groups: AgsGroupData[]; findings: AgsFinding[] } {
  const findings: AgsFinding[] = []
  const groups = input.map((g) => {
    const kept = g.rows.filter((r) => r.some((v) => v !== ''))
    if (kept.length < g.rows.length) {
      findings.push(
        finding(
          'General',
          null,
          g.name,
          `${g.rows.length - kept.length} DATA row(s) with every field empty were dropped.`,
          { severity: 'warning' },
        ),
      )
    }
    const fresh = {
      name: g.name,
      headings: [...g.headings],
      units: [...g.units],
      types: [...g.types],
      rows: kept,
    }
    return withHeadings(fresh, orderHeadings(g.name, g.headings, dict))
  })
  const definer = new Definer(groups, dict)

  // Rules 9 and 18: define what the dictionary does not.
  const undefinedHeadings: string[] = []
  for (const g of [...groups]) {
    const def = dict.group(g.name)
    if (!def) {
      definer.ensure(
        'DICT',
        {
          DICT_TYPE: 'GROUP',
          DICT_GRP: g.name,
          DICT_DESC: NOT_DEFINED_IN_SOURCE,
          DICT_PGRP: g.headings.includes('LOCA_ID') ? 'LOCA' : '-',
        },
        ['DICT_TYPE', 'DICT_GRP', 'DICT_HDNG'],
      )
    }
    g.headings.forEach((h, i) => {
      if (def?.headings.some((d) => d.name === h)) return
      const added = definer.ensure(
        'DICT',
        {
          DICT_TYPE: 'HEADING',
          DICT_GRP: g.name,
          DICT_HDNG: h,
          // An undefined group hangs under LOCA by its LOCA_ID, which must then be a key.
          DICT_STAT: !def && h === 'LOCA_ID' ? 'KEY' : 'OTHER',
          DICT_DTYP: g.types[i] || 'X',
          DICT_DESC: NOT_DEFINED_IN_SOURCE,
          DICT_UNIT: g.units[i] ?? '',
        },
        ['DICT_TYPE', 'DICT_GRP', 'DICT_HDNG'],
      )
      if (added) undefinedHeadings.push(`${g.name}.${h}`)
    })
  }
  if (undefinedHeadings.length > 0) {
    findings.push(
      finding(
        'Rule 9',
        null,
        'DICT',
        `DICT definitions added for headings the file did not define: ${undefinedHeadings.join(', ')}.`,
        { severity: 'warning' },
      ),
    )
  }

  // Rules 15, 16, 17: units, abbreviations and types in use are listed.
  const concatenator = options.concatenator || '+'
  const added = { UNIT: [] as string[], TYPE: [] as string[], ABBR: [] as string[] }
  const unit = (u: string) => {
    const ok = definer.ensure('UNIT', { UNIT_UNIT: u, UNIT_DESC: NOT_DEFINED_IN_SOURCE }, [
      'UNIT_UNIT',
    ])
    if (ok) added.UNIT.push(u)
  }
  const type = (t: string) => {
    const ok = definer.ensure('TYPE', { TYPE_TYPE: t, TYPE_DESC: NOT_DEFINED_IN_SOURCE }, [
      'TYPE_TYPE',
    ])
    if (ok) added.TYPE.push(t)
  }
  for (const g of [...groups]) {
    for (const u of g.units) if (u !== '') unit(u)
    g.types.forEach((t, i) => {
      if (t !== '') type(t)
      if (t !== 'PU' && t !== 'PT' && t !== 'PA') return
      const distinct = new Set<string>()
      for (const row of g.rows) {
        const v = row[i] ?? ''
        if (v === '') continue
        if (t === 'PA') for (const code of v.split(concatenator)) distinct.add(code)
        else distinct.add(v)
      }
      const h = g.headings[i] as string
      for (const v of distinct) {
        if (v === '') continue
        if (t === 'PU') unit(v)
        else if (t === 'PT') type(v)
        else {
          const ok = definer.ensure(
            'ABBR',
            { ABBR_HDNG: h, ABBR_CODE: v, ABBR_DESC: NOT_DEFINED_IN_SOURCE },
            ['ABBR_HDNG', 'ABBR_CODE'],
          )
          if (ok) added.ABBR.push(`${h}=${v}`)
        }
      }
    })
  }
  // Rule 2 wants DATA in every group and Rule 15 a UNIT group even where no unit is
  // used; a borehole file measures depth in metres, so that is the unit we list.
  const unitGroup = groups.find((g) => g.name === 'UNIT')
  if (unitGroup && unitGroup.rows.length === 0) {
    definer.ensure('UNIT', { UNIT_UNIT: 'm', UNIT_DESC: 'metre' }, ['UNIT_UNIT'])
    added.UNIT.push('m')
  }
  const rules = { UNIT: 'Rule 15', TYPE: 'Rule 17', ABBR: 'Rule 16' } as const
  for (const name of ['UNIT', 'TYPE', 'ABBR'] as const) {
    if (added[name].length > 0) {
      findings.push(
        finding(
          rules[name],
          null,
          name,
          `${name} rows added for entries the file used without defining: ${added[name].join(', ')}.`,
          { severity: 'warning' },
        ),
      )
    }
  }
  return { groups: inDictionaryOrder(groups, dict), findings }
}

/**
 * Groups in the order the dictionary lists them (PROJ, ABBR, DICT, FILE, TRAN, TYPE,
 * UNIT, then the data groups), groups it does not know after them by name. One order
 * for import and export, whatever order the file had, so export -> import is stable.
 */
function inDictionaryOrder(groups: AgsGroupData[], dict: AgsDictionary): AgsGroupData[] {
  const rank = new Map(dict.groupNames.map((n, i) => [n, i]))
  return [...groups].sort((a, b) => {
    const ra = rank.get(a.name) ?? Infinity
    const rb = rank.get(b.name) ?? Infinity
    return ra !== rb ? ra - rb : a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  })
}

/** Concatenates groups of the same name (headings united in dictionary order); optionally drops repeated rows. */
export function mergeGroups(
  sets: AgsGroupData[][],
  dict: AgsDictionary,
  dedupe: (name: string) => boolean,
): AgsGroupData[] {
  const order: string[] = []
  const byName = new Map<string, AgsGroupData[]>()
  for (const set of sets) {
    for (const g of set) {
      if (!byName.has(g.name)) {
        byName.set(g.name, [])
        order.push(g.name)
      }
      byName.get(g.name)?.push(g)
    }
  }
  return order.map((name) => {
    const parts = byName.get(name) as AgsGroupData[]
    const first = parts[0] as AgsGroupData
    if (parts.length === 1) return { ...first, rows: [...first.rows] }
    const all: string[] = []
    for (const p of parts) for (const h of p.headings) if (!all.includes(h)) all.push(h)
    const headings = orderHeadings(name, all, dict)
    const aligned = parts.map((p) => withHeadings(p, headings))
    const pickFirst = (sel: (g: AgsGroupData) => string[]) =>
      headings.map((_, i) => aligned.map(sel).find((arr) => (arr[i] ?? '') !== '')?.[i] ?? '')
    const rows: string[][] = []
    const seen = dedupe(name) ? new Set<string>() : null
    for (const p of aligned) {
      for (const r of p.rows) {
        if (seen) {
          const key = r.join('\u0000')
          if (seen.has(key)) continue
          seen.add(key)
        }
        rows.push(r)
      }
    }
    return {
      name,
      headings,
      units: pickFirst((g) => g.units),
      types: pickFirst((g) => g.types),
      rows,
    }
  })
}
