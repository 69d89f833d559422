// Depths are stored in metres and shown in the user's units (m or ft). Only length
// columns convert; everything else shows as stored.
import type { ColumnInfo, Units } from '../shared/ipc/contract'
import { feetToMetres, isLengthColumn, metresToFeet } from '../shared/units'

export { isLengthColumn }

/** A stored metre value as shown; rounding keeps typed feet from showing 9.999999999. */
export function metresToShown(metres: number, units: Units): number {
  return units === 'm' ? metres : metresToFeet(metres)
}

/**
 * A value typed in the shown units, in metres for storage. Feet round to the micrometre,
 * as main rounds pasted and imported feet: the same typed value stores the same metres
 * whichever way it came in (0.1 ft is 0.03048, not 0.030480000000000004).
 */
export function shownToMetres(value: number, units: Units): number {
  return units === 'm' ? value : feetToMetres(value)
}

/** Unit label for a column header: a length column shows the chosen unit. */
export function shownUnit(column: Pick<ColumnInfo, 'unit' | 'kind'>, units: Units): string | null {
  return isLengthColumn(column) ? units : column.unit
}
