// What the AGS4 reader and checker report. `rule` names the AGS4 format rule the way
// the AGS validator (python-ags4) does ("Rule 2a", "Rule 10c"), so our findings can be
// compared with its expected findings; "General" is about the file as a whole.
export type AgsSeverity = 'error' | 'warning'

export interface AgsFinding {
  rule: string
  /** 1-based line in the file; null when the finding is about a group or the file as a whole. */
  line: number | null
  /** GROUP name, '' when not about one group. */
  group: string
  heading: string | null
  message: string
  severity: AgsSeverity
}

export function finding(
  rule: string,
  line: number | null,
  group: string,
  message: string,
  options: { heading?: string | null; severity?: AgsSeverity } = {},
): AgsFinding {
  return {
    rule,
    line,
    group,
    heading: options.heading ?? null,
    message,
    severity: options.severity ?? 'error',
  }
}

/** One line per finding, for terminals and logs: `line 12 LOCA LOCA_NATE Rule 8: ...`. */
export function formatFinding(f: AgsFinding): string {
  const where = [f.line === null ? null : `line ${f.line}`, f.group || null, f.heading]
    .filter((x) => x !== null)
    .join(' ')
  return `${f.severity === 'error' ? 'error' : 'warning'} ${f.rule}${where ? ` (${where})` : ''}: ${f.message}`
}
