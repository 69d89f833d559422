// New record (issue 8): a record id, its table, the borelog header, and where it
// starts: blank, a template (another record's header) or a duplicate (its header and
// intervals). Create makes a working draft (nothing is in the store until it is saved
// with a comment) and opens it in the draft editor.
import { useId, useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { RequestOf } from '../../shared/ipc/contract'
import { ErrorBanner } from '../components/common'
import { RadioGroup, TextField } from '../components/form'
import { useCall, useIpc } from '../ipc/client'
import {
  emptyHeaderForm,
  formFromHeader,
  HEADER_FIELDS,
  headerFromForm,
  headerProblems,
  recordIdProblem,
  type HeaderForm,
  type HeaderKey,
} from './new-record-form'
import { navigate, type Route } from '../router'
import { useSettings, useUnits } from '../settings'

type StartKind = 'blank' | 'template' | 'duplicate'
type From = Extract<Route, { name: 'new-record' }>['from']

const START_OPTIONS = [
  { value: 'blank', label: 'Blank' },
  { value: 'template', label: 'Template (header of a record)' },
  { value: 'duplicate', label: 'Duplicate (header and intervals)' },
] as const

/** Errors about the record id itself, shown beside the field. */
const ID_ERRORS = new Set<ErrorPayload['code']>(['INVALID_RECORD_ID', 'ALREADY_EXISTS'])

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

export function NewRecordScreen({ from }: { from: From; onToast: (message: string) => void }) {
  const ipc = useIpc()
  const units = useUnits()
  const { settings } = useSettings()
  const info = useCall('store.info', {}, 'info')
  const userName = settings?.userName ?? info.value?.user ?? ''

  const [recordId, setRecordId] = useState('')
  const [tableName, setTableName] = useState('borelog')
  const [start, setStart] = useState<StartKind>(from?.kind ?? 'blank')
  const [sourceId, setSourceId] = useState(from?.recordId ?? '')
  const [form, setForm] = useState<HeaderForm>(() => emptyHeaderForm())
  /** Hole id and logged by follow the record id and the user name until typed over. */
  const [typed, setTyped] = useState<ReadonlySet<HeaderKey>>(new Set())
  const [appliedSource, setAppliedSource] = useState<string | null>(null)
  const [idProblem, setIdProblem] = useState<string | null>(null)
  const [sourceProblem, setSourceProblem] = useState<string | null>(null)
  const [problems, setProblems] = useState<Partial<Record<HeaderKey, string>>>({})
  const [error, setError] = useState<ErrorPayload | null>(null)
  const [isCreating, setIsCreating] = useState(false)

  // A template or duplicate fills the header from its source's latest version.
  const sourceKey = start === 'blank' ? '' : sourceId.trim()
  const source = useCall('record.get', sourceKey ? { recordId: sourceKey } : null, sourceKey)
  const sourceHeader = source.status === 'ok' ? source.value.header : null
  const sourceTable = source.status === 'ok' ? source.value.metadata.table_name : null
  if (sourceHeader && appliedSource !== sourceKey) {
    setAppliedSource(sourceKey)
    setForm((f) => formFromHeader(sourceHeader, units, f))
    if (sourceTable) setTableName(sourceTable)
  }

  const tableNames = [...new Set(['borelog', ...(info.value?.tableNames ?? [])])]
  const isBorelog = tableName === 'borelog'
  const shown: HeaderForm = {
    ...form,
    hole_id: typed.has('hole_id') ? form.hole_id : recordId.trim(),
    logged_by: typed.has('logged_by') ? form.logged_by : userName,
  }

  const setField = (key: HeaderKey) => (value: string) => {
    setTyped((t) => new Set(t).add(key))
    setForm((f) => ({ ...f, [key]: value }))
  }

  const create = async () => {
    setError(null)
    const idP = recordIdProblem(recordId)
    const sourceP =
      start !== 'blank' && sourceId.trim() === ''
        ? 'Pick the record to start from.'
        : start !== 'blank' && source.status === 'error'
          ? `No record ${sourceId.trim()} in this store.`
          : null
    const headerP = isBorelog ? headerProblems(shown) : {}
    setIdProblem(idP)
    setSourceProblem(sourceP)
    setProblems(headerP)
    if (idP || sourceP || Object.keys(headerP).length > 0) return
    const request: RequestOf<'draft.create'> = {
      recordId: recordId.trim(),
      tableName,
      header: isBorelog ? headerFromForm(shown, units) : {},
      source: start === 'blank' ? { kind: 'blank' } : { kind: start, recordId: sourceId.trim() },
    }
    setIsCreating(true)
    const res = await ipc.invoke('draft.create', request)
    setIsCreating(false)
    if (!res.ok) {
      if (ID_ERRORS.has(res.error.code)) setIdProblem(res.error.message)
      else setError(res.error)
      return
    }
    navigate({ name: 'draft', recordId: res.value.recordId })
  }

  return (
    <section className="screen form-screen" aria-labelledby="new-record-title">
      <header className="screen-header">
        <div>
          <h1 id="new-record-title">New record</h1>
          <p className="subtitle">
            Starts a working draft; nothing is saved to the store until you save it with a comment.
          </p>
        </div>
      </header>
      <form
        className="form-stack"
        onSubmit={(e) => {
          e.preventDefault()
          void create()
        }}
        noValidate
      >
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
            <div className="field">
              <label htmlFor="new-record-table">Table</label>
              <select
                id="new-record-table"
                value={tableName}
                onChange={(e) => setTableName(e.target.value)}
              >
                {tableNames.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </div>
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
              {source.status === 'error' && sourceKey && (
                <p className="field-hint field-error">No record {sourceKey} in this store.</p>
              )}
              {sourceHeader && (
                <p className="field-hint">
                  {start === 'template'
                    ? `The header below comes from ${sourceKey}; the new record starts with no intervals.`
                    : `The header below and all intervals of ${sourceKey} v${source.value?.metadata.current_version ?? ''} are copied.`}
                </p>
              )}
            </>
          )}
        </section>

        {isBorelog && (
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
                    field.key === 'hole_id' && !typed.has('hole_id')
                      ? 'Same as the record id'
                      : undefined
                  }
                />
              ))}
            </div>
          </section>
        )}

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
