// `diff ID A B`: what changed between two versions of a record (issue 4): rows by the
// record's key columns, cells, schema, header and file metadata, and for a borelog the
// layers split, merged or moved. Text for people (colour on a terminal), --json for tools.
import { BadInputError, NotFoundError } from '../../../shared/errors'
import { diffJson, diffParquet, diffSummaryJson, renderDiffText } from '../../diff/index'
import { readKeyValueMetadata } from '../../parquet/index'
import { BORELOG_DEFINITION } from '../../schema/index'
import type { Command } from '../command'
import { STORE_OPTIONS, openStore, positional, printJson, versionFlag } from '../common'

const BORELOG_DEPTH = {
  holeColumn: 'hole_id',
  topColumn: 'depth_top_m',
  baseColumn: 'depth_base_m',
}

/** The store's own keys in a version file (store/version-file.ts KV_PREFIX). */
const STORE_KEYS = 'borelog.'

/** File metadata other tools wrote; the store's own keys are history and header, shown elsewhere. */
function foreignMetadata(bytes: Uint8Array, where: string): Map<string, string> {
  return new Map([...readKeyValueMetadata(bytes, where)].filter(([k]) => !k.startsWith(STORE_KEYS)))
}

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
    const versions = await store.getAllVersions(recordId)
    for (const v of [a, b]) {
      if (!versions.includes(v))
        throw new NotFoundError(
          `${recordId} has no version ${v} (it has v1-v${versions.length}).`,
          { recordId, version: v },
        )
    }
    const def = await store.tableDefinition(recordId)
    const [bytesA, bytesB, infoA, infoB] = await Promise.all([
      store.getVersionFile(recordId, a),
      store.getVersionFile(recordId, b),
      store.readVersionInfo(recordId, a),
      store.readVersionInfo(recordId, b),
    ])
    const whereA = `${recordId} v${a}`
    const whereB = `${recordId} v${b}`
    const diff = await diffParquet(
      { bytes: bytesA, where: whereA },
      { bytes: bytesB, where: whereB },
      {
        keyColumns: def.keyColumns,
        headers: { a: infoA.header, b: infoB.header },
        metadata: { a: foreignMetadata(bytesA, whereA), b: foreignMetadata(bytesB, whereB) },
        ...(def.tableName === BORELOG_DEFINITION.tableName ? { depthAware: BORELOG_DEPTH } : {}),
      },
    )
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
