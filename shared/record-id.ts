// The one record-id rule, for the store, the IPC contract and the renderer's forms.
// A record id is a name, never a path: it becomes one folder under records/, on disk and
// as an S3 key segment, so anything that could escape that folder or confuse a listing
// is refused before any I/O. See docs/SECURITY.md, "record-id rule".
import { z } from 'zod'

import { InvalidRecordIdError } from './errors'
import { codePointHex } from './user-name'

export const MAX_RECORD_ID_BYTES = 200

// Letters, digits and a few separators that are safe in file names on Windows, macOS
// and Linux and in S3 keys without escaping.
const SAFE = /^[\p{L}\p{N}][\p{L}\p{N} ._()+=@,-]*$/u

export interface RecordIdProblem {
  message: string
  details: Record<string, unknown>
}

/** Why `recordId` cannot be a record id, or null when it can. */
export function recordIdProblem(recordId: unknown): RecordIdProblem | null {
  const shown = JSON.stringify(recordId)
  if (typeof recordId !== 'string' || recordId.length === 0) {
    return {
      message: `Record id ${shown ?? 'undefined'} is empty or not a string.`,
      details: { recordId },
    }
  }
  const bytes = new TextEncoder().encode(recordId).byteLength
  if (bytes > MAX_RECORD_ID_BYTES) {
    return {
      message: `Record id is ${bytes} bytes long; the limit is ${MAX_RECORD_ID_BYTES}.`,
      details: { recordId: recordId.slice(0, 40) + '…' },
    }
  }
  if (
    recordId.includes('\0') ||
    recordId.includes('/') ||
    recordId.includes('\\') ||
    recordId.includes('..')
  ) {
    return {
      message: `Record id ${shown} contains "/", "\\", ".." or NUL: a record id is a name, not a path.`,
      details: { recordId },
    }
  }
  const control = /\p{Cc}/u.exec(recordId)
  if (control) {
    return {
      message: `Record id ${shown} holds a control character (U+${codePointHex(control[0])}): a record id is one line of text.`,
      details: { recordId },
    }
  }
  if (!SAFE.test(recordId) || recordId.endsWith(' ') || recordId.endsWith('.')) {
    return {
      message: `Record id ${shown} may use letters, digits, space and . _ ( ) + = @ , - only, must start with a letter or digit and must not end with a space or dot.`,
      details: { recordId },
    }
  }
  return null
}

export function assertValidRecordId(recordId: unknown): asserts recordId is string {
  const problem = recordIdProblem(recordId)
  if (problem) throw new InvalidRecordIdError(problem.message, problem.details)
}

// ---- new ids ---------------------------------------------------------------------
// A record created today must also be portable and unmistakable. These rules apply when
// a record is created (the store, the CLI, the new-record form), not when one is read:
// records made before them stay readable.

// Windows refuses these as file names, with any extension and in any case, so a store
// holding one could not be copied there. COM0/LPT0 and the superscript digits (which
// NFKC folds to 1-3) are on Microsoft's list too.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/

const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u

// Scripts a letter may come from; Common (digits, separators) and Inherited (combining
// marks) go with any. A letter of a script not listed counts as "another script".
const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Syriac',
  'Thaana',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Tibetan',
  'Myanmar',
  'Khmer',
  'Mongolian',
  'Ethiopic',
  'Cherokee',
  'Hangul',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Han',
] as const
const SCRIPT_TESTS = SCRIPTS.map((name) => ({
  name,
  test: new RegExp(`^\\p{Script=${name}}$`, 'u'),
}))
const SCRIPT_NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u

// Unicode's "highly restrictive" profile (UTS #39, 5.2): one script, or Latin with the
// scripts Chinese, Japanese and Korean are written in together.
const SCRIPT_MIXES: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
]

function scriptsOf(text: string): Set<string> {
  const scripts = new Set<string>()
  for (const char of text) {
    if (SCRIPT_NEUTRAL.test(char)) continue
    scripts.add(SCRIPT_TESTS.find((s) => s.test.test(char))?.name ?? 'another script')
  }
  return scripts
}

function isOneWritingSystem(scripts: Set<string>): boolean {
  if (scripts.size <= 1) return true
  return SCRIPT_MIXES.some((mix) => [...scripts].every((s) => mix.includes(s)))
}

/**
 * Unicode's NFKC_Casefold, as JavaScript can spell it: compatibility forms folded
 * (fullwidth Ｒ１ is R1, ¹ is 1), full case folding (ß is ss, final ς is σ) and
 * default-ignorable characters (U+200B, U+3164 HANGUL FILLER, ...) dropped. Full case
 * folding is approximated by upper- then lower-casing, which agrees with CaseFolding.txt
 * on every letter a record id can hold except a few that fold to upper case (Cherokee),
 * which it still folds consistently.
 */
export function nfkcCasefold(text: string): string {
  const once = (t: string): string =>
    t
      .normalize('NFKC')
      .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
      .toUpperCase()
      .toLowerCase()
      .replace(/ς/g, 'σ')
  return once(once(text))
}

// Cyrillic and Greek letters that look like a Latin letter (in upper or lower case),
// after case folding. A short table from Unicode's confusables.txt, for the letters of
// the alphabets used beside Latin ones on site, not the whole file.
const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'ë',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'ï',
  ј: 'j',
  ԁ: 'd',
  һ: 'h',
  ԛ: 'q',
  ԝ: 'w',
  ү: 'y',
  ӏ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  ζ: 'z',
  η: 'h',
  ι: 'i',
  κ: 'k',
  μ: 'm',
  ν: 'n',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'y',
  χ: 'x',
}
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu')

/**
 * The key two record ids share when they would be taken for the same record: equal
 * after NFKC_Casefold, or after folding Cyrillic and Greek look-alikes to Latin (Cyrillic
 * Р1 is P1). A new record whose key is another record's is refused, naming it.
 */
export function recordIdKey(recordId: string): string {
  return nfkcCasefold(recordId)
    .replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c] ?? c)
    .normalize('NFC')
}

/** Why `recordId` cannot be the id of a new record, or null when it can. */
export function newRecordIdProblem(recordId: unknown): RecordIdProblem | null {
  const problem = recordIdProblem(recordId)
  if (problem || typeof recordId !== 'string') return problem
  const shown = JSON.stringify(recordId)
  const invisible = INVISIBLE.exec(recordId)
  if (invisible)
    return {
      message: `Record id ${shown} holds an invisible character (U+${codePointHex(invisible[0])}): an id must read as what it is.`,
      details: { recordId },
    }
  const base = nfkcCasefold(recordId).split('.')[0]!.trimEnd()
  if (WINDOWS_RESERVED.test(base))
    return {
      message: `Record id ${shown} is a name Windows reserves for a device (${base.toUpperCase()}, with any extension): a store holding it could not be copied to Windows.`,
      details: { recordId },
    }
  const scripts = scriptsOf(recordId)
  if (!isOneWritingSystem(scripts))
    return {
      message: `Record id ${shown} mixes letters of ${[...scripts].join(', ')}: write it in one script, so it cannot pass for another id.`,
      details: { recordId, scripts: [...scripts] },
    }
  return null
}

export function assertValidNewRecordId(recordId: unknown): asserts recordId is string {
  const problem = newRecordIdProblem(recordId)
  if (problem) throw new InvalidRecordIdError(problem.message, problem.details)
}

/**
 * A record id as a request carries it. Only its size is checked here: a UTF-8 string is
 * at least as many bytes as UTF-16 units, so anything longer than the byte limit is
 * refused without encoding it. The rest of the rule is applied where the id is used, so
 * the refusal carries INVALID_RECORD_ID (which the forms show beside the id field)
 * rather than the contract's generic BAD_INPUT.
 */
export const RecordIdSchema = z.string().min(1).max(MAX_RECORD_ID_BYTES)
