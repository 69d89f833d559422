// A standalone page for the strip log: the real StripLogPanel bundled with
// esbuild and served from a routed origin, fed with a borehole the real AGS4 importer
// made from a real file, or with the generated 100-stratum hole. It tests the log on
// its own, without a store or host process; the app's record page is tested in
// strip-log-app.spec.ts.
import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'

import type { Page } from '@playwright/test'
import { build, buildSync } from 'esbuild'

// The page renders the panel from state that tests may replace, as the draft grid does
// when a reviewer edits a cell.
const ENTRY = `
import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { StripLogPanel } from './src-renderer/strip-log/index'
import { generatedHole } from './src-renderer/strip-log/test-fixtures'

function Harness() {
  const [data, setData] = useState(() => window.__STRIP_LOG__ ?? generatedHole(100))
  useEffect(() => {
    window.__editStripLogRow = (index, changes) =>
      setData((d) => ({ ...d, rows: d.rows.map((r, i) => (i === index ? { ...r, ...changes } : r)) }))
  }, [])
  return (
    <main style={{ height: '100vh', display: 'flex', flexDirection: 'column', padding: 16, boxSizing: 'border-box' }}>
      <StripLogPanel rows={data.rows} header={data.header} />
    </main>
  )
}

createRoot(document.getElementById('root')).render(<StrictMode><Harness /></StrictMode>)
`

export const HARNESS_ORIGIN = 'http://strip-log.harness'

let bundle: Promise<{ js: string; css: string }> | null = null

function buildHarness(): Promise<{ js: string; css: string }> {
  bundle ??= build({
    stdin: { contents: ENTRY, loader: 'tsx', resolveDir: process.cwd(), sourcefile: 'harness.tsx' },
    bundle: true,
    write: false,
    outdir: 'out/strip-log-harness',
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  }).then((result) => {
    const text = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? ''
    return { js: text('.js'), css: text('.css') }
  })
  return bundle
}

export interface HarnessHole {
  rows: unknown[]
  header: Record<string, string>
}

// The importer runs in node, bundled like the app's own tools (Playwright's loader
// does not take the importer's JSON imports).
const CONVERT = `
import { readFileSync } from 'node:fs'
import { convertAgs, readAgs } from './src-main/ags4/index'
const [path, fileName, holeId] = process.argv.slice(2)
const hole = convertAgs(readAgs(readFileSync(path)), { fileName }).holes.find((h) => h.holeId === holeId)
if (!hole) throw new Error(fileName + ' has no hole ' + holeId)
// The kept AGS4 groups are export data, not drawn.
const header = Object.fromEntries(Object.entries(hole.header).filter(([key]) => !key.startsWith('ags4_')))
process.stdout.write(JSON.stringify({ rows: hole.intervals, header }))
`
const CONVERT_BUNDLE = resolve('out', 'strip-log-harness', 'convert.mjs')
let isConvertBuilt = false

/** A hole of a real AGS4 file, through the real importer (readAgs + convertAgs). */
export function importedHole(fileName: string, holeId: string): HarnessHole {
  if (!isConvertBuilt) {
    buildSync({
      stdin: {
        contents: CONVERT,
        loader: 'ts',
        resolveDir: process.cwd(),
        sourcefile: 'convert.ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      outfile: CONVERT_BUNDLE,
      logLevel: 'warning',
    })
    isConvertBuilt = true
  }
  const path = join('test', 'fixtures', 'ags4', 'real', fileName)
  const json = execFileSync(process.execPath, [CONVERT_BUNDLE, path, fileName, holeId], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  return JSON.parse(json) as HarnessHole
}

/** Opens the harness with `hole`, or the generated 100-stratum hole when none is given. */
export async function openHarness(page: Page, hole?: HarnessHole): Promise<void> {
  const { js, css } = await buildHarness()
  const data = hole === undefined ? 'undefined' : JSON.stringify(hole).replace(/</g, '\\u003c')
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strip log harness</title>
<style>body{margin:0;font-family:sans-serif}${css}</style></head>
<body><div id="root"></div><script>window.__STRIP_LOG__ = ${data}</script>
<script type="module" src="/harness.js"></script></body></html>`
  await page.route(`${HARNESS_ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === '/harness.js') {
      return route.fulfill({ contentType: 'text/javascript', body: js })
    }
    return route.fulfill({ contentType: 'text/html', body: html })
  })
  await page.goto(`${HARNESS_ORIGIN}/`)
}
