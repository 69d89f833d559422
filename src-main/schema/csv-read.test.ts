import { describe, expect, it } from 'vitest'

import { type CsvCell, type CsvReadOptions, readCsvStream, readCsvSync } from './csv-read'

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
