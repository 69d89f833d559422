// AGS4 checker: the format rules 1-20 of the AGS4 standard (4.0.3 to 4.2), reported
// as findings with rule, line, group, heading and message. Rule names and messages
// follow the AGS validator (python-ags4) so our findings can be compared with its
// expected findings (test/fixtures/ags4/rules/*.check). Line rules (1-6) come from the
// reader; this module adds the group and dictionary rules. Pure: no file system;
// Rule 20's on-disk checks run only when the caller passes `exists`.
import {
  AgsDictionary,
  dictionaryVersionFor,
  standardDictionary,
  tranAgsOf,
  type GroupDef,
  type StandardVersion,
} from './dictionary'
import { checkValueFormat, typeInfo } from './data-types'
import { finding, type AgsFinding } from './finding'
import { readAgs, type AgsFile, type AgsGroup } from './parse'

export interface CheckOptions {
  /** Check against this standard dictionary instead of the one TRAN_AGS names. */
  dictionary?: StandardVersion | AgsDictionary
  /**
   * Rule 20: whether `path` (relative to the AGS file's folder, '/'-separated) exists.
   * Without it the FILE folder is not looked at.
   */
  exists?: (path: string, kind: 'file' | 'folder') => boolean
  /** At most this many findings per rule; the rest are counted in one more finding. */
  maxPerRule?: number
}

export interface CheckResult {
  findings: AgsFinding[]
  /** The standard dictionary the file was checked against. */
  dictionary: { version: string; source: string }
  errorCount: number
  warningCount: number
}

/** Groups that have no parent rows to look for (Rule 10c). */
const ROOT_GROUPS = new Set(['PROJ', 'TRAN', 'ABBR', 'DICT', 'UNIT', 'TYPE', 'FILE', 'LOCA'])

export function checkAgsBytes(
  bytes: Uint8Array,
  options: CheckOptions & { fileName?: string } = {},
): CheckResult {
  return checkAgs(readAgs(bytes, { fileName: options.fileName }), options)
}

export function checkAgs(file: AgsFile, options: CheckOptions = {}): CheckResult {
  const out: AgsFinding[] = [...file.findings]
  const { standard, note } = pickDictionary(file, options.dictionary)
  if (note) out.push(note)
  if (file.notAgs4 === null) {
    const dict = standard.extendedBy(file.groups.get('DICT'))
    const ctx: Ctx = { file, standard, dict, out }
    for (const g of file.groups.values()) {
      rule2(ctx, g)
      rule2b(ctx, g)
      rule19(ctx, g)
    }
    rule7and9(ctx)
    for (const g of file.groups.values()) rule8(ctx, g)
    rule10(ctx)
    rule11(ctx)
    rule13and14(ctx, 'PROJ', 'Rule 13')
    rule13and14(ctx, 'TRAN', 'Rule 14')
    rule15(ctx)
    rule16(ctx)
    rule17(ctx)
    rule18(ctx)
    rule20(ctx, options.exists)
  } else if (!file.isAgs3) {
    // Empty or no AGS4 at all: the groups every AGS4 file needs are missing, and the AGS
    // validator says so rule by rule. An AGS3 file was reported once by the reader.
    const ctx: Ctx = { file, standard, dict: standard, out }
    rule13and14(ctx, 'PROJ', 'Rule 13')
    rule13and14(ctx, 'TRAN', 'Rule 14')
    rule15(ctx)
    rule17(ctx)
  }
  const findings = capPerRule(sortByRule(out), options.maxPerRule ?? 1000)
  return {
    findings,
    dictionary: { version: standard.version, source: standard.source },
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
  }
}

interface Ctx {
  file: AgsFile
  standard: AgsDictionary
  /** Standard dictionary extended by the file's DICT group. */
  dict: AgsDictionary
  out: AgsFinding[]
}

function pickDictionary(
  file: AgsFile,
  given: CheckOptions['dictionary'],
): { standard: AgsDictionary; note: AgsFinding | null } {
  if (given instanceof AgsDictionary) return { standard: given, note: null }
  if (given) return { standard: standardDictionary(given), note: null }
  const tranAgs = tranAgsOf(file)
  const { version, known } = dictionaryVersionFor(tranAgs)
  const note =
    known || file.notAgs4 !== null
      ? null
      : finding(
          'General',
          null,
          'TRAN',
          tranAgs === undefined
            ? `TRAN_AGS not found; checked against the AGS ${version} standard dictionary.`
            : `TRAN_AGS "${tranAgs}" is not a recognised AGS4 edition; checked against the AGS ${version} standard dictionary.`,
          { severity: 'warning', heading: 'TRAN_AGS' },
        )
  return { standard: standardDictionary(version), note }
}

function col(g: AgsGroup, heading: string): number {
  return g.headings.indexOf(heading)
}

function rule2(ctx: Ctx, g: AgsGroup): void {
  if (g.rows.length === 0)
    ctx.out.push(finding('Rule 2', g.groupLine, g.name, 'No DATA rows in group.'))
}

function rule2b(ctx: Ctx, g: AgsGroup): void {
  if (g.headingLine === null) return
  const order = g.descriptorOrder
  if (g.unitLine === null) {
    ctx.out.push(finding('Rule 2b', g.groupLine, g.name, 'UNIT row missing from group.'))
  } else if (order[1]?.descriptor !== 'UNIT') {
    ctx.out.push(
      finding(
        'Rule 2b',
        g.unitLine,
        g.name,
        'UNIT row is misplaced. It should be immediately below the HEADING row.',
      ),
    )
  }
  if (g.typeLine === null) {
    ctx.out.push(finding('Rule 2b', g.groupLine, g.name, 'TYPE row missing from group.'))
  } else if (order[2]?.descriptor !== 'TYPE') {
    ctx.out.push(
      finding(
        'Rule 2b',
        g.typeLine,
        g.name,
        'TYPE row is misplaced. It should be immediately below the UNIT row.',
      ),
    )
  }
}

function rule19(ctx: Ctx, g: AgsGroup): void {
  if (!/^[A-Z0-9]{4}$/.test(g.name) || !/[A-Z]/.test(g.name)) {
    ctx.out.push(
      finding(
        'Rule 19',
        g.groupLine,
        g.name,
        'GROUP name should consist of four uppercase letters.',
      ),
    )
  }
  const line = g.headingLine
  for (const h of g.headings) {
    if (/[^A-Z0-9_]/.test(h)) {
      ctx.out.push(
        finding(
          'Rule 19a',
          line,
          g.name,
          `Heading ${h} should consist of only uppercase letters, numbers, and an underscore character.`,
          { heading: h },
        ),
      )
    }
    if (h.length > 9) {
      ctx.out.push(
        finding('Rule 19a', line, g.name, `Heading ${h} is more than 9 characters in length.`, {
          heading: h,
        }),
      )
    }
    const underscore = h.indexOf('_')
    if (underscore < 0) {
      ctx.out.push(
        finding(
          'Rule 19b',
          line,
          g.name,
          `Heading ${h} should consist of group name and field name separated by "_".`,
          {
            heading: h,
          },
        ),
      )
      continue
    }
    const prefix = h.slice(0, underscore)
    if (prefix.length !== 4 || h.length - underscore - 1 > 4) {
      ctx.out.push(
        finding(
          'Rule 19b',
          line,
          g.name,
          `Heading ${h} should consist of a 4 character group name and a field name of up to 4 characters.`,
          { heading: h },
        ),
      )
    }
    // A heading borrowed from another group must be that group's heading (LOCA_ID in
    // SAMP). SPEC_ and TEST_ headings belong to no group of that name in the standard.
    if (prefix === g.name || prefix === 'SPEC' || prefix === 'TEST') continue
    if (!ctx.dict.hasHeadingAnywhere(h)) {
      ctx.out.push(
        finding(
          'Rule 19b',
          line,
          g.name,
          `${h} does not start with the name of this group, nor is it defined in another group.`,
          { heading: h },
        ),
      )
    } else if (!ctx.dict.heading(prefix, h)) {
      // Defined for this group in DICT but named after another group: the data is
      // described, only the name breaks the convention, so this is a warning.
      ctx.out.push(
        finding(
          'Rule 19b',
          line,
          g.name,
          ctx.dict.group(prefix)
            ? `Definition for ${h} not found under group ${prefix}. Either rename heading or add definition under correct group.`
            : `Group ${prefix} referred to in ${h} could not be found in either the standard dictionary or the DICT group.`,
          { heading: h, severity: 'warning' },
        ),
      )
    }
  }
}

function rule7and9(ctx: Ctx): void {
  const dictGroup = ctx.file.groups.get('DICT')
  if (dictGroup) {
    // Rule 9: a DICT row that repeats a definition the standard dictionary or an
    // earlier DICT row already gives (same status, TYPE, unit and description) is a
    // duplicate. A DICT row that redefines a standard heading differently is the
    // file's own description of it and is left alone, as the AGS validator does.
    const at = (row: string[], h: string) => {
      const i = col(dictGroup, h)
      return i >= 0 ? (row[i] as string) : ''
    }
    const seen = new Set<string>()
    dictGroup.rows.forEach((row, r) => {
      if (at(row, 'DICT_TYPE') !== 'HEADING') return
      const grp = at(row, 'DICT_GRP')
      const hd = at(row, 'DICT_HDNG')
      const definition = [
        grp,
        hd,
        at(row, 'DICT_STAT'),
        at(row, 'DICT_DTYP'),
        at(row, 'DICT_UNIT'),
        at(row, 'DICT_DESC'),
      ]
      const std = ctx.standard.heading(grp, hd)
      const key = definition.join('\u0000')
      const repeatsStandard =
        std !== undefined &&
        [grp, hd, std.status, std.type, std.unit, std.description].join('\u0000') === key
      if (repeatsStandard || seen.has(key)) {
        ctx.out.push(
          finding(
            'Rule 9',
            dictGroup.lineNumbers[r] ?? null,
            'DICT',
            `${hd} duplicate heading defined in DICT.  This is either a standard heading or already included above in DICT`,
            { heading: hd },
          ),
        )
      }
      seen.add(key)
    })
  }
  for (const g of ctx.file.groups.values()) {
    const def = ctx.dict.group(g.name)
    const known = new Set(def?.headings.map((h) => h.name) ?? [])
    let allKnown = true
    for (const h of g.headings) {
      if (!known.has(h)) {
        allKnown = false
        ctx.out.push(
          finding(
            'Rule 9',
            g.headingLine,
            g.name,
            `${h} not found in DICT group or the standard AGS4 dictionary.`,
            {
              heading: h,
            },
          ),
        )
      }
    }
    if (!def || g.headings.length === 0) continue
    if (!allKnown) {
      ctx.out.push(
        finding(
          'Rule 7',
          g.headingLine,
          g.name,
          'Order of headings could not be checked as one or more fields were not found in either the DICT group or the standard dictionary. Check error log under Rule 9.',
          { severity: 'warning' },
        ),
      )
      continue
    }
    const present = new Set(g.headings)
    const expected = def.headings.map((h) => h.name).filter((h) => present.has(h))
    for (let i = 0; i < g.headings.length; i++) {
      if (g.headings[i] !== expected[i]) {
        ctx.out.push(
          finding(
            'Rule 7',
            g.headingLine,
            g.name,
            `Headings not in order starting from ${g.headings[i]}. Expected order: ...${expected.slice(i).join('|')}`,
            { heading: g.headings[i] },
          ),
        )
        break
      }
    }
  }
}

function rule8(ctx: Ctx, g: AgsGroup): void {
  g.headings.forEach((h, c) => {
    const type = g.types[c] ?? ''
    const unit = g.units[c] ?? ''
    const kind = typeInfo(type).kind
    if (kind !== 'text') {
      for (let r = 0; r < g.rows.length; r++) {
        const text = (g.rows[r] as string[])[c] as string
        if (text === '') continue
        const problem = checkValueFormat(text, type, unit, h)
        if (problem)
          ctx.out.push(finding('Rule 8', g.lineNumbers[r] ?? null, g.name, problem, { heading: h }))
      }
    }
    // An ID is unique in the group that owns it (SAMP_ID in SAMP), repeated in children.
    if (type === 'ID' && h.startsWith(`${g.name}_`)) {
      const seen = new Set<string>()
      g.rows.forEach((row, r) => {
        const v = row[c] as string
        if (v === '') return
        if (seen.has(v)) {
          ctx.out.push(
            finding(
              'Rule 8',
              g.lineNumbers[r] ?? null,
              g.name,
              `Value ${v} in ${h} is not unique.`,
              { heading: h },
            ),
          )
        }
        seen.add(v)
      })
    }
  })
}

function keyHeadings(def: GroupDef | undefined): string[] {
  return def?.headings.filter((h) => h.isKey).map((h) => h.name) ?? []
}

function rule10(ctx: Ctx): void {
  const { file, dict, out } = ctx
  for (const g of file.groups.values()) {
    const def = dict.group(g.name)
    if (!def) continue
    // 10a: KEY headings present; no two rows with the same key.
    const keys = keyHeadings(def)
    const missingKeys = keys.filter((k) => !g.headings.includes(k))
    for (const k of missingKeys)
      out.push(
        finding('Rule 10a', g.headingLine, g.name, `Key field ${k} not found.`, { heading: k }),
      )
    if (keys.length > 0 && missingKeys.length === 0) {
      const idx = keys.map((k) => col(g, k))
      // NUL joins the key (a value may contain "|"); the message shows it the AGS way.
      const keyOf = (row: string[]) => idx.map((i) => row[i] as string).join('\u0000')
      const counts = new Map<string, number>()
      for (const row of g.rows) {
        const k = keyOf(row)
        counts.set(k, (counts.get(k) ?? 0) + 1)
      }
      g.rows.forEach((row, r) => {
        if ((counts.get(keyOf(row)) ?? 0) < 2) return
        const shown = ['DATA', ...idx.map((i) => row[i] as string)].join('|')
        out.push(
          finding(
            'Rule 10a',
            g.lineNumbers[r] ?? null,
            g.name,
            `Duplicate key field combination: ${shown}`,
          ),
        )
      })
    }
    // 10b: REQUIRED headings present and filled.
    const required = def.headings.filter((h) => h.isRequired).map((h) => h.name)
    for (const h of required) {
      if (!g.headings.includes(h)) {
        out.push(
          finding('Rule 10b', g.headingLine, g.name, `Required field ${h} not found.`, {
            heading: h,
          }),
        )
      }
    }
    const reqIdx = required.map((h) => col(g, h)).filter((i) => i >= 0)
    if (reqIdx.length > 0) {
      g.rows.forEach((row, r) => {
        const empty = reqIdx.filter((i) => (row[i] as string).trim() === '')
        if (empty.length === 0) return
        const shown = row.map((v, i) => (empty.includes(i) ? `??${g.headings[i]}??` : v))
        out.push(
          finding(
            'Rule 10b',
            g.lineNumbers[r] ?? null,
            g.name,
            `Empty REQUIRED fields: DATA|${shown.join('|')}`,
            {
              heading: g.headings[empty[0] as number] ?? null,
            },
          ),
        )
      })
    }
    rule10c(ctx, g, def)
  }
}

function rule10c(ctx: Ctx, g: AgsGroup, def: GroupDef): void {
  const { file, dict, out } = ctx
  if (ROOT_GROUPS.has(g.name)) return
  const parentName = def.parent
  // Groups under PROJ (LOCA, LBSG, STND, PREM) do not repeat PROJ_ID: nothing to match.
  if (parentName === '-' || parentName === 'PROJ') return
  if (parentName === '') {
    out.push(finding('Rule 10c', g.groupLine, g.name, 'Parent group left blank in dictionary.'))
    return
  }
  const parent = file.groups.get(parentName)
  if (!parent) {
    out.push(finding('Rule 10c', g.groupLine, g.name, `Could not find parent group ${parentName}.`))
    return
  }
  const parentKeys = keyHeadings(dict.group(parentName))
  if (parentKeys.length === 0) {
    out.push(
      finding(
        'Rule 10c',
        g.groupLine,
        g.name,
        `No key fields have been defined in parent group (${parentName}). Please check DICT group.`,
      ),
    )
    return
  }
  const notInChild = parentKeys.filter((k) => !keyHeadings(def).includes(k))
  if (notInChild.length > 0) {
    out.push(
      finding(
        'Rule 10c',
        g.groupLine,
        g.name,
        `${notInChild.join(', ')} defined as key field(s) in the parent group (${parentName}) but not in the child group. Please check DICT group.`,
      ),
    )
    return
  }
  const childIdx = parentKeys.map((k) => col(g, k))
  const parentIdx = parentKeys.map((k) => col(parent, k))
  if (childIdx.some((i) => i < 0) || parentIdx.some((i) => i < 0)) {
    out.push(
      finding(
        'Rule 10c',
        g.groupLine,
        g.name,
        `Could not check parent entries due to missing key fields in ${g.name} or ${parentName}. Check error log under Rule 10a.`,
      ),
    )
    return
  }
  const parentCombos = new Set(
    parent.rows.map((row) => parentIdx.map((i) => row[i]).join('\u0000')),
  )
  // AGS 4.1 lets a child name its parent by the parent's own ID alone (SAMP_ID).
  const ownId = parentKeys.findIndex((k) => k === `${parentName}_ID`)
  const parentIds =
    ownId >= 0 ? new Set(parent.rows.map((row) => row[parentIdx[ownId] as number])) : null
  g.rows.forEach((row, r) => {
    const values = childIdx.map((i) => row[i] as string)
    if (values.every((v) => v === '')) return // a standalone row: no parent named
    if (parentCombos.has(values.join('\u0000'))) return
    if (parentIds && ownId >= 0) {
      const id = values[ownId] as string
      if (id !== '' && parentIds.has(id) && values.every((v, k) => k === ownId || v === '')) return
    }
    out.push(
      finding(
        'Rule 10c',
        g.lineNumbers[r] ?? null,
        g.name,
        `Parent entry for line not found in ${parentName}: ${values.join('|')}`,
      ),
    )
  })
}

function tranValue(file: AgsFile, heading: string): string | undefined {
  const tran = file.groups.get('TRAN')
  const i = tran ? col(tran, heading) : -1
  return i >= 0 ? tran?.rows[0]?.[i] : undefined
}

function rule11(ctx: Ctx): void {
  const { file, out } = ctx
  const tran = file.groups.get('TRAN')
  if (!tran || tran.rows.length === 0) return // Rule 14 reports it
  const delimiter = tranValue(file, 'TRAN_DLIM') ?? ''
  const concatenator = tranValue(file, 'TRAN_RCON') ?? ''
  if (delimiter === '')
    out.push(
      finding('Rule 11a', tran.lineNumbers[0] ?? null, 'TRAN', 'TRAN_DLIM missing.', {
        heading: 'TRAN_DLIM',
      }),
    )
  if (concatenator === '')
    out.push(
      finding('Rule 11b', tran.lineNumbers[0] ?? null, 'TRAN', 'TRAN_RCON missing.', {
        heading: 'TRAN_RCON',
      }),
    )
  if (delimiter === '' || concatenator === '') return
  for (const g of file.groups.values()) {
    g.types.forEach((type, c) => {
      if (type !== 'RL') return
      g.rows.forEach((row, r) => {
        const value = row[c] as string
        if (value === '') return
        const line = g.lineNumbers[r] ?? null
        if (!value.includes(delimiter)) {
          out.push(
            finding(
              'Rule 11c',
              line,
              g.name,
              `Invalid record link: "${value}". "${delimiter}" should be used as delimiter.`,
              {
                heading: g.headings[c] ?? null,
              },
            ),
          )
          return
        }
        for (const link of value.split(concatenator)) {
          const [target, ...keys] = link.split(delimiter)
          const tg = file.groups.get(target ?? '')
          const matches =
            tg && keys.length <= tg.headings.length
              ? tg.rows.filter((tr) => keys.every((k, i) => tr[i] === k)).length
              : 0
          if (matches !== 1) {
            out.push(
              finding(
                'Rule 11c',
                line,
                g.name,
                matches === 0
                  ? `Invalid record link: "${link}". No such record found.`
                  : `Invalid record link: "${link}". Link refers to more than one record.`,
                { heading: g.headings[c] ?? null },
              ),
            )
          }
        }
      })
    })
  }
}

function rule13and14(ctx: Ctx, name: 'PROJ' | 'TRAN', rule: string): void {
  const g = ctx.file.groups.get(name)
  if (!g) {
    ctx.out.push(finding(rule, null, name, `${name} group not found.`))
  } else if (g.rows.length === 0) {
    ctx.out.push(
      finding(
        rule,
        g.groupLine,
        name,
        `There should be at least one DATA row in the ${name} group.`,
      ),
    )
  } else if (g.rows.length > 1) {
    ctx.out.push(
      finding(
        rule,
        g.lineNumbers[1] ?? null,
        name,
        `There should not be more than one DATA row in the ${name} group.`,
      ),
    )
  }
}

function columnValues(g: AgsGroup, heading: string): string[] {
  const i = col(g, heading)
  return i < 0 ? [] : g.rows.map((r) => r[i] as string)
}

function rule15(ctx: Ctx): void {
  const { file, out } = ctx
  const unitGroup = file.groups.get('UNIT')
  if (!unitGroup) {
    out.push(finding('Rule 15', null, 'UNIT', 'UNIT group not found.'))
    return
  }
  const defined = new Set(columnValues(unitGroup, 'UNIT_UNIT'))
  const reported = new Set<string>()
  const report = (unit: string, where: string) => {
    if (unit === '' || defined.has(unit) || reported.has(unit)) return
    reported.add(unit)
    out.push(
      finding(
        'Rule 15',
        null,
        'UNIT',
        `Unit "${unit}" not found in UNIT group. (This unit first appears in ${where})`,
      ),
    )
  }
  for (const g of file.groups.values()) {
    for (const u of g.units) report(u, `UNIT row in ${g.name} group`)
    g.types.forEach((t, c) => {
      if (t !== 'PU') return
      for (const row of g.rows)
        report(row[c] as string, `${g.headings[c]} column in ${g.name} group`)
    })
  }
}

function rule16(ctx: Ctx): void {
  const { file, out } = ctx
  const abbr = file.groups.get('ABBR')
  const paColumns: [AgsGroup, number][] = []
  for (const g of file.groups.values())
    g.types.forEach((t, c) => t === 'PA' && paColumns.push([g, c]))
  if (!abbr) {
    if (paColumns.length > 0) out.push(finding('Rule 16', null, 'ABBR', 'ABBR group not found.'))
    return
  }
  const iH = col(abbr, 'ABBR_HDNG')
  const iC = col(abbr, 'ABBR_CODE')
  if (iH < 0 || iC < 0) return // Rule 10a reports the missing key headings
  const codes = new Map<string, Set<string>>()
  for (const row of abbr.rows) {
    const h = row[iH] as string
    let s = codes.get(h)
    if (!s) codes.set(h, (s = new Set()))
    s.add(row[iC] as string)
  }
  const concatenator = tranValue(file, 'TRAN_RCON') ?? ''
  for (const [g, c] of paColumns) {
    const heading = g.headings[c] as string
    const known = codes.get(heading) ?? new Set<string>()
    const reported = new Set<string>()
    g.rows.forEach((row, r) => {
      const value = row[c] as string
      if (value === '') return
      for (const code of concatenator === '' ? [value] : value.split(concatenator)) {
        if (code === '' || known.has(code) || reported.has(code)) continue
        reported.add(code)
        out.push(
          finding(
            'Rule 16',
            g.lineNumbers[r] ?? null,
            g.name,
            `"${code}" under ${heading} in ${g.name} not found in ABBR group.`,
            {
              heading,
            },
          ),
        )
      }
    })
  }
}

function rule17(ctx: Ctx): void {
  const { file, out } = ctx
  const typeGroup = file.groups.get('TYPE')
  if (!typeGroup) {
    out.push(finding('Rule 17', null, 'TYPE', 'TYPE group not found.'))
    return
  }
  const defined = new Set(columnValues(typeGroup, 'TYPE_TYPE'))
  const reported = new Set<string>()
  const report = (t: string) => {
    if (t === '' || defined.has(t) || reported.has(t)) return
    reported.add(t)
    out.push(finding('Rule 17', null, 'TYPE', `Data type "${t}" not found in TYPE group.`))
  }
  for (const g of file.groups.values()) {
    for (const t of g.types) report(t)
    g.types.forEach((t, c) => t === 'PT' && g.rows.forEach((row) => report(row[c] as string)))
  }
}

function rule18(ctx: Ctx): void {
  if (ctx.file.groups.has('DICT')) return
  if (ctx.out.some((f) => f.rule === 'Rule 9')) {
    ctx.out.push(
      finding(
        'Rule 18',
        null,
        'DICT',
        'DICT group not found. See error log under Rule 9 for a list of non-standard headings that need to be defined in a DICT group.',
      ),
    )
  }
}

function rule20(ctx: Ctx, exists: CheckOptions['exists']): void {
  const { file, out } = ctx
  const fileGroup = file.groups.get('FILE')
  const sets = fileGroup ? new Set(columnValues(fileGroup, 'FILE_FSET')) : null
  for (const g of file.groups.values()) {
    if (g.name === 'FILE') continue
    const i = col(g, 'FILE_FSET')
    if (i < 0) continue
    const reported = new Set<string>()
    for (let r = 0; r < g.rows.length; r++) {
      const v = (g.rows[r] as string[])[i] as string
      if (!/[A-Za-z0-9]/.test(v)) continue
      if (!sets) {
        out.push(
          finding(
            'Rule 20',
            null,
            'FILE',
            'FILE group not found even though there are FILE_FSET entries in other groups.',
          ),
        )
        return
      }
      if (!sets.has(v) && !reported.has(v)) {
        reported.add(v)
        out.push(
          finding(
            'Rule 20',
            g.lineNumbers[r] ?? null,
            g.name,
            `FILE_FSET entry "${v}" not found in FILE group.`,
            {
              heading: 'FILE_FSET',
            },
          ),
        )
      }
    }
  }
  if (!fileGroup || !exists) return
  if (!exists('FILE', 'folder')) {
    out.push(
      finding(
        'Rule 20',
        null,
        'FILE',
        'Folder named "FILE" not found. Files defined in the FILE group should be saved in this folder.',
      ),
    )
    return
  }
  const iSet = col(fileGroup, 'FILE_FSET')
  const iName = col(fileGroup, 'FILE_NAME')
  const checkedSets = new Set<string>()
  fileGroup.rows.forEach((row, r) => {
    const set = iSet >= 0 ? (row[iSet] as string) : ''
    if (set === '') return
    const folder = `FILE/${set}`
    const line = fileGroup.lineNumbers[r] ?? null
    if (!exists(folder, 'folder')) {
      if (!checkedSets.has(set)) {
        out.push(
          finding(
            'Rule 20',
            line,
            'FILE',
            `Sub-folder named "${folder}" not found even though it is defined in the FILE group.`,
          ),
        )
      }
      checkedSets.add(set)
      return
    }
    checkedSets.add(set)
    const name = iName >= 0 ? (row[iName] as string) : ''
    if (name !== '' && !exists(`${folder}/${name}`, 'file')) {
      out.push(
        finding(
          'Rule 20',
          line,
          'FILE',
          `File named "${folder}/${name}" not found even though it is defined in the FILE group.`,
        ),
      )
    }
  })
}

function ruleOrder(rule: string): [number, string] {
  if (rule === 'General') return [0, '']
  const m = /^Rule (\d+)([a-z]*)$/.exec(rule)
  return m ? [Number(m[1]), m[2] ?? ''] : [1000, rule]
}

function sortByRule(findings: AgsFinding[]): AgsFinding[] {
  return findings
    .map((f, i) => ({ f, i, o: ruleOrder(f.rule) }))
    .sort((a, b) => a.o[0] - b.o[0] || a.o[1].localeCompare(b.o[1]) || a.i - b.i)
    .map((x) => x.f)
}

function capPerRule(findings: AgsFinding[], max: number): AgsFinding[] {
  const counts = new Map<string, number>()
  const out: AgsFinding[] = []
  for (const f of findings) {
    const n = (counts.get(f.rule) ?? 0) + 1
    counts.set(f.rule, n)
    if (n <= max) out.push(f)
  }
  for (const [rule, n] of counts) {
    if (n > max) {
      const idx = out.findLastIndex((f) => f.rule === rule)
      out.splice(
        idx + 1,
        0,
        finding(rule, null, '', `${n - max} more ${rule} findings not listed (${n} in all).`, {
          severity: findings.find((f) => f.rule === rule)?.severity ?? 'error',
        }),
      )
    }
  }
  return out
}
