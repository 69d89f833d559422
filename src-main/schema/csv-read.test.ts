import { describe, expect, it } from 'vitest'

import { BadInputError } from '../../shared/errors'
import {
  type CsvCell,
  type CsvReadOptions,
  csvBytesAsUtf8,
  readCsvStream,
  readCsvSync,
} from './csv-read'

function readSync(text: string, options: Partial<CsvReadOptions> = {}) {
  const rows: CsvCell[][] = []
  const result = readCsvSync(
    text,
    { where: 'log.csv', delimiter: ',', ...options },
    () => (c) => rows.push([...c]),
  )
  return { rows, ...result }
}

async function readStream(text: string, options: Partial<CsvReadOptions> = {}) {
  const rows: CsvCell[][] = []
  const result = await readCsvStream(
    new TextEncoder().encode(text),
    { where: 'log.csv', delimiter: ',', ...options },
    () => (c) => rows.push([...c]),
  )
  return { rows, ...result }
}

describe('the one CSV reader', () => {
  it('an empty cell is null in every column; a quoted "" is empty text only when asked', async () => {
    const text = 'hole,top,note\nBH1,,""\n,1,\n'
    expect(readSync(text, { keepsQuotedEmpty: true }).rows).toEqual([
      ['BH1', null, ''],
      [null, '1', null],
    ])
    const plain = [
      ['BH1', null, null],
      [null, '1', null],
    ]
    expect(readSync(text).rows).toEqual(plain)
    expect((await readStream(text)).rows).toEqual(plain)
  })

  it('blank lines are no rows, except in a one-column table, where they are empty cells', async () => {
    expect(readSync('\r\na,b\r\n\r\n1,2\r\n\r\n').rows).toEqual([['1', '2']])
    const oneColumn = '\nt\na\n\nb\n'
    expect(readSync(oneColumn).rows).toEqual([['a'], [null], ['b']])
    const streamed = await readStream(oneColumn)
    expect(streamed.rows).toEqual([['a'], [null], ['b']])
    expect(streamed.linesOf([0, 1, 2])).toEqual(
      new Map([
        [0, 3],
        [1, 4],
        [2, 5],
      ]),
    )
  })

  it('the sync and the streaming reader name a row by the line it starts on', async () => {
    const text = 'a,b\n\n1,"x\ny"\n3,4\n'
    for (const read of [readSync(text), await readStream(text)]) {
      expect(read.header).toEqual(['a', 'b'])
      expect(read.rowCount).toBe(2)
      expect(read.linesOf([1, 0])).toEqual(
        new Map([
          [1, 5],
          [0, 3],
        ]),
      )
    }
  })

  it('an empty file, an unnamed or repeated column and broken quotes are BAD_INPUT', async () => {
    for (const text of ['', '\n\n', 'a,,c\n', 'a,a\n', 'a,b\n"open,2\n']) {
      expect(() => readSync(text)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }))
      await expect(readStream(text)).rejects.toMatchObject({ code: 'BAD_INPUT' })
    }
  })
})

describe('NUL and encoding, for the CLI and import alike', () => {
  function lineAndColumn(e: unknown): unknown {
    return e instanceof BadInputError ? { code: e.code, ...e.details } : e
  }

  it('a NUL inside a cell is refused naming its line and column, in both readers', async () => {
    const text = 'hole,top,note\nBH1,0,fine\nBH1,1,"two\nlines"\nBH1,2,bad\0cell\n'
    const expected = {
      code: 'BAD_INPUT',
      where: 'log.csv',
      line: 5,
      column: 'note',
      columnNumber: 3,
    }
    let sync: unknown
    try {
      readSync(text)
    } catch (e) {
      sync = e
    }
    expect(lineAndColumn(sync)).toMatchObject(expected)
    expect((sync as Error).message).toContain('log.csv line 5, column 3 ("note")')
    const stream = await readStream(text).catch((e: unknown) => e)
    expect(lineAndColumn(stream)).toMatchObject(expected)
  })

  it('a NUL in a header name is refused too', () => {
    expect(() => readSync('hole,to\0p\nBH1,0\n')).toThrow(BadInputError)
  })

  it('bytes that are not UTF-8 are read as Windows-1252 with a warning naming the file', () => {
    const cp1252 = Uint8Array.from([...new TextEncoder().encode('note\n5'), 0xb0, 0x20, 0x80, 0x0a])
    const { utf8, warning } = csvBytesAsUtf8(cp1252, 'site.csv')
    expect(new TextDecoder().decode(utf8)).toBe('note\n5° €\n')
    expect(warning).toContain('site.csv is not UTF-8; it was read as Windows-1252')
    const plain = new TextEncoder().encode('note\n5° €\n')
    expect(csvBytesAsUtf8(plain, 'site.csv')).toEqual({ utf8: plain, warning: null })
  })
})
