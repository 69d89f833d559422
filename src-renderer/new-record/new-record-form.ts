// A new borelog's header as the form holds it and as the draft gets it, whether the
// record starts blank, from a template or as a duplicate: hole id, project, coordinates
// and CRS, ground level, final depth, method, dates, logged by. Final depth is typed in
// the user's units and stored in metres, like every depth.
import type { Units } from '../../shared/ipc/contract'
import { newRecordIdProblem as problemOfRecordId } from '../../shared/record-id'
import { formatCell } from '../format'
import { metresToShown, shownToMetres } from '../units'

export const HEADER_FIELDS = [
  { key: 'hole_id', label: 'Hole id' },
  { key: 'project', label: 'Project' },
  { key: 'easting', label: 'Easting', isNumber: true },
  { key: 'northing', label: 'Northing', isNumber: true },
  { key: 'crs', label: 'CRS', placeholder: 'EPSG:27700' },
  { key: 'ground_level_m', label: 'Ground level (m)', isNumber: true },
  { key: 'final_depth_m', label: 'Final depth', isNumber: true, isDepth: true },
  { key: 'method', label: 'Method', placeholder: 'Cable percussion' },
  { key: 'start_date', label: 'Start date', isDate: true },
  { key: 'logged_by', label: 'Logged by' },
] as const satisfies ReadonlyArray<{
  key: string
  label: string
  isNumber?: boolean
  isDepth?: boolean
  isDate?: boolean
  placeholder?: string
}>

export type HeaderKey = (typeof HEADER_FIELDS)[number]['key']
export type HeaderForm = Record<HeaderKey, string>

export function emptyHeaderForm(): HeaderForm {
  return Object.fromEntries(HEADER_FIELDS.map((f) => [f.key, ''])) as HeaderForm
}

/** The id as it will be sent (trimmed), checked by the store's own rule. */
export function recordIdProblem(recordId: string): string | null {
  if (recordId.trim() === '') return 'Type a record id, e.g. the hole id (BH01).'
  return problemOfRecordId(recordId.trim())?.message ?? null
}

export function headerProblems(form: HeaderForm): Partial<Record<HeaderKey, string>> {
  const problems: Partial<Record<HeaderKey, string>> = {}
  for (const field of HEADER_FIELDS) {
    const text = form[field.key].trim()
    if (text === '' || !('isNumber' in field)) continue
    if (!Number.isFinite(Number(text))) problems[field.key] = 'Type a number, e.g. 12.5.'
    else if ('isDepth' in field && Number(text) < 0) problems[field.key] = 'A depth is 0 or more.'
  }
  return problems
}

/** The header the draft starts with: typed fields only, the final depth in metres. */
export function headerFromForm(form: HeaderForm, units: Units): Record<string, string> {
  const header: Record<string, string> = {}
  for (const field of HEADER_FIELDS) {
    const text = form[field.key].trim()
    if (text === '') continue
    header[field.key] = 'isDepth' in field ? String(shownToMetres(Number(text), units)) : text
  }
  return header
}

/**
 * A source record's header shown in the form (final depth in the user's units). The
 * new hole has its own id and is logged by whoever creates it.
 */
export function formFromHeader(
  header: Record<string, string>,
  units: Units,
  base: HeaderForm,
): HeaderForm {
  const form = { ...base }
  for (const field of HEADER_FIELDS) {
    const value = header[field.key]
    if (value === undefined || field.key === 'hole_id' || field.key === 'logged_by') continue
    const metres = Number(value)
    form[field.key] =
      'isDepth' in field && value.trim() !== '' && Number.isFinite(metres)
        ? formatCell(metresToShown(metres, units))
        : value
  }
  return form
}

export type StartKind = 'blank' | 'template' | 'duplicate'

/** What is wrong with the record to start from, if anything (a blank start has none). */
export function sourceRecordProblem(
  start: StartKind,
  sourceId: string,
  isSourceMissing: boolean,
): string | null {
  if (start === 'blank') return null
  if (sourceId.trim() === '') return 'Pick the record to start from.'
  if (isSourceMissing) return `No record ${sourceId.trim()} in this store.`
  return null
}
