// What one Standard Penetration Test found, in the notation a log states it in, worked
// out by the rules of BS EN ISO 22476-3 (with the UK practice BS 5930 logs follow):
// - a seating drive of 150 mm in two 75 mm increments, ended early at 25 blows;
// - a test drive of 300 mm in four 75 mm increments, ended early at 50 blows;
// - N is the blows of the whole 300 mm test drive. A test drive that stopped short has no
//   N: it is a refusal (50 blows reached) or a partial test (stopped for another reason),
//   stated as "blows/penetration" of the test drive ("50/75 mm"), never as an N, and
//   never drawn as N = 0.
// The input is one test as logged (the AGS4 ISPT headings, or a typed table with the same
// fields); the report text wins when it can be read, else the increments and
// penetrations decide, else the N value alone.

export const SEATING_DRIVE_MM = 150
export const TEST_DRIVE_MM = 300
export const INCREMENT_MM = 75
export const SEATING_BLOW_LIMIT = 25
export const TEST_BLOW_LIMIT = 50

/** One SPT as logged. Every field may be missing; only the depth is required. */
export interface SptRecord {
  depthM: number
  /** Blows of the six 75 mm increments: two seating, then four test (ISPT_INC1..6). */
  incrementBlows?: readonly (number | null)[]
  /** Penetration of each increment in mm (ISPT_PEN1..6). */
  incrementPenetrationsMm?: readonly (number | null)[]
  /** Blows of the seating drive (ISPT_SEAT) and of the test drive (ISPT_MAIN). */
  seatingBlows?: number | null
  testBlows?: number | null
  /** Total penetration of seating and test drive in mm (ISPT_NPEN). */
  totalPenetrationMm?: number | null
  /** N as logged (ISPT_NVAL). */
  n?: number | null
  /** The reported result as logged (ISPT_REP), e.g. "N=12 (1,2/3,3,3,3)". */
  report?: string | null
}

export type SptKind =
  /** The full 300 mm test drive: N is its blows. */
  | 'full'
  /** Stopped at the blow limit of the test drive, or of the seating drive with no test drive. */
  | 'refusal'
  /** Stopped short of 300 mm below the blow limit, or recorded without saying how far it went. */
  | 'partial'

export interface SptResult {
  kind: SptKind
  /** N of a full test; otherwise null (a stopped test has no N). */
  n: number | null
  /** Blows and penetration of the test drive as far as it went (null: not recorded). */
  testBlows: number | null
  testPenetrationMm: number | null
  seatingBlows: number | null
  seatingPenetrationMm: number | null
  /** "N=12", "50/75 mm", "25/75 mm seating", "N>50". */
  notation: string
  /**
   * Where the test plots on an N axis: N of a full test; of a stopped one the blows
   * scaled to 300 mm (Infinity when it did not penetrate), which a plot clips at its edge.
   */
  plotN: number
  /** What decided: the report text, the increments and penetrations, or the N value alone. */
  source: 'report' | 'increments' | 'n-value'
}

interface Drive {
  blows: number
  penetrationMm: number
}

const finite = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v)

/** "25 for 75mm", "3" (a whole 75 mm increment), or "1,2,3 for 40mm" ... as one drive. */
function parseDrive(text: string): Drive | null {
  let blows = 0
  let penetrationMm = 0
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (parts.length === 0) return null
  for (const part of parts) {
    const m = /^(\d+)\s*(?:for\s*(\d+(?:\.\d+)?)\s*mm)?\*?$/i.exec(part)
    if (!m) return null
    blows += Number(m[1])
    penetrationMm += m[2] === undefined ? INCREMENT_MM : Number(m[2])
  }
  return { blows, penetrationMm }
}

interface ReadReport {
  seating: Drive | null
  test: Drive | null
  n: number | null
  isRefusalSaid: boolean
}

/** Reads the reported result; null when it says nothing this module can read. */
function readReport(report: string): ReadReport | null {
  const text = report.trim()
  if (text === '') return null
  const isRefusalSaid = /N\s*>\s*\d+|\brefus/i.test(text)
  const paren = /\(([^)]*)\)/.exec(text)
  let seating: Drive | null = null
  let test: Drive | null = null
  if (paren) {
    const [seatText, testText] = (paren[1] ?? '').split('/')
    if (seatText !== undefined && testText !== undefined) {
      seating = parseDrive(seatText)
      test = parseDrive(testText)
    }
  }
  const outside = paren ? text.replace(paren[0], ' ') : text
  // "50/150", "50/150mm": blows / test-drive penetration.
  const ratio = /(?:^|[^\d.])(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*(?:mm)?/i.exec(outside)
  if (!test && ratio) test = { blows: Number(ratio[1]), penetrationMm: Number(ratio[2]) }
  const named = /N\s*[=>]\s*(\d+)/i.exec(outside) ?? /^\s*(\d+)\b(?!\s*\/)/.exec(outside)
  const n = named ? Number(named[1]) : null
  if (!seating && !test && n === null) return null
  return { seating, test, n, isRefusalSaid }
}

function mm(n: number): string {
  return `${Math.round(n)} mm`
}

function stopped(
  kind: 'refusal' | 'partial',
  seating: Drive | null,
  test: Drive | null,
  source: SptResult['source'],
): SptResult {
  const isSeatingOnly = !test || test.penetrationMm <= 0
  const notation = isSeatingOnly
    ? seating
      ? `${seating.blows}/${mm(seating.penetrationMm)} seating`
      : `N>${TEST_BLOW_LIMIT}`
    : `${(test as Drive).blows}/${mm((test as Drive).penetrationMm)}`
  const plotN = isSeatingOnly
    ? Infinity
    : ((test as Drive).blows * TEST_DRIVE_MM) / (test as Drive).penetrationMm
  return {
    kind,
    n: null,
    testBlows: test ? test.blows : null,
    testPenetrationMm: test ? test.penetrationMm : null,
    seatingBlows: seating ? seating.blows : null,
    seatingPenetrationMm: seating ? seating.penetrationMm : null,
    notation,
    plotN,
    source,
  }
}

function full(n: number, seating: Drive | null, source: SptResult['source']): SptResult {
  return {
    kind: 'full',
    n,
    testBlows: n,
    testPenetrationMm: TEST_DRIVE_MM,
    seatingBlows: seating ? seating.blows : null,
    seatingPenetrationMm: seating ? seating.penetrationMm : null,
    notation: `N=${n}`,
    plotN: n,
    source,
  }
}

/** A test whose drives are known: full, refusal or partial by the rules above. */
function judge(seating: Drive | null, test: Drive | null, source: SptResult['source']): SptResult {
  if (test && test.penetrationMm >= TEST_DRIVE_MM) return full(test.blows, seating, source)
  const seatingRefused =
    seating !== null &&
    seating.penetrationMm < SEATING_DRIVE_MM &&
    seating.blows >= SEATING_BLOW_LIMIT
  const testRefused = test !== null && test.blows >= TEST_BLOW_LIMIT
  const isSeatingOnly = !test || test.penetrationMm <= 0
  const isRefusal = testRefused || (isSeatingOnly && seatingRefused)
  return stopped(isRefusal ? 'refusal' : 'partial', seating, test, source)
}

function fromReport(report: string): SptResult | null {
  const r = readReport(report)
  if (!r) return null
  if (r.seating || r.test) {
    const result = judge(r.seating, r.test, 'report')
    if (r.isRefusalSaid && result.kind === 'partial') return { ...result, kind: 'refusal' }
    return result
  }
  if (r.isRefusalSaid) return stopped('refusal', null, null, 'report')
  return full(r.n as number, null, 'report')
}

/** The drives from the increments (and the total penetration), when they were logged. */
function drivesFromIncrements(t: SptRecord): { seating: Drive | null; test: Drive | null } | null {
  const blows = t.incrementBlows ?? []
  const pens = t.incrementPenetrationsMm ?? []
  if (!blows.some(finite)) return null
  // An increment's penetration defaults to 75 mm where its blows are logged.
  const penOf = (i: number) =>
    finite(pens[i]) ? (pens[i] as number) : finite(blows[i]) ? INCREMENT_MM : 0
  const blowsOf = (i: number) => (finite(blows[i]) ? (blows[i] as number) : 0)
  const seating: Drive = {
    blows: blowsOf(0) + blowsOf(1),
    penetrationMm: penOf(0) + penOf(1),
  }
  let testPen = penOf(2) + penOf(3) + penOf(4) + penOf(5)
  const hasPens = pens.slice(2, 6).some(finite)
  if (!hasPens && finite(t.totalPenetrationMm))
    testPen = Math.max(0, t.totalPenetrationMm - seating.penetrationMm)
  const test: Drive = {
    blows: blowsOf(2) + blowsOf(3) + blowsOf(4) + blowsOf(5),
    penetrationMm: testPen,
  }
  return { seating, test }
}

/** The result of one test. */
export function classifySpt(t: SptRecord): SptResult | null {
  const fromText = t.report ? fromReport(t.report) : null
  if (fromText) return fromText
  const drives = drivesFromIncrements(t)
  if (drives) return judge(drives.seating, drives.test, 'increments')
  const totalPen = t.totalPenetrationMm
  if (finite(t.testBlows) && finite(totalPen) && totalPen < SEATING_DRIVE_MM + TEST_DRIVE_MM) {
    const seating: Drive = {
      blows: finite(t.seatingBlows) ? t.seatingBlows : 0,
      penetrationMm: Math.min(SEATING_DRIVE_MM, totalPen),
    }
    const test: Drive = {
      blows: t.testBlows,
      penetrationMm: Math.max(0, totalPen - SEATING_DRIVE_MM),
    }
    return judge(seating, test, 'increments')
  }
  if (finite(t.n)) return full(t.n, null, 'n-value')
  if (finite(t.testBlows)) return full(t.testBlows, null, 'n-value')
  return null
}
