// AGS4 dictionaries: which groups and headings exist, their order (Rule 7), status
// (KEY/REQUIRED, Rule 10), TYPE and UNIT, and each group's parent (Rule 10c).
// The AGS standard dictionaries ship compiled to JSON (dictionaries/*.json, made from
// the AGS files by dictionaries/compile.ts) so that every bundle (CLI, Electron main,
// tests) carries them without locating files at run time. A file's own DICT group
// extends the standard one (Rule 18).
import { BadInputError } from '../../shared/errors'
import v4_0_3 from './dictionaries/v4_0_3.json'
import v4_0_4 from './dictionaries/v4_0_4.json'
import v4_1 from './dictionaries/v4_1.json'
import v4_1_1 from './dictionaries/v4_1_1.json'
import v4_2 from './dictionaries/v4_2.json'
import type { AgsFile, AgsGroup } from './parse'

export interface HeadingDef {
  name: string
  /** KEY, REQUIRED, KEY+REQUIRED or OTHER as the dictionary writes it. */
  status: string
  type: string
  unit: string
  description: string
  isKey: boolean
  isRequired: boolean
  /** Where it was defined: the standard dictionary or the file's DICT group (line). */
  dictLine: number | null
}

export interface GroupDef {
  name: string
  /** Parent group name; '-' or '' when the group has none. */
  parent: string
  headings: HeadingDef[]
}

/** The JSON shape of dictionaries/*.json. Arrays, so group order survives any JSON reader. */
export interface CompiledDictionary {
  version: string
  source: string
  /** [group, parent, [[heading, status, type, unit, description], ...]] in dictionary order. */
  groups: [string, string, [string, string, string, string, string][]][]
}

/** A DICT group as read (with file lines) or as kept with a record (without). */
export type DictRows = Pick<AgsGroup, 'headings' | 'rows'> & { lineNumbers?: number[] }

export const STANDARD_VERSIONS = ['4.0.3', '4.0.4', '4.1', '4.1.1', '4.2'] as const
export type StandardVersion = (typeof STANDARD_VERSIONS)[number]

const COMPILED: Record<StandardVersion, unknown> = {
  '4.0.3': v4_0_3,
  '4.0.4': v4_0_4,
  '4.1': v4_1,
  '4.1.1': v4_1_1,
  '4.2': v4_2,
}

function headingDef(
  name: string,
  status: string,
  type: string,
  unit: string,
  description: string,
  dictLine: number | null,
): HeadingDef {
  const s = status.toUpperCase()
  return {
    name,
    status,
    type,
    unit,
    description,
    isKey: s.includes('KEY'),
    isRequired: s.includes('REQUIRED'),
    dictLine,
  }
}

export class AgsDictionary {
  readonly version: string
  readonly source: string
  private readonly byName: Map<string, GroupDef>

  constructor(version: string, source: string, groups: GroupDef[]) {
    this.version = version
    this.source = source
    this.byName = new Map(groups.map((g) => [g.name, g]))
  }

  static fromCompiled(c: CompiledDictionary): AgsDictionary {
    return new AgsDictionary(
      c.version,
      c.source,
      c.groups.map(([name, parent, headings]) => ({
        name,
        parent,
        headings: headings.map(([h, status, type, unit, description]) =>
          headingDef(h, status, type, unit, description, null),
        ),
      })),
    )
  }

  get groupNames(): string[] {
    return [...this.byName.keys()]
  }

  group(name: string): GroupDef | undefined {
    return this.byName.get(name)
  }

  heading(group: string, heading: string): HeadingDef | undefined {
    return this.byName.get(group)?.headings.find((h) => h.name === heading)
  }

  private allHeadings: Set<string> | null = null

  /** Whether any group defines `heading` (a heading such as LOCA_ID appears in many). */
  hasHeadingAnywhere(heading: string): boolean {
    if (!this.allHeadings) {
      this.allHeadings = new Set()
      for (const g of this.byName.values()) for (const h of g.headings) this.allHeadings.add(h.name)
    }
    return this.allHeadings.has(heading)
  }

  /**
   * This dictionary extended by a file's DICT group: new groups and headings are added
   * after the standard ones, in DICT order (Rule 7 reads the order from here). A DICT
   * entry that redefines a known heading is ignored here and reported by the checker.
   */
  extendedBy(dict: DictRows | undefined): AgsDictionary {
    if (!dict) return this
    const col = (h: string) => dict.headings.indexOf(h)
    const [iType, iGrp, iHdng, iStat, iDtyp, iUnit, iPgrp, iDesc] = [
      'DICT_TYPE',
      'DICT_GRP',
      'DICT_HDNG',
      'DICT_STAT',
      'DICT_DTYP',
      'DICT_UNIT',
      'DICT_PGRP',
      'DICT_DESC',
    ].map(col) as [number, number, number, number, number, number, number, number]
    const groups = new Map<string, GroupDef>()
    for (const [name, g] of this.byName) groups.set(name, { ...g, headings: [...g.headings] })
    const at = (row: string[], i: number) => (i >= 0 ? (row[i] ?? '') : '')
    dict.rows.forEach((row, r) => {
      const kind = at(row, iType)
      const grp = at(row, iGrp)
      if (grp === '') return
      let g = groups.get(grp)
      if (kind === 'GROUP') {
        if (!g) groups.set(grp, { name: grp, parent: at(row, iPgrp), headings: [] })
        else if (g.parent === '' && at(row, iPgrp) !== '') g.parent = at(row, iPgrp)
        return
      }
      if (kind !== 'HEADING') return
      const hd = at(row, iHdng)
      if (hd === '') return
      if (!g) {
        g = { name: grp, parent: '', headings: [] }
        groups.set(grp, g)
      }
      if (g.headings.some((h) => h.name === hd)) return
      g.headings.push(
        headingDef(
          hd,
          at(row, iStat),
          at(row, iDtyp),
          at(row, iUnit),
          at(row, iDesc),
          dict.lineNumbers?.[r] ?? null,
        ),
      )
    })
    return new AgsDictionary(this.version, this.source, [...groups.values()])
  }
}

const loaded = new Map<StandardVersion, AgsDictionary>()

export function standardDictionary(version: StandardVersion): AgsDictionary {
  let d = loaded.get(version)
  if (!d) {
    d = AgsDictionary.fromCompiled(COMPILED[version] as CompiledDictionary)
    loaded.set(version, d)
  }
  return d
}

/**
 * The standard dictionary for a TRAN_AGS edition, chosen as the AGS validator
 * (python-ags4 1.2) chooses it: "4.0" and "4.0.3" -> 4.0.3 (the edition files called
 * "4.0" were written against), "4.0.4" -> 4.0.4, "4.1", "4.1.1", "4.2" -> themselves.
 * Beyond it, surrounding spaces are ignored and a later 4.0.x or 4.2.x maps to the
 * last dictionary of its line. Anything else gets 4.1.1 and `known: false` so the
 * checker can say so. See docs/AGS4.md, "Which dictionary".
 */
export function dictionaryVersionFor(tranAgs: string | undefined): {
  version: StandardVersion
  known: boolean
} {
  const t = (tranAgs ?? '').trim()
  if (t === '4.0' || t === '4.0.3') return { version: '4.0.3', known: true }
  if (/^4\.0\.\d+$/.test(t) && Number(t.slice(4)) >= 4) return { version: '4.0.4', known: true }
  if (t === '4.1') return { version: '4.1', known: true }
  if (t === '4.1.1') return { version: '4.1.1', known: true }
  if (t === '4.2' || /^4\.2\.\d+$/.test(t)) return { version: '4.2', known: true }
  return { version: '4.1.1', known: false }
}

/** TRAN_AGS of a file, if it has one. */
export function tranAgsOf(file: AgsFile): string | undefined {
  const tran = file.groups.get('TRAN')
  const i = tran?.headings.indexOf('TRAN_AGS') ?? -1
  return i >= 0 ? tran?.rows[0]?.[i] : undefined
}

/** Compiles an AGS standard dictionary file (its DICT group) to the JSON shipped in dictionaries/. */
export function compileDictionary(
  file: AgsFile,
  version: string,
  source: string,
): CompiledDictionary {
  const dict = file.groups.get('DICT')
  if (!dict)
    throw new BadInputError(`${source} has no DICT group: it is not an AGS dictionary.`, { source })
  const d = new AgsDictionary(version, source, []).extendedBy(dict)
  return {
    version,
    source,
    groups: d.groupNames.map((name) => {
      const g = d.group(name) as GroupDef
      return [
        name,
        g.parent,
        g.headings.map((h) => [h.name, h.status, h.type, h.unit, h.description]),
      ]
    }),
  }
}
