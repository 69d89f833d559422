// The strip log beside the table: the log at its stated scale (1:50 by default; 1:25 and
// 1:100), shown fitted to the panel's width or zoomed, or full screen, with a toolbar to
// download it as SVG or print it (the browser's print dialog saves a PDF; the Electron
// app passes onPrint to use webContents.printToPDF instead). The log on screen is the
// model the sheets are cut from, a sheet wide, so what is seen is what prints and what
// `borelog-desk log` writes.
// Printing prints only the log: the sheets are mounted under <body> the first time the
// page prints (the Print button, or Ctrl+P via beforeprint) and the print CSS hides
// everything else. They stay mounted, so a later print, or a PDF made from print media,
// finds them in place.
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { createPortal, flushSync } from 'react-dom'

import {
  buildStripLogModel,
  SCALES,
  SHEET_WIDTH,
  StripLogSheets,
  StripLogSvg,
  type DepthUnits,
  type StripLogModel,
  type StripLogRow,
} from '../../shared/strip-log/index'
import { saveFile } from '../download'
import { useUnitsOrMetres } from '../settings'
import './strip-log.css'

/** Zoom steps, as a share of the sheet's own size (1 = printed size at 96 dpi). */
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const
const MIN_ZOOM = 0.5
const MAX_ZOOM = 3

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

function PrintCopy({ model }: { model: StripLogModel }) {
  const idPrefix = `slp${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  return createPortal(
    <div className="strip-log-print-root" data-testid="strip-log-print">
      <StripLogSheets model={model} idPrefix={idPrefix} />
    </div>,
    document.body,
  )
}

/** The next zoom step in a direction from the zoom now shown. */
function stepZoom(current: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOMS.find((z) => z > current + 0.01) ?? MAX_ZOOM
  return [...ZOOMS].reverse().find((z) => z < current - 0.01) ?? MIN_ZOOM
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
  const [scale, setScale] = useState<number>(SCALES[0])
  /** null: fit to the panel's width. */
  const [zoom, setZoom] = useState<number | null>(null)
  const [isFullScreen, setFullScreen] = useState(false)
  const [availableWidth, setAvailableWidth] = useState<number | null>(null)
  const [isPrintMounted, setPrintMounted] = useState(false)
  const [printRequest, setPrintRequest] = useState(0)
  const [exportError, setExportError] = useState<string | null>(null)
  const onPrintRef = useRef(onPrint)
  const headingId = useId()
  const idPrefix = `sl${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`

  const model = useMemo(
    () => buildStripLogModel(rows, header, { width: SHEET_WIDTH, units, scale }),
    [rows, header, units, scale],
  )

  useEffect(() => {
    onPrintRef.current = onPrint
  }, [onPrint])

  useEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width
      if (w !== undefined && w > 0) setAvailableWidth(Math.floor(w))
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
    if (!isFullScreen) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setFullScreen(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [isFullScreen])

  useEffect(() => {
    if (printRequest === 0) return
    const print = onPrintRef.current ?? (() => window.print())
    print()
  }, [printRequest])

  const fitZoom = availableWidth === null ? 1 : availableWidth / model.width
  const shownZoom = zoom ?? fitZoom
  const holeId = header.hole_id ?? ''
  return (
    <section
      className={isFullScreen ? 'strip-log-panel strip-log-full-screen' : 'strip-log-panel'}
      aria-labelledby={headingId}
      role={isFullScreen ? 'dialog' : undefined}
      aria-modal={isFullScreen ? true : undefined}
    >
      <div className="strip-log-toolbar" role="toolbar" aria-labelledby={headingId}>
        <h2 id={headingId} className="strip-log-heading">
          {title}
        </h2>
        <label className="strip-log-scale">
          Scale{' '}
          <select
            value={scale}
            onChange={(e) => setScale(Number(e.target.value))}
            aria-label="Vertical scale"
          >
            {[...SCALES]
              .sort((a, b) => a - b)
              .map((s) => (
                <option key={s} value={s}>{`1:${s}`}</option>
              ))}
          </select>
        </label>
        <div className="strip-log-zoom" role="group" aria-label="Zoom">
          <button
            type="button"
            className="button"
            aria-label="Zoom out"
            title="Zoom out"
            disabled={shownZoom <= MIN_ZOOM + 0.01}
            onClick={() => setZoom(stepZoom(shownZoom, -1))}
          >
            −
          </button>
          <output className="strip-log-zoom-value" aria-live="polite" data-testid="strip-log-zoom">
            {`${Math.round(shownZoom * 100)}%`}
          </output>
          <button
            type="button"
            className="button"
            aria-label="Zoom in"
            title="Zoom in"
            disabled={shownZoom >= MAX_ZOOM - 0.01}
            onClick={() => setZoom(stepZoom(shownZoom, 1))}
          >
            +
          </button>
          <button
            type="button"
            className="button"
            aria-pressed={zoom === null}
            onClick={() => setZoom(null)}
          >
            Fit width
          </button>
        </div>
        <button
          type="button"
          className="button"
          aria-pressed={isFullScreen}
          onClick={() => setFullScreen((f) => !f)}
        >
          {isFullScreen ? 'Exit full screen' : 'Full screen'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setExportError(null)
            // The exporter brings react-dom/server: loaded on first use, not with the app.
            import('../../shared/strip-log/export-svg')
              .then(({ stripLogSheetsSvg, stripLogFileName }) =>
                saveFile(
                  stripLogSheetsSvg(model),
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
        className="strip-log-scroll"
        ref={scrollRef}
        tabIndex={0}
        aria-label={`${title}, scrollable`}
        style={{ ['--strip-log-width' as string]: `${Math.round(model.width * shownZoom)}px` }}
      >
        <StripLogSvg model={model} idPrefix={idPrefix} label={label} />
      </div>
      {isPrintMounted && <PrintCopy model={model} />}
    </section>
  )
}
