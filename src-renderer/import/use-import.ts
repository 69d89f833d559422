// The import wizard's conversations with main: the preview asked again on every change
// of the question, and the import itself as a cancellable task.
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { ImportPreview, RequestOf, ResponseOf, Units } from '../../shared/ipc/contract'
import { useTaskProgress } from '../components/ProgressStatus'
import { plural } from '../format'
import { useIpc } from '../ipc/client'
import { newTaskId } from '../progress'
import { navigate } from '../router'
import {
  canImport,
  previewKey,
  singleHoleId,
  sourceUnitsAfterPreview,
  type Mapping,
} from './import-mapping'

export interface ChosenFile {
  name: string
  size: number
  contentBase64: string
}

export type AgsResults = Extract<ResponseOf<'import.apply'>, { kind: 'records' }>['results']

/**
 * Every change of file, table, units or mapping asks main again; the answer to an
 * older question is dropped. The first answer for a file also sets the mapping (main's
 * suggestion), the file's units (unless the user chose them) and the record id (unless
 * the user typed one).
 */
export function useImportPreview({
  file,
  tableName,
  sourceUnits,
  setSourceUnits,
  isUnitsChosen,
  mapping,
  setMapping,
  isRecordIdTyped,
  setRecordId,
}: {
  file: ChosenFile | null
  tableName: string
  sourceUnits: Units
  setSourceUnits: (units: Units) => void
  isUnitsChosen: boolean
  mapping: Mapping | null
  setMapping: (mapping: Mapping) => void
  isRecordIdTyped: boolean
  setRecordId: Dispatch<SetStateAction<string>>
}) {
  const ipc = useIpc()
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [previewError, setPreviewError] = useState<ErrorPayload | null>(null)
  const [isPreviewing, setIsPreviewing] = useState(false)
  const previewedKey = useRef<string | null>(null)
  const previewSeq = useRef(0)

  const key = file
    ? previewKey({ fileName: file.name, size: file.size, tableName, sourceUnits, mapping })
    : null
  useEffect(() => {
    if (!file || key === null || key === previewedKey.current) return
    previewedKey.current = key
    const seq = ++previewSeq.current
    const request: RequestOf<'import.preview'> = {
      fileName: file.name,
      contentBase64: file.contentBase64,
      tableName,
      sourceUnits,
      ...(mapping ? { mapping } : {}),
    }
    setIsPreviewing(true)
    void ipc.invoke('import.preview', request).then((res) => {
      if (seq !== previewSeq.current) return
      setIsPreviewing(false)
      if (!res.ok) {
        // The preview on screen is of another question now: Import stays off until one succeeds.
        setPreviewError(res.error)
        return
      }
      setPreviewError(null)
      setPreview(res.value)
      const hole = singleHoleId(res.value)
      if (hole) setRecordId((current) => (isRecordIdTyped ? current : hole))
      if (mapping === null) {
        // Main's suggestion becomes the user's starting point; it is what was previewed.
        previewedKey.current = previewKey({
          fileName: file.name,
          size: file.size,
          tableName,
          sourceUnits,
          mapping: res.value.mapping,
        })
        setMapping(res.value.mapping)
        const units = sourceUnitsAfterPreview(sourceUnits, res.value.detectedUnits, isUnitsChosen)
        if (units !== sourceUnits) setSourceUnits(units)
      }
    })
  }, [
    ipc,
    file,
    key,
    tableName,
    sourceUnits,
    mapping,
    isRecordIdTyped,
    isUnitsChosen,
    setMapping,
    setRecordId,
    setSourceUnits,
  ])

  /** Forgets the preview of the previous file, so the next file is always asked about. */
  const resetPreview = useCallback(() => {
    setPreview(null)
    setPreviewError(null)
    previewedKey.current = null
  }, [])

  return { preview, previewError, isPreviewing, resetPreview }
}

/**
 * Import as a task: CSV and Parquet become a working draft opened in the editor; AGS4
 * saves every hole and lists the results. A refused record id is shown at its field.
 */
export function useImportApply({
  file,
  preview,
  isPreviewing,
  hasPreviewError,
  isAgs,
  recordId,
  tableName,
  sourceUnits,
  mapping,
  comment,
  onToast,
}: {
  file: ChosenFile | null
  preview: ImportPreview | null
  isPreviewing: boolean
  hasPreviewError: boolean
  isAgs: boolean
  recordId: string
  tableName: string
  sourceUnits: Units
  mapping: Mapping | null
  comment: string
  onToast: (message: string) => void
}) {
  const ipc = useIpc()
  const [applyTaskId, setApplyTaskId] = useState<string | null>(null)
  const [applyError, setApplyError] = useState<ErrorPayload | null>(null)
  const [agsResults, setAgsResults] = useState<AgsResults | null>(null)
  const [recordIdProblem, setRecordIdProblem] = useState<string | null>(null)
  const progress = useTaskProgress(applyTaskId)
  const isApplying = applyTaskId !== null
  const isImportable = canImport({
    hasPreview: preview !== null,
    isPreviewing,
    hasPreviewError,
    isApplying,
  })

  const apply = useCallback(async () => {
    if (!file || !preview || !isImportable) return
    if (!isAgs && recordId.trim() === '') {
      setRecordIdProblem('Type the record id the rows go to.')
      return
    }
    setRecordIdProblem(null)
    setApplyError(null)
    const taskId = newTaskId('import')
    setApplyTaskId(taskId)
    const res = await ipc.invoke('import.apply', {
      fileName: file.name,
      contentBase64: file.contentBase64,
      tableName,
      sourceUnits,
      mapping: mapping ?? preview.mapping,
      comment: comment.trim() || `Imported from ${file.name}`,
      taskId,
      ...(isAgs ? {} : { recordId: recordId.trim() }),
    })
    setApplyTaskId(null)
    if (!res.ok) {
      if (res.error.code === 'INVALID_RECORD_ID' || res.error.code === 'ALREADY_EXISTS')
        setRecordIdProblem(res.error.message)
      else setApplyError(res.error)
      return
    }
    if (res.value.kind === 'draft') {
      onToast(
        `Imported ${plural(res.value.draft.rowCount, 'row')} from ${file.name} into a draft of ${res.value.draft.recordId}. Check it and save it with a comment.`,
      )
      navigate({ name: 'draft', recordId: res.value.draft.recordId })
    } else {
      const saved = res.value.results.filter((r) => r.ok).length
      onToast(`Imported ${plural(saved, 'hole')} from ${file.name}.`)
      setAgsResults(res.value.results)
    }
  }, [
    file,
    preview,
    isImportable,
    isAgs,
    recordId,
    ipc,
    tableName,
    sourceUnits,
    mapping,
    comment,
    onToast,
  ])

  /** Forgets the outcome of importing the previous file. */
  const resetApply = useCallback(() => {
    setAgsResults(null)
    setApplyError(null)
  }, [])

  return {
    apply,
    isApplying,
    isImportable,
    applyTaskId,
    applyError,
    agsResults,
    recordIdProblem,
    progress,
    resetApply,
  }
}
