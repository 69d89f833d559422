// Regenerates dictionaries/*.json from the AGS standard dictionaries kept in
// test/fixtures/ags4/dictionary/ (AGS material, see its README). Run after replacing a
// dictionary: `npx tsx src-main/ags4/dictionaries/compile.ts`. dictionary.test.ts fails
// when the JSON and the sources disagree.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { compileDictionary, STANDARD_VERSIONS } from '../dictionary'
import { readAgs } from '../parse'

export function sourceFileName(version: string): string {
  return `Standard_dictionary_v${version.replaceAll('.', '_')}.ags`
}

export function jsonFileName(version: string): string {
  return `v${version.replaceAll('.', '_')}.json`
}

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url))
export const SOURCE_DIR = here('../../../test/fixtures/ags4/dictionary/')

export function compiledJson(version: string): string {
  const source = sourceFileName(version)
  const file = readAgs(readFileSync(SOURCE_DIR + source), { fileName: source })
  return JSON.stringify(compileDictionary(file, version, source)) + '\n'
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const version of STANDARD_VERSIONS) {
    writeFileSync(here(jsonFileName(version)), compiledJson(version))
    process.stdout.write(`wrote ${jsonFileName(version)}\n`)
  }
}
