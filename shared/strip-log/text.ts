// Text measured without the DOM: the strip log is laid out as a pure function of the
// rows (fast while a draft is typed, no layout thrash, and the same in node for the
// SVG export). Widths are Arial's advance widths (Liberation Sans has the same
// metrics), in em, by character class; the log draws in that font, and clips each
// column, so an estimate a little off never spills into the next column.

export const FONT_FAMILY = "Arial, 'Liberation Sans', Helvetica, sans-serif"

const NARROW = `ijl.,:;'|!`
const THIN = 'frt()[]{}-/\\"'
const WIDE_LOWER = 'mw'
const WIDE_UPPER = 'MW@%'

function charEm(c: string): number {
  if (c === ' ') return 0.278
  if (NARROW.includes(c)) return 0.24
  if (THIN.includes(c)) return 0.333
  if (WIDE_LOWER.includes(c)) return 0.833
  if (WIDE_UPPER.includes(c)) return 0.89
  if (c >= '0' && c <= '9') return 0.556
  if (c === 'I') return 0.278
  if (c >= 'A' && c <= 'Z') return 0.68
  return 0.54
}

/** Advance widths of ASCII in em, looked up per character code (the hot path of layout). */
const ASCII_EM = Float64Array.from({ length: 128 }, (_, code) => charEm(String.fromCharCode(code)))

function emWidth(text: string): number {
  let em = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    em += code < 128 ? (ASCII_EM[code] as number) : 0.6
  }
  return em
}

export function textWidth(text: string, fontSize: number, isBold = false): number {
  return emWidth(text) * fontSize * (isBold ? 1.07 : 1)
}

interface MeasuredText {
  words: string[]
  /** Width of each word in em. */
  ems: number[]
}

// Measured once per distinct text: while a draft is edited only the changed
// description is measured again. Bounded, so a long session does not grow it forever.
const measured = new Map<string, MeasuredText>()
const MEASURED_LIMIT = 20_000

function measure(text: string): MeasuredText {
  let m = measured.get(text)
  if (m) return m
  const words = text.split(/\s+/).filter((w) => w !== '')
  m = { words, ems: words.map(emWidth) }
  if (measured.size >= MEASURED_LIMIT) measured.clear()
  measured.set(text, m)
  return m
}

/** Words wrapped to lines no wider than `width`; a word longer than a line is cut. */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const { words, ems } = measure(text)
  const widthEm = width / fontSize
  const spaceEm = ASCII_EM[32] as number
  const lines: string[] = []
  let line = ''
  let lineEm = 0
  words.forEach((word, i) => {
    const wordEm = ems[i] as number
    if (line !== '' && lineEm + spaceEm + wordEm <= widthEm) {
      line = `${line} ${word}`
      lineEm += spaceEm + wordEm
      return
    }
    if (line !== '') lines.push(line)
    line = word
    lineEm = wordEm
    while (lineEm > widthEm && line.length > 1) {
      let cut = line.length - 1
      while (cut > 1 && emWidth(line.slice(0, cut)) > widthEm) cut--
      lines.push(line.slice(0, cut))
      line = line.slice(cut)
      lineEm = emWidth(line)
    }
  })
  if (line !== '') lines.push(line)
  return lines
}
