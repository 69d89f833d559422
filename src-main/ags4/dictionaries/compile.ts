// Regenerates dictionaries/*.json from the AGS standard dictionaries kept in
// test/fixtures/ags4/dictionary/ (AGS material, see its README); 4.0.3 from 4.0.4 and
// the list of what 4.0.4 changed (CHANGED_IN_4_0_4). Run after replacing a
// dictionary: `npx tsx src-main/ags4/dictionaries/compile.ts`. dictionary.test.ts fails
// when the JSON and the sources disagree.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { compileDictionary, STANDARD_VERSIONS, type CompiledDictionary } from '../dictionary'
import { readAgs } from '../parse'

export function sourceFileName(version: string): string {
  return `Standard_dictionary_v${version.replaceAll('.', '_')}.ags`
}

export function jsonFileName(version: string): string {
  return `v${version.replaceAll('.', '_')}.json`
}

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url))
export const SOURCE_DIR = here('../../../test/fixtures/ags4/dictionary/')

/**
 * What AGS 4.0.4 changed in the 4.0.3 dictionary: the headings it added, the parent it
 * re-pointed and TYPEs it changed. 4.0.3 is compiled as 4.0.4 less these, since only
 * the 4.0.4 file is kept here; each was read in python-ags4's
 * Standard_dictionary_v4_0_3.ags (see docs/AGS4.md, "Which dictionary").
 */
export const CHANGED_IN_4_0_4 = {
  addedHeadings: [
    ['GCHM', 'GCHM_RTXT'],
    ['GCHM', 'GCHM_DLM'],
    ['LOCA', 'LOCA_NATD'],
    ['LOCA', 'LOCA_ORID'],
    ['LOCA', 'LOCA_ORJO'],
    ['LOCA', 'LOCA_ORCO'],
    ['RDEN', 'RDEN_IDEN'],
    ['SAMP', 'SAMP_RECL'],
  ],
  /** [group, parent in 4.0.3]: 4.0.4 hangs PMTL under PMTG. */
  parents: [['PMTL', 'PMTD']],
  /** [group, heading, TYPE in 4.0.3]: 4.0.4 writes these two as XN. */
  types: [
    ['IFID', 'IFID_RES', '0DP'],
    ['IPID', 'IPID_RES', '2DP'],
  ],
} as const

/**
 * 4.0.4 typed every moisture content X (its unit stays %); 4.0.3 types them MC, the
 * BS 1377 moisture content. They are the 4.0.4 headings of TYPE X with unit %.
 */
function wasMoistureContent(type: string, unit: string): boolean {
  return type === 'X' && unit === '%'
}

function compile403(): CompiledDictionary {
  const from = compileFile('4.0.4')
  const dropped = new Set(CHANGED_IN_4_0_4.addedHeadings.map(([g, h]) => `${g}.${h}`))
  const parents = new Map<string, string>(CHANGED_IN_4_0_4.parents)
  const types = new Map<string, string>(CHANGED_IN_4_0_4.types.map(([g, h, t]) => [`${g}.${h}`, t]))
  return {
    version: '4.0.3',
    source: `${sourceFileName('4.0.4')} less what 4.0.4 changed`,
    groups: from.groups.map(([name, parent, headings]) => [
      name,
      parents.get(name) ?? parent,
      headings
        .filter(([h]) => !dropped.has(`${name}.${h}`))
        .map(([h, status, type, unit, description]) => [
          h,
          status,
          types.get(`${name}.${h}`) ?? (wasMoistureContent(type, unit) ? 'MC' : type),
          unit,
          description,
        ]),
    ]),
  }
}

function compileFile(version: string): CompiledDictionary {
  const source = sourceFileName(version)
  const file = readAgs(readFileSync(SOURCE_DIR + source), { fileName: source })
  return compileDictionary(file, version, source)
}

export function compiledJson(version: string): string {
  return JSON.stringify(version === '4.0.3' ? compile403() : compileFile(version)) + '\n'
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const version of STANDARD_VERSIONS) {
    writeFileSync(here(jsonFileName(version)), compiledJson(version))
    process.stdout.write(`wrote ${jsonFileName(version)}\n`)
  }
}
