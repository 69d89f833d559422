// `diff ID A B`: what changed between two versions of a record: rows by the
// record's key columns, cells, schema, header and file metadata, and for a borelog the
// layers split, merged or moved. Text for people (colour on a terminal), --json for tools.
import { BadInputError } from '../../../shared/errors'
import { diffStoredVersions } from '../../desk/index'
import { diffJson, diffSummaryJson, renderDiffText } from '../../diff/index'
import type { Command } from '../command'
import { STORE_OPTIONS, openStore, positional, printJson, versionFlag } from '../common'

function versionArg(text: string, what: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1)
    throw new BadInputError(`${what} must be a version number (1, 2, ...), not "${text}".`, {
      argument: what,
    })
  return n
}

export const diffCommand: Command = {
  name: 'diff',
  usage: 'diff ID A B --store DIR [--json] [--summary] [--limit N]',
  summary:
    'Rows, cells, schema and header changed from version A to B of a record (layers too, for a borelog).',
  options: { ...STORE_OPTIONS, summary: { type: 'boolean' }, limit: { type: 'string' } },
  async run(args, io) {
    const recordId = positional(args, 0, 'record ID')
    const a = versionArg(positional(args, 1, 'version A'), 'version A')
    const b = versionArg(positional(args, 2, 'version B'), 'version B')
    const limit = versionFlag(args, 'limit')
    const { store } = await openStore(args)
    const diff = await diffStoredVersions(store, recordId, a, b)
    if (args.values.json)
      printJson(
        io,
        args.values.summary
          ? diffSummaryJson(diff)
          : diffJson(diff, limit === undefined ? {} : { limit }),
      )
    else
      io.out(
        renderDiffText(diff, {
          color: io.isTty,
          summaryOnly: Boolean(args.values.summary),
          ...(limit === undefined ? {} : { limit }),
        }),
      )
    return 0
  },
}
