// The borehole's header properties as a form (hole id, project, coordinates and CRS,
// ground level, final depth, method, dates, logged by). Each field sends one `header`
// edit when it loses focus changed (empty removes the property), so header changes
// undo and redo with the grid's edits. A field shows what main holds (after an undo,
// the undone value) except while it is being typed in; a refused value goes back to
// the stored one with the refusal beside it, never left looking saved.
// The final depth is shown and typed in the user's units and stored in metres.
import { useId, useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { Units } from '../../shared/ipc/contract'
import { isDepthKey, parseHeaderValue, shownHeaderValue } from './header-values'

const FIELDS: Array<{ key: string; label: string; isWide?: boolean }> = [
  { key: 'hole_id', label: 'Hole id' },
  { key: 'project', label: 'Project' },
  { key: 'client', label: 'Client', isWide: true },
  { key: 'easting', label: 'Easting' },
  { key: 'northing', label: 'Northing' },
  { key: 'crs', label: 'CRS' },
  { key: 'ground_level_m', label: 'Ground level (m)' },
  { key: 'final_depth_m', label: 'Final depth' },
  { key: 'method', label: 'Method' },
  { key: 'start_date', label: 'Start date' },
  { key: 'end_date', label: 'End date' },
  { key: 'logged_by', label: 'Logged by' },
  { key: 'hole_status', label: 'Status' },
  { key: 'hole_remarks', label: 'Remarks', isWide: true },
]

/** Keys holding machine data (AGS4 groups kept for export), not properties to type. */
const isMachineKey = (key: string): boolean => key.startsWith('ags4_')

/** Resolves to the refusal, or null once main has stored the value. */
export type HeaderChange = (key: string, value: string | null) => Promise<ErrorPayload | null>

function HeaderField({
  id,
  fieldKey,
  label,
  isWide,
  stored,
  units,
  onChange,
}: {
  id: string
  fieldKey: string
  label: string
  isWide: boolean
  stored: string
  units: Units
  onChange: HeaderChange
}) {
  // The text being typed (or sent and not yet answered); null shows the stored value.
  const [typed, setTyped] = useState<string | null>(null)
  // A refusal is about the value shown when it was made: a later value (undo, another
  // unit) makes it moot.
  const [refused, setRefused] = useState<{ message: string; shown: string } | null>(null)
  const shown = shownHeaderValue(fieldKey, stored, units)
  const refusal = refused?.shown === shown ? refused.message : null
  const setRefusal = (message: string | null) =>
    setRefused(message === null ? null : { message, shown })
  const errorId = `${id}-error`

  function send(): void {
    if (typed === null || typed.trim() === shown) {
      setTyped(null)
      return
    }
    const parsed = parseHeaderValue(fieldKey, typed, units)
    if (!parsed.ok) {
      setRefusal(parsed.message)
      setTyped(null)
      return
    }
    setRefusal(null)
    void onChange(fieldKey, parsed.value).then((error) => {
      if (error) setRefusal(error.message)
      // Answered: the field shows main's value again (the new one, or the kept old one).
      setTyped((now) => (now === typed ? null : now))
    })
  }

  return (
    <div className={`field${isWide ? ' field-wide' : ''}`}>
      <label htmlFor={id}>{isDepthKey(fieldKey) ? `${label} (${units})` : label}</label>
      <input
        id={id}
        name={fieldKey}
        value={typed ?? shown}
        aria-invalid={refusal !== null ? true : undefined}
        aria-describedby={refusal !== null ? errorId : undefined}
        inputMode={isDepthKey(fieldKey) ? 'decimal' : undefined}
        onChange={(e) => setTyped(e.target.value)}
        onBlur={send}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur()
          if (e.key === 'Escape') {
            setTyped(null)
            setRefusal(null)
          }
        }}
      />
      {refusal !== null && (
        <p id={errorId} className="field-hint field-error" role="alert">
          {refusal}. Kept: {shown === '' ? '(empty)' : shown}
        </p>
      )}
    </div>
  )
}

export function HeaderPanel({
  header,
  units,
  onChange,
}: {
  header: Readonly<Record<string, string>>
  units: Units
  onChange: HeaderChange
}) {
  const idPrefix = useId()
  const known = new Set(FIELDS.map((f) => f.key))
  const extra = Object.keys(header)
    .filter((key) => !known.has(key) && !isMachineKey(key))
    .map((key) => ({ key, label: key, isWide: true }))
  return (
    <form
      className="draft-header-form"
      aria-label="Borehole header"
      onSubmit={(e) => e.preventDefault()}
    >
      {[...FIELDS, ...extra].map((field) => (
        <HeaderField
          key={field.key}
          id={`${idPrefix}-${field.key}`}
          fieldKey={field.key}
          label={field.label}
          isWide={field.isWide ?? false}
          stored={header[field.key] ?? ''}
          units={units}
          onChange={onChange}
        />
      ))}
    </form>
  )
}
