// Form pieces the field screens share: a labelled text field whose problem is tied to
// it (aria-invalid + aria-describedby, so a screen reader reads it with the field),
// and a radio group drawn as a segmented control.
import { useId, type ReactNode } from 'react'

export function TextField({
  label,
  value,
  onChange,
  problem,
  hint,
  className,
  inputMode,
  placeholder,
  type = 'text',
  testId,
  autoFocus,
}: {
  label: ReactNode
  value: string
  onChange: (value: string) => void
  problem?: string | null | undefined
  hint?: ReactNode
  className?: string
  inputMode?: 'decimal' | 'text'
  placeholder?: string
  type?: 'text' | 'date'
  testId?: string
  autoFocus?: boolean
}) {
  const id = useId()
  const problemId = `${id}-problem`
  const hintId = `${id}-hint`
  const described = [problem ? problemId : null, hint ? hintId : null].filter(Boolean).join(' ')
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        inputMode={inputMode}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described || undefined}
        data-testid={testId}
        autoFocus={autoFocus}
      />
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      {problem && (
        <span id={problemId} className="field-error field-problem">
          {problem}
        </span>
      )}
    </div>
  )
}

export function RadioGroup<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string
  value: T
  options: ReadonlyArray<{ value: T; label: string }>
  onChange: (value: T) => void
}) {
  const name = useId()
  return (
    <fieldset className="radio-group">
      <legend>{label}</legend>
      <div className="segmented-radios">
        {options.map((o) => (
          <label key={o.value} className={value === o.value ? 'is-checked' : undefined}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  )
}

/** The tables a record can be in: borelog always, then every table the store holds. */
export function tableChoices(storeTableNames: readonly string[] | undefined): string[] {
  return [...new Set(['borelog', ...(storeTableNames ?? [])])]
}

export function TableSelect({
  id,
  value,
  onChange,
  tableNames,
  disabled,
}: {
  id: string
  value: string
  onChange: (tableName: string) => void
  tableNames: readonly string[]
  disabled?: boolean
}) {
  return (
    <div className="field">
      <label htmlFor={id}>Table</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        {tableNames.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </div>
  )
}
