import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { checkAgsBytes, type CheckResult } from './check'
import { standardDictionary, type HeadingDef } from './dictionary'
import type { AgsFinding } from './finding'
import { REAL_DIR, RULES_DIR, readFixture, realFileNames } from './test-fixtures'

function exists(path: string, kind: 'file' | 'folder'): boolean {
  const p = RULES_DIR + path
  return existsSync(p) && (kind === 'folder' ? statSync(p).isDirectory() : statSync(p).isFile())
}

function check(name: string): CheckResult {
  return checkAgsBytes(readFixture(RULES_DIR + name), { fileName: name, exists })
}

function errors(r: CheckResult): AgsFinding[] {
  return r.findings.filter((f) => f.severity === 'error')
}

interface Expected {
  rule: string
  line: number | '-'
  group: string
  desc: string
}

function readCheckFile(name: string): Expected[] {
  const json = JSON.parse(readFileSync(RULES_DIR + name, 'utf8')) as Record<
    string,
    { line: number | string; group: string; desc: string }[]
  >
  return Object.entries(json).flatMap(([rule, list]) =>
    list.map((e) => ({
      rule,
      line: e.line === '-' ? '-' : Number(e.line),
      group: e.group,
      desc: e.desc,
    })),
  )
}

function matches(e: Expected, f: AgsFinding): boolean {
  return (
    f.rule === e.rule &&
    f.group === e.group &&
    f.message === e.desc &&
    (e.line === '-' || f.line === e.line)
  )
}

// Findings we report that a .check file does not list, and why. Each is a known
// difference from the snapshot of python-ags4 that wrote the .check file.
const KNOWN_EXTRA: Record<string, { rule: string; group: string; why: string }[]> = {
  '4.1-rule7-1.ags': [
    {
      rule: 'Rule 7',
      group: 'ABBR',
      why: 'that validator stopped at the first group out of order; its later versions (and we) report every group',
    },
  ],
}

const checkFiles = readdirSync(RULES_DIR).filter((f) => f.endsWith('.check'))

describe('agreement with the AGS validator .check fixtures', () => {
  it('covers every .check file with a source file here', () => {
    const withSource = checkFiles.filter((c) =>
      existsSync(RULES_DIR + c.replace(/\.check$/, '.ags')),
    )
    // 4.1-rule1.check belongs to 4.1-rule1.ags, which the upstream snapshot lacks.
    expect(checkFiles.filter((c) => !withSource.includes(c))).toEqual(['4.1-rule1.check'])
    expect(withSource.length).toBe(13)
  })

  for (const checkFile of checkFiles.filter((c) =>
    existsSync(RULES_DIR + c.replace(/\.check$/, '.ags')),
  )) {
    const agsFile = checkFile.replace(/\.check$/, '.ags')
    it(`${agsFile}: every expected finding is reported and no other error`, () => {
      const expected = readCheckFile(checkFile)
      const ours = errors(check(agsFile))
      for (const e of expected) {
        expect(
          ours.filter((f) => matches(e, f)),
          `${e.rule} ${e.group} ${e.desc}`,
        ).toHaveLength(1)
      }
      const extra = ours.filter((f) => !expected.some((e) => matches(e, f)))
      const allowed = KNOWN_EXTRA[agsFile] ?? []
      expect(extra.map((f) => ({ rule: f.rule, group: f.group }))).toEqual(
        allowed.map((a) => ({ rule: a.rule, group: a.group })),
      )
    })
  }

  it('4.1-rule1.check: the line it lists is reported under Rule 1, as a warning since python-ags4 0.5.0', () => {
    // The .check file predates python-ags4 0.5.0, which made characters 160-255 an FYI
    // (its test_rule_1_utf8); its line is still the first one we report.
    const [expected] = readCheckFile('4.1-rule1.check') as [Expected]
    const first = check('4.1-rule1-utf8.ags').findings.find((f) => f.rule === 'Rule 1')
    expect(first).toMatchObject({
      rule: expected.rule,
      group: expected.group,
      line: 155,
      severity: 'warning',
    })
  })
})

type Want = [rule: string, group: string, message: string | RegExp, line?: number]

function expectFindings(r: CheckResult, wanted: Want[]): void {
  for (const [rule, group, message, line] of wanted) {
    const hit = r.findings.filter(
      (f) =>
        f.rule === rule &&
        f.group === group &&
        (typeof message === 'string' ? f.message === message : message.test(f.message)) &&
        (line === undefined || f.line === line),
    )
    expect(hit.length, `${rule} ${group} ${String(message)} ${line ?? ''}`).toBeGreaterThan(0)
  }
}

// The rule fixtures without a .check file: what python-ags4's own tests expect of them.
describe('rule fixtures without a .check file (expectations of the AGS validator tests)', () => {
  const cases: [file: string, wanted: Want[], noErrorsBesides?: string[]][] = [
    ['4.1-rule2b1.ags', [['Rule 2b', 'ABBR', 'UNIT row missing from group.', 7]]],
    [
      '4.1-rule2b4.ags',
      [
        ['Rule 2b', 'ABBR', /^UNIT row is misplaced/, 10],
        ['Rule 2b', 'ABBR', /^TYPE row is misplaced/, 9],
      ],
    ],
    [
      '4.1-rule5-2.ags',
      [['Rule 5', '', 'Has a field with an opening quote but no closing quote.', 5]],
    ],
    [
      '4.1-rule6_2.ags',
      [['Rule 4b', 'ABBR', 'Number of fields does not match the HEADING row.', 26]],
    ],
    ['DuplicateHeaders.ags', [['Rule 7', 'SAMP', 'HEADER row has duplicate fields.', 81]]],
    [
      '4.1-rule8-1.ags',
      [
        ['Rule 8', 'LOCA', 'Value 523145.010 in LOCA_NATE not of data type 2DP.', 76],
        ['Rule 8', 'LOCA', 'Value 523145.0 in LOCA_NATE not of data type 2DP.', 77],
      ],
    ],
    [
      '4.1-rule8-2.ags',
      [
        ['Rule 8', 'SAMP', 'Value 2.455e1 in SAMP_TOP not of data type 2SCI.', 82],
        ['Rule 8', 'SAMP', 'Value 30.45e1 in SAMP_TOP not of data type 2SCI.', 83],
        ['Rule 8', 'SAMP', 'Value 3.4e1 in SAMP_TOP not of data type 2SCI.', 84],
      ],
    ],
    [
      '4.1-rule8-3.ags',
      [
        ['Rule 8', 'LLPL', 'Value 45.0 in LLPL_LL not of data type 2SF. (Expected: 45)', 70],
        ['Rule 8', 'LLPL', 'Value 101 in LLPL_LL not of data type 2SF. (Expected: 100)', 71],
        ['Rule 8', 'LLPL', 'Value 0.2 in LLPL_PI not of data type 2SF. (Expected: 0.20)', 73],
      ],
    ],
    [
      '4.1-rule8-5.ags',
      [
        [
          'Rule 8',
          'LOCA',
          'Value 51:68:52.498 in LOCA_LAT not of data type DMS or is an invalid value.',
          76,
        ],
        [
          'Rule 8',
          'LOCA',
          'Value 51:28:152.498 in LOCA_LAT not of data type DMS or is an invalid value.',
          77,
        ],
        [
          'Rule 8',
          'LOCA',
          'Value :28:152.498 in LOCA_LAT not of data type DMS or is an invalid value.',
          78,
        ],
        ['Rule 8', 'SAMP', 'Value x in SAMP_RECL not of data type U. Numeric value expected.', 85],
        ['Rule 8', 'ISPT', 'Value yes in ISPT_ROCK not of data type YN.', 95],
        ['Rule 8', 'ISPT', 'Value 10 in ISPT_ROCK not of data type YN.', 100],
      ],
    ],
    ['4.1-rule8-6.ags', [['Rule 8', 'SAMP', 'Value ABC121415010 in SAMP_ID is not unique.']]],
    [
      '4.1-rule8-7.ags',
      [
        [
          'Rule 8',
          'LOCA',
          'Value 45:45:45,454 in LOCA_LON not of data type DMS or is an invalid value.',
          73,
        ],
      ],
    ],
    [
      '4.1-rule9-2.ags',
      [
        [
          'Rule 9',
          'SAMP',
          'SAMP_XXXX not found in DICT group or the standard AGS4 dictionary.',
          78,
        ],
      ],
    ],
    [
      '4.1-rule10-1.ags',
      [
        [
          'Rule 10a',
          'LLPL',
          'Duplicate key field combination: DATA|327-16A|15.00|15|U||1|15.00',
          73,
        ],
        [
          'Rule 10a',
          'LLPL',
          'Duplicate key field combination: DATA|327-16A|15.00|15|U||1|15.00',
          74,
        ],
      ],
    ],
    ['4.1-rule10-2.ags', [['Rule 10a', 'LLPL', 'Key field SAMP_ID not found.']]],
    [
      '4.1-rule10-3.ags',
      [['Rule 10c', 'LLPL', 'Parent entry for line not found in SAMP: 327-16A|15.00|15||']],
    ],
    [
      '4.1-rule10-4.ags',
      [['Rule 10c', 'LLPL', 'Parent entry for line not found in SAMP: 327-16A|15.00|15|U|']],
    ],
    ['4.1-rule10-5.ags', [['Rule 10c', 'SAMP', 'Could not find parent group LOCA.']]],
    ['4.1-rule10-6.ags', [['Rule 10b', 'ABBR', 'Required field ABBR_DESC not found.', 15]]],
    [
      '4.1-rule10-7.ags',
      [
        [
          'Rule 10c',
          'TES1',
          'No key fields have been defined in parent group (TEST). Please check DICT group.',
        ],
      ],
    ],
    [
      '4.1-rule10-8.ags',
      [
        [
          'Rule 10c',
          'TES1',
          'TEST_A defined as key field(s) in the parent group (TEST) but not in the child group. Please check DICT group.',
        ],
      ],
    ],
    [
      '4.1-rule10-9.ags',
      [
        [
          'Rule 10b',
          'ABBR',
          'Empty REQUIRED fields: DATA|SAMP_TYPE|??ABBR_CODE??|Small disturbed sample|||',
          23,
        ],
        ['Rule 10b', 'TYPE', 'Empty REQUIRED fields: DATA|X|??TYPE_DESC??|', 40],
      ],
    ],
    [
      '4.1-rule11-1.ags',
      [['Rule 11c', 'SAMP', 'Invalid record link: "ISPT|327-16A|2". No such record found.']],
    ],
    [
      '4.1-rule11-2.ags',
      [
        [
          'Rule 11c',
          'SAMP',
          'Invalid record link: "ISPT|327-16A|2.50". "@" should be used as delimiter.',
        ],
      ],
    ],
    ['4.1-rule12.ags', [['Rule 10b', 'TRAN', /^Empty REQUIRED fields:/]]],
    [
      '4.1-rule13-1.ags',
      [['Rule 13', 'PROJ', 'There should not be more than one DATA row in the PROJ group.', 6]],
    ],
    ['4.1-rule13-2.ags', [['Rule 13', 'PROJ', 'PROJ group not found.']]],
    [
      '4.1-rule14-1.ags',
      [['Rule 14', 'TRAN', 'There should not be more than one DATA row in the TRAN group.', 25]],
    ],
    ['4.1-rule14-2.ags', [['Rule 14', 'TRAN', 'TRAN group not found.']]],
    ['4.1-rule14-3.ags', [['Rule 17', 'TYPE', 'Data type "YN" not found in TYPE group.']]],
    ['4.1-rule15-1.ags', [['Rule 15', 'UNIT', 'UNIT group not found.']]],
    [
      '4.1-rule15-2.ags',
      [
        [
          'Rule 15',
          'UNIT',
          'Unit "%" not found in UNIT group. (This unit first appears in UNIT row in LLPL group)',
        ],
      ],
    ],
    [
      '4.1-rule15-3.ags',
      [
        [
          'Rule 15',
          'UNIT',
          'Unit "mg/l" not found in UNIT group. (This unit first appears in ELRG_RUNI column in ELRG group)',
        ],
      ],
    ],
    [
      '4.1-rule16-1.ags',
      [
        ['Rule 16', 'SAMP', '"U" under SAMP_TYPE in SAMP not found in ABBR group.'],
        ['Rule 16', 'LLPL', '"U" under SAMP_TYPE in LLPL not found in ABBR group.'],
      ],
    ],
    ['4.1-rule16-3.ags', [['Rule 16', 'ABBR', 'ABBR group not found.']]],
    [
      '4.1-rule16b-2.ags',
      [
        ['Rule 16', 'LOCA', '"CP" under LOCA_TYPE in LOCA not found in ABBR group.'],
        ['Rule 16', 'LOCA', '"RC" under LOCA_TYPE in LOCA not found in ABBR group.'],
      ],
    ],
    [
      '4.1-rule16b-3.ags',
      [
        ['Rule 16', 'LOCA', '"CP " under LOCA_TYPE in LOCA not found in ABBR group.'],
        ['Rule 16', 'LOCA', '" RC" under LOCA_TYPE in LOCA not found in ABBR group.'],
      ],
    ],
    ['4.1-rule16b-4.ags', [['Rule 11b', 'TRAN', 'TRAN_RCON missing.']]],
    ['4.1-rule16b-5.ags', [['Rule 11b', 'TRAN', 'TRAN_RCON missing.']]],
    ['4.1-rule17-1.ags', [['Rule 17', 'TYPE', 'Data type "ID" not found in TYPE group.']]],
    ['4.1-rule17-2.ags', [['Rule 17', 'TYPE', 'TYPE group not found.']]],
    [
      '4.1-rule18-1.ags',
      [['Rule 9', 'LOCA', 'LOCA_APPG not found in DICT group or the standard AGS4 dictionary.']],
    ],
    [
      '4.1-rule18-2.ags',
      [
        [
          'Rule 7',
          'LOCA',
          'Headings not in order starting from LOCA_CHKG. Expected order: ...LOCA_APPG|LOCA_CHKG',
        ],
      ],
    ],
    [
      '4.1-rule19.ags',
      [['Rule 19', 'TESTS', 'GROUP name should consist of four uppercase letters.']],
    ],
    [
      '4.1-rule19-1.ags',
      [
        ['Rule 19', 'TST', 'GROUP name should consist of four uppercase letters.'],
        [
          'Rule 19b',
          'TST',
          'Heading TST_DPTH should consist of a 4 character group name and a field name of up to 4 characters.',
        ],
      ],
    ],
    [
      '4.1-rule19-2.ags',
      [
        ['Rule 19', 'test', 'GROUP name should consist of four uppercase letters.'],
        [
          'Rule 19a',
          'test',
          'Heading test_DPTH should consist of only uppercase letters, numbers, and an underscore character.',
        ],
      ],
    ],
    [
      '4.1-rule19a-1.ags',
      [['Rule 19a', 'TEST', 'Heading TEST_DEPTH is more than 9 characters in length.']],
    ],
    [
      '4.1-rule19a-2.ags',
      [
        [
          'Rule 19a',
          'TEST',
          'Heading TEST_D-H should consist of only uppercase letters, numbers, and an underscore character.',
        ],
      ],
    ],
    [
      '4.1-rule19b-2.ags',
      [
        [
          'Rule 19b',
          'LLPL',
          'XXXX_425 does not start with the name of this group, nor is it defined in another group.',
        ],
      ],
    ],
    [
      '4.1-rule20-1.ags',
      [
        ['Rule 20', 'LOCA', 'FILE_FSET entry "327-16A" not found in FILE group.'],
        [
          'Rule 20',
          'FILE',
          'Sub-folder named "FILE/327" not found even though it is defined in the FILE group.',
        ],
      ],
    ],
    [
      '4.1-rule20-2.ags',
      [
        [
          'Rule 20',
          'FILE',
          'Sub-folder named "FILE/327" not found even though it is defined in the FILE group.',
        ],
      ],
    ],
    [
      '4.1-rule20-3.ags',
      [
        [
          'Rule 20',
          'FILE',
          'File named "FILE/327-16A/wrong Report.pdf" not found even though it is defined in the FILE group.',
        ],
      ],
    ],
    [
      'DuplicateGroups.ags',
      [['Rule 2', 'SAMP', /^GROUP SAMP appears again \(first at line 29\)/, 42]],
    ],
    [
      'Row_with_missing_field.ags',
      [['Rule 4b', 'PROJ', 'Number of fields does not match the HEADING row.', 5]],
    ],
    ['AGS3.ags', [['Rule 3', '', /AGS3/, 1]]],
    ['EmptyFile.ags', [['General', '', /is empty/]]],
    ['4.1-rule6_1.ags', [['General', '', /no line starts with "GROUP"/]]],
    ['File_with_BOM.ags', [['Rule 1', '', /byte-order mark/, 1]]],
  ]
  for (const [file, wanted] of cases) {
    it(`${file}: reports ${wanted.map((w) => w[0]).join(', ')}`, () => {
      expectFindings(check(file), wanted)
    })
  }

  it('4.1-rule8-4.ags: dates and elapsed times are checked against the format in their UNIT row', () => {
    const r = check('4.1-rule8-4.ags')
    const rule8 = r.findings
      .filter((f) => f.rule === 'Rule 8')
      .map((f) => [f.line, f.group, f.message])
    // Exactly the 21 findings python-ags4 expects (its test_rule_8_4), in group order.
    expect(rule8).toHaveLength(21)
    expectFindings(r, [
      [
        'Rule 8',
        'LOCA',
        'Value 2021-02-29 in LOCA_STAR does not match the specified format (yyyy-mm-dd) or is an invalid date/time.',
        20,
      ],
      [
        'Rule 8',
        'LOCA',
        'Value 2023-13 in LOCA_ENDD does not match the specified format (yyyy-mm) or is an invalid date/time.',
        18,
      ],
      [
        'Rule 8',
        'SAMP',
        'Value 2023-09-21T10:01Z(+03:00) in SAMP_DTIM does not match the specified format (yyyy-mm-ddThh:mm) or is an invalid date/time.',
        28,
      ],
      [
        'Rule 8',
        'CHIS',
        'Value 23:77 in CHIS_TIME not in the specified elapsed time format (hh:mm) or is an invalid elapsed time.',
        46,
      ],
      [
        'Rule 8',
        'CHIS',
        'Value 2023-11-16T11:34 in CHIS_STAR does not match the specified format (yyyy-mm-ddThh:mmZ(+hh:mm)) or is an invalid date/time.',
        44,
      ],
    ])
    // Z(+03:00) is how AGS writes a zone; python-ags4 accepts it and so do we.
    expect(r.findings.some((f) => f.line === 41 && f.heading === 'CHIS_STAR')).toBe(false)
  })

  it('4.1-rule8-5.ags: YN accepts y and n as the AGS validator does, not yes/no', () => {
    const yn = check('4.1-rule8-5.ags').findings.filter((f) => f.heading === 'ISPT_ROCK')
    expect(yn.map((f) => f.line)).toEqual([95, 96, 97, 98, 99, 100])
  })

  it('4.1-rule19b-1.ags: a DICT-defined heading named after a group that does not exist is a Rule 19b warning', () => {
    // python-ags4 files this under Rule 19b as an error; the heading is fully defined
    // in DICT, only its name breaks the convention, so we warn.
    const r = check('4.1-rule19b-1.ags')
    expectFindings(r, [
      ['Rule 19b', 'DEMO', /^Group NAME referred to in NAME_VAL could not be found/],
    ])
    expect(errors(r)).toEqual([])
  })

  it('4.1-rule1-utf8 and -latin1: characters 160-255 are no Rule 1 error (python-ags4 test_rule_1_utf8, _latin1)', () => {
    for (const file of ['4.1-rule1-utf8.ags', '4.1-rule1-latin1.ags']) {
      const r = check(file)
      expect(
        errors(r).filter((f) => f.rule === 'Rule 1'),
        file,
      ).toEqual([])
      const rule1 = r.findings.filter((f) => f.rule === 'Rule 1')
      expect(rule1.length, file).toBeGreaterThan(0)
      expect(rule1.every((f) => f.severity === 'warning')).toBe(true)
    }
    // The same characters read in two encodings give the same findings.
    const lines = (file: string) =>
      check(file)
        .findings.filter((f) => f.rule === 'Rule 1')
        .map((f) => f.line)
    expect(lines('4.1-rule1-latin1.ags')).toEqual(lines('4.1-rule1-utf8.ags'))
  })

  it('4.1-rule1-cp1252: characters 128-159 of Windows-1252 are Rule 1 errors, lines 154 to 185 (python-ags4 test_rule_1_cp1252)', () => {
    const r = check('4.1-rule1-cp1252.ags')
    const rule1 = errors(r).filter((f) => f.rule === 'Rule 1')
    expect(rule1[0]).toMatchObject({ line: 154, group: '', message: 'Has Non-ASCII character(s).' })
    expect(rule1.at(-1)?.line).toBe(185)
    expectFindings(r, [['General', '', /read as Windows-1252/]])
  })

  it('a degree sign is a Rule 1 warning; a character beyond 255 or a C1 control is an error', () => {
    const file = (value: string) =>
      new TextEncoder().encode(
        ['"GROUP","PROJ"', '"HEADING","PROJ_ID"', '"UNIT",""', '"TYPE","X"', `"DATA","${value}"`]
          .map((l) => l + '\r\n')
          .join(''),
      )
    const rule1 = (value: string) =>
      checkAgsBytes(file(value))
        .findings.filter((f) => f.rule === 'Rule 1')
        .map((f) => [f.line, f.severity])
    expect(rule1('dip 30\u00b0')).toEqual([[5, 'warning']])
    expect(rule1('caf\u00e9 \u2013 bar')).toEqual([[5, 'error']])
    expect(rule1('x\u0085y')).toEqual([[5, 'error']])
    expect(rule1('plain')).toEqual([])
  })

  const clean = [
    '4.1-fyi16-1.ags',
    '4.1-rule10.ags',
    '4.1-rule11-3.ags',
    '4.1-rule18-OK.ags',
    '4.1-rule20OK.ags',
    '4.1-rule5-3.ags',
    'Invalid_TRAN_AGS.ags',
    'Standalone_SAMP_IDs.ags',
  ]
  for (const file of clean) {
    it(`${file}: has no error of the rule it exercises`, () => {
      const errs = errors(check(file))
      if (file === '4.1-rule11-3.ags') {
        // Its TYPE group lacks RL (Rule 17); the record links themselves are valid.
        expect(errs.filter((f) => f.rule.startsWith('Rule 11'))).toEqual([])
        expect(errs.map((f) => f.rule)).toEqual(['Rule 17'])
      } else {
        expect(errs).toEqual([])
      }
    })
  }

  it('LBSGCheck and STNDandPREMCheck: groups whose parent is PROJ need no parent rows (Rule 10c)', () => {
    for (const file of ['LBSGCheck.ags', 'STNDandPREMCheck.ags']) {
      const r = check(file)
      expect(r.dictionary.version).toBe('4.0.4')
      expect(r.findings.filter((f) => f.rule === 'Rule 10c')).toEqual([])
    }
  })

  it('Invalid_TRAN_AGS.ags: an unknown TRAN_AGS edition is checked against 4.1.1 with a warning', () => {
    const r = check('Invalid_TRAN_AGS.ags')
    expect(r.dictionary.version).toBe('4.1.1')
    expectFindings(r, [['General', 'TRAN', /not a recognised AGS4 edition/]])
  })

  it('Rule 20 looks at the FILE folder only when the caller can see the file system', () => {
    const withoutFs = checkAgsBytes(readFixture(RULES_DIR + '4.1-rule20-3.ags'))
    expect(withoutFs.findings.filter((f) => f.rule === 'Rule 20')).toEqual([])
  })
})

describe('real files', () => {
  for (const name of realFileNames()) {
    it(`${name}: LF line endings are one Rule 2a warning, not an error`, () => {
      const r = checkAgsBytes(readFixture(REAL_DIR + name), { fileName: name })
      const twoA = r.findings.filter((f) => f.rule === 'Rule 2a')
      expect(twoA).toHaveLength(1)
      expect(twoA[0]?.severity).toBe('warning')
      if (name !== 'Kings Lynn The Walks.ags') expect(errors(r)).toEqual([])
    })
  }

  it('Kings Lynn: out-of-order headings, an undefined heading and an empty UNIT row are errors', () => {
    const r = checkAgsBytes(readFixture(REAL_DIR + 'Kings Lynn The Walks.ags'))
    expect([...new Set(errors(r).map((f) => f.rule))]).toEqual([
      'Rule 7',
      'Rule 9',
      'Rule 10b',
      'Rule 18',
    ])
  })
})

describe('TRAN_AGS "4.0" is checked against the 4.0.3 dictionary, as the AGS validator does', () => {
  // A real 4.0 file whose DICT defines headings that 4.0.3 lacks and 4.0.4 added, with
  // the very definitions 4.0.4 later gave them. Against 4.0.4 each was a false Rule 9
  // "duplicate heading"; against 4.0.3 (the edition "4.0" names) they are needed.
  const name = 'Hindley Mill Embankment FRA01.ags'
  const added: [group: string, heading: string][] = [
    ['LOCA', 'LOCA_NATD'],
    ['LOCA', 'LOCA_ORID'],
    ['LOCA', 'LOCA_ORJO'],
    ['LOCA', 'LOCA_ORCO'],
    ['SAMP', 'SAMP_RECL'],
  ]
  function withDictRows(): Uint8Array {
    const std = standardDictionary('4.0.4')
    const rows = added.map(([g, h]) => {
      const d = std.heading(g, h) as HeadingDef
      return `"DATA","HEADING","${g}","${h}","${d.status}","${d.type}","${d.description}","${d.unit}","","","",""`
    })
    const lines = new TextDecoder().decode(readFixture(REAL_DIR + name)).split('\n')
    const at = lines.findIndex((l) => l.startsWith('"DATA","HEADING","PROJ","PROJ_OFFC"'))
    lines.splice(at + 1, 0, ...rows)
    return new TextEncoder().encode(lines.join('\n'))
  }

  it(`${name} with DICT rows for 4.0.4's new headings: no Rule 9 against 4.0.3`, () => {
    const r = checkAgsBytes(withDictRows(), { fileName: name })
    expect(r.dictionary.version).toBe('4.0.3')
    expect(errors(r)).toEqual([])
  })

  it('the same file against 4.0.4 gets the five duplicate-heading errors the issue saw', () => {
    const r = checkAgsBytes(withDictRows(), { fileName: name, dictionary: '4.0.4' })
    expect(errors(r).map((f) => [f.rule, f.heading])).toEqual(added.map(([, h]) => ['Rule 9', h]))
  })

  it('every real file says which dictionary it was checked against', () => {
    const versions = realFileNames().map(
      (n) => checkAgsBytes(readFixture(REAL_DIR + n), { fileName: n }).dictionary.version,
    )
    expect(versions).toEqual(['4.0.3', '4.0.3', '4.0.3', '4.0.3', '4.0.3'])
  })
})

describe('files that are not AGS4', () => {
  const missingGroups = [
    ['Rule 13', 'PROJ group not found.'],
    ['Rule 14', 'TRAN group not found.'],
    ['Rule 15', 'UNIT group not found.'],
    ['Rule 17', 'TYPE group not found.'],
  ]
  const missing = (r: CheckResult) =>
    r.findings.filter((f) => /^Rule 1[3-7]$/.test(f.rule)).map((f) => [f.rule, f.message])

  it('an AGS3 file is said to be AGS3 once (Rule 3, as the AGS validator) and not checked further', () => {
    const r = check('AGS3.ags')
    expect(r.findings).toHaveLength(1)
    expect(r.findings[0]).toMatchObject({ rule: 'Rule 3', line: 1, severity: 'error' })
  })

  it('an AGS3 file with <CONT> rows, LF endings and a degree sign is still one finding', () => {
    const ags3 = new TextDecoder().decode(readFixture(RULES_DIR + 'AGS3.ags'))
    const more = [
      '"**GEOL"',
      '"*HOLE_ID","*GEOL_TOP","*GEOL_BASE","*GEOL_DESC"',
      '"<UNITS>","m","m",""',
      '"BH1","0.00","1.20","Firm brown CLAY, dipping 30\u00b0"',
      '"<CONT>","","","with rare gravel"',
      '"<CONT>","","","and roots"',
    ].join('\n')
    const r = checkAgsBytes(new TextEncoder().encode(`${ags3}\n${more}`), { fileName: 'x.ags' })
    expect(r.findings.map((f) => f.rule)).toEqual(['Rule 3'])
  })

  it('an empty file also lacks PROJ, TRAN, UNIT and TYPE (Rules 13-15, 17), as the AGS validator reports', () => {
    const r = check('EmptyFile.ags')
    expect(r.findings[0]).toMatchObject({ rule: 'General', message: /is empty/ })
    expect(missing(r)).toEqual(missingGroups)
  })

  it('a tab-separated file and random text: the same four missing groups', () => {
    expect(missing(check('4.1-rule6_1.ags'))).toEqual(missingGroups)
    const nonsense = checkAgsBytes(new TextEncoder().encode('hello world\r\n'))
    expect(missing(nonsense)).toEqual(missingGroups)
    expect([...new Set(nonsense.findings.map((f) => f.rule))]).toEqual([
      'General',
      'Rule 3',
      'Rule 5',
      'Rule 13',
      'Rule 14',
      'Rule 15',
      'Rule 17',
    ])
  })
})

describe('key comparisons', () => {
  it('Rule 10a does not mistake keys that only look alike once joined with "|"', () => {
    const lines = [
      '"GROUP","GEOL"',
      '"HEADING","LOCA_ID","GEOL_TOP","GEOL_BASE"',
      '"UNIT","","m","m"',
      '"TYPE","ID","X","X"',
      '"DATA","A|1.00","2.00","3.00"',
      '"DATA","A","1.00|2.00","3.00"',
      '"DATA","B","1.00","2.00"',
      '"DATA","B","1.00","2.00"',
    ]
    const r = checkAgsBytes(new TextEncoder().encode(lines.join('\r\n') + '\r\n'))
    expect(r.findings.filter((f) => f.rule === 'Rule 10a').map((f) => f.line)).toEqual([7, 8])
  })
})

describe('finding caps', () => {
  it('reports at most maxPerRule findings per rule and counts the rest', () => {
    const lines = ['"GROUP","PROJ"', '"HEADING","PROJ_ID"', '"UNIT",""', '"TYPE","X"']
    for (let i = 0; i < 30; i++) lines.push(`"DATA","caf\u00e9 ${i}"`)
    const r = checkAgsBytes(new TextEncoder().encode(lines.join('\r\n') + '\r\n'), {
      maxPerRule: 10,
    })
    const rule1 = r.findings.filter((f) => f.rule === 'Rule 1')
    expect(rule1).toHaveLength(11)
    expect(rule1[10]?.message).toMatch(/^20 more Rule 1 findings not listed \(30 in all\)/)
  })
})
