import { describe, expect, it } from 'vitest'

import { compiledJson, jsonFileName } from './dictionaries/compile'
import { STANDARD_VERSIONS, dictionaryVersionFor, standardDictionary } from './dictionary'
import { readAgs } from './parse'
import v4_0_3 from './dictionaries/v4_0_3.json'
import v4_0_4 from './dictionaries/v4_0_4.json'
import v4_1 from './dictionaries/v4_1.json'
import v4_1_1 from './dictionaries/v4_1_1.json'
import v4_2 from './dictionaries/v4_2.json'

const shipped: Record<string, unknown> = {
  '4.0.3': v4_0_3,
  '4.0.4': v4_0_4,
  '4.1': v4_1,
  '4.1.1': v4_1_1,
  '4.2': v4_2,
}

describe('standard dictionaries', () => {
  for (const version of STANDARD_VERSIONS) {
    it(`${jsonFileName(version)} is exactly what the AGS dictionary source compiles to`, () => {
      // If this fails, run `npx tsx src-main/ags4/dictionaries/compile.ts`.
      expect(shipped[version]).toEqual(JSON.parse(compiledJson(version)))
    })
  }

  it('knows the core borelog groups with their keys, types and parents', () => {
    const d = standardDictionary('4.1.1')
    expect(d.group('GEOL')?.parent).toBe('LOCA')
    expect(d.group('WSTD')?.parent).toBe('WSTG')
    expect(
      d
        .group('GEOL')
        ?.headings.filter((h) => h.isKey)
        .map((h) => h.name),
    ).toEqual(['LOCA_ID', 'GEOL_TOP', 'GEOL_BASE'])
    expect(d.heading('LOCA', 'LOCA_NATE')).toMatchObject({ type: '2DP', unit: 'm', isKey: false })
    expect(d.heading('TRAN', 'TRAN_AGS')?.isRequired).toBe(true)
  })

  it('picks the dictionary from TRAN_AGS as the AGS validator does (4.0 -> 4.0.3, unknown -> 4.1.1 flagged)', () => {
    expect(
      ['4.0', '4.0.3', ' 4.0.3 ', '4.0.4', '4.1', '4.1.1', '4.2', '4.2.0', 'x.x', undefined].map(
        (v) => dictionaryVersionFor(v),
      ),
    ).toEqual([
      { version: '4.0.3', known: true },
      { version: '4.0.3', known: true },
      { version: '4.0.3', known: true },
      { version: '4.0.4', known: true },
      { version: '4.1', known: true },
      { version: '4.1.1', known: true },
      { version: '4.2', known: true },
      { version: '4.2', known: true },
      { version: '4.1.1', known: false },
      { version: '4.1.1', known: false },
    ])
  })

  it('4.0.3 is 4.0.4 without the headings 4.0.4 added, with PMTL under PMTD and the TYPEs 4.0.4 changed', () => {
    const [old, next] = [standardDictionary('4.0.3'), standardDictionary('4.0.4')]
    expect(old.groupNames).toEqual(next.groupNames)
    expect(old.heading('LOCA', 'LOCA_ORID')).toBeUndefined()
    expect(old.heading('SAMP', 'SAMP_RECL')).toBeUndefined()
    expect(next.heading('LOCA', 'LOCA_ORID')).toBeDefined()
    expect(old.group('PMTL')?.parent).toBe('PMTD')
    expect(next.group('PMTL')?.parent).toBe('PMTG')
    // Moisture contents were TYPE MC before 4.0.4 made them X; two results changed too.
    expect([old, next].map((d) => d.heading('CBRT', 'CBRT_IMC')?.type)).toEqual(['MC', 'X'])
    expect([old, next].map((d) => d.heading('IFID', 'IFID_RES')?.type)).toEqual(['0DP', 'XN'])
    // Everything else, in order, as 4.0.4 has it.
    expect(old.group('GEOL')).toEqual(next.group('GEOL'))
    expect(old.group('SAMP')?.headings.map((h) => h.name)).toEqual(
      next
        .group('SAMP')
        ?.headings.map((h) => h.name)
        .filter((h) => h !== 'SAMP_RECL'),
    )
  })

  it("a file's DICT group adds groups and headings after the standard ones", () => {
    const file = readAgs(
      new TextEncoder().encode(
        [
          '"GROUP","DICT"',
          '"HEADING","DICT_TYPE","DICT_GRP","DICT_HDNG","DICT_STAT","DICT_DTYP","DICT_DESC","DICT_UNIT","DICT_EXMP","DICT_PGRP","DICT_REM","FILE_FSET"',
          '"UNIT","","","","","","","","","","",""',
          '"TYPE","PA","X","X","PA","PT","X","PU","X","X","X","X"',
          '"DATA","GROUP","DEMO","","","","Demo","","","LOCA","",""',
          '"DATA","HEADING","DEMO","LOCA_ID","KEY","ID","Hole","","","","",""',
          '"DATA","HEADING","LOCA","LOCA_CHKG","OTHER","X","Checked by","","","","",""',
        ].join('\r\n'),
      ),
    )
    const d = standardDictionary('4.1').extendedBy(file.groups.get('DICT'))
    expect(d.group('DEMO')).toMatchObject({
      parent: 'LOCA',
      headings: [{ name: 'LOCA_ID', isKey: true, dictLine: 6 }],
    })
    expect(d.group('LOCA')?.headings.at(-1)?.name).toBe('LOCA_CHKG')
    // The standard dictionary itself is not changed.
    expect(standardDictionary('4.1').heading('LOCA', 'LOCA_CHKG')).toBeUndefined()
  })
})
