import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { decodeAgsBytes, decodeWindows1252 } from './decode'
import { readAgs, splitAgsLine, type AgsGroup } from './parse'
import { REAL_DIR, RULES_DIR, readFixture } from './test-fixtures'

const enc = (s: string) => new TextEncoder().encode(s)

function agsText(lines: string[], eol = '\r\n'): Uint8Array {
  return enc(lines.join(eol) + eol)
}

const PROJ = [
  '"GROUP","PROJ"',
  '"HEADING","PROJ_ID","PROJ_NAME"',
  '"UNIT","",""',
  '"TYPE","ID","X"',
  '"DATA","P1","Test"',
]

function group(bytes: Uint8Array, name: string): AgsGroup {
  const g = readAgs(bytes).groups.get(name)
  if (!g) throw new Error(`no ${name}`)
  return g
}

describe('decoding', () => {
  it('reads UTF-8 with and without a byte-order mark to the same text', () => {
    const plain = enc('"GROUP","PROJ"\r\n')
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain])
    expect(decodeAgsBytes(withBom)).toMatchObject({
      text: decodeAgsBytes(plain).text,
      hasBom: true,
      encoding: 'utf-8',
    })
  })

  it('falls back to Windows-1252 for bytes that are not UTF-8, with the euro sign at 0x80', () => {
    const d = decodeAgsBytes(new Uint8Array([0x22, 0x80, 0x20, 0xa3, 0x35, 0x22]))
    expect(d.encoding).toBe('windows-1252')
    expect(d.text).toBe('"\u20ac \u00a35"')
  })

  it('maps every byte to one character in Windows-1252 (nothing is lost or merged)', () => {
    const all = new Uint8Array(256).map((_, i) => i)
    const text = decodeWindows1252(all)
    expect(text.length).toBe(256)
    expect(new Set(text).size).toBe(256)
  })
})

describe('splitting a line into fields', () => {
  it('undoes doubled quotes and keeps commas inside quotes', () => {
    expect(splitAgsLine('"DATA","ACME ""Gas Works"", Anytown",""').fields).toEqual([
      'DATA',
      'ACME "Gas Works", Anytown',
      '',
    ])
  })

  it('reads a list of quoted values inside one field (4.1-rule5-3 line 43)', () => {
    expect(splitAgsLine('"DATA","""some"",""quoted"",""list""",""').fields).toEqual([
      'DATA',
      '"some","quoted","list"',
      '',
    ])
  })

  it('keeps a stray quote as text and flags it (Rule 5)', () => {
    const s = splitAgsLine('"DATA","121415","ACME "Gas Works" Redevelopment","x"')
    expect(s.fields).toEqual(['DATA', '121415', 'ACME "Gas Works" Redevelopment', 'x'])
    expect(s.orphanQuote).toBe(true)
  })

  it('flags unquoted fields and unterminated quotes', () => {
    expect(splitAgsLine('"DATA",12,"a"')).toMatchObject({
      fields: ['DATA', '12', 'a'],
      unquoted: true,
    })
    expect(splitAgsLine('"DATA","a","')).toMatchObject({
      fields: ['DATA', 'a', ''],
      unterminated: true,
    })
  })

  it('quote -> split gives back any list of values (fast path and scanner agree)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', ' ', 'é', 'x') }), {
          minLength: 1,
        }),
        (values) => {
          const line = values.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')
          const s = splitAgsLine(line)
          expect(s.fields).toEqual(values)
          expect(s.unquoted || s.orphanQuote || s.unterminated).toBe(false)
        },
      ),
    )
  })
})

describe('reading groups', () => {
  it('reads GROUP, HEADING, UNIT, TYPE and DATA with line numbers, keeping original text', () => {
    const g = group(
      agsText([
        ...PROJ,
        '',
        '"GROUP","LOCA"',
        '"HEADING","LOCA_ID","LOCA_GL"',
        '"UNIT","","m"',
        '"TYPE","ID","2DP"',
        '"DATA","BH1","12.50"',
        '"DATA","BH2"," 3.1 "',
      ]),
      'LOCA',
    )
    expect(g).toMatchObject({
      headings: ['LOCA_ID', 'LOCA_GL'],
      units: ['', 'm'],
      types: ['ID', '2DP'],
      rows: [
        ['BH1', '12.50'],
        ['BH2', ' 3.1 '],
      ],
      lineNumbers: [11, 12],
      groupLine: 7,
    })
  })

  it('reads CR+LF, LF and mixed line endings alike and reports which', () => {
    const crlf = readAgs(agsText(PROJ, '\r\n'))
    const lf = readAgs(agsText(PROJ, '\n'))
    const mixed = readAgs(
      enc(PROJ.slice(0, 2).join('\n') + '\n' + PROJ.slice(2).join('\r\n') + '\r\n'),
    )
    expect([crlf.lineEnding, lf.lineEnding, mixed.lineEnding]).toEqual(['crlf', 'lf', 'mixed'])
    for (const f of [lf, mixed])
      expect(f.groups.get('PROJ')?.rows).toEqual(crlf.groups.get('PROJ')?.rows)
    expect(lf.findings.filter((f) => f.rule === 'Rule 2a').map((f) => f.severity)).toEqual([
      'warning',
    ])
  })

  it('merges <CONT> continuation rows into the row above, in both spellings, with a warning', () => {
    const f = readAgs(
      agsText([
        '"GROUP","GEOL"',
        '"HEADING","LOCA_ID","GEOL_TOP","GEOL_DESC"',
        '"UNIT","","m",""',
        '"TYPE","ID","2DP","X"',
        '"DATA","BH1","0.00","Soft brown CLAY"',
        '"DATA","<CONT>",""," with rare gravel"',
        '"<CONT>","",""," and roots"',
        '"DATA","BH1","1.00","Sand"',
      ]),
    )
    expect(f.groups.get('GEOL')?.rows).toEqual([
      ['BH1', '0.00', 'Soft brown CLAY with rare gravel and roots'],
      ['BH1', '1.00', 'Sand'],
    ])
    expect(
      f.findings.filter((x) => x.message.includes('<CONT>')).map((x) => [x.line, x.severity]),
    ).toEqual([
      [6, 'warning'],
      [7, 'warning'],
    ])
  })

  it('keeps rows with too few or too many fields aligned to the headings and flags them (Rule 4b)', () => {
    const f = readAgs(
      agsText([
        '"GROUP","PROJ"',
        '"HEADING","PROJ_ID","PROJ_NAME"',
        '"UNIT","",""',
        '"TYPE","ID","X"',
        '"DATA","P1"',
        '"DATA","P2","n","extra"',
      ]),
    )
    expect(f.groups.get('PROJ')?.rows).toEqual([
      ['P1', ''],
      ['P2', 'n'],
    ])
    expect(f.findings.filter((x) => x.rule === 'Rule 4b').map((x) => x.line)).toEqual([5, 6])
  })

  it('reads a real file with a byte-order mark (20-0139) from its first line', () => {
    const f = readAgs(readFixture(REAL_DIR + '20-0139 - 2020-04-03 1014 - Final - 1.ags'))
    expect(f.hasBom).toBe(true)
    expect([...f.groups.keys()][0]).toBe('PROJ')
    expect(f.findings.some((x) => x.rule === 'Rule 3')).toBe(false)
  })

  it('reads Hindley Mill: 12 holes, 71 GEOL, 105 SAMP, 77 ISPT rows (SOURCES.md)', () => {
    const f = readAgs(readFixture(REAL_DIR + 'Hindley Mill Embankment FRA01.ags'))
    expect(['LOCA', 'GEOL', 'SAMP', 'ISPT'].map((n) => f.groups.get(n)?.rows.length)).toEqual([
      12, 71, 105, 77,
    ])
    expect(f.groups.size).toBe(30)
  })
})

describe('garbage in gives findings, never a throw', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(0), /is empty/],
    [
      'binary data',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      /binary/,
    ],
    [
      'a CSV renamed .ags',
      enc('hole,top,base\nBH1,0,1.2\nBH1,1.2,3\n'),
      /no line starts with "GROUP"/,
    ],
    [
      'a tab-separated file',
      readFixture(RULES_DIR + '4.1-rule6_1.ags'),
      /no line starts with "GROUP"/,
    ],
    ['an AGS3 file', readFixture(RULES_DIR + 'AGS3.ags'), /AGS3/],
  ]
  for (const [what, bytes, why] of cases) {
    it(`${what}: notAgs4 says why`, () => {
      const f = readAgs(bytes, { fileName: 'x.ags' })
      expect(f.notAgs4).toMatch(why)
      expect(f.groups.size).toBe(0)
    })
  }

  it('a truncated file: the cut line is flagged, nothing before it is lost', () => {
    const full = readFixture(REAL_DIR + 'F69-B32.ags')
    const cut = full.subarray(0, Math.floor(full.length * 0.6))
    const f = readAgs(cut)
    expect(f.notAgs4).toBeNull()
    const last = f.findings.filter((x) => x.rule === 'Rule 4b' || x.rule === 'Rule 5')
    expect(last.length).toBeGreaterThan(0)
    expect(f.groups.get('PROJ')?.rows).toEqual(readAgs(full).groups.get('PROJ')?.rows)
  })

  it('random bytes never make the reader throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const f = readAgs(bytes)
        expect(f.notAgs4 === null || typeof f.notAgs4 === 'string').toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('random edits of a real file never make the reader throw', () => {
    const base = readFixture(REAL_DIR + 'F69-B32.ags')
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(base.length - 1),
            fc.constantFrom(0x22, 0x2c, 0x0a, 0x0d, 0x41, 0x00, 0xff),
          ),
        ),
        (edits) => {
          const b = new Uint8Array(base)
          for (const [at, byte] of edits) b[at] = byte
          readAgs(b)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('line terminators (Rule 2a)', () => {
  const rule2a = (bytes: Uint8Array) => readAgs(bytes).findings.filter((f) => f.rule === 'Rule 2a')

  it('a last line without any terminator is reported at that line, as the AGS validator does', () => {
    const text = PROJ.join('\r\n')
    expect(rule2a(enc(text))).toMatchObject([
      { line: 5, severity: 'warning', message: /last line is not terminated/ },
    ])
    expect(rule2a(enc(text + '\r\n'))).toEqual([])
    // A last line cut after its CR has no LF either.
    expect(rule2a(enc(text + '\r'))).toMatchObject([{ line: 5 }])
  })

  it('a real file cut before its final line break: its LF lines and its last line', () => {
    const full = readFixture(REAL_DIR + 'F69-B32.ags')
    let end = full.length
    while (full[end - 1] === 0x0a || full[end - 1] === 0x0d) end--
    const cut = full.subarray(0, end)
    const found = rule2a(cut)
    expect(found.map((f) => f.line)).toEqual([1, readAgs(cut).lineCount])
    expect(readAgs(cut).groups.get('LOCA')?.rows).toEqual(readAgs(full).groups.get('LOCA')?.rows)
  })
})
