// Bad JSON input is reported with the JSON path of the first bad value, e.g.
// `schemas.json at tables[0].columns[2].type.unit`, so a person editing the file by hand
// can find the mistake without reading zod's issue list. One spelling of a path for
// every message that names one.
import type { z } from 'zod'

import { CorruptMetadataError } from './errors'

/** A path as JSON spells it: `tables[0].columns[2]`; `root` names the empty path. */
export function formatJsonPath(path: readonly PropertyKey[], root = '(root)'): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else out += out === '' ? String(segment) : `.${String(segment)}`
  }
  return out === '' ? root : out
}

interface PlainIssue {
  path: PropertyKey[]
  message: string
}

/**
 * zod reports a failed union as one "Invalid input" at the union itself. A type like
 * `{"type": "timestamp", "unit": "hours"}` is clearly meant as the object branch, so
 * report that branch's issue (the one that got furthest into the value) with its full path.
 */
function mostSpecific(issue: z.core.$ZodIssue): PlainIssue {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    let best: PlainIssue | null = null
    let bestScore = -1
    for (const branch of issue.errors) {
      const first = branch[0]
      if (!first) continue
      const inner = mostSpecific(first)
      // Deeper paths win; at equal depth a wrong value beats "expected object".
      const score = inner.path.length * 2 + (first.code === 'invalid_type' ? 0 : 1)
      if (score > bestScore) {
        bestScore = score
        best = inner
      }
    }
    if (best) return { path: [...issue.path, ...best.path], message: best.message }
  }
  return { path: [...issue.path], message: issue.message }
}

/** The first zod issue as a CorruptMetadataError naming `where` and the JSON path. */
export function corruptJson(where: string, error: z.ZodError): CorruptMetadataError {
  const issues = error.issues.map(mostSpecific)
  const first = issues[0] ?? { path: [], message: 'invalid value' }
  const path = formatJsonPath(first.path)
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : ''
  return new CorruptMetadataError(
    `${where} is malformed at ${path}: ${first.message}${more}. Fix the file or restore it from a backup.`,
    {
      where,
      path,
      issues: issues.map((i) => ({ path: formatJsonPath(i.path), message: i.message })),
    },
  )
}

/** JSON.parse with a CorruptMetadataError naming the file instead of a bare SyntaxError. */
export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    throw new CorruptMetadataError(
      `${where} is not valid JSON: ${msg}. Fix the file or restore it from a backup.`,
      { where, path: '(root)' },
      { cause: e },
    )
  }
}
