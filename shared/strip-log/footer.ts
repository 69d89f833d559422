// The foot of the sheet: hole remarks, notes on what the drawing leaves out or clips, and
// a key of every pattern and mark the log uses (and only those). Its end is the height of
// the whole drawing.
import { MARGIN } from './dimensions'
import type { DepthUnits, KeyItem, Layer, SptPoint, StripLogModel } from './model-types'
import { textWidth, wrapText } from './text'

const SAMPLE_NAMES: Record<string, string> = {
  B: 'bulk',
  LB: 'large bulk',
  D: 'small disturbed',
  U: 'undisturbed',
  UT: 'undisturbed (thin wall)',
  P: 'piston',
  ES: 'environmental',
  EW: 'environmental water',
  W: 'water',
  C: 'core',
}

interface Footer {
  remarks: StripLogModel['remarks']
  notes: string[]
  keyItems: KeyItem[]
  patternKeys: string[]
  /** The height of the whole drawing, which ends with the footer. */
  height: number
}

/** Foot: remarks, notes, and a key of every pattern and mark the log uses. */
export function buildFooter({
  header,
  inner,
  footerTop,
  units,
  hasLevel,
  skipped,
  layers,
  sampleTypes,
  hasWater,
  points,
  nEnd,
}: {
  header: Readonly<Record<string, string>>
  inner: number
  footerTop: number
  units: DepthUnits
  hasLevel: boolean
  skipped: number
  layers: readonly Layer[]
  sampleTypes: readonly string[]
  hasWater: boolean
  points: readonly SptPoint[]
  nEnd: number
}): Footer {
  let footerY = footerTop
  const remarksText = [
    header.hole_remarks ?? '',
    header.termination ? `Termination: ${header.termination}` : '',
  ]
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join(' ')
  let remarks: StripLogModel['remarks'] = null
  if (remarksText !== '') {
    // In full, however long: a log's remarks are part of what is signed.
    const lines = wrapText(remarksText, inner - 70, 9)
    remarks = { lines, tooltip: remarksText }
    footerY += lines.length * 11 + 8
  }
  const notes: string[] = []
  notes.push(
    `Depths in ${units === 'ft' ? 'feet' : 'metres'} below ground level${hasLevel ? `; levels in ${units === 'ft' ? 'ft' : 'm'} OD` : ''}.`,
  )
  if (skipped > 0) {
    notes.push(
      `${skipped} interval${skipped === 1 ? '' : 's'} without a valid top and base depth ${skipped === 1 ? 'is' : 'are'} not drawn.`,
    )
  }
  if (points.some((p) => p.kind !== 'full')) {
    notes.push(
      'SPT refusals and partial tests: blows/penetration (mm) of the 300 mm test drive ("seating": none), no N; plotted at their blows scaled to 300 mm.',
    )
  }
  if (points.some((p) => p.isClipped)) notes.push(`SPT beyond N ${nEnd} drawn at ${nEnd} (arrow).`)
  footerY += 2

  const keyItems: KeyItem[] = []
  let kx = MARGIN
  let ky = footerY + notes.length * 11 + 10
  const addKey = (item: Omit<KeyItem, 'x' | 'y'>, itemWidth: number) => {
    if (kx + itemWidth > MARGIN + inner) {
      kx = MARGIN
      ky += 18
    }
    keyItems.push({ ...item, x: kx, y: ky })
    kx += itemWidth
  }
  const patternKeys: string[] = []
  layers.forEach((l) => {
    if (!patternKeys.includes(l.patternKey)) {
      patternKeys.push(l.patternKey)
      addKey(
        { kind: 'pattern', code: l.patternKey, label: l.name },
        26 + textWidth(l.name, 8.5) + 14,
      )
    }
  })
  for (const t of sampleTypes) {
    const label = `${t || '?'} ${SAMPLE_NAMES[t] ?? 'sample'}`
    addKey({ kind: 'sample', code: t, label }, 16 + textWidth(label, 8.5) + 14)
  }
  if (hasWater) addKey({ kind: 'water', code: '', label: 'Water strike' }, 16 + 60)
  if (points.some((p) => p.kind === 'full'))
    addKey({ kind: 'spt', code: '', label: 'SPT N' }, 16 + 40)
  if (points.some((p) => p.kind === 'refusal')) {
    addKey({ kind: 'spt-refusal', code: '', label: 'SPT refusal' }, 16 + 70)
  }
  if (points.some((p) => p.kind === 'partial')) {
    addKey({ kind: 'spt-partial', code: '', label: 'SPT partial test' }, 16 + 80)
  }
  const height = Math.ceil(ky + (keyItems.length > 0 ? 14 : 0) + MARGIN)
  return { remarks, notes, keyItems, patternKeys, height }
}
