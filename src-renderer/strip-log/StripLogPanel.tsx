// The strip log beside the table: the log fitted to the panel's width, and a
// toolbar to download it as SVG or print it (the browser's print dialog saves a PDF;
// the Electron app passes onPrint to use webContents.printToPDF instead).
// Printing prints only the log: a copy sized for paper is mounted under <body> the
// first time the page prints (the Print button, or Ctrl+P via beforeprint) and the
// print CSS hides everything else. It stays mounted, so a later print, or a PDF made
// from print media, finds it in place.
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { createPortal, flushSync } from 'react-dom'

import { saveFile } from '../download'
import { useUnitsOrMetres } from '../settings'
import {
  buildStripLogModel,
  SHEET_WIDTH,
  StripLog,
  StripLogSheets,
  type DepthUnits,
  type StripLogRow,
} from '../../shared/strip-log/index'
import './strip-log.css'

/** Widths move in steps, so dragging a splitter does not lay the log out at every pixel. */
const WIDTH_STEP = 16
/** Below this the columns get too narrow to read: the log is laid out this wide and scaled to fit. */
const FIT_WIDTH = 640

export interface StripLogPanelProps {
  rows: readonly StripLogRow[]
  header: Readonly<Record<string, string>>
  units?: DepthUnits
  /** Replaces window.print() (Electron: print to PDF through the main process). */
  onPrint?: () => void
  title?: string
  /** Accessible name of the drawing; "Strip log of borehole <hole id>" by default. */
  label?: string
}

function PrintCopy({ rows, header, units }: Pick<StripLogPanelProps, 'rows' | 'header' | 'units'>) {
  const model = useMemo(
    () => buildStripLogModel(rows, header, { width: SHEET_WIDTH, units }),
    [rows, header, units],
  )
  const idPrefix = `slp${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  return createPortal(
    <div className="strip-log-print-root" data-testid="strip-log-print">
      <StripLogSheets model={model} idPrefix={idPrefix} />
    </div>,
    document.body,
  )
}

export function StripLogPanel({
  rows,
  header,
  units: unitsProp,
  onPrint,
  title = 'Strip log',
  label,
}: StripLogPanelProps) {
  // Depths in the user's units unless the caller says.
  const userUnits = useUnitsOrMetres()
  const units = unitsProp ?? userUnits
  const scrollRef = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState<number | undefined>(undefined)
  const [isPrintMounted, setPrintMounted] = useState(false)
  const [printRequest, setPrintRequest] = useState(0)
  const [exportError, setExportError] = useState<string | null>(null)
  const onPrintRef = useRef(onPrint)
  const headingId = useId()

  useEffect(() => {
    onPrintRef.current = onPrint
  }, [onPrint])

  useEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width
      if (w === undefined || w <= 0) return
      setWidth(Math.floor(w / WIDTH_STEP) * WIDTH_STEP)
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    // Ctrl+P or the app menu: the copy must be in the DOM before print layout starts.
    const beforePrint = () => flushSync(() => setPrintMounted(true))
    window.addEventListener('beforeprint', beforePrint)
    return () => window.removeEventListener('beforeprint', beforePrint)
  }, [])

  useEffect(() => {
    if (printRequest === 0) return
    const print = onPrintRef.current ?? (() => window.print())
    print()
  }, [printRequest])

  const holeId = header.hole_id ?? ''
  const isNarrow = width !== undefined && width < FIT_WIDTH
  return (
    <section className="strip-log-panel" aria-labelledby={headingId}>
      <div className="strip-log-toolbar" role="toolbar" aria-labelledby={headingId}>
        <h2 id={headingId} className="strip-log-heading">
          {title}
        </h2>
        <button
          type="button"
          className="button"
          onClick={() => {
            setExportError(null)
            // The exporter brings react-dom/server: loaded on first use, not with the app.
            import('../../shared/strip-log/export-svg')
              .then(({ exportStripLogSvg, stripLogFileName }) =>
                saveFile(
                  exportStripLogSvg(rows, header, { units }),
                  stripLogFileName(holeId, 'svg'),
                  'image/svg+xml',
                ),
              )
              .catch((e: unknown) =>
                setExportError(
                  `The SVG could not be made: ${e instanceof Error ? e.message : String(e)}`,
                ),
              )
          }}
        >
          Download SVG
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setPrintMounted(true)
            setPrintRequest((n) => n + 1)
          }}
        >
          Print / PDF
        </button>
      </div>
      {exportError !== null && (
        <p role="alert" className="strip-log-error">
          {exportError}
        </p>
      )}
      <div
        className={isNarrow ? 'strip-log-scroll strip-log-fit' : 'strip-log-scroll'}
        ref={scrollRef}
        tabIndex={0}
        aria-label={`${title}, scrollable`}
      >
        <StripLog
          rows={rows}
          header={header}
          width={isNarrow ? FIT_WIDTH : width}
          units={units}
          label={label}
        />
      </div>
      {isPrintMounted && <PrintCopy rows={rows} header={header} units={units} />}
    </section>
  )
}
