// AGS4 reader: bytes -> groups of original field text, one pass, line by line.
// It never throws on bad input: what it cannot read becomes a finding (the format
// rules about lines: 1, 2a, 2b placement, 3, 4a, 4b, 5, duplicate groups/headings),
// and `notAgs4` says why a file is not AGS4 data at all (empty, binary, AGS3, CSV).
// Values are kept exactly as written; TYPE-aware conversion is in data-types.ts.
import { decodeAgsBytes, type AgsEncoding } from './decode'
import { finding, type AgsFinding } from './finding'

export interface AgsGroup {
  name: string
  headings: string[]
  /** One per heading ('' where the UNIT row is missing or short). */
  units: string[]
  /** One per heading ('' where the TYPE row is missing or short). */
  types: string[]
  /** DATA rows, one field per heading, original text (quotes undone). */
  rows: string[][]
  /** 1-based file line of each DATA row. */
  lineNumbers: number[]
  groupLine: number
  headingLine: number | null
  unitLine: number | null
  typeLine: number | null
  /** Descriptors in file order after GROUP (HEADING, UNIT, TYPE, DATA), for Rule 2b. */
  descriptorOrder: { descriptor: string; line: number }[]
}

export type LineEnding = 'crlf' | 'lf' | 'mixed' | 'none'

export interface AgsFile {
  /** In file order. */
  groups: Map<string, AgsGroup>
  encoding: AgsEncoding
  hasBom: boolean
  lineEnding: LineEnding
  lineCount: number
  /** How the bytes were read (encoding fallback, BOM), for people. */
  warnings: string[]
  /** Findings about lines (AGS4 rules 1-6); the checker adds the rest. */
  findings: AgsFinding[]
  /** Why this is not AGS4 data at all, or null. Nothing in it should be imported. */
  notAgs4: string | null
  /** An AGS3 file: reported once (Rule 3) and not checked further. */
  isAgs3: boolean
}

/**
 * Findings after which the file's data is ambiguous (an unclosed quote swallowed the rest of
 * a line, a GROUP given twice): marked here, where they are made, so that import can refuse
 * on them without reading their messages.
 */
const AMBIGUOUS = new WeakSet<AgsFinding>()

export function makesDataAmbiguous(f: AgsFinding): boolean {
  return AMBIGUOUS.has(f)
}

function ambiguous(f: AgsFinding): AgsFinding {
  AMBIGUOUS.add(f)
  return f
}

const DESCRIPTORS = new Set(['GROUP', 'HEADING', 'UNIT', 'TYPE', 'DATA'])
/** AGS3 continuation marker; AGS4 dropped it but old exporters still write it. */
const CONT = '<CONT>'
const NON_ASCII = /[^\x00-\x7f]/
/** Outside ASCII and the "extended ASCII" letters and signs (160-255: degree sign, é). */
const BEYOND_EXTENDED_ASCII = /[^\x00-\x7f\xa0-\xff]/
const BINARY_CONTROL = /[\x00-\x08\x0e-\x1f]/

interface SplitLine {
  fields: string[]
  unquoted: boolean
  orphanQuote: boolean
  unterminated: boolean
}

/**
 * Splits one line into fields. Fast path: `"a","b",""` splits on `","` and is right
 * exactly when no part still contains a quote (a doubled quote inside a value always
 * leaves one behind). Anything else goes through the character scanner.
 */
export function splitAgsLine(line: string): SplitLine {
  if (line.length >= 2 && line.charCodeAt(0) === 34 && line.charCodeAt(line.length - 1) === 34) {
    const parts = line.slice(1, -1).split('","')
    let clean = true
    for (const p of parts) {
      if (p.includes('"')) {
        clean = false
        break
      }
    }
    if (clean) return { fields: parts, unquoted: false, orphanQuote: false, unterminated: false }
  }
  return scanLine(line)
}

function scanLine(line: string): SplitLine {
  const fields: string[] = []
  let unquoted = false
  let orphanQuote = false
  let unterminated = false
  let i = 0
  const n = line.length
  for (;;) {
    if (i < n && line[i] === '"') {
      let value = ''
      let j = i + 1
      let closed = false
      while (j < n) {
        const c = line[j]
        if (c === '"') {
          if (line[j + 1] === '"') {
            value += '"'
            j += 2
            continue
          }
          // A closing quote must end the field; otherwise it is a stray quote inside
          // the value (`"ACME "Gas" Works"`), kept as text as the AGS validator does.
          if (j + 1 === n || line[j + 1] === ',') {
            closed = true
            j += 1
            break
          }
          orphanQuote = true
          value += '"'
          j += 1
          continue
        }
        value += c
        j += 1
      }
      if (!closed) unterminated = true
      fields.push(value)
      i = j
    } else {
      const comma = line.indexOf(',', i)
      const end = comma < 0 ? n : comma
      fields.push(line.slice(i, end))
      unquoted = true
      i = end
    }
    if (i >= n) break
    // line[i] is ',' here
    i += 1
    if (i === n) {
      fields.push('')
      unquoted = true
      break
    }
  }
  return { fields, unquoted, orphanQuote, unterminated }
}

function emptyFile(
  encoding: AgsEncoding,
  hasBom: boolean,
  notAgs4: string,
  findings: AgsFinding[],
  isAgs3 = false,
): AgsFile {
  return {
    groups: new Map(),
    encoding,
    hasBom,
    lineEnding: 'none',
    lineCount: 0,
    warnings: [],
    findings,
    notAgs4,
    isAgs3,
  }
}

export interface ReadOptions {
  /** Named in messages. */
  fileName?: string
}

/** Reads AGS4 bytes. Never throws for bad input; see AgsFile.notAgs4 and findings. */
export function readAgs(bytes: Uint8Array, options: ReadOptions = {}): AgsFile {
  const name = options.fileName ?? 'The file'
  if (bytes.length === 0) {
    const why = `${name} is empty (0 bytes): an AGS4 file has at least one GROUP.`
    return emptyFile('utf-8', false, why, [finding('General', null, '', why)])
  }
  const decoded = decodeAgsBytes(bytes)
  if (decoded.firstNulOffset !== null) {
    const why = `${name} is binary data, not AGS4 text (NUL byte at offset ${decoded.firstNulOffset}).`
    return emptyFile(decoded.encoding, decoded.hasBom, why, [finding('General', null, '', why)])
  }
  const text = decoded.text
  const ags3 = ags3Line(text)
  if (ags3 !== null) {
    // Said once, then nothing else: every AGS3 line (`"**GROUP"`, `"*HEADING"`,
    // `"<CONT>"`) would otherwise be a Rule 2 or Rule 3 error of its own. The AGS
    // validator stops here too. See docs/AGS4.md, "Not AGS4".
    const why = `${name} looks like an AGS3 file: line ${ags3.line} starts with "${ags3.start}" instead of an AGS4 data descriptor. Only AGS4 is checked and imported; convert it to AGS4 first.`
    return emptyFile(
      decoded.encoding,
      decoded.hasBom,
      why,
      [finding('Rule 3', ags3.line, '', why)],
      true,
    )
  }
  const { warnings, findings } = encodingFindings(name, decoded.encoding, decoded.hasBom)

  const rawLines = text.split('\n')
  // A final line break does not start another line.
  if (rawLines.length > 1 && rawLines[rawLines.length - 1] === '') rawLines.pop()
  const reader = new LineReader(findings)
  for (let index = 0; index < rawLines.length; index++) {
    const terminated = index < rawLines.length - 1 || text.endsWith('\n')
    reader.read(rawLines[index] as string, index + 1, terminated)
  }

  const lineCount = rawLines.length
  const { crlf, lf } = reader
  if (lf > 0) {
    findings.push(
      finding(
        'Rule 2a',
        reader.firstLfLine,
        '',
        `${lf} of ${lf + crlf} lines end with LF only; AGS4 asks for CR+LF. Read anyway.`,
        { severity: 'warning' },
      ),
    )
  }
  if (!text.endsWith('\n') && (rawLines[lineCount - 1] ?? '') !== '') {
    // The AGS validator checks each line for CR+LF and so reports this line under Rule
    // 2a; an importer that splits on line ends would read it, but a writer that appends
    // would join the next line onto it. See docs/AGS4.md, "Rule 2a".
    findings.push(
      finding(
        'Rule 2a',
        lineCount,
        '',
        'The last line is not terminated by <CR> and <LF> characters.',
        { severity: 'warning' },
      ),
    )
  }
  const notAgs4 = reader.sawGroup ? null : whyNotAgs4(name, reader, lineCount)
  if (notAgs4 !== null) findings.unshift(finding('General', null, '', notAgs4))
  return {
    groups: reader.groups,
    encoding: decoded.encoding,
    hasBom: decoded.hasBom,
    lineEnding: crlf > 0 && lf > 0 ? 'mixed' : crlf > 0 ? 'crlf' : lf > 0 ? 'lf' : 'none',
    lineCount,
    warnings,
    findings,
    notAgs4,
    isAgs3: false,
  }
}

/** What the bytes' encoding says about the file, for people (warnings) and the checker. */
function encodingFindings(
  name: string,
  encoding: AgsEncoding,
  hasBom: boolean,
): { warnings: string[]; findings: AgsFinding[] } {
  const warnings: string[] = []
  const findings: AgsFinding[] = []
  if (encoding === 'windows-1252') {
    warnings.push(`${name} is not valid UTF-8; it was read as Windows-1252.`)
    findings.push(
      finding(
        'General',
        null,
        '',
        'The file is not valid UTF-8 and was read as Windows-1252; check non-ASCII characters.',
        { severity: 'warning' },
      ),
    )
  }
  if (hasBom) {
    warnings.push(`${name} starts with a UTF-8 byte-order mark.`)
    findings.push(
      finding(
        'Rule 1',
        1,
        '',
        'The file starts with a UTF-8 byte-order mark (BOM); other software may read it as data. Save it without BOM.',
        { severity: 'warning' },
      ),
    )
  }
  return { warnings, findings }
}

/**
 * Rule 1 asks for ASCII. Characters 160-255 (a degree sign, an accented letter) are
 * "extended ASCII", which the AGS validator reports for information only (python-ags4
 * 0.5.0 on, its test_rule_1_utf8): a warning here. Anything else beyond ASCII is an
 * error. See docs/AGS4.md, "Rule 1".
 */
function rule1Finding(line: string, lineNo: number): AgsFinding {
  return BEYOND_EXTENDED_ASCII.test(line)
    ? finding('Rule 1', lineNo, '', 'Has Non-ASCII character(s).')
    : finding('Rule 1', lineNo, '', 'Has extended ASCII character(s) (160-255).', {
        severity: 'warning',
      })
}

/** The first AGS3 group line (`"**PROJ"`), unless the file has AGS4 GROUP lines. */
function ags3Line(text: string): { line: number; start: string } | null {
  const m = /^"\*\*[^"\r\n]*"/m.exec(text)
  if (!m || /^"GROUP"/m.test(text)) return null
  const line = text.slice(0, m.index).split('\n').length
  return { line, start: m[0].slice(1, -1) }
}

/** A file with no GROUP line: say what it looks like instead. */
function whyNotAgs4(name: string, reader: LineReader, lineCount: number): string {
  if (reader.sawAgs3)
    return `${name} looks like an AGS3 file (lines start with "**GROUP" / "*HEADING"); only AGS4 is supported. Convert it to AGS4 first.`
  if (reader.binaryLike > lineCount / 10) return `${name} looks like binary data, not AGS4 text.`
  return `${name} has no AGS4 data: no line starts with "GROUP" (is it a CSV or tab-separated file renamed .ags?).`
}

/** The one pass over the lines: groups as they are read, findings in line order. */
class LineReader {
  readonly groups = new Map<string, AgsGroup>()
  crlf = 0
  lf = 0
  firstLfLine = 0
  sawAgs3 = false
  sawGroup = false
  binaryLike = 0
  private current: AgsGroup | null = null
  /** A repeated GROUP's rows are checked but not kept. */
  private currentIsDuplicate = false
  private readonly sawMissingHeadings = new Set<string>()

  constructor(private readonly findings: AgsFinding[]) {}

  read(rawLine: string, lineNo: number, terminated: boolean): void {
    const findings = this.findings
    let line = rawLine
    if (line.endsWith('\r')) {
      line = line.slice(0, -1)
      if (terminated) this.crlf++
    } else if (terminated) {
      this.lf++
      if (this.firstLfLine === 0) this.firstLfLine = lineNo
    }
    if (NON_ASCII.test(line)) findings.push(rule1Finding(line, lineNo))
    if (line.trim() === '') {
      if (line.length > 0) findings.push(finding('Rule 5', lineNo, '', 'Contains only spaces.'))
      return
    }
    if (BINARY_CONTROL.test(line)) this.binaryLike++

    const split = splitAgsLine(line)
    this.quoteFindings(split, lineNo)
    const fields = split.fields
    let descriptor = fields[0] as string
    if (descriptor.startsWith('*')) this.sawAgs3 = true // AGS3: "**GROUP", "*HEADING"
    let isCont = false
    const contInDescriptor = descriptor === CONT
    if (contInDescriptor) {
      isCont = true
      descriptor = 'DATA'
    } else if (descriptor === 'DATA' && fields[1] === CONT) {
      isCont = true
    }
    if (!DESCRIPTORS.has(descriptor)) {
      findings.push(finding('Rule 3', lineNo, '', 'Does not start with a valid data descriptor.'))
      return
    }
    if (descriptor === 'GROUP') {
      this.startGroup(fields, lineNo)
      return
    }
    const group = this.current
    if (!group) {
      findings.push(finding('Rule 2', lineNo, '', `${descriptor} row before any GROUP row.`))
      return
    }
    group.descriptorOrder.push({ descriptor, line: lineNo })
    fields.shift() // the descriptor; what remains are the values
    if (descriptor === 'HEADING') this.readHeadings(group, fields, lineNo)
    else this.readRow(group, descriptor, fields, lineNo, isCont ? { contInDescriptor } : null)
  }

  private quoteFindings(split: SplitLine, lineNo: number): void {
    if (split.unterminated) {
      this.findings.push(
        ambiguous(
          finding('Rule 5', lineNo, '', 'Has a field with an opening quote but no closing quote.'),
        ),
      )
    } else if (split.unquoted) {
      this.findings.push(
        finding('Rule 5', lineNo, '', 'Contains fields that are not enclosed in double quotes.'),
      )
    }
    if (split.orphanQuote) {
      this.findings.push(
        finding(
          'Rule 5',
          lineNo,
          '',
          'Contains quotes within a data field. All such quotes should be enclosed by a second quote.',
        ),
      )
    }
  }

  private startGroup(fields: string[], lineNo: number): void {
    this.sawGroup = true
    const groupName = fields[1] ?? ''
    if (fields.length !== 2) {
      this.findings.push(
        fields.length > 2
          ? finding('Rule 4a', lineNo, groupName, 'GROUP row has more than one field.')
          : finding('Rule 4a', lineNo, '', 'GROUP row is malformed.'),
      )
    }
    const fresh: AgsGroup = {
      name: groupName,
      headings: [],
      units: [],
      types: [],
      rows: [],
      lineNumbers: [],
      groupLine: lineNo,
      headingLine: null,
      unitLine: null,
      typeLine: null,
      descriptorOrder: [],
    }
    const earlier = this.groups.get(groupName)
    if (earlier) {
      this.findings.push(
        ambiguous(
          finding(
            'Rule 2',
            lineNo,
            groupName,
            `GROUP ${groupName} appears again (first at line ${earlier.groupLine}); all its rows must be in one group.`,
          ),
        ),
      )
      this.currentIsDuplicate = true
    } else {
      this.groups.set(groupName, fresh)
      this.currentIsDuplicate = false
    }
    this.current = fresh
  }

  private readHeadings(group: AgsGroup, values: string[], lineNo: number): void {
    if (group.headingLine !== null) {
      this.findings.push(
        finding(
          'Rule 2b',
          lineNo,
          group.name,
          `Second HEADING row in group (first at line ${group.headingLine}).`,
        ),
      )
      return
    }
    group.headings = values
    group.headingLine = lineNo
    group.units = values.map(() => '')
    group.types = values.map(() => '')
    const seen = new Set<string>()
    for (const h of values) {
      if (seen.has(h)) {
        this.findings.push(
          finding('Rule 7', lineNo, group.name, 'HEADER row has duplicate fields.', {
            heading: h,
          }),
        )
        break
      }
      seen.add(h)
    }
  }

  /** UNIT, TYPE, DATA or a continuation (`cont`) of the DATA row above. */
  private readRow(
    group: AgsGroup,
    descriptor: string,
    values: string[],
    lineNo: number,
    cont: { contInDescriptor: boolean } | null,
  ): void {
    if (group.headingLine === null) {
      if (!this.sawMissingHeadings.has(group.name)) {
        this.sawMissingHeadings.add(group.name)
        this.findings.push(finding('Rule 4b', null, group.name, 'Headings row missing.'))
      }
      return
    }
    if (values.length !== group.headings.length) {
      this.findings.push(
        finding('Rule 4b', lineNo, group.name, 'Number of fields does not match the HEADING row.'),
      )
    }
    const aligned = align(values, group.headings.length)
    if (descriptor === 'UNIT') {
      if (group.unitLine === null) {
        group.units = aligned
        group.unitLine = lineNo
      }
    } else if (descriptor === 'TYPE') {
      if (group.typeLine === null) {
        group.types = aligned
        group.typeLine = lineNo
      }
    } else if (cont) {
      this.continueRow(group, aligned, lineNo, cont.contInDescriptor)
    } else if (!this.currentIsDuplicate) {
      group.rows.push(aligned)
      group.lineNumbers.push(lineNo)
    }
  }

  private continueRow(
    group: AgsGroup,
    aligned: string[],
    lineNo: number,
    contInDescriptor: boolean,
  ): void {
    const previous = group.rows[group.rows.length - 1]
    if (!previous) {
      this.findings.push(
        finding('Rule 3', lineNo, group.name, `${CONT} row with no DATA row above it to continue.`),
      )
      return
    }
    // `"<CONT>",...` stands where "DATA" would; `"DATA","<CONT>",...` stands in the
    // first heading's place. Either way the other fields extend the row above.
    const start = contInDescriptor ? 0 : 1
    for (let k = start; k < aligned.length; k++) {
      if (aligned[k] !== '') previous[k] = (previous[k] ?? '') + aligned[k]
    }
    this.findings.push(
      finding(
        'Rule 3',
        lineNo,
        group.name,
        `${CONT} continuation row (an AGS3 convention) merged into the DATA row above.`,
        { severity: 'warning' },
      ),
    )
  }
}

function align(values: string[], length: number): string[] {
  if (values.length === length) return values
  const out = values.slice(0, length)
  while (out.length < length) out.push('')
  return out
}
