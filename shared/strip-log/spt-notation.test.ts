import { describe, expect, it } from 'vitest'

import { classifySpt, type SptRecord } from './spt-notation'

const at = (over: Omit<SptRecord, 'depthM'>): SptRecord => ({ depthM: 5, ...over })

describe('classifySpt', () => {
  it('reads a full test from its report: N is the blows of the 300 mm test drive', () => {
    const r = classifySpt(at({ report: 'N=9 (2,1/2,3,2,2)', n: 9 }))
    expect(r).toMatchObject({ kind: 'full', n: 9, notation: 'N=9', plotN: 9, source: 'report' })
    expect(r?.seatingBlows).toBe(3)
    expect(r?.testPenetrationMm).toBe(300)
  })

  it('states a refusal in the seating drive with no test drive as blows/penetration, never N = 0', () => {
    const r = classifySpt(at({ report: '0 (25 for 75mm/0 for 0mm)', n: null }))
    expect(r).toMatchObject({
      kind: 'refusal',
      n: null,
      notation: '25/75 mm seating',
      seatingBlows: 25,
      seatingPenetrationMm: 75,
    })
    expect(r?.plotN).toBe(Infinity)
  })

  it('states a test drive stopped at 50 blows as "50/75 mm"', () => {
    expect(classifySpt(at({ report: '50 (25 for 45mm/50 for 75mm)' }))).toMatchObject({
      kind: 'refusal',
      notation: '50/75 mm',
      plotN: 200,
    })
    expect(classifySpt(at({ report: '50/150' }))).toMatchObject({
      kind: 'refusal',
      notation: '50/150 mm',
      plotN: 100,
    })
  })

  it('marks a test drive stopped short below 50 blows as partial, with its notation', () => {
    // Hindley Mill WS08 at 6.80 m: seating 8, 25; then 25 blows for 5 mm.
    expect(classifySpt(at({ report: 'N=25 (8,25/25 for 5mm)' }))).toMatchObject({
      kind: 'partial',
      n: null,
      notation: '25/5 mm',
      testBlows: 25,
      testPenetrationMm: 5,
    })
  })

  it('says "N>50" for a refusal reported without its penetration', () => {
    expect(classifySpt(at({ report: 'N>50' }))).toMatchObject({
      kind: 'refusal',
      notation: 'N>50',
      plotN: Infinity,
    })
  })

  it('works a test out from its increments and penetrations when there is no report', () => {
    const full = classifySpt(
      at({ incrementBlows: [1, 2, 3, 3, 4, 4], incrementPenetrationsMm: [75, 75, 75, 75, 75, 75] }),
    )
    expect(full).toMatchObject({ kind: 'full', n: 14, source: 'increments' })
    const refusal = classifySpt(
      at({
        incrementBlows: [10, 15, 20, 30, null, null],
        incrementPenetrationsMm: [75, 75, 75, 40, null, null],
      }),
    )
    expect(refusal).toMatchObject({ kind: 'refusal', notation: '50/115 mm' })
    const seatingOnly = classifySpt(
      at({ incrementBlows: [25, null, null, null, null, null], incrementPenetrationsMm: [60] }),
    )
    expect(seatingOnly).toMatchObject({ kind: 'refusal', notation: '25/60 mm seating' })
  })

  it('marks a test whose total penetration is under 450 mm as partial, never as a full N', () => {
    // Blows logged without increment penetrations: the total penetration decides.
    expect(
      classifySpt(at({ incrementBlows: [2, 3, 4, 5, 6, null], totalPenetrationMm: 375 })),
    ).toMatchObject({ kind: 'partial', notation: '15/225 mm' })
    expect(
      classifySpt(at({ seatingBlows: 6, testBlows: 18, totalPenetrationMm: 300, n: null })),
    ).toMatchObject({ kind: 'partial', notation: '18/150 mm', plotN: 36 })
    expect(
      classifySpt(at({ seatingBlows: 6, testBlows: 18, totalPenetrationMm: 450, n: 18 })),
    ).toMatchObject({ kind: 'full', n: 18, source: 'n-value' })
  })

  it('uses the N value alone when nothing else is logged, and nothing when there is nothing', () => {
    expect(classifySpt(at({ n: 12 }))).toMatchObject({ kind: 'full', notation: 'N=12' })
    expect(classifySpt(at({ report: '?' }))).toBeNull()
    expect(classifySpt(at({}))).toBeNull()
  })
})
