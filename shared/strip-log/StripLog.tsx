// The graphic strip log of one borehole as SVG: a pure function of the
// interval rows and header. All styling is in presentation attributes, so the same
// markup is a standalone SVG file (exportStripLogSvg) and prints as drawn.
import { memo, useId, useMemo } from 'react'

import { buildStripLogModel, LAYOUT } from './model'
import type { Column, StripLogModel, StripLogOptions } from './model-types'
import type { StripLogRow } from './parse'
import { PatternDefs, PatternFill, TileDefs } from './patterns'
import { clipIds, columnsOf, SheetBody, type SheetPartProps } from './SheetBody'
import { sheetsOf } from './sheets'
import {
  ColumnRules,
  FRAME,
  measuredLength,
  MUTED,
  RULE,
  SampleMarker,
  SptMarker,
  TEXT,
  WaterSymbol,
} from './svg-marks'
import { FONT_FAMILY } from './text'

export interface StripLogProps extends StripLogOptions {
  rows: readonly StripLogRow[]
  header: Readonly<Record<string, string>>
  /** Accessible name; "Strip log of borehole <hole id>" by default. */
  label?: string
}

function ColumnHeader({
  column,
  top,
  sptTicks,
}: {
  column: Column
  top: number
  sptTicks: StripLogModel['spt']['ticks']
}) {
  const cx = column.x + column.width / 2
  return (
    <g>
      <text x={cx} y={top + 12.5} textAnchor="middle" fontSize={9} fontWeight={700} fill={TEXT}>
        {column.label}
      </text>
      {/* The N axis is numbered in the heading, so every sheet carries it. */}
      {column.key === 'spt' && (
        <g data-part="spt-axis" fontSize={7.5} fill={MUTED} textAnchor="middle">
          {sptTicks.map((t) => (
            <text key={t.label} x={t.x} y={top + 24}>
              {t.label}
            </text>
          ))}
        </g>
      )}
      {column.unit !== '' && (
        <text x={cx} y={top + 23} textAnchor="middle" fontSize={7.5} fill={MUTED}>
          {column.unit}
        </text>
      )}
    </g>
  )
}

function SheetDefs({ model: m, idPrefix, isTiled }: SheetPartProps) {
  const { description, samples: samplesCol } = columnsOf(m)
  const descClip = clipIds(idPrefix).description
  const samplesClip = clipIds(idPrefix).samples
  return (
    <defs>
      {isTiled ? (
        <TileDefs keys={m.patternKeys} idPrefix={idPrefix} />
      ) : (
        <PatternDefs keys={m.patternKeys} idPrefix={idPrefix} />
      )}
      <clipPath id={descClip}>
        <rect
          x={description.x}
          y={m.bodyTop}
          width={description.width}
          height={m.footerTop - m.bodyTop}
        />
      </clipPath>
      <clipPath id={samplesClip}>
        <rect
          x={samplesCol.x}
          y={m.bodyTop - 6}
          width={samplesCol.width}
          height={m.footerTop - m.bodyTop + 6}
        />
      </clipPath>
    </defs>
  )
}

/** Hole header and column headings: the top of every sheet. */
function SheetHeader({ model: m, sheet }: { model: StripLogModel; sheet?: string }) {
  const { MARGIN } = LAYOUT
  const inner = m.width - 2 * MARGIN
  return (
    <>
      <g data-part="header">
        <rect
          x={MARGIN}
          y={MARGIN}
          width={inner}
          height={m.headerBottom - MARGIN}
          fill="none"
          stroke={FRAME}
          strokeWidth={1}
        />
        <text
          x={MARGIN + 8}
          y={MARGIN + 20}
          fontSize={15}
          fontWeight={700}
          fill={TEXT}
          letterSpacing={0.6}
        >
          BOREHOLE LOG
        </text>
        <rect
          x={m.holeIdBox.x}
          y={m.holeIdBox.y}
          width={m.holeIdBox.width}
          height={m.holeIdBox.height}
          fill="#f0f0f0"
          stroke={FRAME}
          strokeWidth={1}
        />
        <text x={m.holeIdBox.x + 6} y={m.holeIdBox.y + 11} fontSize={7.5} fill={MUTED}>
          HOLE ID
        </text>
        <text
          x={m.holeIdBox.x + m.holeIdBox.width - 8}
          y={m.holeIdBox.y + 22}
          textAnchor="end"
          fontSize={15}
          fontWeight={700}
          fill={TEXT}
          data-testid="strip-log-hole-id"
        >
          {m.holeId || '—'}
        </text>
        {m.headerCells.map((c) => (
          <g key={c.label}>
            <rect
              x={c.x}
              y={c.y}
              width={c.width}
              height={c.height}
              fill="none"
              stroke={RULE}
              strokeWidth={0.6}
            />
            <text x={c.x + 4} y={c.y + 9} fontSize={7} fill={MUTED} letterSpacing={0.3}>
              {c.label.toUpperCase()}
            </text>
            <text
              x={c.x + 4}
              y={c.lines.length > 1 ? c.y + 16.5 : c.y + 21.5}
              fontSize={c.fontSize}
              fill={TEXT}
            >
              {c.lines.map((line, k) => (
                <tspan
                  key={k}
                  x={c.x + 4}
                  dy={k === 0 ? 0 : c.fontSize + 1}
                  {...measuredLength(line, c.fontSize, c.width - 8)}
                >
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        ))}
      </g>

      {/* Column headings and frames */}
      <g data-part="columns">
        <rect
          x={MARGIN}
          y={m.columnHeaderTop}
          width={inner}
          height={m.bodyTop - m.columnHeaderTop}
          fill="#f0f0f0"
          stroke={FRAME}
          strokeWidth={1}
        />
        {m.columns.map((c) => (
          <ColumnHeader key={c.key} column={c} top={m.columnHeaderTop} sptTicks={m.spt.ticks} />
        ))}
        <ColumnRules columns={m.columns} top={m.columnHeaderTop} bottom={m.bodyTop} />
      </g>
      <text
        x={m.holeIdBox.x - 8}
        y={m.holeIdBox.y + 19}
        textAnchor="end"
        fontSize={8.5}
        fill={MUTED}
        data-testid="strip-log-scale"
      >
        {[`Scale 1:${m.scale}`, sheet].filter((s) => s !== undefined).join('   ')}
      </text>
    </>
  )
}

/** Remarks, notes and key, below the last stratum. */
function SheetFooter({ model: m, idPrefix, isTiled }: SheetPartProps) {
  const { MARGIN } = LAYOUT
  const inner = m.width - 2 * MARGIN
  return (
    <>
      {/* Foot: remarks, notes, key */}
      <g data-part="footer" fontSize={9} fill={TEXT}>
        {m.remarks && (
          <g>
            <title>{m.remarks.tooltip}</title>
            <rect
              x={MARGIN}
              y={m.footerTop - 4}
              width={inner}
              height={m.remarks.lines.length * 11 + 8}
              fill="none"
              stroke={RULE}
              strokeWidth={0.6}
            />
            <text x={MARGIN + 4} y={m.footerTop + 7} fontSize={7} fill={MUTED}>
              REMARKS
            </text>
            <text x={MARGIN + 60} y={m.footerTop + 7}>
              {m.remarks.lines.map((line, k) => (
                <tspan
                  key={k}
                  x={MARGIN + 60}
                  dy={k === 0 ? 0 : 11}
                  {...measuredLength(line, 9, inner - 70)}
                >
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        )}
        {m.notes.map((n, i) => (
          <text
            key={i}
            x={MARGIN}
            y={m.footerTop + (m.remarks ? m.remarks.lines.length * 11 + 8 : 0) + 12 + i * 11}
            fontSize={8}
            fill={MUTED}
          >
            {n}
          </text>
        ))}
        {m.keyItems.map((k, i) => (
          <g key={i} data-key={k.kind}>
            {k.kind === 'pattern' && (
              <>
                <PatternFill
                  x={k.x}
                  y={k.y - 9}
                  width={22}
                  height={12}
                  patternKey={k.code}
                  idPrefix={idPrefix}
                  isTiled={isTiled}
                />
                <rect
                  x={k.x}
                  y={k.y - 9}
                  width={22}
                  height={12}
                  fill="none"
                  stroke={FRAME}
                  strokeWidth={0.6}
                />
              </>
            )}
            {k.kind === 'sample' && <SampleMarker type={k.code} x={k.x + 6} y={k.y - 3} />}
            {k.kind === 'water' && <WaterSymbol x={k.x + 6} y={k.y - 1} />}
            {k.kind === 'spt' && <SptMarker x={k.x + 6} y={k.y - 3} kind="full" />}
            {k.kind === 'spt-refusal' && <SptMarker x={k.x + 6} y={k.y - 3} kind="refusal" />}
            {k.kind === 'spt-partial' && <SptMarker x={k.x + 6} y={k.y - 3} kind="partial" />}
            <text x={k.x + (k.kind === 'pattern' ? 26 : 15)} y={k.y} fontSize={8.5}>
              {k.label}
            </text>
          </g>
        ))}
      </g>
    </>
  )
}

/** The drawing of a computed model; `idPrefix` keeps pattern ids unique in the page. */
export const StripLogSvg = memo(function StripLogSvg({
  model: m,
  idPrefix,
  isStandalone = false,
  isTiled = false,
  label,
}: {
  model: StripLogModel
  idPrefix: string
  isStandalone?: boolean
  /** Patterns as vector tiles rather than pattern fills: for print (see TileDefs). */
  isTiled?: boolean
  /** Accessible name; "Strip log of borehole <hole id>" by default. */
  label?: string
}) {
  const headerTitleId = `${idPrefix}-title`
  const descId = `${idPrefix}-desc`
  return (
    <svg
      xmlns={isStandalone ? 'http://www.w3.org/2000/svg' : undefined}
      width={m.width}
      height={m.height}
      viewBox={`0 0 ${m.width} ${m.height}`}
      role="img"
      aria-labelledby={headerTitleId}
      aria-describedby={descId}
      data-testid="strip-log"
      data-hole-id={m.holeId}
      fontFamily={FONT_FAMILY}
      className="strip-log-svg"
    >
      <title id={headerTitleId}>{label ?? m.ariaLabel}</title>
      <desc id={descId}>{m.summary}</desc>
      <SheetDefs model={m} idPrefix={idPrefix} isTiled={isTiled} />
      <rect x={0} y={0} width={m.width} height={m.height} fill="#ffffff" />
      <SheetHeader model={m} />
      <SheetBody model={m} idPrefix={idPrefix} isTiled={isTiled} />
      <SheetFooter model={m} idPrefix={idPrefix} isTiled={isTiled} />
    </svg>
  )
})

/** Print sheet size in px at 96 dpi: A4 portrait less 10 mm margins, 190 x 277 mm. */
export const SHEET_WIDTH = 718
export const SHEET_HEIGHT = 1040

/**
 * The log as print sheets (build the model with width SHEET_WIDTH): each sheet repeats
 * the hole header and column headings and shows its window of the body; the last one
 * carries the foot. Patterns are vector tiles (see TileDefs).
 */
export const StripLogSheets = memo(function StripLogSheets({
  model: m,
  idPrefix,
  gap,
}: {
  model: StripLogModel
  idPrefix: string
  /** Stacked in one drawing (a file), this far apart; absent: each its own page. */
  gap?: number
}) {
  const sheets = sheetsOf(m, SHEET_HEIGHT)
  const { MARGIN } = LAYOUT
  const inner = m.width - 2 * MARGIN
  return (
    <>
      {sheets.map((sheet, i) => {
        const prefix = `${idPrefix}-s${i}`
        const h = sheet.end - sheet.start
        const bottom = m.bodyTop + h
        return (
          <svg
            key={i}
            className="strip-log-sheet"
            y={gap === undefined ? undefined : i * (SHEET_HEIGHT + gap)}
            width={m.width}
            height={SHEET_HEIGHT}
            viewBox={`0 0 ${m.width} ${SHEET_HEIGHT}`}
            role="img"
            aria-label={`${m.ariaLabel}, sheet ${i + 1} of ${sheets.length}`}
            data-testid="strip-log-sheet"
            fontFamily={FONT_FAMILY}
          >
            <SheetDefs model={m} idPrefix={prefix} isTiled />
            <rect x={0} y={0} width={m.width} height={SHEET_HEIGHT} fill="#ffffff" />
            <SheetHeader model={m} sheet={`Sheet ${i + 1} of ${sheets.length}`} />
            <svg
              x={0}
              y={m.bodyTop}
              width={m.width}
              height={h}
              viewBox={`0 ${sheet.start} ${m.width} ${h}`}
            >
              <SheetBody model={m} idPrefix={prefix} isTiled />
            </svg>
            <rect
              x={MARGIN}
              y={m.bodyTop}
              width={inner}
              height={h}
              fill="none"
              stroke={FRAME}
              strokeWidth={1}
            />
            {sheet.isLast ? (
              <g transform={`translate(0 ${bottom - sheet.end})`}>
                <SheetFooter model={m} idPrefix={prefix} isTiled />
              </g>
            ) : (
              <text x={MARGIN + inner} y={bottom + 11} textAnchor="end" fontSize={8} fill={MUTED}>
                {`Continued on sheet ${i + 2}`}
              </text>
            )}
          </svg>
        )
      })}
    </>
  )
})

/**
 * The strip log of a borehole. Memoised on `rows`, `header` and the options: pass the
 * same rows array while nothing changed, and a new one on every edit.
 */
export function StripLog({ rows, header, width, units, scale, label }: StripLogProps) {
  const model = useMemo(
    () => buildStripLogModel(rows, header, { width, units, scale }),
    [rows, header, width, units, scale],
  )
  const idPrefix = `sl${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  return <StripLogSvg model={model} idPrefix={idPrefix} label={label} />
}
