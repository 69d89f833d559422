import { describe, expect, it } from 'vitest'

import { isBorelogError } from '../../shared/errors'
import type { CsvCell } from '../schema/index'
import { readCsv, sniffDelimiter } from './csv-source'
import { UNWATCHED } from './task'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

async function readAll(text: string | Uint8Array) {
  const rows: { fields: CsvCell[]; row: number }[] = []
  let header: string[] = []
  const result = await readCsv(
    typeof text === 'string' ? utf8(text) : text,
    'log.csv',
    (h) => {
      header = h
      return (fields, row) => rows.push({ fields: [...fields], row })
    },
    UNWATCHED,
  )
  return { header, rows, ...result }
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise
    return null
  } catch (e) {
    return isBorelogError(e) ? e.code : 'not a BorelogError'
  }
}

describe('sniffDelimiter', () => {
  it('picks comma, semicolon or tab by what splits every line alike', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',')
    expect(sniffDelimiter('a;b;c\r\n1;2;3\r\n')).toBe(';')
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t')
  })

  it('commas inside descriptions do not outvote the semicolons that separate fields', () => {
    const text =
      'hole;top;base;description\nBH1;0;1;Firm, brown, sandy, CLAY\nBH1;1;2;Dense, grey, SAND, gravel\n'
    expect(sniffDelimiter(text)).toBe(';')
  })

  it('delimiters inside quoted fields are not counted', () => {
    expect(sniffDelimiter('a,b\n"x;y;z;w",2\n"p;q;r;s",3\n')).toBe(',')
  })

  it('a single-column file falls back to comma', () => {
    expect(sniffDelimiter('description\nCLAY\nSAND\n')).toBe(',')
  })
})

describe('readCsv', () => {
  it('reads a BOM, CRLF line ends and quoted fields with commas, quotes and line breaks', async () => {
    // As Excel writes it: rows end in CRLF, a line break typed in a cell is a bare LF.
    const result = await readAll(
      '\ufeffhole,description\r\nBH1,"Firm, brown ""CLAY"""\r\nBH1,"two\nlines"\r\nBH2,x\r\n',
    )
    expect(result.delimiter).toBe(',')
    expect(result.header).toEqual(['hole', 'description'])
    expect(result.rows.map((r) => r.fields)).toEqual([
      ['BH1', 'Firm, brown "CLAY"'],
      ['BH1', 'two\nlines'],
      ['BH2', 'x'],
    ])
    expect(result.linesOf([0, 1, 2])).toEqual(
      new Map([
        [0, 2],
        [1, 3],
        [2, 5],
      ]),
    )
  })

  it('rows count from 0 after the header, blank lines skipped; a row is named by its first line', async () => {
    const result = await readAll('a,b\r\n\r\n1,2\r\n\r\n\r\n3,"x\r\ny"\r\n5,6')
    expect(result.rows.map((r) => r.row)).toEqual([0, 1, 2])
    expect(result.linesOf([2, 0, 1])).toEqual(
      new Map([
        [2, 8],
        [0, 3],
        [1, 6],
      ]),
    )
  })

  it('ragged rows are kept and each becomes a finding naming its line', async () => {
    const { rows, findings } = await readAll('a,b,c\n1,2,3\n1,2\n\n1,2,3,4\n')
    expect(rows).toHaveLength(3)
    expect(findings.map((f) => [f.rule, f.row, f.severity])).toEqual([
      ['import.ragged', 1, 'error'],
      ['import.ragged', 2, 'error'],
    ])
    expect(findings[0]?.message).toContain('line 3')
    expect(findings[1]?.message).toContain('line 5')
  })

  it('an empty file, a header without a name and broken quotes are BAD_INPUT', async () => {
    expect(await codeOf(readAll(''))).toBe('BAD_INPUT')
    expect(await codeOf(readAll('\r\n\r\n'))).toBe('BAD_INPUT')
    expect(await codeOf(readAll('a,,c\n1,2,3\n'))).toBe('BAD_INPUT')
    expect(await codeOf(readAll('a,a\n1,2\n'))).toBe('BAD_INPUT')
    expect(await codeOf(readAll('a,b\n"open,2\n'))).toBe('BAD_INPUT')
  })

  it('a header-only file has no rows', async () => {
    const { header, rowCount } = await readAll('a;b\r\n')
    expect(header).toEqual(['a', 'b'])
    expect(rowCount).toBe(0)
  })

  it('stops with CANCELLED when the task is cancelled while reading', async () => {
    const text = 'a,b\n' + '1,2\n'.repeat(10_000)
    let isCancelled = false
    const task = {
      progress: () => {
        isCancelled = true
      },
      throwIfCancelled: () => {
        if (isCancelled) throw Object.assign(new Error('cancelled'), { code: 'CANCELLED' })
      },
    }
    await expect(readCsv(utf8(text), 'big.csv', () => () => undefined, task)).rejects.toMatchObject(
      { code: 'CANCELLED' },
    )
  })
})

describe('encoding', () => {
  it('a Windows-1252 CSV from Excel keeps its ° and accents, with a warning that says how it was read', async () => {
    // "Depth,Note\r\n1.5,5° café\r\n" as Excel on Windows saves it: ° is 0xB0, é is 0xE9.
    const cp1252 = Uint8Array.from([
      ...utf8('Depth,Note\r\n1.5,5'),
      0xb0,
      ...utf8(' caf'),
      0xe9,
      ...utf8('\r\n'),
    ])
    const { rows, findings } = await readAll(cp1252)
    expect(rows[0]?.fields).toEqual(['1.5', '5° café'])
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'import.encoding', severity: 'warning' }),
    ])
  })

  it('UTF-8 is read as it is, without an encoding finding', async () => {
    const { rows, findings } = await readAll('Depth,Note\n1.5,5° café\n')
    expect(rows[0]?.fields).toEqual(['1.5', '5° café'])
    expect(findings).toEqual([])
  })
})
