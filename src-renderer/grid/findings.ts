// Findings on grid rows and cells. A finding names its row in the stored version (or
// draft), so grids index them by that row, never by position on screen: under a sort
// the marks stay on the right cells. Severity is shown by colour plus text (a tooltip,
// or screen-reader text), never by colour alone.
import { useMemo } from 'react'

import type { Finding } from '../../shared/metadata'

export type Severity = 'error' | 'warning'

/** Findings by the row they name; findings about the whole table are left out. */
export function useFindingsByRow(findings: readonly Finding[]): Map<number, Finding[]> {
  return useMemo(() => {
    const map = new Map<number, Finding[]>()
    for (const f of findings) {
      if (f.row === null) continue
      const list = map.get(f.row) ?? []
      list.push(f)
      map.set(f.row, list)
    }
    return map
  }, [findings])
}

/** The worst severity among these findings; null when there are none. */
export function severityOf(findings: readonly Finding[] | undefined): Severity | null {
  if (!findings?.length) return null
  return findings.some((f) => f.severity === 'error') ? 'error' : 'warning'
}

/** A row's findings about one column (null: about the row itself); undefined when none. */
export function findingsAt(
  rowFindings: readonly Finding[] | undefined,
  column: string | null,
): Finding[] | undefined {
  const list = rowFindings?.filter((f) => f.column === column)
  return list?.length ? list : undefined
}

/** A tooltip listing the findings' messages; undefined when none. */
export function findingsTitle(findings: readonly Finding[] | undefined): string | undefined {
  return findings?.map((f) => f.message).join('\n') || undefined
}
