// The one rule for a user name (`--by`, Settings' user name, an identity's name): it is
// written into every history entry and shown in lists and messages, so it must print on
// one line as what it is. See docs/SECURITY.md, "User names".
import { z } from 'zod'

export const MAX_USER_NAME_CHARS = 100

// Control characters and line or paragraph separators break a one-line listing; bidi
// controls make a name print as another one.
const UNPRINTABLE = /[\p{Cc}\p{Zl}\p{Zp}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u

/** Why `name` cannot be a user name, or null when it can. */
export function userNameProblem(name: string): string | null {
  if (name.trim() === '') return 'A user name cannot be empty.'
  const chars = [...name].length
  if (chars > MAX_USER_NAME_CHARS)
    return `A user name is at most ${MAX_USER_NAME_CHARS} characters; this one has ${chars}.`
  const bad = UNPRINTABLE.exec(name)
  if (bad)
    return `A user name cannot hold control characters; this one has U+${codePointHex(bad[0])} at character ${[...name.slice(0, bad.index)].length + 1}.`
  return null
}

export function codePointHex(char: string): string {
  return (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')
}

/** A user name as the contract carries it (trimmed). */
export const UserNameSchema = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    const problem = userNameProblem(name)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
