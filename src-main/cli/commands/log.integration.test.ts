// `borelog-desk log` on a real AGS4 file (Hindley Mill Embankment, see
// test/fixtures/ags4/README.md): the built bin in a real process, and golden checks of
// the text of the SVG it writes: every description and the remarks in full (nothing
// cut with "…"), the partial SPT in its notation (not as an N), the scale stated.
import { promises as fs, readFileSync } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { tempDir } from '../../../test/support/borelog-fixtures'
import { buildCli } from '../../../test/support/build-cli'
import { runCliProcess } from '../../../test/support/run-cli'
import { convertAgs, readAgs } from '../../ags4/index'

const AGS = path.resolve('test/fixtures/ags4/real/Hindley Mill Embankment FRA01.ags')

let bin: string
let dir: string
let store: string
let cleanup: () => Promise<void>

const cli = (args: string[], env: NodeJS.ProcessEnv = process.env) => runCliProcess(bin, args, env)

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** The text the drawing shows: every line (tspan) in order, joined by spaces. */
function shownText(svg: string): string {
  return [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => decode(m[1]!)).join(' ')
}

const hole = (holeId: string) => {
  const found = convertAgs(readAgs(readFileSync(AGS))).holes.find((h) => h.holeId === holeId)
  if (!found) throw new Error(`no hole ${holeId}`)
  return found
}

beforeAll(async () => {
  bin = await buildCli()
  ;({ dir, cleanup } = await tempDir('borelog-log-'))
  store = path.join(dir, 'store')
  const imported = await cli(['import', AGS, '--store', store, '--by', 'tester'])
  expect(imported.code).toBe(0)
})
afterAll(() => cleanup())

describe('borelog-desk log', () => {
  it('writes the strip log of a real hole as SVG: descriptions and remarks in full, the partial SPT as 25/5 mm, the scale stated', async () => {
    const out = path.join(dir, 'ws08.svg')
    const result = await cli(['log', 'TOP3398.WS08', '--store', store, '--out', out])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('1 sheet at 1:50')
    const svg = await fs.readFile(out, 'utf8')
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true)
    expect(svg).not.toContain('…')
    const text = shownText(svg)
    const ws08 = hole('WS08')
    expect(ws08.intervals.length).toBe(9)
    for (const interval of ws08.intervals) {
      expect(text).toContain((interval.description ?? '').replace(/\s+/g, ' ').trim())
    }
    expect(text).toContain((ws08.header.hole_remarks ?? '').replace(/\s+/g, ' ').trim())
    expect(svg).toContain('Scale 1:50')
    // The test at 6.80 m stopped after 5 mm of its test drive: stated as such, not as N.
    const partial = /<g data-testid="spt-point"[^>]*data-spt-kind="partial"[^>]*>/.exec(svg)
    expect(partial?.[0]).toBeDefined()
    expect(partial?.[0]).not.toContain('data-n=')
    expect(svg).toMatch(/>25\/5 mm<\/text>/)
    expect(svg).not.toMatch(/>(0|25)\*</)
  })

  it('says a detail once with its depth, and states another scale on request', async () => {
    const out = path.join(dir, 'ws05.svg')
    const result = await cli([
      'log',
      'TOP3398.WS05',
      '--store',
      store,
      '--out',
      out,
      '--scale',
      '1:100',
      '--json',
    ])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      record_id: 'TOP3398.WS05',
      version: 1,
      scale: '1:100',
      sheets: 1,
      out,
    })
    const svg = await fs.readFile(out, 'utf8')
    expect(svg).toContain('Scale 1:100')
    const text = shownText(svg)
    expect(text).toContain('3.45: Dark grey organic content from 3.45-5.6m')
    expect(text).not.toMatch(/3\.45: 3\.45/)
  })

  it('prints an A4 PDF with headless Chromium, and refuses .pdf clearly without one', async () => {
    const out = path.join(dir, 'ws08.pdf')
    const printed = await cli(['log', 'TOP3398.WS08', '--store', store, '--out', out])
    expect(printed.code).toBe(0)
    const pdf = await fs.readFile(out)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]/)

    const missing = await cli(['log', 'TOP3398.WS08', '--store', store, '--out', out], {
      ...process.env,
      BORELOG_CHROMIUM: path.join(dir, 'no-such-chromium'),
    })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('Cannot write a PDF: no Chromium found')
  })

  it('refuses a bad scale, a bad output type and a record that is not there', async () => {
    const base = ['log', 'TOP3398.WS08', '--store', store]
    const scale = await cli([...base, '--out', path.join(dir, 'x.svg'), '--scale', '1:30'])
    expect(scale.code).toBe(2)
    expect(scale.stderr).toContain('--scale must be one of 1:25, 1:50, 1:100')
    const type = await cli([...base, '--out', path.join(dir, 'x.png')])
    expect(type.code).toBe(2)
    const missing = await cli([
      'log',
      'TOP3398.NOPE',
      '--store',
      store,
      '--out',
      path.join(dir, 'y.svg'),
    ])
    expect(missing.code).toBe(4)
  })
})
