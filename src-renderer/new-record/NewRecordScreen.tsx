// New record: a record id, its table, the borelog header, and where it
// starts: blank, a template (another record's header) or a duplicate (its header and
// intervals). Create makes a working draft (nothing is in the store until it is saved
// with a comment) and opens it in the draft editor.
import { useId } from 'react'

import { ErrorBanner } from '../components/common'
import { ScreenHeader } from '../components/ScreenHeader'
import { RadioGroup, TableSelect, TextField } from '../components/form'
import { useCall } from '../ipc/client'
import { HEADER_FIELDS } from './new-record-form'
import { useNewRecord, type From } from './use-new-record'

const START_OPTIONS = [
  { value: 'blank', label: 'Blank' },
  { value: 'template', label: 'Template (header of a record)' },
  { value: 'duplicate', label: 'Duplicate (header and intervals)' },
] as const

function SourcePicker({
  value,
  onChange,
  problem,
}: {
  value: string
  onChange: (value: string) => void
  problem: string | null
}) {
  const listId = useId()
  const text = value.trim()
  const found = useCall(
    'records.list',
    { text, limit: 50, sort: { field: 'record_id', direction: 'asc' } },
    `source:${text}`,
  )
  return (
    <div className="field field-wide">
      <label htmlFor={`${listId}-input`}>Source record</label>
      <input
        id={`${listId}-input`}
        list={listId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="Type to search record ids"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${listId}-problem` : undefined}
      />
      <datalist id={listId}>
        {found.value?.records.map((r) => (
          <option key={r.record_id} value={r.record_id}>
            {[r.header.project, r.header.hole_id].filter(Boolean).join(' · ')}
          </option>
        ))}
      </datalist>
      {problem && (
        <span id={`${listId}-problem`} className="field-error field-problem">
          {problem}
        </span>
      )}
    </div>
  )
}

type NewRecord = ReturnType<typeof useNewRecord>

export function NewRecordScreen({ from }: { from: From; onToast: (message: string) => void }) {
  const newRecord = useNewRecord(from)
  const { isBorelog, error, isCreating, create } = newRecord
  return (
    <section className="screen form-screen" aria-labelledby="new-record-title">
      <ScreenHeader titleId="new-record-title" title="New record">
        Starts a working draft; nothing is saved to the store until you save it with a comment.
      </ScreenHeader>
      <form
        className="form-stack"
        onSubmit={(e) => {
          e.preventDefault()
          void create()
        }}
        noValidate
      >
        <RecordCard newRecord={newRecord} />
        {isBorelog && <HeaderCard newRecord={newRecord} />}

        {error && <ErrorBanner error={error} />}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={isCreating}>
            {isCreating ? 'Creating…' : 'Create and edit'}
          </button>
          <a className="button" href="#/records">
            Cancel
          </a>
        </div>
      </form>
    </section>
  )
}

/** The record id, its table, and what it starts from. */
function RecordCard({ newRecord }: { newRecord: NewRecord }) {
  const { recordId, setRecordId, idProblem, tableName, setTableName, tableNames } = newRecord
  const { start, setStart, sourceId, setSourceId, sourceProblem, source } = newRecord
  const { sourceKey, sourceHeader } = source
  return (
    <section className="card" aria-labelledby="new-record-what">
      <h2 id="new-record-what">Record</h2>
      <div className="form-grid">
        <TextField
          label="Record id"
          value={recordId}
          onChange={setRecordId}
          problem={idProblem}
          placeholder="BH01"
          hint="A name, usually the hole id; it cannot contain / or \ or be .."
          testId="record-id"
          autoFocus
        />
        <TableSelect
          id="new-record-table"
          value={tableName}
          onChange={setTableName}
          tableNames={tableNames}
        />
      </div>
      <RadioGroup
        label="Start from"
        value={start}
        options={START_OPTIONS}
        onChange={(value) => setStart(value)}
      />
      {start !== 'blank' && (
        <>
          <SourcePicker value={sourceId} onChange={setSourceId} problem={sourceProblem} />
          {source.isSourceMissing && sourceKey && (
            <p className="field-hint field-error">No record {sourceKey} in this store.</p>
          )}
          {sourceHeader && (
            <p className="field-hint">
              {start === 'template'
                ? `The header below comes from ${sourceKey}; the new record starts with no intervals.`
                : `The header below and all intervals of ${sourceKey} v${source.sourceVersion ?? ''} are copied.`}
            </p>
          )}
        </>
      )}
    </section>
  )
}

/** The borelog header; depths typed in the user's units. */
function HeaderCard({ newRecord }: { newRecord: NewRecord }) {
  const { units, shown, setField, problems, typed } = newRecord
  return (
    <section className="card" aria-labelledby="new-record-header">
      <h2 id="new-record-header">Borehole header</h2>
      <div className="form-grid">
        {HEADER_FIELDS.map((field) => (
          <TextField
            key={field.key}
            label={'isDepth' in field ? `${field.label} (${units})` : field.label}
            value={shown[field.key]}
            onChange={setField(field.key)}
            problem={problems[field.key]}
            inputMode={'isNumber' in field ? 'decimal' : 'text'}
            type={'isDate' in field ? 'date' : 'text'}
            placeholder={'placeholder' in field ? field.placeholder : undefined}
            hint={
              field.key === 'hole_id' && !typed.has('hole_id') ? 'Same as the record id' : undefined
            }
          />
        ))}
      </div>
    </section>
  )
}
