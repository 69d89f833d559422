// The log's columns, left to right as on a BS 5930 sheet. Level and core columns appear
// only when there is a ground level or a core run; the description takes the width the
// fixed columns leave, so the drawing fills any width from the minimum up.
import { MARGIN } from './dimensions'
import type { Column, DepthUnits } from './model-types'

/** Columns left to right; the description takes the width the others leave. */
export function layoutColumns(
  units: DepthUnits,
  inner: number,
  hasLevel: boolean,
  hasCore: boolean,
): Column[] {
  const fixedColumns: Omit<Column, 'x'>[] = [
    { key: 'depth', label: 'Depth', unit: units, width: 40 },
    { key: 'samples', label: 'Samples', unit: 'type ref · depth', width: 76 },
    { key: 'water', label: 'Water', unit: units, width: 38 },
    ...(hasLevel
      ? [
          {
            key: 'level' as const,
            label: 'Level',
            unit: units === 'ft' ? 'ft OD' : 'm OD',
            width: 44,
          },
        ]
      : []),
    { key: 'base', label: 'Base', unit: units, width: 44 },
    { key: 'legend', label: 'Legend', unit: '', width: 46 },
    { key: 'description', label: 'Description of strata', unit: '', width: 0 },
    { key: 'spt', label: 'SPT N', unit: '', width: 104 },
    ...(hasCore ? [{ key: 'core' as const, label: 'Core', unit: 'TCR SCR RQD %', width: 78 }] : []),
  ]
  const used = fixedColumns.reduce((s, c) => s + c.width, 0)
  const columns: Column[] = []
  let cx = MARGIN
  for (const c of fixedColumns) {
    const w = c.key === 'description' ? inner - used : c.width
    columns.push({ ...c, x: cx, width: w })
    cx += w
  }
  return columns
}

export function columnOf(columns: readonly Column[], key: Column['key']): Column {
  return columns.find((c) => c.key === key) as Column
}
