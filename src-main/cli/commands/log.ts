// `borelog-desk log ID --store DIR --out FILE.svg|FILE.pdf [--version N] [--scale 1:50]`
// Writes a borelog version's strip log: the very sheets the app shows and prints
// (shared/strip-log), every sheet one under another in an SVG, or one A4 page a sheet
// in a PDF. The PDF is printed by headless Chromium (BORELOG_CHROMIUM, else the usual
// install paths), since the CLI runs without Electron; without one, .pdf is refused
// (exit 2) and .svg still works.
import { execFile } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

import { BadInputError } from '../../../shared/errors'
import {
  sheetModel,
  stripLogPrintHtml,
  stripLogSheetsSvg,
} from '../../../shared/strip-log/export-svg'
import { SCALES, rowsFromCells } from '../../../shared/strip-log/index'
import { sheetsOf } from '../../../shared/strip-log/sheets'
import { SHEET_HEIGHT } from '../../../shared/strip-log/StripLog'
import type { Command } from '../command'
import { STORE_OPTIONS, openStore, positional, printJson, stringFlag, versionFlag } from '../common'

const run = promisify(execFile)

/** Where Chromium is looked for when BORELOG_CHROMIUM does not name it. */
const CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]

/** Printing a long log takes seconds; a browser that hangs is stopped. */
const PRINT_TIMEOUT_MS = 120_000

function scaleFlag(text: string | undefined): number {
  if (text === undefined) return SCALES[0]
  const m = /^1:(\d+)$/.exec(text.trim())
  const scale = m ? Number(m[1]) : NaN
  if (!(SCALES as readonly number[]).includes(scale)) {
    throw new BadInputError(
      `--scale must be one of ${[...SCALES]
        .sort((a, b) => a - b)
        .map((s) => `1:${s}`)
        .join(', ')}, not "${text}".`,
      { flag: 'scale' },
    )
  }
  return scale
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    // Absent or unreadable: not a browser we can run.
    () => false,
  )
}

async function findChromium(): Promise<string> {
  const named = process.env.BORELOG_CHROMIUM
  const candidates = named !== undefined && named !== '' ? [named] : CHROMIUM_PATHS
  for (const candidate of candidates) if (await isFile(candidate)) return candidate
  throw new BadInputError(
    `Cannot write a PDF: no Chromium found (${candidates.join(', ')}). Install chromium, set BORELOG_CHROMIUM to its path, or write --out FILE.svg.`,
    { candidates },
  )
}

/** Prints the page to `out` with headless Chromium, in a temp folder it removes. */
async function printPdf(html: string, out: string): Promise<void> {
  const chromium = await findChromium()
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'borelog-log-'))
  try {
    const page = path.join(dir, 'log.html')
    await fs.writeFile(page, html)
    await run(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-pdf-header-footer',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        `--print-to-pdf=${path.resolve(out)}`,
        pathToFileURL(page).href,
      ],
      { timeout: PRINT_TIMEOUT_MS },
    )
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}

export const logCommand: Command = {
  name: 'log',
  usage: 'log ID --store DIR --out FILE.svg|FILE.pdf [--version N] [--scale 1:50] [--json]',
  summary:
    "Write a borelog version's strip log (default: the latest) as the app prints it: every sheet in an SVG, or an A4 PDF.",
  options: {
    ...STORE_OPTIONS,
    out: { type: 'string' },
    version: { type: 'string' },
    scale: { type: 'string' },
  },
  async run(args, io) {
    const recordId = positional(args, 0, 'record ID')
    const out = stringFlag(args, 'out', true)
    const format = path.extname(out).toLowerCase()
    if (format !== '.svg' && format !== '.pdf')
      throw new BadInputError(`--out must end in .svg or .pdf, not "${out}".`, { flag: 'out' })
    const scale = scaleFlag(stringFlag(args, 'scale'))
    const { store } = await openStore(args)
    const metadata = await store.getMetadata(recordId)
    if (metadata.table_name !== 'borelog') {
      throw new BadInputError(
        `${recordId} is a ${metadata.table_name} record: a strip log is drawn for borelog records only.`,
        { recordId, table: metadata.table_name },
      )
    }
    const version = versionFlag(args) ?? metadata.current_version
    const page = await store.readVersion(recordId, version)
    const columns = page.table.schema.fields.map((f) => f.name)
    const cells = page.table
      .toArray()
      .map((row: Record<string, unknown>) =>
        columns.map((c) => (typeof row[c] === 'bigint' ? Number(row[c]) : row[c])),
      )
    const model = sheetModel(rowsFromCells(columns, cells), page.header, { scale })
    const sheets = sheetsOf(model, SHEET_HEIGHT).length
    await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true })
    if (format === '.svg') await fs.writeFile(out, stripLogSheetsSvg(model))
    else await printPdf(stripLogPrintHtml(model), out)
    if (args.values.json) {
      printJson(io, { record_id: recordId, version, scale: `1:${scale}`, sheets, out })
    } else {
      io.out(
        `Wrote ${recordId} v${version} strip log (${sheets} sheet${sheets === 1 ? '' : 's'} at 1:${scale}) to ${out}.\n`,
      )
    }
    return 0
  },
}
