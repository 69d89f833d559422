// The strip log's ink and its small symbols, shared by the body, the key and the
// header: sample markers, the water strike symbol and the SPT marker, as on a
// BS 5930 log key. Colours are presentation attributes so an exported SVG looks the same.
import type { Column, Point } from './model-types'
import type { SptKind } from './spt-notation'
import { textWidth } from './text'

export const FRAME = '#2b2b2b'
export const RULE = '#8c8c8c'
export const GRID = '#d4d4d4'
export const TEXT = '#141414'
export const MUTED = '#5c5c5c'
export const WATER = '#1c5fae'
export const SPT = '#b3261e'

export function pointsAttr(points: readonly Point[]): string {
  return points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')
}

export const r1 = (n: number) => Math.round(n * 10) / 10

/**
 * Text is laid out with Arial's widths (text.ts); a machine without Arial or Liberation
 * Sans draws a wider font, which the column would clip. Pinning each wrapped line to its
 * measured length keeps it whole inside its column, whatever font draws it.
 */
export function measuredLength(line: string, fontSize: number, room: number, isBold = false) {
  const width = textWidth(line, fontSize, isBold)
  // A short line has room to spare in any font: it is drawn as the font sets it.
  if (width < room * 0.75) return {}
  return { textLength: r1(width), lengthAdjust: 'spacingAndGlyphs' as const }
}

export function SampleMarker({ type, x, y }: { type: string; x: number; y: number }) {
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

export function WaterSymbol({ x, y }: { x: number; y: number }) {
  return (
    <g stroke={WATER} strokeWidth={1} fill="none">
      <path d={`M${x - 4.5},${y - 7}h9l-4.5,7z`} fill="#dce9fa" />
      <path d={`M${x - 3.5},${y + 2}h7M${x - 2},${y + 4}h4`} />
    </g>
  )
}

/** A full test: a dot; a refusal: a solid triangle; a partial test: an open one. */
export function SptMarker({ x, y, kind }: { x: number; y: number; kind: SptKind }) {
  if (kind === 'full') return <circle cx={x} cy={y} r={2.6} fill={SPT} />
  return (
    <path
      d={`M${x},${y - 3.2}l3,5.4h-6z`}
      fill={kind === 'refusal' ? SPT : '#fff'}
      stroke={SPT}
      strokeWidth={1.1}
    />
  )
}

/** The lines between columns, heavier either side of the legend and description. */
export function ColumnRules({
  columns,
  top,
  bottom,
}: {
  columns: readonly Column[]
  top: number
  bottom: number
}) {
  return (
    <>
      {columns.slice(1).map((c) => (
        <line
          key={c.key}
          x1={c.x}
          x2={c.x}
          y1={top}
          y2={bottom}
          stroke={c.key === 'legend' || c.key === 'description' ? FRAME : RULE}
          strokeWidth={c.key === 'legend' || c.key === 'description' ? 0.9 : 0.6}
        />
      ))}
    </>
  )
}
