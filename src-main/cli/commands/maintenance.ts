// Whole-store commands: verify, repair, export, export-metadata.
import type { Command } from '../command'
import { STORE_OPTIONS, formatRows, openStore, printJson, statusFlag, stringFlag } from '../common'
import {
  exportChanges,
  exportMetadata,
  assertIsStore,
  repairStore,
  verifyStore,
  type VersionedStore,
} from '../../store/index'

/** verify and repair of a typo or a file must not pass as an empty store (exit 4). */
async function assertStore(store: VersionedStore): Promise<void> {
  await assertIsStore(store.objects)
}

export const verifyCommand: Command = {
  name: 'verify',
  usage: 'verify --store DIR [--require-signatures] [--json]',
  summary:
    'Recompute every version file hash and the history chains; exit 1 when anything is wrong.',
  options: { ...STORE_OPTIONS, 'require-signatures': { type: 'boolean' } },
  async run(args, io) {
    const { store } = await openStore(args)
    await assertStore(store)
    const report = await verifyStore(store, {
      requireSignatures: Boolean(args.values['require-signatures']),
    })
    if (args.values.json) {
      printJson(io, report)
      return report.ok ? 0 : 1
    }
    for (const w of report.warnings)
      io.out(`warning: ${w.recordId ? w.recordId + ': ' : ''}${w.message}\n`)
    const unsigned = report.warnings.filter((w) => w.code === 'UNSIGNED').length
    if (unsigned > 0)
      io.out(
        `${unsigned} unsigned (legacy) history entr${unsigned === 1 ? 'y' : 'ies'}: written before signing; --require-signatures makes them errors.\n`,
      )
    if (report.ok) {
      io.out(
        `OK: ${report.recordsChecked} record(s), ${report.versionsChecked} version file(s) verified.\n`,
      )
    } else {
      io.out(
        formatRows(
          ['record', 'problem', 'repairable', 'message'],
          report.problems.map((p) => [p.recordId, p.code, p.repairable ? 'yes' : 'no', p.message]),
        ),
      )
      io.out(
        `${report.problems.length} problem(s) in ${report.recordsChecked} record(s).${report.problems.some((p) => p.repairable) ? ' Run borelog-desk repair for those marked repairable.' : ''}\n`,
      )
    }
    return report.ok ? 0 : 1
  },
}

export const repairCommand: Command = {
  name: 'repair',
  usage: 'repair --store DIR [--json]',
  summary: 'Finish or discard interrupted writes; never deletes a committed version.',
  options: STORE_OPTIONS,
  async run(args, io) {
    const { store } = await openStore(args)
    await assertStore(store)
    const report = await repairStore(store)
    if (args.values.json) printJson(io, report)
    else {
      io.out(
        report.actions.length === 0
          ? 'Nothing to repair.\n'
          : report.actions
              .map((a) => `${a.recordId ? a.recordId + ': ' : ''}${a.action}`)
              .join('\n') + '\n',
      )
      if (report.remaining.length > 0)
        io.out(
          `${report.remaining.length} problem(s) repair cannot fix; run borelog-desk verify for details.\n`,
        )
    }
    return report.remaining.length === 0 ? 0 : 1
  },
}

export const exportCommand: Command = {
  name: 'export',
  usage: 'export --out DIR [--since CURSOR] [--status S] --store DIR [--json]',
  summary:
    'Export the records changed since a cursor to Parquet files plus manifest.json, and print the next cursor.',
  options: {
    ...STORE_OPTIONS,
    out: { type: 'string' },
    since: { type: 'string' },
    status: { type: 'string' },
  },
  async run(args, io) {
    const outDir = stringFlag(args, 'out', true)
    const since = stringFlag(args, 'since')
    const status = statusFlag(args)
    const { store } = await openStore(args)
    const result = await exportChanges(store, {
      outDir,
      ...(since ? { since } : {}),
      ...(status ? { status } : {}),
    })
    if (args.values.json) printJson(io, result)
    else
      io.out(
        `Exported ${result.records.length} record(s) to ${outDir}.\nNext cursor: ${result.cursor}\n`,
      )
    return 0
  },
}

export const exportMetadataCommand: Command = {
  name: 'export-metadata',
  usage: 'export-metadata --out FILE.parquet --store DIR [--json]',
  summary: 'Write all metadata and history as one Parquet table (one row per history entry).',
  options: { ...STORE_OPTIONS, out: { type: 'string' } },
  async run(args, io) {
    const out = stringFlag(args, 'out', true)
    const { store } = await openStore(args)
    const result = await exportMetadata(store, out)
    if (args.values.json) printJson(io, { out, ...result })
    else io.out(`Wrote ${result.rows} history row(s) of ${result.records} record(s) to ${out}.\n`)
    return 0
  },
}
