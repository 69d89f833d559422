// Feet and metres, the one conversion every layer uses: depths are stored in metres and
// shown and typed in m or ft. One international foot is exactly 0.3048 m. Results are
// rounded to the micrometre so the same depth stores the same number however it came
// in (typed, pasted, imported): 10 ft is 3.048 m, not 3.0480000000000005.
import type { ColumnInfo } from './ipc/contract'

export const METRES_PER_FOOT = 0.3048

function toMicrometre(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

export function feetToMetres(feet: number): number {
  return toMicrometre(feet * METRES_PER_FOOT)
}

export function metresToFeet(metres: number): number {
  return toMicrometre(metres / METRES_PER_FOOT)
}

/**
 * A length column: a number column in metres. Only these are shown in the user's units;
 * everything else shows as stored. Main's depth columns (those that take converted feet)
 * are the float ones among them.
 */
export function isLengthColumn(column: Pick<ColumnInfo, 'unit' | 'kind'>): boolean {
  return column.kind === 'number' && column.unit === 'm'
}
