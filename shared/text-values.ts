// Values typed as text (a CSV cell, a pasted spreadsheet cell, a value typed in the grid)
// read the same way by the CLI, import, draft paste and the grid's editor, so a value
// that imports also pastes and types.

/** A plain decimal number as people and tableToCsv write it: no hex, no thousands separators. */
export const DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1'])
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0'])

/** A yes/no word (any case, trimmed) as a boolean; null when it is neither. */
export function booleanOfWord(text: string): boolean | null {
  const word = text.trim().toLowerCase()
  if (TRUE_WORDS.has(word)) return true
  if (FALSE_WORDS.has(word)) return false
  return null
}
