// The body of a strip log sheet: everything between the column headings and the foot,
// in sheet coordinates, one part per column (depth scale, legend bands, base depths,
// descriptions, samples, water strikes, SPT N profile, core recovery).
import { LAYOUT } from './model'
import type { Column, StripLogModel } from './model-types'
import { PatternFill } from './patterns'
import {
  ColumnRules,
  FRAME,
  GRID,
  measuredLength,
  MUTED,
  pointsAttr,
  r1,
  RULE,
  SampleMarker,
  SPT,
  SptMarker,
  TEXT,
  WATER,
  WaterSymbol,
} from './svg-marks'

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

export function columnsOf(m: StripLogModel): Columns {
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

export interface SheetPartProps {
  model: StripLogModel
  idPrefix: string
  isTiled: boolean
}

export const clipIds = (idPrefix: string) => ({
  description: `${idPrefix}-clip-desc`,
  samples: `${idPrefix}-clip-samples`,
})

interface BodyPartProps {
  model: StripLogModel
  columns: Columns
}

/** Everything between the column headings and the foot, in sheet coordinates. */
export function SheetBody({ model: m, idPrefix, isTiled }: SheetPartProps) {
  const { MARGIN } = LAYOUT
  const inner = m.width - 2 * MARGIN
  const columns = columnsOf(m)
  const clips = clipIds(idPrefix)
  return (
    <>
      <g data-part="frame">
        <rect
          x={MARGIN}
          y={m.bodyTop}
          width={inner}
          height={m.bodyBottom - m.bodyTop}
          fill="none"
          stroke={FRAME}
          strokeWidth={1}
        />
        <ColumnRules columns={m.columns} top={m.bodyTop} bottom={m.bodyBottom} />
      </g>
      <DepthAxis model={m} columns={columns} />
      <LegendBands model={m} columns={columns} idPrefix={idPrefix} isTiled={isTiled} />
      <BaseDepths model={m} columns={columns} />
      <Descriptions model={m} columns={columns} clipId={clips.description} />
      <SampleMarks model={m} columns={columns} clipId={clips.samples} />
      <WaterStrikes model={m} columns={columns} />
      <SptProfile model={m} columns={columns} />
      {m.core && columns.core && (
        <CoreColumn core={m.core} column={columns.core} top={m.bodyTop} bottom={m.bodyBottom} />
      )}
    </>
  )
}

/** Depth scale: labelled ticks and minor ticks. */
function DepthAxis({ model: m, columns: c }: BodyPartProps) {
  const depthCol = c.depth
  return (
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
  )
}

/** Legend column: one patterned band per stratum. */
function LegendBands({
  model: m,
  columns: c,
  idPrefix,
  isTiled,
}: BodyPartProps & { idPrefix: string; isTiled: boolean }) {
  const legend = c.legend
  return (
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
  )
}

/** Base depth and level of each stratum. */
function BaseDepths({ model: m, columns: c }: BodyPartProps) {
  const { base: baseCol, level: levelCol } = c
  return (
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
  )
}

/** Descriptions, each beside its stratum or tied to it by a leader. */
function Descriptions({ model: m, columns: c, clipId }: BodyPartProps & { clipId: string }) {
  const { LEADER_WIDTH } = LAYOUT
  const description = c.description
  const textX = description.x + LEADER_WIDTH + 4
  return (
    <g data-part="descriptions" clipPath={`url(#${clipId})`}>
      {m.descriptions.map((d, i) => (
        <g key={i} data-row={d.layerIndex >= 0 ? d.layerIndex : undefined}>
          {d.tooltip !== '' && <title>{d.tooltip}</title>}
          {d.leader ? (
            <>
              <polyline points={pointsAttr(d.leader)} fill="none" stroke={RULE} strokeWidth={0.6} />
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
              <tspan
                key={k}
                x={textX}
                dy={k === 0 ? 0 : m.descriptionLineHeight}
                {...measuredLength(
                  line,
                  m.descriptionFontSize,
                  description.width - LEADER_WIDTH - 8,
                  d.isEnd,
                )}
              >
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
  )
}

/** Samples at their depths, labels moved apart when crowded. */
function SampleMarks({ model: m, columns: c, clipId }: BodyPartProps & { clipId: string }) {
  const { SAMPLE_FONT_SIZE } = LAYOUT
  const samplesCol = c.samples
  return (
    <g data-part="samples" clipPath={`url(#${clipId})`} fontSize={SAMPLE_FONT_SIZE}>
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
            <tspan fontWeight={700} fontSize={s.labelFontSize}>
              {s.label}
            </tspan>
            <tspan fill={MUTED} x={samplesCol.x + samplesCol.width - 3} textAnchor="end">
              {s.depthText}
            </tspan>
          </text>
        </g>
      ))}
    </g>
  )
}

/** Water strikes, drawn across to the legend. */
function WaterStrikes({ model: m, columns: c }: BodyPartProps) {
  const { water: waterCol, legend } = c
  return (
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
  )
}

/** SPT N profile. */
function SptProfile({ model: m, columns: c }: BodyPartProps) {
  const sptCol = c.spt
  return (
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
      {m.spt.points.map((p, i) => {
        const isLeft = p.x > sptCol.x + sptCol.width / 2
        return (
          <g
            key={i}
            data-testid="spt-point"
            data-n={p.n ?? undefined}
            data-spt-kind={p.kind}
            data-y={p.y.toFixed(2)}
          >
            <title>{p.tooltip}</title>
            <SptMarker x={p.x} y={p.y} kind={p.kind} />
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
                x={isLeft ? p.x - 5 : p.x + 5}
                y={p.y + 3}
                textAnchor={isLeft ? 'end' : 'start'}
                fontSize={8}
                fill={SPT}
                stroke="#fff"
                strokeWidth={2}
                paintOrder="stroke"
              >
                {p.label}
              </text>
            )}
          </g>
        )
      })}
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
