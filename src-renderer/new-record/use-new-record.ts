// The new record form's state: what was typed, the header a template or duplicate
// brings, the checks before Create, and the draft.create call itself.
import { useState } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { RequestOf } from '../../shared/ipc/contract'
import { tableChoices } from '../components/form'
import { useCall, useIpc } from '../ipc/client'
import { navigate, type Route } from '../router'
import { useSettings, useUnits } from '../settings'
import {
  emptyHeaderForm,
  formFromHeader,
  headerFromForm,
  headerProblems,
  recordIdProblem,
  sourceRecordProblem,
  type HeaderForm,
  type HeaderKey,
  type StartKind,
} from './new-record-form'

export type From = Extract<Route, { name: 'new-record' }>['from']

/** Errors about the record id itself, shown beside the field. */
const ID_ERRORS = new Set<ErrorPayload['code']>(['INVALID_RECORD_ID', 'ALREADY_EXISTS'])

/** The record a template or duplicate starts from, read from the store as it is typed. */
function useSourceRecord(start: StartKind, sourceId: string) {
  const sourceKey = start === 'blank' ? '' : sourceId.trim()
  const source = useCall('record.get', sourceKey ? { recordId: sourceKey } : null, sourceKey)
  return {
    sourceKey,
    isSourceMissing: source.status === 'error',
    sourceHeader: source.status === 'ok' ? source.value.header : null,
    sourceTable: source.status === 'ok' ? source.value.metadata.table_name : null,
    sourceVersion: source.value?.metadata.current_version,
  }
}

export function useNewRecord(from: From) {
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
  const source = useSourceRecord(start, sourceId)
  if (source.sourceHeader && appliedSource !== source.sourceKey) {
    setAppliedSource(source.sourceKey)
    const header = source.sourceHeader
    setForm((f) => formFromHeader(header, units, f))
    if (source.sourceTable) setTableName(source.sourceTable)
  }

  const tableNames = tableChoices(info.value?.tableNames)
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
    const sourceP = sourceRecordProblem(start, sourceId, source.isSourceMissing)
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

  return {
    units,
    recordId,
    setRecordId,
    tableName,
    setTableName,
    tableNames,
    isBorelog,
    start,
    setStart,
    sourceId,
    setSourceId,
    source,
    shown,
    typed,
    setField,
    idProblem,
    sourceProblem,
    problems,
    error,
    isCreating,
    create,
  }
}
