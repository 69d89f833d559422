// `borelog-desk import FILE.ags --store DIR [--by U] [--comment C] [--json]` and
// `borelog-desk export-ags (ID... | --project P) --store DIR --out FILE.ags [--version N] [--json]`
// Import prints the records made, updated or unchanged and the AGS
// findings; it exits 0 when the file was imported (its findings are stored with the
// drafts for review) and 2 when the file cannot be imported. Export writes one AGS4
// file that passes `borelog-desk check`.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { BadInputError } from '../../../shared/errors'
import { exportAgsFromStore, formatFinding, importAgsToStore } from '../../ags4/index'
import type { Command } from '../command'
import { projectRecordIds } from '../project'
import {
  STORE_OPTIONS,
  openSignedStore,
  openStore,
  printJson,
  stringFlag,
  versionFlag,
} from '../common'

/** Findings shown without --json: all errors, and warnings up to this many. */
const WARNINGS_SHOWN = 20

export const importCommand: Command = {
  name: 'import',
  usage: 'import FILE.ags --store DIR [--by U] [--comment C] [--json]',
  summary:
    'Import an AGS4 file: one borelog record (a draft) per hole; re-import updates only changed holes.',
  options: { ...STORE_OPTIONS, by: { type: 'string' }, comment: { type: 'string' } },
  async run(args, io) {
    const file = args.positionals[0]
    if (!file) throw new BadInputError('Missing FILE.ags: name the AGS4 file to import.')
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await fs.readFile(file))
    } catch (e) {
      throw new BadInputError(
        `Cannot read ${file}: ${(e as Error).message}`,
        { file },
        { cause: e },
      )
    }
    const { store, by } = await openSignedStore(args, io, { create: true })
    const comment = stringFlag(args, 'comment')
    const result = await importAgsToStore(store, bytes, {
      by,
      fileName: path.basename(file),
      ...(comment !== undefined ? { comment } : {}),
      ...(io.isTty && !args.values.json
        ? {
            onProgress: (p) =>
              io.err(
                `\r${p.phase} ${p.done}/${p.total}   ${p.done === p.total && p.phase === 'write' ? '\n' : ''}`,
              ),
          }
        : {}),
    })
    if (args.values.json) {
      printJson(io, result)
      return 0
    }
    for (const r of result.records) {
      io.out(`${r.action.padEnd(9)} ${r.recordId} v${r.version} (${r.intervalCount} intervals)\n`)
    }
    const errors = result.findings.filter((f) => f.severity === 'error')
    const warnings = result.findings.filter((f) => f.severity === 'warning')
    for (const f of [...errors, ...warnings.slice(0, WARNINGS_SHOWN)])
      io.out(formatFinding(f) + '\n')
    if (warnings.length > WARNINGS_SHOWN)
      io.out(
        `... and ${warnings.length - WARNINGS_SHOWN} more warning(s); --json lists them all.\n`,
      )
    const count = (a: string) => result.records.filter((r) => r.action === a).length
    io.out(
      `${result.fileName}: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged; ${result.errorCount} error(s), ${result.warningCount} warning(s).\n`,
    )
    return 0
  },
}

export const exportAgsCommand: Command = {
  name: 'export-ags',
  usage: 'export-ags (ID... | --project P) --store DIR --out FILE.ags [--version N] [--json]',
  summary:
    'Write records, or every record of a project (latest versions, or one record at --version N), to one AGS4 file.',
  options: {
    ...STORE_OPTIONS,
    out: { type: 'string' },
    version: { type: 'string' },
    project: { type: 'string' },
  },
  async run(args, io) {
    const project = stringFlag(args, 'project')
    if (project !== undefined && args.positionals.length > 0)
      throw new BadInputError('Name record IDs or --project P to export, not both.')
    if (project === undefined && args.positionals.length === 0)
      throw new BadInputError('Name at least one record ID (or --project P) to export.')
    const out = stringFlag(args, 'out', true)
    const version = versionFlag(args)
    const { store } = await openStore(args)
    const ids = project === undefined ? args.positionals : await projectRecordIds(store, project)
    const result = await exportAgsFromStore(store, ids, version !== undefined ? { version } : {})
    await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true })
    await fs.writeFile(out, result.text)
    if (args.values.json) {
      printJson(io, { out, records: ids, version: version ?? null, findings: result.findings })
    } else {
      for (const f of result.findings) io.out(formatFinding(f) + '\n')
      io.out(`Wrote ${out}: ${ids.length} record(s).\n`)
    }
    return 0
  },
}
