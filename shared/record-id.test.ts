import { describe, expect, it } from 'vitest'

import { BorelogError } from './errors'
import {
  RecordIdSchema,
  assertValidNewRecordId,
  assertValidRecordId,
  newRecordIdProblem,
  nfkcCasefold,
  recordIdKey,
  recordIdProblem,
} from './record-id'

function codeOf(recordId: unknown): string | null {
  try {
    assertValidRecordId(recordId)
    return null
  } catch (e) {
    if (e instanceof BorelogError) return e.code
    throw e
  }
}

describe('record id rule', () => {
  it('accepts names', () => {
    for (const id of ['BH01', 'TOP3398.WS05', 'BH-7 (redo)', 'Sondage_é1', 'a'.repeat(200)])
      expect(recordIdProblem(id)).toBeNull()
  })

  it('refuses what could be a path, is empty or is over 200 bytes, as INVALID_RECORD_ID', () => {
    for (const id of ['', '..', 'a..b', 'a/b', 'a\\b', 'a\0b', 'é'.repeat(101), 42, null])
      expect(codeOf(id)).toBe('INVALID_RECORD_ID')
    expect(recordIdProblem('a/b')?.message).toContain('a record id is a name, not a path')
    expect(recordIdProblem('é'.repeat(101))?.message).toBe(
      'Record id is 202 bytes long; the limit is 200.',
    )
    expect(recordIdProblem('')?.message).toBe('Record id "" is empty or not a string.')
  })

  it('refuses leading separators and trailing spaces or dots', () => {
    for (const id of ['-a', 'a ', 'a.', ' a']) expect(codeOf(id)).toBe('INVALID_RECORD_ID')
  })

  it('the contract bounds only the size, so every longer id is over the byte limit too', () => {
    expect(RecordIdSchema.safeParse('../x').success).toBe(true)
    expect(RecordIdSchema.safeParse('a'.repeat(201)).success).toBe(false)
    expect(RecordIdSchema.safeParse('').success).toBe(false)
  })
})

describe('new record id rule', () => {
  function newCode(recordId: string): string | null {
    try {
      assertValidNewRecordId(recordId)
      return null
    } catch (e) {
      if (e instanceof BorelogError) return e.code
      throw e
    }
  }

  it('refuses the names Windows reserves, with or without an extension, in any case', () => {
    const reserved = ['CON', 'PRN', 'AUX', 'NUL', 'nul', 'aux', 'Con', 'con.txt', 'CON .txt']
    const ports = ['0', '1', '9', '¹', '²', '³'].flatMap((d) => [
      `COM${d}`,
      `lpt${d}`,
      `LPT${d}.log`,
    ])
    for (const id of [...reserved, ...ports]) expect(newCode(id)).toBe('INVALID_RECORD_ID')
    for (const id of ['CONSOLE', 'COM10', 'LPT', 'NULL', 'BH-CON', 'AUX1', 'com1x'])
      expect(newCode(id)).toBeNull()
  })

  it('refuses control and invisible characters', () => {
    for (const id of ['a\tb', 'a\nb', 'a\u007fb', 'R1\u3164', 'a\u200bb', 'a\u00adb', 'a\u2060b'])
      expect(newCode(id)).toBe('INVALID_RECORD_ID')
    expect(recordIdProblem('a\tb')?.message).toContain('U+0009')
    expect(newRecordIdProblem('R1\u3164')?.message).toContain('U+3164')
  })

  it('refuses ids mixing scripts, but not Latin with Chinese, Japanese or Korean', () => {
    for (const id of ['PАYMENT', 'BHΑ1', 'Скв-1a']) expect(newCode(id)).toBe('INVALID_RECORD_ID')
    for (const id of [
      'BH01 東京',
      'Скв-1',
      'Γεώτρηση 2',
      'ボーリング BH1',
      '시추 BH1',
      'Sondage_é1',
    ])
      expect(newCode(id)).toBeNull()
  })

  it('NFKC_Casefold: case, width, compatibility digits and default-ignorables fold away', () => {
    expect(nfkcCasefold('R1')).toBe('r1')
    expect(nfkcCasefold('Ｒ１')).toBe('r1')
    expect(nfkcCasefold('R1\u3164')).toBe('r1')
    expect(nfkcCasefold('R\u200b1')).toBe('r1')
    expect(nfkcCasefold('COM¹')).toBe('com1')
    expect(nfkcCasefold('Straße')).toBe('strasse')
    expect(nfkcCasefold('ΟΔΟΣ')).toBe(nfkcCasefold('οδοσ'))
    expect(nfkcCasefold('ﬁ')).toBe('fi')
  })

  it('one key for ids taken for one record: case, width, invisibles, look-alike letters', () => {
    const key = recordIdKey('R1')
    for (const id of ['r1', 'Ｒ１', 'R1\u3164', 'R\u200b1']) expect(recordIdKey(id)).toBe(key)
    // Cyrillic Р looks like Latin P (not R): it shares P1's key.
    expect(recordIdKey('Р1')).toBe(recordIdKey('P1'))
    expect(recordIdKey('Р1')).not.toBe(key)
    expect(recordIdKey('СОМ')).toBe(recordIdKey('com'))
    for (const other of ['R2', 'R11', 'R-1']) expect(recordIdKey(other)).not.toBe(key)
  })
})
