// Building borelog tables: from row objects (AGS4 import, samples, tests) and a
// seeded generator of realistic logs for benchmarks (up to 1,000,000 rows). Both
// produce exactly BORELOG_DEFINITION's schema, so their output saves without casting.
import { Float64, Int32, type Table, Utf8 } from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import { Utf8Writer, fixedWidthData, tableFromData } from './build'
import { BORELOG_DEFINITION } from './definition'

/** One depth interval, named as the columns are. */
export interface BorelogRow {
  hole_id: string | null
  depth_top_m: number | null
  depth_base_m: number | null
  description: string | null
  legend_code: string | null
  geology_code: string | null
  spt_n: number | null
  sample_refs: string | null
  water_strike_m: number | null
  remarks: string | null
}

type StringColumn =
  'hole_id' | 'description' | 'legend_code' | 'geology_code' | 'sample_refs' | 'remarks'
type NumberColumnName = 'depth_top_m' | 'depth_base_m' | 'water_strike_m'

const INT32_MIN = -(2 ** 31)
const INT32_MAX = 2 ** 31 - 1

/** A borelog table from rows; a missing or undefined field is null. */
export function makeBorelogTable(rows: readonly Partial<BorelogRow>[]): Table {
  const n = rows.length
  const strings = (name: StringColumn) => {
    const writer = new Utf8Writer(n)
    for (const row of rows) writer.push(row[name])
    return writer.finish(new Utf8())
  }
  const floats = (name: NumberColumnName) => {
    const values = new Float64Array(n)
    const valid = new Uint8Array(n)
    rows.forEach((row, i) => {
      const v = row[name]
      if (v === null || v === undefined) return
      values[i] = v
      valid[i] = 1
    })
    return fixedWidthData(new Float64(), values, valid, n)
  }
  const spt = new Int32Array(n)
  const sptValid = new Uint8Array(n)
  rows.forEach((row, i) => {
    const v = row.spt_n
    if (v === null || v === undefined) return
    if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) {
      throw new BadInputError(
        `Row ${i + 1}: spt_n ${v} is not a whole number of blows. Enter a whole number.`,
        {
          row: i,
          column: 'spt_n',
        },
      )
    }
    spt[i] = v
    sptValid[i] = 1
  })
  const columns = [
    strings('hole_id'),
    floats('depth_top_m'),
    floats('depth_base_m'),
    strings('description'),
    strings('legend_code'),
    strings('geology_code'),
    fixedWidthData(new Int32(), spt, sptValid, n),
    strings('sample_refs'),
    floats('water_strike_m'),
    strings('remarks'),
  ]
  return tableFromData(BORELOG_DEFINITION.schema.fields, columns, n)
}

/** mulberry32: small, fast, and the same sequence on every platform for a seed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Stratum {
  legend: string
  geology: string | null
  /** Nouns and modifiers of BS 5930 descriptions; combined below into many distinct descriptions. */
  soil: string[]
  strengths: string[]
  rock?: boolean
}

const COLOURS = [
  'brown',
  'grey',
  'dark grey',
  'orange brown',
  'greyish brown',
  'bluish grey',
  'yellowish brown',
  'reddish brown',
]
const DETAILS = [
  '',
  ' with rare rootlets',
  ' with occasional shell fragments',
  '. Gravel is fine to coarse subangular flint',
  '. Sand is fine to medium',
  ' with pockets of grey silt',
]

const STRATA: Stratum[] = [
  {
    legend: '201',
    geology: 'LC',
    soil: ['CLAY', 'silty CLAY'],
    strengths: ['Soft', 'Firm', 'Stiff', 'Very stiff'],
  },
  {
    legend: '203',
    geology: 'TILL',
    soil: ['sandy CLAY', 'slightly sandy CLAY'],
    strengths: ['Firm', 'Stiff'],
  },
  {
    legend: '204',
    geology: 'TILL',
    soil: ['gravelly CLAY', 'slightly gravelly CLAY'],
    strengths: ['Firm', 'Stiff'],
  },
  { legend: '301', geology: 'ALV', soil: ['SILT', 'clayey SILT'], strengths: ['Soft', 'Firm'] },
  {
    legend: '401',
    geology: 'RTD',
    soil: ['SAND', 'fine SAND'],
    strengths: ['Loose', 'Medium dense', 'Dense'],
  },
  { legend: '403', geology: 'RTD', soil: ['silty SAND'], strengths: ['Loose', 'Medium dense'] },
  { legend: '404', geology: 'RTD', soil: ['gravelly SAND'], strengths: ['Medium dense', 'Dense'] },
  {
    legend: '501',
    geology: 'RTD',
    soil: ['GRAVEL', 'sandy GRAVEL'],
    strengths: ['Medium dense', 'Dense', 'Very dense'],
  },
  { legend: '601', geology: 'ALV', soil: ['PEAT', 'fibrous PEAT'], strengths: ['Soft', 'Spongy'] },
  {
    legend: '805',
    geology: 'CK',
    soil: ['CHALK'],
    strengths: ['Structureless', 'Weak', 'Moderately weak'],
    rock: true,
  },
  {
    legend: '801',
    geology: 'MMG',
    soil: ['MUDSTONE'],
    strengths: ['Very weak', 'Weak'],
    rock: true,
  },
  {
    legend: '803',
    geology: 'SST',
    soil: ['SANDSTONE'],
    strengths: ['Weak', 'Moderately strong'],
    rock: true,
  },
]

const TOP_STRATA = [
  { legend: '101', geology: 'TS', text: 'Dark brown sandy TOPSOIL with frequent rootlets' },
  {
    legend: '102',
    geology: 'MG',
    text: 'MADE GROUND: brown gravelly sand with brick and concrete fragments',
  },
  { legend: '102', geology: 'MG', text: 'MADE GROUND: black ashy gravel with clinker' },
]

const REMARKS = [
  'Drillers description',
  'Hand dug inspection pit to 1.20 m',
  'Slow seepage',
  'Obstruction: cobbles',
  'Core loss',
]

/**
 * A deterministic, realistic borelog table: many holes, increasing depths with no gaps
 * or overlaps, BS 5930-style descriptions, AGS legend codes, SPT N values growing
 * with depth, samples, occasional water strikes, remarks and nulls. The same seed
 * gives the same table; the output validates with zero findings.
 */
export function generateBorelogTable(rowCount: number, seed = 1): Table {
  if (!Number.isInteger(rowCount) || rowCount < 0) {
    throw new BadInputError(`Row count ${rowCount} is not a whole number of rows.`, { rowCount })
  }
  const rand = random(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const encoder = new TextEncoder()

  // Pre-encode the vocabulary: the loop below then only copies bytes.
  const descriptionsByStratum = STRATA.map((s) => {
    const out: Uint8Array[] = []
    for (const strength of s.strengths)
      for (const colour of COLOURS)
        for (const soil of s.soil)
          for (const detail of s.rock ? [''] : DETAILS)
            out.push(encoder.encode(`${strength} ${colour} ${soil}${detail}.`))
    return out
  })
  const encode = (text: string) => encoder.encode(text)
  const legendBytes = STRATA.map((s) => encode(s.legend))
  const geologyBytes = STRATA.map((s) => (s.geology === null ? null : encode(s.geology)))
  const topBytes = TOP_STRATA.map((s) => ({
    legend: encode(s.legend),
    geology: encode(s.geology),
    text: encode(s.text),
  }))
  const remarkBytes = REMARKS.map(encode)

  const holeId = new Utf8Writer(rowCount, rowCount * 8)
  const description = new Utf8Writer(rowCount, rowCount * 48)
  const legend = new Utf8Writer(rowCount, rowCount * 4)
  const geology = new Utf8Writer(rowCount, rowCount * 4)
  const samples = new Utf8Writer(rowCount, rowCount * 4)
  const remarks = new Utf8Writer(rowCount, rowCount)
  const top = new Float64Array(rowCount)
  const base = new Float64Array(rowCount)
  const spt = new Int32Array(rowCount)
  const sptValid = new Uint8Array(rowCount)
  const water = new Float64Array(rowCount)
  const waterValid = new Uint8Array(rowCount)

  let row = 0
  let hole = 0
  while (row < rowCount) {
    hole++
    const id = encode(`BH${String(hole).padStart(5, '0')}`)
    const intervals = 8 + Math.floor(rand() * 33)
    const waterAt = rand() < 0.35 ? 1 + Math.floor(rand() * (intervals - 1)) : -1
    let depthCm = 0
    let sampleNo = 0
    let stratum = Math.floor(rand() * STRATA.length)
    for (let k = 0; k < intervals && row < rowCount; k++, row++) {
      // Whole centimetres: a base and the next top come from one integer, so they are equal floats.
      const thicknessCm =
        k === 0 ? 10 + 5 * Math.floor(rand() * 9) : 20 + 5 * Math.floor(rand() * 56)
      const topCm = depthCm
      depthCm += thicknessCm
      top[row] = topCm / 100
      base[row] = depthCm / 100
      holeId.pushBytes(id)
      if (k === 0) {
        const t = pick(topBytes)
        description.pushBytes(t.text)
        legend.pushBytes(t.legend)
        geology.pushBytes(t.geology)
      } else {
        if (rand() < 0.3)
          stratum = Math.min(STRATA.length - 1, stratum + 1 + Math.floor(rand() * 2))
        description.pushBytes(pick(descriptionsByStratum[stratum]!))
        legend.pushBytes(legendBytes[stratum]!)
        const g = geologyBytes[stratum]
        if (g && rand() < 0.85) geology.pushBytes(g)
        else geology.pushNull()
      }
      if (k > 0 && rand() < 0.4) {
        const rock = STRATA[stratum]!.rock === true
        spt[row] = rock
          ? 50
          : Math.min(50, Math.max(0, Math.round(4 + (topCm / 100) * 2.2 + (rand() - 0.5) * 10)))
        sptValid[row] = 1
      }
      if (rand() < 0.45) {
        sampleNo++
        samples.push(rand() < 0.5 ? `D${sampleNo}` : `B${sampleNo};D${sampleNo + 1}`)
        if (rand() < 0.5) sampleNo++
      } else samples.pushNull()
      if (k === waterAt) {
        water[row] = (topCm + Math.floor(thicknessCm / 2)) / 100
        waterValid[row] = 1
      }
      if (rand() < 0.05) remarks.pushBytes(pick(remarkBytes))
      else remarks.pushNull()
    }
  }

  const columns = [
    holeId.finish(new Utf8()),
    fixedWidthData(new Float64(), top, null, rowCount),
    fixedWidthData(new Float64(), base, null, rowCount),
    description.finish(new Utf8()),
    legend.finish(new Utf8()),
    geology.finish(new Utf8()),
    fixedWidthData(new Int32(), spt, sptValid, rowCount),
    samples.finish(new Utf8()),
    fixedWidthData(new Float64(), water, waterValid, rowCount),
    remarks.finish(new Utf8()),
  ]
  return tableFromData(BORELOG_DEFINITION.schema.fields, columns, rowCount)
}
