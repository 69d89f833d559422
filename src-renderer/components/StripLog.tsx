// A graphic strip log (DESIGN.md 6): layers by depth filled by their AGS legend code's
// soil family (with a pattern, so it reads without colour), the SPT N profile, samples
// and water strikes, against one depth axis. Drawn from one page of the version; the
// record page shows it for borelogs short enough to draw whole.
import { useMemo } from 'react'

import type { Cell, ColumnInfo } from '../../shared/ipc/contract'

interface Layer {
  topM: number
  baseM: number
  legend: string
  description: string
  sptN: number | null
  waterM: number | null
  hasSample: boolean
}

/** Soil family of an AGS legend code by its first digit (AGS4 GEOL_LEG convention). */
const FAMILIES: Record<string, { label: string; fill: string; pattern: string }> = {
  '1': { label: 'Made ground', fill: '#b9a89a', pattern: 'hatch' },
  '2': { label: 'Clay', fill: '#a7b38a', pattern: 'dash' },
  '3': { label: 'Sand', fill: '#ecd98b', pattern: 'dots' },
  '4': { label: 'Gravel', fill: '#e2b07a', pattern: 'circles' },
  '5': { label: 'Silt', fill: '#cfc3a0', pattern: 'dash' },
  '6': { label: 'Organic', fill: '#7d6a55', pattern: 'hatch' },
  '7': { label: 'Rock', fill: '#9fb0c2', pattern: 'brick' },
  '8': { label: 'Rock', fill: '#9fb0c2', pattern: 'brick' },
}
const UNKNOWN = { label: 'Other', fill: '#d5d8dc', pattern: 'none' }

const WIDTH = 300
const AXIS = 40
const LAYER_W = 90
const SPT_X = AXIS + LAYER_W + 20
const SPT_W = WIDTH - SPT_X - 10
const PX_PER_M = 60

function toLayers(columns: ColumnInfo[], rows: Cell[][]): Layer[] {
  const at = (name: string) => columns.findIndex((c) => c.name === name)
  const [top, base, legend, description, spt, water, samples] = [
    'depth_top_m',
    'depth_base_m',
    'legend_code',
    'description',
    'spt_n',
    'water_strike_m',
    'sample_refs',
  ].map(at) as [number, number, number, number, number, number, number]
  const num = (v: Cell | undefined) =>
    typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : null
  return rows
    .map((r) => ({
      topM: num(r[top]) ?? NaN,
      baseM: num(r[base]) ?? NaN,
      legend: String(r[legend] ?? ''),
      description: String(r[description] ?? ''),
      sptN: spt >= 0 ? num(r[spt]) : null,
      waterM: water >= 0 ? num(r[water]) : null,
      hasSample: samples >= 0 && typeof r[samples] === 'string' && r[samples] !== '',
    }))
    .filter((l) => Number.isFinite(l.topM) && Number.isFinite(l.baseM) && l.baseM > l.topM)
    .sort((a, b) => a.topM - b.topM)
}

export function StripLog({
  columns,
  rows,
  title,
}: {
  columns: ColumnInfo[]
  rows: Cell[][]
  title: string
}) {
  const layers = useMemo(() => toLayers(columns, rows), [columns, rows])
  if (layers.length === 0) return <p className="muted">No intervals with valid depths to draw.</p>
  const depthM = Math.max(...layers.map((l) => l.baseM))
  const maxN = Math.max(50, ...layers.map((l) => l.sptN ?? 0))
  const height = Math.max(160, depthM * PX_PER_M) + 30
  const y = (m: number) => 20 + m * PX_PER_M
  const ticks = Array.from({ length: Math.floor(depthM) + 1 }, (_, i) => i)
  const spt = layers.filter((l) => l.sptN !== null)
  const families = [...new Set(layers.map((l) => (FAMILIES[l.legend[0] ?? ''] ?? UNKNOWN).label))]
  return (
    <figure className="strip-log">
      <svg
        width={WIDTH}
        height={height}
        role="img"
        aria-label={title}
        viewBox={`0 0 ${WIDTH} ${height}`}
      >
        <defs>
          <pattern
            id="p-hatch"
            width="8"
            height="8"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <line x1="0" y1="0" x2="0" y2="8" className="strip-pattern" />
          </pattern>
          <pattern id="p-dash" width="14" height="8" patternUnits="userSpaceOnUse">
            <line x1="2" y1="4" x2="9" y2="4" className="strip-pattern" />
          </pattern>
          <pattern id="p-dots" width="6" height="6" patternUnits="userSpaceOnUse">
            <circle cx="3" cy="3" r="0.9" className="strip-pattern-fill" />
          </pattern>
          <pattern id="p-circles" width="12" height="12" patternUnits="userSpaceOnUse">
            <circle cx="6" cy="6" r="3" className="strip-pattern" fill="none" />
          </pattern>
          <pattern id="p-brick" width="16" height="8" patternUnits="userSpaceOnUse">
            <path d="M0 0H16M0 4H16M4 0V4M12 4V8" className="strip-pattern" />
          </pattern>
        </defs>
        <text x={AXIS + LAYER_W / 2} y={12} className="strip-head" textAnchor="middle">
          Layers
        </text>
        <text x={SPT_X + SPT_W / 2} y={12} className="strip-head" textAnchor="middle">
          SPT N (0–{maxN})
        </text>
        {ticks.map((m) => (
          <g key={m}>
            <line x1={AXIS - 4} x2={WIDTH - 10} y1={y(m)} y2={y(m)} className="strip-grid" />
            <text x={AXIS - 6} y={y(m) + 4} className="strip-tick" textAnchor="end">
              {m}
            </text>
          </g>
        ))}
        {layers.map((l, i) => {
          const family = FAMILIES[l.legend[0] ?? ''] ?? UNKNOWN
          return (
            <g key={i}>
              <title>{`${l.topM}–${l.baseM} m: ${l.description}`}</title>
              <rect
                x={AXIS}
                y={y(l.topM)}
                width={LAYER_W}
                height={y(l.baseM) - y(l.topM)}
                fill={family.fill}
                className="strip-layer"
              />
              {family.pattern !== 'none' && (
                <rect
                  x={AXIS}
                  y={y(l.topM)}
                  width={LAYER_W}
                  height={y(l.baseM) - y(l.topM)}
                  fill={`url(#p-${family.pattern})`}
                />
              )}
              {l.hasSample && (
                <rect
                  x={AXIS + LAYER_W + 3}
                  y={y(l.topM) + 2}
                  width={6}
                  height={6}
                  className="strip-sample"
                />
              )}
              {l.waterM !== null && (
                <path
                  d={`M${AXIS + LAYER_W - 14} ${y(l.waterM) - 8} h12 l-6 8 z`}
                  className="strip-water"
                  aria-label={`Water strike at ${l.waterM} m`}
                />
              )}
            </g>
          )
        })}
        <line x1={SPT_X} x2={SPT_X} y1={y(0)} y2={y(depthM)} className="strip-axis" />
        {spt.length > 1 && (
          <polyline
            points={spt
              .map((l) => `${SPT_X + ((l.sptN ?? 0) / maxN) * SPT_W},${y(l.topM)}`)
              .join(' ')}
            className="strip-spt-line"
          />
        )}
        {spt.map((l, i) => (
          <circle
            key={i}
            cx={SPT_X + ((l.sptN ?? 0) / maxN) * SPT_W}
            cy={y(l.topM)}
            r={3.5}
            className="strip-spt"
          >
            <title>{`N = ${l.sptN} at ${l.topM} m`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="strip-legend muted small">
        {families.join(' · ')} · ■ sample · ▼ water strike · depth in m below ground
      </figcaption>
    </figure>
  )
}
