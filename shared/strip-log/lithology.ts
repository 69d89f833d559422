// Which graphic pattern a stratum gets in the strip log. A reviewer reads the
// legend column as the logger's classification, so the choice follows, in order:
// 1. the AGS legend code (GEOL_LEG): three digits whose first digit is the family, as
//    in the ABBR tables of real files (101 topsoil, 102 made ground, 2xx clay, 3xx silt,
//    4xx sand, 5xx gravel, 6xx peat, 7xx cobbles and boulders, 8xx rock); a code whose
//    exact meaning we do not know keeps its family and takes detail from the description;
// 2. a soil group symbol in the legend column (BS 5930 / USCS: CL, SM, GW, Pt, MG...);
// 3. the description, where BS 5930 writes the principal soil or rock in capitals
//    ("slightly sandy CLAY"), its adjectives giving the secondary constituents.
// Secondary constituents (sandy, gravelly...) are drawn over the principal pattern, as
// composite soils are on a BS 5930 log.

export type Principal =
  | 'topsoil'
  | 'made-ground'
  | 'concrete'
  | 'clay'
  | 'silt'
  | 'sand'
  | 'gravel'
  | 'cobbles'
  | 'peat'
  | 'mudstone'
  | 'siltstone'
  | 'sandstone'
  | 'limestone'
  | 'chalk'
  | 'coal'
  | 'conglomerate'
  | 'breccia'
  | 'igneous'
  | 'metamorphic'
  | 'rock'
  | 'void'
  | 'unknown'

/** Constituents drawn over a soil's principal pattern. */
export type Minor = 'clay' | 'silt' | 'sand' | 'gravel' | 'organic'

export type LithologySource = 'legend-code' | 'soil-symbol' | 'description' | 'none'

export interface Lithology {
  principal: Principal
  /** Secondary constituents, in a fixed order (MINORS), never the principal itself. */
  minors: Minor[]
  source: LithologySource
}

export const PRINCIPAL_NAMES: Record<Principal, string> = {
  topsoil: 'Topsoil',
  'made-ground': 'Made ground',
  concrete: 'Concrete',
  clay: 'Clay',
  silt: 'Silt',
  sand: 'Sand',
  gravel: 'Gravel',
  cobbles: 'Cobbles and boulders',
  peat: 'Peat',
  mudstone: 'Mudstone',
  siltstone: 'Siltstone',
  sandstone: 'Sandstone',
  limestone: 'Limestone',
  chalk: 'Chalk',
  coal: 'Coal',
  conglomerate: 'Conglomerate',
  breccia: 'Breccia',
  igneous: 'Igneous rock',
  metamorphic: 'Metamorphic rock',
  rock: 'Rock',
  void: 'Void',
  unknown: 'Not classified',
}

const MINORS: readonly Minor[] = ['clay', 'silt', 'sand', 'gravel', 'organic']

const SOILS_WITH_MINORS = new Set<Principal>(['clay', 'silt', 'sand', 'gravel', 'peat'])

/** Codes whose full meaning the AGS ABBR tables of the real files spell out. */
const KNOWN_CODES: Record<string, { principal: Principal; minors: Minor[] }> = {
  '101': { principal: 'topsoil', minors: [] },
  '102': { principal: 'made-ground', minors: [] },
  '201': { principal: 'clay', minors: [] },
  '202': { principal: 'clay', minors: ['silt'] },
  '203': { principal: 'clay', minors: ['sand'] },
  '204': { principal: 'clay', minors: ['gravel'] },
  '211': { principal: 'clay', minors: ['silt', 'sand', 'gravel'] },
  '301': { principal: 'silt', minors: [] },
  '401': { principal: 'sand', minors: [] },
  '403': { principal: 'sand', minors: ['silt'] },
  '404': { principal: 'sand', minors: ['gravel'] },
  '408': { principal: 'sand', minors: ['clay', 'silt', 'gravel'] },
  '412': { principal: 'sand', minors: ['silt', 'gravel'] },
  '501': { principal: 'gravel', minors: [] },
  '504': { principal: 'gravel', minors: ['sand'] },
  '601': { principal: 'peat', minors: [] },
  '802': { principal: 'siltstone', minors: [] },
  '805': { principal: 'chalk', minors: [] },
}

/** The family of a three-digit code; 8xx and 9xx say "rock" or "other" only, the description says which. */
const CODE_FAMILIES: Record<string, Principal | null> = {
  '1': 'made-ground',
  '2': 'clay',
  '3': 'silt',
  '4': 'sand',
  '5': 'gravel',
  '6': 'peat',
  '7': 'cobbles',
  '8': 'rock',
  '9': null,
}

const ROCKS = new Set<Principal>([
  'mudstone',
  'siltstone',
  'sandstone',
  'limestone',
  'chalk',
  'coal',
  'conglomerate',
  'breccia',
  'igneous',
  'metamorphic',
  'rock',
])

/** Principal names as BS 5930 writes them, most specific first (MADE GROUND before GRAVEL). */
const NAMES: readonly [RegExp, Principal][] = [
  [/MADE\s+GROUND|\bFILL\b/, 'made-ground'],
  [/TOPSOIL/, 'topsoil'],
  [/CONCRETE|TARMAC|ASPHALT|MACADAM/, 'concrete'],
  [/\bVOID\b/, 'void'],
  [/MUDSTONE|CLAYSTONE|\bSHALE\b/, 'mudstone'],
  [/SILTSTONE/, 'siltstone'],
  [/SANDSTONE/, 'sandstone'],
  [/LIMESTONE|DOLOMITE/, 'limestone'],
  [/\bCHALK\b/, 'chalk'],
  [/\bCOAL\b/, 'coal'],
  [/CONGLOMERATE/, 'conglomerate'],
  [/BRECCIA/, 'breccia'],
  [/GRANITE|BASALT|DOLERITE|ANDESITE|GABBRO|DIORITE|RHYOLITE|TUFF/, 'igneous'],
  [/SCHIST|GNEISS|SLATE|QUARTZITE|MARBLE/, 'metamorphic'],
  [/\bPEAT\b/, 'peat'],
  [/COBBLES?\b|BOULDERS?\b/, 'cobbles'],
  [/\bGRAVEL\b/, 'gravel'],
  [/\bSAND\b/, 'sand'],
  [/\bSILT\b/, 'silt'],
  [/\bCLAY\b/, 'clay'],
  [/\bROCK\b/, 'rock'],
]

const MINOR_WORDS: readonly [RegExp, Minor][] = [
  [/\bclayey\b/i, 'clay'],
  [/\bsilty\b/i, 'silt'],
  [/\bsandy\b/i, 'sand'],
  [/\bgravelly\b/i, 'gravel'],
  [/\b(organic|peaty)\b/i, 'organic'],
]

/** "SAND with some gravel": a constituent named after "with" in the sentence of the principal. */
const WITH_CLAUSE = /\bwith\b([^.;]*)/gi
const WITH_NOUNS: readonly [RegExp, Minor][] = [
  [/\bclay\b/i, 'clay'],
  [/\bsilt\b/i, 'silt'],
  [/\bsand\b/i, 'sand'],
  [/\bgravel\b/i, 'gravel'],
]

function ordered(minors: Iterable<Minor>, principal: Principal): Minor[] {
  const set = new Set(minors)
  return MINORS.filter((m) => set.has(m) && m !== principal)
}

/**
 * The principal named in a description: the first capitalised name (BS 5930), else the
 * first name in any case ("To Chalk"), else null. Adjectives ("sandy") never count.
 */
export function principalOfText(text: string): Principal | null {
  let best: { at: number; principal: Principal } | null = null
  for (const [pattern, principal] of NAMES) {
    const m = pattern.exec(text)
    if (m && (best === null || m.index < best.at)) best = { at: m.index, principal }
  }
  if (best) return best.principal
  const upper = text.toUpperCase()
  for (const [pattern, principal] of NAMES) {
    const m = pattern.exec(upper)
    if (m && (best === null || m.index < best.at)) best = { at: m.index, principal }
  }
  return best?.principal ?? null
}

/** Secondary constituents a description names: adjectives and "with ..." clauses. */
export function minorsOfText(text: string, principal: Principal): Minor[] {
  if (!SOILS_WITH_MINORS.has(principal)) return []
  const found: Minor[] = []
  // Only the first sentence describes the stratum; "Sand is fine to coarse." is about a minor.
  const first = text.split(/\.\s/)[0] ?? text
  for (const [pattern, minor] of MINOR_WORDS) if (pattern.test(first)) found.push(minor)
  for (const clause of first.matchAll(WITH_CLAUSE)) {
    const words = clause[1] ?? ''
    for (const [pattern, minor] of WITH_NOUNS) if (pattern.test(words)) found.push(minor)
  }
  return ordered(found, principal)
}

/** BS 5930 and USCS group symbols: CL, CH, ML, SM, SC, GW, GP, GM, GC, Pt, MG, OL... */
function principalOfSymbol(code: string): { principal: Principal; minors: Minor[] } | null {
  const s = code.toUpperCase().replace(/\s+/g, '')
  if (s === 'PT' || s === 'P') return { principal: 'peat', minors: [] }
  if (s === 'MG') return { principal: 'made-ground', minors: [] }
  if (s === 'TS') return { principal: 'topsoil', minors: [] }
  // Dual symbols (SM-SC, CL-ML): the first group names the principal.
  const m = /^([CMSGO])([A-Z]{0,2})(?:[-/].*)?$/.exec(s)
  if (!m) return null
  const [, first, rest = ''] = m
  const principal: Principal =
    first === 'C'
      ? 'clay'
      : first === 'S'
        ? 'sand'
        : first === 'G'
          ? 'gravel'
          : first === 'O' && rest.startsWith('H')
            ? 'clay'
            : 'silt'
  const minors: Minor[] = []
  if (first === 'O') minors.push('organic')
  if (first === 'S' || first === 'G') {
    // Coarse soils: the second letter names the fines (M silt, C clay) or the grading (W, P, F).
    if (rest.startsWith('M')) minors.push('silt')
    if (rest.startsWith('C')) minors.push('clay')
  }
  if (rest.endsWith('O')) minors.push('organic')
  return { principal, minors: ordered(minors, principal) }
}

/** The pattern for a stratum from its legend code and description (see the file comment). */
export function classifyStratum(
  legendCode: string | null | undefined,
  description: string | null | undefined,
): Lithology {
  const code = (legendCode ?? '').trim()
  const text = (description ?? '').trim()
  const fromText = text === '' ? null : principalOfText(text)

  if (/^\d{3}$/.test(code)) {
    const known = KNOWN_CODES[code]
    if (known) {
      // The description may name the secondary constituents more fully than the code.
      const minors =
        fromText === known.principal
          ? ordered([...known.minors, ...minorsOfText(text, known.principal)], known.principal)
          : known.minors
      return { principal: known.principal, minors, source: 'legend-code' }
    }
    const family = CODE_FAMILIES[code[0] as string] ?? null
    if (family === 'rock') {
      const principal = fromText !== null && ROCKS.has(fromText) ? fromText : 'rock'
      return { principal, minors: [], source: 'legend-code' }
    }
    if (family === 'made-ground') {
      const principal = fromText === 'topsoil' || fromText === 'concrete' ? fromText : family
      return { principal, minors: [], source: 'legend-code' }
    }
    if (family !== null) {
      return { principal: family, minors: minorsOfText(text, family), source: 'legend-code' }
    }
  } else if (code !== '') {
    const symbol = principalOfSymbol(code)
    if (symbol) {
      const minors =
        fromText === symbol.principal
          ? ordered([...symbol.minors, ...minorsOfText(text, symbol.principal)], symbol.principal)
          : symbol.minors
      return { principal: symbol.principal, minors, source: 'soil-symbol' }
    }
    const named = principalOfText(code)
    if (named !== null) {
      return { principal: named, minors: minorsOfText(code, named), source: 'soil-symbol' }
    }
  }
  if (fromText !== null) {
    return { principal: fromText, minors: minorsOfText(text, fromText), source: 'description' }
  }
  return { principal: 'unknown', minors: [], source: 'none' }
}

/** "Sandy gravelly clay", the legend's words for a pattern. */
export function lithologyName(l: Lithology): string {
  const adjectives: Record<Minor, string> = {
    clay: 'clayey',
    silt: 'silty',
    sand: 'sandy',
    gravel: 'gravelly',
    organic: 'organic',
  }
  const name = PRINCIPAL_NAMES[l.principal]
  if (l.minors.length === 0) return name
  const words = [...l.minors.map((m) => adjectives[m]), name.toLowerCase()].join(' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
