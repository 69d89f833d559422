import { describe, expect, it } from 'vitest'

import { MAX_USER_NAME_CHARS, UserNameSchema, userNameProblem } from './user-name'

describe('user name rule', () => {
  it('accepts names of up to 100 characters, counted as characters, not UTF-16 units', () => {
    for (const name of [
      'ann',
      'J. Doe',
      'Zoë Ørsted',
      '山田 太郎',
      '😀'.repeat(MAX_USER_NAME_CHARS),
    ])
      expect(userNameProblem(name)).toBeNull()
  })

  it('refuses longer names, empty names, control characters, line breaks and bidi controls', () => {
    for (const name of [
      'a'.repeat(101),
      'x'.repeat(100_000),
      '',
      '   ',
      'ann\nroot',
      'ann\r',
      'a\tb',
      'a\u0000b',
      'a\u2028b',
      'ann\u202Enimda',
    ])
      expect(userNameProblem(name)).not.toBeNull()
    expect(userNameProblem('ann\nroot')).toContain('U+000A at character 4')
  })

  it('the contract schema applies the same rule', () => {
    expect(UserNameSchema.safeParse('  ann  ').data).toBe('ann')
    expect(UserNameSchema.safeParse('ann\nroot').success).toBe(false)
    expect(UserNameSchema.safeParse('a'.repeat(101)).success).toBe(false)
  })
})
