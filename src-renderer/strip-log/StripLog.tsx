// The graphic strip log of one borehole (issue 7) as SVG: a pure function of the
// interval rows and header. All styling is in presentation attributes, so the same
// markup is a standalone SVG file (exportStripLogSvg) and prints as drawn.
import { memo, useId, useMemo } from 'react'

import {
  buildStripLogModel,
  LAYOUT,
  type Column,
  type Point,
  type StripLogModel,
  type StripLogOptions,
} from './model'
import type { StripLogRow } from './parse'
import { PatternDefs, PatternFill, TileDefs } from './patterns'
import { sheetsOf } from './sheets'
import { FONT_FAMILY } from './text'

const FRAME = '#2b2b2b'
const RULE = '#8c8c8c'
const GRID = '#d4d4d4'
const TEXT = '#141414'
const MUTED = '#5c5c5c'
const WATER = '#1c5fae'
const SPT = '#b3261e'

export interface StripLogProps extends StripLogOptions {
  rows: readonly StripLogRow[]
  header: Readonly<Record<string, string>>
  /** Accessible name; "Strip log of borehole <hole id>" by default. */
  label?: string
}

function pointsAttr(points: readonly Point[]): string {
  return points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')
}

const r1 = (n: number) => Math.round(n * 10) / 10

function SampleMarker({ type, x, y }: { type: string; x: number; y: number }) {
  // U (undisturbed) solid, B bulk open square, D small disturbed solid square,
  // environmental samples open diamond, water samples open circle: as on a BS 5930 log key.
  switch (type) {
    case 'U':
    case 'UT':
    case 'P':
    case 'C':
      return <rect x={x - 2.5} y={y - 4} width={5} height={8} fill={TEXT} />
    case 'B':
    case 'LB':
      return (
        <rect x={x - 3} y={y - 3} width={6} height={6} fill="#fff" stroke={TEXT} strokeWidth={1} />
      )
    case 'D':
      return <rect x={x - 2.2} y={y - 2.2} width={4.4} height={4.4} fill={TEXT} />
    case 'ES':
    case 'EW':
      return (
        <path
          d={`M${x},${y - 3.4}l3.4,3.4l-3.4,3.4l-3.4,-3.4z`}
          fill="#fff"
          stroke={TEXT}
          strokeWidth={0.9}
        />
      )
    case 'W':
      return <circle cx={x} cy={y} r={2.8} fill="#fff" stroke={WATER} strokeWidth={1} />
    default:
      return <circle cx={x} cy={y} r={2.2} fill={TEXT} />
  }
}

function WaterSymbol({ x, y }: { x: number; y: number }) {
  return (
    <g stroke={WATER} strokeWidth={1} fill="none">
      <path d={`M${x - 4.5},${y - 7}h9l-4.5,7z`} fill="#dce9fa" />
      <path d={`M${x - 3.5},${y + 2}h7M${x - 2},${y + 4}h4`} />
    </g>
  )
}

function SptMarker({ x, y, isPartial }: { x: number; y: number; isPartial: boolean }) {
  return isPartial ? (
    <path d={`M${x},${y - 3.2}l3,5.4h-6z`} fill="#fff" stroke={SPT} strokeWidth={1.1} />
  ) : (
    <circle cx={x} cy={y} r={2.6} fill={SPT} />
  )
}

function ColumnHeader({ column, top }: { column: Column; top: number }) {
  const cx = column.x + column.width / 2
  return (
    <g>
      <text x={cx} y={top + 12.5} textAnchor="middle" fontSize={9} fontWeight={700} fill={TEXT}>
        {column.label}
      </text>
      {column.unit !== '' && (
        <text x={cx} y={top + 23} textAnchor="middle" fontSize={7.5} fill={MUTED}>
          {column.unit}
        </text>
      )}
    </g>
  )
}

const RECOVERY_FILLS = ['#9db7d5', '#5f86b5', '#2f4f7a'] as const

/** TCR, SCR and RQD of each core run as bars (0-100 % across each sub-column). */
function CoreColumn({
  core,
  column,
  top,
  bottom,
}: {
  core: NonNullable<StripLogModel['core']>
  column: Column
  top: number
  bottom: number
}) {
  const subX = (k: number) => core.x + 3 + k * core.subWidth
  return (
    <g data-part="core" fontSize={7}>
      {[0, 1, 2].map((k) => (
        <line
          key={k}
          x1={subX(k)}
          x2={subX(k)}
          y1={top}
          y2={bottom}
          stroke={GRID}
          strokeWidth={0.6}
        />
      ))}
      {core.bars.map((b, i) => {
        const h = b.baseY - b.topY
        return (
          <g key={i} data-testid="core-run">
            <title>{b.tooltip}</title>
            <rect
              x={column.x + 1}
              y={b.topY}
              width={column.width - 2}
              height={h}
              fill="none"
              stroke={RULE}
              strokeWidth={0.5}
            />
            {b.values.map((v, k) => (
              <g key={k}>
                {v !== null && (
                  <rect
                    x={subX(k) + 1}
                    y={b.topY + 0.5}
                    width={(v / 100) * (core.subWidth - 2)}
                    height={Math.max(0, h - 1)}
                    fill={RECOVERY_FILLS[k]}
                  />
                )}
                {h >= 10 && (
                  <text
                    x={subX(k) + core.subWidth / 2}
                    y={b.topY + Math.min(h / 2 + 2.5, 10)}
                    textAnchor="middle"
                    fill={TEXT}
                    stroke="#fff"
                    strokeWidth={2}
                    paintOrder="stroke"
                  >
                    {v === null ? '—' : String(Math.round(v))}
                  </text>
                )}
              </g>
            ))}
          </g>
        )
      })}
    </g>
  )
}

interface Columns {
  legend: Column
  description: Column
  samples: Column
  water: Column
  depth: Column
  base: Column
  level: Column | undefined
  spt: Column
  core: Column | undefined
}

function columnsOf(m: StripLogModel): Columns {
  const col = (key: Column['key']) => m.columns.find((c) => c.key === key)
  return {
    legend: col('legend') as Column,
    description: col('description') as Column,
    samples: col('samples') as Column,
    water: col('water') as Column,
    depth: col('depth') as Column,
    base: col('base') as Column,
    level: col('level'),
    spt: col('spt') as Column,
    core: col('core'),
  }
}

interface SheetPartProps {
  model: StripLogModel
  idPrefix: string
  isTiled: boolean
}

const clipIds = (idPrefix: string) => ({
  description: `${idPrefix}-clip-desc`,
  samples: `${idPrefix}-clip-samples`,
})

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
            <text x={c.x + 4} y={c.y + 21.5} fontSize={10.5} fill={TEXT}>
              {c.fullValue !== c.value && <title>{`${c.label}: ${c.fullValue}`}</title>}
              {c.value}
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
          <ColumnHeader key={c.key} column={c} top={m.columnHeaderTop} />
        ))}
        {m.columns.slice(1).map((c) => (
          <line
            key={c.key}
            x1={c.x}
            x2={c.x}
            y1={m.columnHeaderTop}
            y2={m.bodyTop}
            stroke={c.key === 'legend' || c.key === 'description' ? FRAME : RULE}
            strokeWidth={c.key === 'legend' || c.key === 'description' ? 0.9 : 0.6}
          />
        ))}
      </g>
      {sheet !== undefined && (
        <text
          x={m.holeIdBox.x - 8}
          y={m.holeIdBox.y + 19}
          textAnchor="end"
          fontSize={8.5}
          fill={MUTED}
        >
          {sheet}
        </text>
      )}
    </>
  )
}

/** Everything between the column headings and the foot, in sheet coordinates. */
function SheetBody({ model: m, idPrefix, isTiled }: SheetPartProps) {
  const { MARGIN, LEADER_WIDTH, SAMPLE_FONT_SIZE } = LAYOUT
  const inner = m.width - 2 * MARGIN
  const {
    legend,
    description,
    samples: samplesCol,
    water: waterCol,
    depth: depthCol,
    base: baseCol,
    level: levelCol,
    spt: sptCol,
    core: coreCol,
  } = columnsOf(m)
  const bodyHeight = m.bodyBottom - m.bodyTop
  const descClip = clipIds(idPrefix).description
  const samplesClip = clipIds(idPrefix).samples
  const textX = description.x + LEADER_WIDTH + 4
  return (
    <>
      <g data-part="frame">
        <rect
          x={MARGIN}
          y={m.bodyTop}
          width={inner}
          height={bodyHeight}
          fill="none"
          stroke={FRAME}
          strokeWidth={1}
        />
        {m.columns.slice(1).map((c) => (
          <line
            key={c.key}
            x1={c.x}
            x2={c.x}
            y1={m.bodyTop}
            y2={m.bodyBottom}
            stroke={c.key === 'legend' || c.key === 'description' ? FRAME : RULE}
            strokeWidth={c.key === 'legend' || c.key === 'description' ? 0.9 : 0.6}
          />
        ))}
      </g>
      {/* Depth scale */}
      <g data-part="depth-axis" fontSize={8.5} fill={TEXT}>
        {m.minorTicks.map((y, i) => (
          <line
            key={i}
            x1={depthCol.x + depthCol.width - 4}
            x2={depthCol.x + depthCol.width}
            y1={y}
            y2={y}
            stroke={FRAME}
            strokeWidth={0.5}
          />
        ))}
        {m.ticks.map((t) => (
          <g key={t.y}>
            <line
              x1={depthCol.x + depthCol.width - 8}
              x2={depthCol.x + depthCol.width}
              y1={t.y}
              y2={t.y}
              stroke={FRAME}
              strokeWidth={0.8}
            />
            {t.label !== null && (
              <text
                x={depthCol.x + depthCol.width - 10}
                y={t.y - m.bodyTop < 6 ? t.y + 8 : m.bodyBottom - t.y < 6 ? t.y - 2 : t.y + 3}
                textAnchor="end"
              >
                {t.label}
              </text>
            )}
          </g>
        ))}
      </g>

      {/* Legend column: one patterned band per stratum */}
      <g data-part="layers">
        {m.layers.map((l) => (
          <g key={`${l.index}`} data-pattern={l.patternKey} data-layer={l.index}>
            <PatternFill
              x={legend.x}
              y={r1(l.topY)}
              width={legend.width}
              height={Math.max(0.5, r1(l.baseY - l.topY))}
              patternKey={l.patternKey}
              idPrefix={idPrefix}
              isTiled={isTiled}
            />
            <rect
              x={legend.x}
              y={r1(l.topY)}
              width={legend.width}
              height={Math.max(0.5, r1(l.baseY - l.topY))}
              fill="none"
              stroke={FRAME}
              strokeWidth={0.7}
            >
              <title>{l.tooltip}</title>
            </rect>
          </g>
        ))}
        {m.endY !== null && m.layers.length > 0 && (
          <line
            x1={legend.x}
            x2={legend.x + legend.width}
            y1={m.endY}
            y2={m.endY}
            stroke={FRAME}
            strokeWidth={1.6}
          />
        )}
      </g>

      {/* Base depth and level of each stratum */}
      <g data-part="boundaries" fontSize={m.boundaryFontSize} fill={TEXT}>
        {m.boundaries.map((b, i) => (
          <g key={i}>
            <title>{b.tooltip}</title>
            <polyline points={pointsAttr(b.leader)} fill="none" stroke={RULE} strokeWidth={0.6} />
            <text x={baseCol.x + baseCol.width - 11} y={b.rowBottom - 2.5} textAnchor="end">
              {b.depthText}
            </text>
            {levelCol && b.levelText !== null && (
              <text
                x={levelCol.x + levelCol.width - 4}
                y={b.rowBottom - 2.5}
                textAnchor="end"
                fill={MUTED}
              >
                {b.levelText}
              </text>
            )}
          </g>
        ))}
      </g>

      {/* Descriptions */}
      <g data-part="descriptions" clipPath={`url(#${descClip})`}>
        {m.descriptions.map((d, i) => (
          <g
            key={i}
            data-row={d.layerIndex >= 0 ? d.layerIndex : undefined}
            data-elided={d.isElided ? 'true' : undefined}
          >
            {d.tooltip !== '' && <title>{d.tooltip}</title>}
            {d.leader ? (
              <>
                <polyline
                  points={pointsAttr(d.leader)}
                  fill="none"
                  stroke={RULE}
                  strokeWidth={0.6}
                />
                <line
                  x1={description.x + LEADER_WIDTH}
                  x2={description.x + description.width}
                  y1={d.top}
                  y2={d.top}
                  stroke={GRID}
                  strokeWidth={0.6}
                />
              </>
            ) : (
              <line
                x1={description.x}
                x2={description.x + description.width}
                y1={d.top}
                y2={d.top}
                stroke={d.isEnd ? FRAME : RULE}
                strokeWidth={d.isEnd ? 1.2 : 0.6}
              />
            )}
            <text
              x={textX}
              y={d.top + m.descriptionFontSize + 1}
              fontSize={m.descriptionFontSize}
              fill={TEXT}
              fontWeight={d.isEnd ? 700 : undefined}
              fontStyle={d.isEnd ? 'italic' : undefined}
            >
              {d.lines.map((line, k) => (
                <tspan key={k} x={textX} dy={k === 0 ? 0 : m.descriptionLineHeight}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        ))}
        {m.emptyMessage !== null && (
          <text
            x={textX}
            y={m.bodyTop + 24}
            fontSize={11}
            fill={MUTED}
            fontStyle="italic"
            data-testid="strip-log-empty"
          >
            {m.emptyMessage}
          </text>
        )}
      </g>

      {/* Samples */}
      <g data-part="samples" clipPath={`url(#${samplesClip})`} fontSize={SAMPLE_FONT_SIZE}>
        {m.samples.map((s, i) => (
          <g key={i} data-sample-type={s.type}>
            <title>{s.tooltip}</title>
            <line
              x1={samplesCol.x}
              x2={samplesCol.x + 4}
              y1={s.y}
              y2={s.y}
              stroke={FRAME}
              strokeWidth={0.6}
            />
            <SampleMarker type={s.type} x={samplesCol.x + 9} y={s.y} />
            {s.leader && (
              <polyline points={pointsAttr(s.leader)} fill="none" stroke={RULE} strokeWidth={0.5} />
            )}
            <text x={samplesCol.x + 21} y={s.labelY + 2.8} fill={TEXT}>
              <tspan fontWeight={700}>{s.label}</tspan>
              <tspan fill={MUTED} x={samplesCol.x + samplesCol.width - 3} textAnchor="end">
                {s.depthText}
              </tspan>
            </text>
          </g>
        ))}
      </g>

      {/* Water strikes */}
      <g data-part="water" fontSize={8} fill={WATER}>
        {m.water.map((w, i) => (
          <g key={i} data-testid="water-strike" data-depth={w.depthText}>
            <title>{w.tooltip}</title>
            <line
              x1={waterCol.x}
              x2={legend.x}
              y1={w.y}
              y2={w.y}
              stroke={WATER}
              strokeWidth={0.6}
              strokeDasharray="3 2"
            />
            <WaterSymbol x={waterCol.x + 8} y={w.y} />
            <text x={waterCol.x + 14} y={w.y - 1.5}>
              {w.depthText}
            </text>
          </g>
        ))}
      </g>

      {/* SPT N profile */}
      <g data-part="spt">
        {m.spt.ticks.map((t) => (
          <g key={t.label}>
            <line
              x1={t.x}
              x2={t.x}
              y1={m.bodyTop}
              y2={m.bodyBottom}
              stroke={GRID}
              strokeWidth={0.6}
              strokeDasharray={t.label === '0' ? undefined : '2 2'}
            />
            <text x={t.x} y={m.bodyTop - 4} textAnchor="middle" fontSize={7} fill={MUTED}>
              {t.label}
            </text>
          </g>
        ))}
        {m.spt.path.length > 1 && (
          <polyline
            points={pointsAttr(m.spt.path)}
            fill="none"
            stroke={SPT}
            strokeWidth={1.1}
            strokeLinejoin="round"
          />
        )}
        {m.spt.points.map((p, i) => (
          <g key={i} data-testid="spt-point" data-n={p.n} data-y={p.y.toFixed(2)}>
            <title>{p.tooltip}</title>
            <SptMarker x={p.x} y={p.y} isPartial={p.isPartial} />
            {p.isClipped && (
              <path
                d={`M${p.x + 3},${p.y - 3}l4,3l-4,3`}
                fill="none"
                stroke={SPT}
                strokeWidth={1}
              />
            )}
            {p.showLabel && (
              <text
                x={p.x > sptCol.x + sptCol.width - 26 ? p.x - 5 : p.x + 5}
                y={p.y + 3}
                textAnchor={p.x > sptCol.x + sptCol.width - 26 ? 'end' : 'start'}
                fontSize={8}
                fill={SPT}
              >
                {`${p.n}${p.isPartial ? '*' : ''}`}
              </text>
            )}
          </g>
        ))}
      </g>

      {m.core && coreCol && (
        <CoreColumn core={m.core} column={coreCol} top={m.bodyTop} bottom={m.bodyBottom} />
      )}
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
                <tspan key={k} x={MARGIN + 60} dy={k === 0 ? 0 : 11}>
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
            {(k.kind === 'spt' || k.kind === 'spt-partial') && (
              <SptMarker x={k.x + 6} y={k.y - 3} isPartial={k.kind === 'spt-partial'} />
            )}
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
}: {
  model: StripLogModel
  idPrefix: string
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
export function StripLog({ rows, header, width, height, units, label }: StripLogProps) {
  const model = useMemo(
    () => buildStripLogModel(rows, header, { width, height, units }),
    [rows, header, width, height, units],
  )
  const idPrefix = `sl${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  return <StripLogSvg model={model} idPrefix={idPrefix} label={label} />
}
