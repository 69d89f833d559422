// The samples column: each sample's marker at its true depth; its label moves when
// samples crowd, tied back to the marker by a leader.
import { dogleg, fixed, SAMPLE_FONT_SIZE, type DepthScale } from './dimensions'
import { layoutLabels } from './label-layout'
import type { DepthUnits, SampleMark } from './model-types'
import type { Prepared } from './prepare'
import { textWidth } from './text'

/** Room for a sample's label between its marker and its depth. */
const LABEL_WIDTH = 34

/** Samples: marker at the true depth, label moved when crowded. */
export function buildSamples(
  samples: Prepared['samples'],
  y: DepthScale,
  bodyTop: number,
  bodyBottom: number,
  samplesX: number,
  units: DepthUnits,
): SampleMark[] {
  const sampleRow = SAMPLE_FONT_SIZE + 2.5
  const sampleTops = layoutLabels(
    samples.map((s) => ({ anchor: y(s.depthM) - sampleRow / 2, height: sampleRow })),
    bodyTop,
    bodyBottom + sampleRow,
  )
  return samples.map((s, i) => {
    const yy = y(s.depthM)
    const labelY = (sampleTops[i] as number) + sampleRow / 2
    const moved = Math.abs(labelY - yy) > 0.75
    return {
      y: yy,
      labelY,
      type: s.type,
      label: s.label,
      // Set smaller rather than cut when long.
      labelFontSize: Math.min(
        SAMPLE_FONT_SIZE,
        (SAMPLE_FONT_SIZE * LABEL_WIDTH) / Math.max(1, textWidth(s.label, SAMPLE_FONT_SIZE)),
      ),
      depthText: fixed(s.depthM),
      leader: moved ? dogleg(samplesX + 13, yy, samplesX + 19, labelY, 1) : null,
      tooltip: `Sample ${s.label} at ${fixed(s.depthM)} ${units}${s.isDepthAssumed ? ' (no depth given: drawn at the top of its interval)' : ''}`,
    }
  })
}
