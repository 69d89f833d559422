import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { FIXTURE_PATH, hindleyMillFixture } from './hindley-mill'

describe('strip log fixture', () => {
  it('is exactly what the AGS4 importer makes of the Hindley Mill file', () => {
    // Compared as data: a formatter may lay the file out differently.
    expect(JSON.parse(readFileSync(FIXTURE_PATH, 'utf8'))).toEqual(JSON.parse(hindleyMillFixture()))
  })
})
