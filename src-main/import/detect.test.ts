import { describe, expect, it } from 'vitest'

import { isBorelogError } from '../../shared/errors'
import { detectFormat } from './detect'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

function codeOf(run: () => unknown): string | null {
  try {
    run()
    return null
  } catch (e) {
    return isBorelogError(e) ? e.code : 'not a BorelogError'
  }
}

describe('detectFormat', () => {
  it('reads the content before the name: a renamed file is what its bytes say', () => {
    expect(detectFormat(bytes('PAR1....PAR1'), 'log.csv')).toBe('parquet')
    expect(detectFormat(bytes('"GROUP","PROJ"\r\n"HEADING","PROJ_ID"\r\n'), 'log.csv')).toBe('ags4')
    expect(detectFormat(bytes('\ufeff"GROUP","PROJ"\n'), 'export.txt')).toBe('ags4')
    expect(detectFormat(bytes('hole;top;base\nBH1;0;1\n'), 'log')).toBe('csv')
    expect(detectFormat(bytes('description\nCLAY\n'), 'log.csv')).toBe('csv')
  })

  it('a file that is none of them is BAD_INPUT', () => {
    expect(codeOf(() => detectFormat(new Uint8Array(), 'log.csv'))).toBe('BAD_INPUT')
    expect(codeOf(() => detectFormat(bytes('PK\x03\x04\x00\x00'), 'log.xlsx'))).toBe('BAD_INPUT')
    expect(codeOf(() => detectFormat(bytes('**PROJ\n"PROJ_ID"\n'), 'old.ags'))).toBe('BAD_INPUT')
    expect(codeOf(() => detectFormat(bytes('hole,top\n'), 'log.parquet'))).toBe('BAD_INPUT')
    expect(codeOf(() => detectFormat(bytes('just some words\n'), 'notes.md'))).toBe('BAD_INPUT')
    expect(codeOf(() => detectFormat(bytes('\n\n  \n'), 'log.csv'))).toBe('BAD_INPUT')
  })
})
