// Paths of the AGS4 fixtures (test/fixtures/ags4, see its README) for tests and benches.
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const FIXTURES_DIR = fileURLToPath(new URL('../../test/fixtures/ags4/', import.meta.url))
export const RULES_DIR = `${FIXTURES_DIR}rules/`
export const REAL_DIR = `${FIXTURES_DIR}real/`

export function realFileNames(): string[] {
  return readdirSync(REAL_DIR)
    .filter((f) => f.endsWith('.ags'))
    .sort()
}

export function readFixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path))
}
