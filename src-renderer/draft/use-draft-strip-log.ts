// The strip log follows the draft as typed: every row of a short borelog is kept loaded,
// and the log is drawn again from them whenever rows land or change.
import { useEffect, useMemo } from 'react'

import { rowsFromCells } from '../strip-log/index'
import type { DraftSession } from './use-draft-session'

/** The strip log redraws from every row as the draft is typed: only for logs this short. */
const STRIP_LOG_MAX_ROWS = 2000

export type StripLogRows = ReturnType<typeof rowsFromCells>

/** The log's rows; null when this draft gets no strip log. */
export function useDraftStripLog(session: DraftSession): StripLogRows | null {
  const { state, rowCount, ensureRows, getRow, rowsVersion, pending } = session
  const columns = state?.columns
  const canDrawLog =
    state?.tableName === 'borelog' && rowCount > 0 && rowCount <= STRIP_LOG_MAX_ROWS
  useEffect(() => {
    if (canDrawLog) ensureRows(0, rowCount - 1)
  }, [canDrawLog, ensureRows, rowCount, rowsVersion, pending])
  return useMemo(() => {
    if (!canDrawLog || !columns) return null
    const cells = []
    for (let row = 0; row < rowCount; row++) {
      const r = getRow(row)
      if (r) cells.push([...r])
    }
    return rowsFromCells(
      columns.map((c) => c.name),
      cells,
    )
    // rowsVersion names the cache contents getRow reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [canDrawLog, rowCount, columns, getRow, rowsVersion])
}
