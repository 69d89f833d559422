// The borehole's header properties as a form (DESIGN.md 6: hole id, project,
// coordinates and CRS, ground level, final depth, method, dates, logged by). Each field
// sends one `header` edit when it loses focus changed (empty removes the property), so
// header changes undo and redo with the grid's edits. Fields take their value from the
// draft state: after an undo they show what main holds, not what was last typed.
import { useId } from 'react'

const FIELDS: Array<{ key: string; label: string; isWide?: boolean }> = [
  { key: 'hole_id', label: 'Hole id' },
  { key: 'project', label: 'Project' },
  { key: 'client', label: 'Client', isWide: true },
  { key: 'easting', label: 'Easting' },
  { key: 'northing', label: 'Northing' },
  { key: 'crs', label: 'CRS' },
  { key: 'ground_level_m', label: 'Ground level (m)' },
  { key: 'final_depth_m', label: 'Final depth (m)' },
  { key: 'method', label: 'Method' },
  { key: 'start_date', label: 'Start date' },
  { key: 'end_date', label: 'End date' },
  { key: 'logged_by', label: 'Logged by' },
  { key: 'hole_status', label: 'Status' },
  { key: 'hole_remarks', label: 'Remarks', isWide: true },
]

/** Keys holding machine data (AGS4 groups kept for export), not properties to type. */
const isMachineKey = (key: string): boolean => key.startsWith('ags4_')

export function HeaderPanel({
  header,
  onChange,
}: {
  header: Readonly<Record<string, string>>
  onChange: (key: string, value: string | null) => void
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
      {[...FIELDS, ...extra].map((field) => {
        const stored = header[field.key] ?? ''
        const id = `${idPrefix}-${field.key}`
        return (
          <div key={field.key} className={`field${field.isWide ? ' field-wide' : ''}`}>
            <label htmlFor={id}>{field.label}</label>
            <input
              // A new stored value (an undo, a redo) remounts the field with it.
              key={stored}
              id={id}
              name={field.key}
              defaultValue={stored}
              onBlur={(e) => {
                const value = e.target.value.trim()
                if (value !== stored) onChange(field.key, value === '' ? null : value)
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') e.currentTarget.blur()
                if (e.key === 'Escape') {
                  e.currentTarget.value = stored
                  e.currentTarget.blur()
                }
              }}
            />
          </div>
        )
      })}
    </form>
  )
}
