import { describe, expect, it } from 'vitest'

import { ERROR_CODES } from '../../shared/errors'
import { plainError } from './error-wording'

describe('refusals in plain words', () => {
  it('every error code has a plain title that is not the code itself', () => {
    for (const code of ERROR_CODES) {
      const { title } = plainError({ code, message: 'm' })
      expect(title).not.toBe(code)
      expect(title).not.toMatch(/[A-Z]{2,}_[A-Z]/)
    }
  })

  it('a stale review says what happened, when in the user’s locale, and what to do', () => {
    const shown = plainError(
      {
        code: 'STALE_REVIEW',
        message:
          'Cannot approve BH-07 v3: v4 was saved by j.doe at 2026-03-04T12:30:00.000Z. Review v4.',
      },
      undefined,
      'en-US',
    )
    expect(shown.title).toBe('A newer version was saved')
    expect(shown.message).not.toContain('2026-03-04T')
    expect(shown.message).toMatch(/at Mar 4, 2026, \d{1,2}:30 [AP]M\. Review v4\.$/)
    expect(shown.hint).toContain('See the record as it is now')
  })

  it('not found says what to do next; a screen’s own hint wins over the general one', () => {
    expect(plainError({ code: 'NOT_FOUND', message: 'No record BH-99.' }).hint).toContain(
      'records list',
    )
    const own = plainError(
      { code: 'NOT_FOUND', message: 'x' },
      { NOT_FOUND: 'Pick the folder again.' },
    )
    expect(own.hint).toBe('Pick the folder again.')
  })
})
