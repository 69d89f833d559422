import { describe, expect, it } from 'vitest'

import { BorelogError } from './errors'
import { RecordIdSchema, assertValidRecordId, recordIdProblem } from './record-id'

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
