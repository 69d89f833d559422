// SVG fill patterns for the legend column, after the BS 5930 / AGS log conventions:
// clay short dashes, silt dash-dot, sand stipple, gravel circles, peat tufts, made
// ground crosses, limestone and chalk bricks, bedded mudstone, siltstone, sandstone...
// Secondary constituents ("sandy", "gravelly") are small glyphs set between the rows
// of the principal's glyphs. Every tile is drawn in the sheet's own coordinates
// (userSpaceOnUse), so a pattern runs on unbroken across adjacent strata and across the
// key. Pale tints help on screen; the black glyphs carry the meaning in print.
import type { ReactElement } from 'react'

import type { Minor, Principal } from './lithology'

const INK = '#1f1f1f'
const STROKE = 0.8

interface Tile {
  width: number
  height: number
  background: string
  /** Glyphs in tile coordinates. */
  glyphs: ReactElement
  /** Secondary constituents are drawn on soils only. */
  takesMinors: boolean
}

const path = (d: string, extra: Record<string, string | number> = {}) => (
  <path d={d} fill="none" stroke={INK} strokeWidth={STROKE} strokeLinecap="round" {...extra} />
)

function dots(points: readonly (readonly [number, number])[], r = 0.75, fill = INK) {
  return (
    <>
      {points.map(([x, y], i) => (
        <circle key={i} cx={x} cy={y} r={r} fill={fill} />
      ))}
    </>
  )
}

function circles(points: readonly (readonly [number, number])[], rx = 2, ry = 1.5) {
  return (
    <>
      {points.map(([x, y], i) => (
        <ellipse key={i} cx={x} cy={y} rx={rx} ry={ry} fill="none" stroke={INK} strokeWidth={0.7} />
      ))}
    </>
  )
}

// Soil tiles are 20 x 14: principal glyphs on rows y = 3.5 and 10.5, minors between.
const SOIL_W = 20
const SOIL_H = 14

const TILES: Record<Principal, Tile> = {
  clay: {
    width: SOIL_W,
    height: SOIL_H,
    background: '#d8e2c2',
    glyphs: path('M1.5,3.5H8.5M11.5,3.5H18.5M-3.5,10.5H3.5M6.5,10.5H13.5M16.5,10.5H23.5'),
    takesMinors: true,
  },
  silt: {
    width: SOIL_W,
    height: SOIL_H,
    background: '#e4ddcb',
    glyphs: (
      <>
        {path('M1.5,3.5H5.5M11.5,3.5H15.5M6.5,10.5H10.5M16.5,10.5H20.5M-3.5,10.5H0.5')}
        {dots([
          [8.5, 3.5],
          [18.5, 3.5],
          [3.5, 10.5],
          [13.5, 10.5],
        ])}
      </>
    ),
    takesMinors: true,
  },
  sand: {
    width: SOIL_W,
    height: SOIL_H,
    background: '#f6e8a6',
    glyphs: dots([
      [2, 3],
      [7, 4.2],
      [12, 2.8],
      [17, 4],
      [4.5, 10],
      [9.5, 11.2],
      [14.5, 9.8],
      [19.5, 11],
    ]),
    takesMinors: true,
  },
  gravel: {
    width: SOIL_W,
    height: SOIL_H,
    background: '#f2cf9c',
    glyphs: circles([
      [5, 3.5],
      [15, 3.5],
      [0, 10.5],
      [10, 10.5],
      [20, 10.5],
    ]),
    takesMinors: true,
  },
  peat: {
    width: SOIL_W,
    height: SOIL_H,
    background: '#b89674',
    glyphs: path(
      'M1,4.5H9M3,4.5l-1,-3M5,4.5v-3.5M7,4.5l1,-3M11,11.5H19M13,11.5l-1,-3M15,11.5v-3.5M17,11.5l1,-3',
    ),
    takesMinors: true,
  },
  topsoil: {
    width: SOIL_W,
    height: SOIL_H,
    background: '#c9b08c',
    glyphs: (
      <>
        {path('M3,5l-1.2,-3M4.5,5v-3.5M6,5l1.2,-3M13,12l-1.2,-3M14.5,12v-3.5M16,12l1.2,-3')}
        {dots(
          [
            [11, 3],
            [2, 10],
            [8, 8.5],
            [18, 5.5],
          ],
          0.6,
        )}
      </>
    ),
    takesMinors: false,
  },
  'made-ground': {
    width: SOIL_W,
    height: SOIL_H,
    background: '#d2d2d2',
    glyphs: (
      <>
        {path('M3,1.5l4,4M7,1.5l-4,4M13,8.5l4,4M17,8.5l-4,4')}
        {path('M13.5,3h3v1.6h-3zM3.5,10h2.5l-1,2z', { strokeWidth: 0.6 })}
      </>
    ),
    takesMinors: false,
  },
  concrete: {
    width: SOIL_W,
    height: SOIL_H,
    background: '#e1e1e1',
    glyphs: (
      <>
        {path('M3,5l2.5,-3.5l2.5,3.5zM12,12l2,-3l2.5,3z', { strokeWidth: 0.7 })}
        {dots(
          [
            [14, 3],
            [18, 5],
            [3, 10],
            [8, 11.5],
          ],
          0.6,
        )}
      </>
    ),
    takesMinors: false,
  },
  cobbles: {
    width: 24,
    height: 16,
    background: '#e8c592',
    glyphs: (
      <>
        <ellipse cx={6} cy={4.5} rx={4.5} ry={3} fill="none" stroke={INK} strokeWidth={0.8} />
        <ellipse cx={18} cy={12} rx={4} ry={3.2} fill="none" stroke={INK} strokeWidth={0.8} />
      </>
    ),
    takesMinors: true,
  },
  mudstone: {
    width: 20,
    height: 12,
    background: '#bcc4ce',
    glyphs: path('M0,0.4H20M0,12.4H20M3,6H9M13,6H19'),
    takesMinors: false,
  },
  siltstone: {
    width: 20,
    height: 12,
    background: '#ccceBF',
    glyphs: (
      <>
        {path('M0,0.4H20M0,12.4H20M2,6H6M12,6H16')}
        {dots([
          [9, 6],
          [19, 6],
        ])}
      </>
    ),
    takesMinors: false,
  },
  sandstone: {
    width: 20,
    height: 12,
    background: '#ecd591',
    glyphs: (
      <>
        {path('M0,0.4H20M0,12.4H20')}
        {dots([
          [3, 4],
          [8, 7.5],
          [13, 4.5],
          [18, 8],
        ])}
      </>
    ),
    takesMinors: false,
  },
  limestone: {
    width: 20,
    height: 12,
    background: '#cadcea',
    glyphs: path('M0,0.4H20M0,6.4H20M0.4,0.4V6.4M10.4,6.4V12.4'),
    takesMinors: false,
  },
  chalk: {
    width: 16,
    height: 10,
    background: '#f8f7ef',
    glyphs: path('M0,0.4H16M0,5.4H16M0.4,0.4V5.4M8.4,5.4V10.4', {
      stroke: '#6b6b6b',
      strokeWidth: 0.7,
    }),
    takesMinors: false,
  },
  coal: {
    width: 20,
    height: 8,
    background: '#2e2e2e',
    glyphs: path('M0,4H20', { stroke: '#8a8a8a', strokeWidth: 0.6 }),
    takesMinors: false,
  },
  conglomerate: {
    width: 20,
    height: 12,
    background: '#e6c98f',
    glyphs: (
      <>
        {path('M0,0.4H20M0,12.4H20')}
        {circles(
          [
            [5, 6],
            [15, 6],
          ],
          2.4,
          1.8,
        )}
      </>
    ),
    takesMinors: false,
  },
  breccia: {
    width: 20,
    height: 12,
    background: '#dcc7a6',
    glyphs: path('M0,0.4H20M0,12.4H20M2.5,8.5l3,-5l2.5,5zM12,4l5,1l-3,4z', { strokeWidth: 0.7 }),
    takesMinors: false,
  },
  igneous: {
    width: 20,
    height: 14,
    background: '#efc6c4',
    glyphs: path('M5,1.5v4M3,3.5h4M15,8.5v4M13,10.5h4M12,2l1.5,3l1.5,-3M2,9l1.5,3l1.5,-3'),
    takesMinors: false,
  },
  metamorphic: {
    width: 20,
    height: 8,
    background: '#d9cae6',
    glyphs: path('M0,4q2.5,-3 5,0t5,0t5,0t5,0'),
    takesMinors: false,
  },
  rock: {
    width: 10,
    height: 10,
    background: '#cbcbcb',
    glyphs: path('M-1,11L11,-1M-1,1L1,-1M9,11L11,9'),
    takesMinors: false,
  },
  void: {
    width: 20,
    height: 14,
    background: '#ffffff',
    glyphs: <></>,
    takesMinors: false,
  },
  unknown: {
    width: 20,
    height: 14,
    background: '#efefef',
    glyphs: (
      <text x={4} y={9.5} fontSize={8} fill="#6b6b6b" fontFamily="Arial, sans-serif">
        ?
      </text>
    ),
    takesMinors: false,
  },
}

function minorGlyph(minor: Minor, x: number, y: number, key: string): ReactElement {
  switch (minor) {
    case 'sand':
      return (
        <g key={key}>
          <circle cx={x - 1.4} cy={y} r={0.65} fill={INK} />
          <circle cx={x + 1.4} cy={y + 0.4} r={0.65} fill={INK} />
        </g>
      )
    case 'gravel':
      return (
        <ellipse
          key={key}
          cx={x}
          cy={y}
          rx={1.5}
          ry={1.1}
          fill="none"
          stroke={INK}
          strokeWidth={0.6}
        />
      )
    case 'clay':
      return (
        <path
          key={key}
          d={`M${x - 2},${y}H${x + 2}`}
          stroke={INK}
          strokeWidth={0.7}
          strokeLinecap="round"
        />
      )
    case 'silt':
      return (
        <g key={key}>
          <path d={`M${x - 2},${y}H${x}`} stroke={INK} strokeWidth={0.7} strokeLinecap="round" />
          <circle cx={x + 1.6} cy={y} r={0.5} fill={INK} />
        </g>
      )
    case 'organic':
      return (
        <path
          key={key}
          d={`M${x - 1.2},${y + 1}l-0.6,-2M${x},${y + 1}v-2.2M${x + 1.2},${y + 1}l0.6,-2`}
          stroke="#5a3b1e"
          strokeWidth={0.6}
          fill="none"
        />
      )
  }
}

/** Where secondary glyphs go in a soil tile: between the principal's rows. */
const SLOTS: readonly (readonly [number, number])[] = [
  [5, 7],
  [15, 0],
  [15, 7],
  [5, 0],
]

function minorGlyphs(minors: readonly Minor[], width: number, height: number): ReactElement[] {
  const out: ReactElement[] = []
  const k = minors.length
  minors.forEach((minor, j) => {
    for (let s = j; s < SLOTS.length && s < j + 2 * k; s += k) {
      const [sx, sy] = SLOTS[s] as readonly [number, number]
      const x = (sx / SOIL_W) * width
      const y = (sy / SOIL_H) * height
      out.push(minorGlyph(minor, x, y, `${minor}-${s}`))
      // Glyphs on the tile edge are drawn on both edges so they wrap.
      if (y === 0) out.push(minorGlyph(minor, x, height, `${minor}-${s}-wrap`))
    }
  })
  return out
}

export function parsePatternKey(key: string): { principal: Principal; minors: Minor[] } {
  const [principal, minors = ''] = key.split('~')
  return {
    principal: (principal ?? 'unknown') in TILES ? (principal as Principal) : 'unknown',
    minors: minors === '' ? [] : (minors.split('-') as Minor[]),
  }
}

export function patternId(idPrefix: string, key: string): string {
  return `${idPrefix}-pat-${key.replace(/[^a-z0-9-]/gi, '_')}`
}

function TileContent({ patternKey }: { patternKey: string }) {
  const { principal, minors } = parsePatternKey(patternKey)
  const tile = TILES[principal]
  return (
    <>
      <rect width={tile.width} height={tile.height} fill={tile.background} />
      {tile.glyphs}
      {tile.takesMinors && minorGlyphs(minors, tile.width, tile.height)}
    </>
  )
}

export function tileSize(key: string): { width: number; height: number } {
  const { width, height } = TILES[parsePatternKey(key).principal]
  return { width, height }
}

export function tileId(idPrefix: string, key: string): string {
  return `${idPrefix}-tile-${key.replace(/[^a-z0-9-]/gi, '_')}`
}

/** <pattern> elements for the given pattern keys (only those the log uses). */
export function PatternDefs({ keys, idPrefix }: { keys: readonly string[]; idPrefix: string }) {
  return (
    <>
      {keys.map((key) => {
        const { width, height } = tileSize(key)
        return (
          <pattern
            key={key}
            id={patternId(idPrefix, key)}
            patternUnits="userSpaceOnUse"
            width={width}
            height={height}
          >
            <TileContent patternKey={key} />
          </pattern>
        )
      })}
    </>
  )
}

/**
 * One tile per pattern key, for fills drawn as repeated <use>s. Chromium prints an SVG
 * pattern fill as a bitmap (megabytes per page, blurred when zoomed); tiles stay vectors.
 */
export function TileDefs({ keys, idPrefix }: { keys: readonly string[]; idPrefix: string }) {
  return (
    <>
      {keys.map((key) => (
        <g key={key} id={tileId(idPrefix, key)}>
          <TileContent patternKey={key} />
        </g>
      ))}
    </>
  )
}

/**
 * A rectangle filled with a pattern: a pattern fill, or (tiles) the pattern's tiles laid
 * on the sheet's grid inside a clipping viewport, so both look the same.
 */
export function PatternFill({
  x,
  y,
  width,
  height,
  patternKey,
  idPrefix,
  isTiled,
}: {
  x: number
  y: number
  width: number
  height: number
  patternKey: string
  idPrefix: string
  isTiled: boolean
}) {
  if (!isTiled) {
    return (
      <rect
        x={x}
        y={y}
        width={width}
        height={height}
        fill={`url(#${patternId(idPrefix, patternKey)})`}
      />
    )
  }
  const tile = tileSize(patternKey)
  const href = `#${tileId(idPrefix, patternKey)}`
  const uses: ReactElement[] = []
  for (let ty = Math.floor(y / tile.height) * tile.height; ty < y + height; ty += tile.height) {
    for (let tx = Math.floor(x / tile.width) * tile.width; tx < x + width; tx += tile.width) {
      uses.push(<use key={`${tx},${ty}`} href={href} x={tx} y={ty} />)
    }
  }
  return (
    <svg x={x} y={y} width={width} height={height} viewBox={`${x} ${y} ${width} ${height}`}>
      {uses}
    </svg>
  )
}
