// Import: a wizard that shows what would be stored BEFORE anything is saved.
// 1. Choose a file (CSV, TSV, Parquet, AGS4); its bytes go to main as base64 (the
//    renderer never touches paths). 2. Preview: main suggests a column mapping, converts
//    feet to metres and validates; the user changes the mapping or the source units and
//    sees the result again, findings with their rows included. 3. Import: CSV and
//    Parquet become a working draft the user saves with a comment; AGS4 saves every
//    hole as its record's next version. Import runs as a cancellable task.
import { useState } from 'react'

import type { Units } from '../../shared/ipc/contract'
import { bytesToBase64, MAX_IMPORT_BYTES } from '../base64'
import { ErrorBanner, Loading } from '../components/common'
import { tableChoices } from '../components/form'
import { ScreenHeader } from '../components/ScreenHeader'
import { useCall } from '../ipc/client'
import { useTypedUnits } from '../settings'
import { ApplySection } from './ApplySection'
import { FileSection, formatBytes } from './FileSection'
import {
  isAgsFileName,
  recordIdFromFileName,
  sourcesUsedTwice,
  unusedSources,
  withTarget,
  type Mapping,
} from './import-mapping'
import { PreviewView } from './PreviewView'
import { useImportApply, useImportPreview, type ChosenFile } from './use-import'

function Steps({ current }: { current: 1 | 2 | 3 }) {
  const steps = ['Choose a file', 'Check the preview', 'Import']
  return (
    <ol className="wizard-steps" aria-label="Import steps">
      {steps.map((label, i) => (
        <li
          key={label}
          aria-current={current === i + 1 ? 'step' : undefined}
          className={current > i + 1 ? 'is-done' : undefined}
        >
          <span className="wizard-step-number" aria-hidden="true">
            {i + 1}
          </span>
          {label}
        </li>
      ))}
    </ol>
  )
}

/** The bytes of the file the user picked, refused with a reason when too big or unreadable. */
function useChosenFile(onRead: (file: ChosenFile) => void) {
  const [file, setFile] = useState<ChosenFile | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [isReading, setIsReading] = useState(false)

  const readFile = async (picked: File | undefined) => {
    setFileError(null)
    if (!picked) return setFile(null)
    if (picked.size > MAX_IMPORT_BYTES) {
      setFile(null)
      return setFileError(
        `${picked.name} is ${formatBytes(picked.size)}; the import takes files up to ${formatBytes(MAX_IMPORT_BYTES)}. Split it, or import it with the command line tool.`,
      )
    }
    setIsReading(true)
    try {
      const bytes = new Uint8Array(await picked.arrayBuffer())
      const chosen = { name: picked.name, size: picked.size, contentBase64: bytesToBase64(bytes) }
      setFile(chosen)
      onRead(chosen)
    } catch (e) {
      setFile(null)
      setFileError(
        `${picked.name} could not be read (${e instanceof Error ? e.message : String(e)}). Check the file is not open elsewhere and choose it again.`,
      )
    } finally {
      setIsReading(false)
    }
  }
  return { file, fileError, isReading, readFile }
}

export function ImportScreen({ onToast }: { onToast: (message: string) => void }) {
  // Depths are shown (and the draft opened after import is typed) in these: wait for them.
  const typedUnits = useTypedUnits()
  const shownUnits = typedUnits.units ?? 'm'
  const info = useCall('store.info', {}, 'info')

  const [tableName, setTableName] = useState('borelog')
  const [sourceUnits, setSourceUnits] = useState<Units>('m')
  // Once the user picks the file's units, main's guess from the headings no longer applies.
  const [isUnitsChosen, setIsUnitsChosen] = useState(false)
  const [mapping, setMapping] = useState<Mapping | null>(null)
  const [recordId, setRecordId] = useState('')
  const [isRecordIdTyped, setIsRecordIdTyped] = useState(false)
  const [comment, setComment] = useState('')

  const { file, fileError, isReading, readFile } = useChosenFile((chosen) => {
    setRecordId(recordIdFromFileName(chosen.name))
    setIsRecordIdTyped(false)
  })
  const { preview, previewError, isPreviewing, resetPreview } = useImportPreview({
    file,
    tableName,
    sourceUnits,
    setSourceUnits,
    isUnitsChosen,
    mapping,
    setMapping,
    isRecordIdTyped,
    setRecordId,
  })
  const isAgs = preview ? preview.format === 'ags4' : file ? isAgsFileName(file.name) : false
  const importing = useImportApply({
    file,
    preview,
    isPreviewing,
    hasPreviewError: previewError !== null,
    isAgs,
    recordId,
    tableName,
    sourceUnits,
    mapping,
    comment,
    onToast,
  })

  const chooseFile = (picked: File | undefined) => {
    resetPreview()
    importing.resetApply()
    setMapping(null)
    setIsUnitsChosen(false)
    void readFile(picked)
  }

  const errorCount = preview?.findings.filter((f) => f.severity === 'error').length ?? 0
  const warningCount = (preview?.findings.length ?? 0) - errorCount
  const step = importing.agsResults || importing.isApplying ? 3 : preview ? 2 : 1
  const tableNames = tableChoices(info.value?.tableNames)

  if (!typedUnits.units)
    return typedUnits.error ? (
      <section className="screen" aria-label="Import">
        <ErrorBanner error={typedUnits.error} />
      </section>
    ) : (
      <Loading label="Reading your settings (units)…" />
    )

  return (
    <section className="screen import-screen" aria-labelledby="import-title">
      <ScreenHeader titleId="import-title" title="Import">
        CSV, TSV, Parquet or AGS4. You see what would be stored, and its findings, before anything
        is saved.
      </ScreenHeader>
      <Steps current={step} />

      <FileSection
        file={file}
        fileError={fileError}
        isReading={isReading}
        onFile={chooseFile}
        tableName={tableName}
        tableNames={tableNames}
        onTableName={(name) => {
          setTableName(name)
          setMapping(null)
        }}
        isApplying={importing.isApplying}
      />

      {file && (
        <section className="card" aria-labelledby="import-preview" aria-busy={isPreviewing}>
          <h2 id="import-preview">2. Preview</h2>
          {previewError && <ErrorBanner error={previewError} />}
          {!preview && isPreviewing && <Loading label="Reading the file in main…" />}
          {preview && (
            <PreviewView
              preview={preview}
              mapping={mapping ?? preview.mapping}
              onMapping={(target, source) =>
                setMapping(withTarget(mapping ?? preview.mapping, target, source))
              }
              sourceUnits={sourceUnits}
              onSourceUnits={(units) => {
                setIsUnitsChosen(true)
                setSourceUnits(units)
              }}
              shownUnits={shownUnits}
              isPreviewing={isPreviewing}
              twice={mapping ? sourcesUsedTwice(mapping) : []}
              unused={mapping ? unusedSources(preview, mapping) : []}
              errorCount={errorCount}
              warningCount={warningCount}
            />
          )}
        </section>
      )}

      {preview && (
        <ApplySection
          preview={preview}
          fileName={file?.name ?? ''}
          isAgs={isAgs}
          comment={comment}
          onComment={setComment}
          recordId={recordId}
          onRecordId={(value) => {
            setIsRecordIdTyped(true)
            setRecordId(value)
          }}
          errorCount={errorCount}
          importing={importing}
        />
      )}
    </section>
  )
}
