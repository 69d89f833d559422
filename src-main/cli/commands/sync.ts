// sync, push, pull and resolve: the local working folder (--store) against the
// team's remote (--remote s3://bucket/prefix, or another folder). The S3 flags (--endpoint,
// --profile, --region, --path-style) apply to the remote. Progress goes to stderr when it
// is a terminal; --json prints the result. Exit 3 while conflicts wait for resolve (or, for
// push, while the remote has changes to pull first).
import { promises as fs } from 'node:fs'

import { BadInputError } from '../../../shared/errors'
import { openBorelogStore } from '../../catalog/index'
import { openRemote, remoteLocation as remoteLocationOf } from '../../desk/index'
import type { VersionedStore } from '../../store/index'
import {
  listConflicts,
  resolve,
  runSync,
  type RecordConflicts,
  type Resolution,
  type SyncDirection,
  type SyncProgress,
  type SyncResult,
} from '../../sync/index'
import type { CliIo, Command, OptionSpec, ParsedArgs } from '../command'
import {
  STORE_OPTIONS,
  callerForWrite,
  formatRows,
  positional,
  printJson,
  s3Flags,
  stringFlag,
} from '../common'

const CONFLICT_EXIT = 3

const SYNC_OPTIONS: OptionSpec = {
  ...STORE_OPTIONS,
  remote: { type: 'string' },
  by: { type: 'string' },
}

async function openPair(
  args: ParsedArgs,
  io: CliIo,
): Promise<{ local: VersionedStore; remote: VersionedStore }> {
  const storeDir = stringFlag(args, 'store', true)
  const remoteUrl = stringFlag(args, 'remote', true)
  if (storeDir.startsWith('s3://')) {
    throw new BadInputError(
      `--store is the local working folder that sync keeps usable offline; put the remote (${storeDir}) in --remote.`,
      { flag: 'store' },
    )
  }
  // Merges a sync makes are the caller's history entries, signed like any other write.
  const identity = await callerForWrite(args, io)
  const local = (await openBorelogStore(storeDir, { signer: identity.signer })).store
  const remote = await openRemote(remoteUrl, s3Flags(args))
  return { local, remote }
}

/** One status line on stderr, redrawn at most ten times a second. */
function progressPrinter(
  io: CliIo,
  enabled: boolean,
): { update(p: SyncProgress): void; end(): void } {
  let last = 0
  let shown = false
  const mb = (n: number): string => (n / 1e6).toFixed(1)
  return {
    update(p) {
      if (!enabled) return
      const now = Date.now()
      if (p.phase === 'records' && now - last < 100 && p.recordsDone < p.recordsTotal) return
      last = now
      const what =
        p.phase === 'listing' ? 'listing changes…' : `${p.recordsDone}/${p.recordsTotal} records`
      io.err(
        `\r${p.direction}: ${what}  ${mb(p.bytesDown)} MB down, ${mb(p.bytesUp)} MB up\u001b[K`,
      )
      shown = true
    },
    end() {
      if (shown) io.err('\n')
    },
  }
}

function summary(result: SyncResult): string {
  const versions = (list: { versions: number[] }[]): number =>
    list.reduce((n, r) => n + r.versions.length, 0)
  const reviews = (list: { reviews: number }[]): number => list.reduce((n, r) => n + r.reviews, 0)
  const lines = [
    `Pulled ${versions(result.pulled)} version(s) and ${reviews(result.pulled)} review(s) of ${result.pulled.length} record(s); ` +
      `pushed ${versions(result.pushed)} version(s) and ${reviews(result.pushed)} review(s) of ${result.pushed.length} record(s).`,
  ]
  for (const m of result.merged)
    lines.push(
      `Merged ${m.recordId}: v${m.version} joins v${m.mergedFrom[0]} and v${m.mergedFrom[1]}.`,
    )
  for (const d of result.declined) {
    lines.push(
      `Not pushed: the ${d.action} of ${d.recordId} v${d.version} by ${d.by}: ${d.reason === 'moved-past' ? 'the remote has newer versions' : d.reason === 'reviewed' ? 'it was reviewed on the remote first' : 'that version is not on the remote'}.`,
    )
  }
  for (const w of result.waiting)
    lines.push(`Not pushed: ${w} has remote changes; run borelog-desk pull or sync first.`)
  for (const f of result.failed) lines.push(`Failed: ${f.recordId}: ${f.message}`)
  for (const c of result.conflicts) lines.push(conflictLine(c))
  if (result.upToDate) lines.push('Up to date.')
  return lines.join('\n') + '\n'
}

function conflictLine(c: RecordConflicts): string {
  return `Conflict: ${c.recordId} local v${c.localVersion} and remote v${c.remoteVersion} changed ${c.conflicts.length} cell(s) differently; run borelog-desk resolve ${c.recordId} to see and answer them.`
}

/** BigInt-safe JSON (conflict values of 64-bit columns). */
function printResult(io: CliIo, value: unknown): void {
  io.out(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n',
  )
}

function syncCommandFor(direction: SyncDirection, summaryText: string): Command {
  return {
    name: direction,
    usage: `${direction} --store DIR --remote s3://bucket/prefix [--endpoint URL] [--profile P] [--region R] [--by U] [--json]`,
    summary: summaryText,
    options: SYNC_OPTIONS,
    async run(args, io) {
      const { local, remote } = await openPair(args, io)
      const progress = progressPrinter(io, Boolean(process.stderr.isTTY) && !args.values.json)
      let result: SyncResult
      try {
        result = await runSync(direction, local, remote, {
          onProgress: (p) => progress.update(p),
        })
      } finally {
        progress.end()
      }
      if (args.values.json) printResult(io, result)
      else io.out(summary(result))
      if (result.conflicts.length > 0 || result.waiting.length > 0) return CONFLICT_EXIT
      return result.failed.length > 0 ? 1 : 0
    },
  }
}

export const syncCommand = syncCommandFor(
  'sync',
  'Pull then push: bring the local store and the remote in sync; merge what was saved on both sides.',
)
export const pushCommand = syncCommandFor(
  'push',
  'Send local versions and reviews the remote does not have.',
)
export const pullCommand = syncCommandFor(
  'pull',
  'Bring remote versions and reviews down; merge what was saved on both sides.',
)

async function readAnswers(file: string): Promise<Record<string, Resolution>> {
  let raw: unknown
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'))
  } catch (e) {
    throw new BadInputError(`Cannot read the answers in ${file}: ${(e as Error).message}`, { file })
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new BadInputError(
      `${file} must hold a JSON object: {"conflict id": "ours" | "theirs" | {"value": ...}}.`,
      { file },
    )
  }
  for (const [id, answer] of Object.entries(raw)) {
    const ok =
      answer === 'ours' ||
      answer === 'theirs' ||
      (typeof answer === 'object' && answer !== null && 'value' in answer)
    if (!ok)
      throw new BadInputError(
        `${file}: the answer to "${id}" must be "ours", "theirs" or {"value": ...}.`,
        { file, id },
      )
  }
  return raw as Record<string, Resolution>
}

export const resolveCommand: Command = {
  name: 'resolve',
  usage:
    'resolve ID --store DIR --remote s3://bucket/prefix [--take ours|theirs] [--answers FILE.json] [--by U] [--json]',
  summary:
    'Show the conflicts sync found in a record, or answer them (per conflict id, or all at once) and save the merge locally.',
  options: { ...SYNC_OPTIONS, take: { type: 'string' }, answers: { type: 'string' } },
  async run(args, io) {
    const recordId = positional(args, 0, 'record ID')
    const storeDir = stringFlag(args, 'store', true)
    const remoteUrl = stringFlag(args, 'remote', true)
    const take = stringFlag(args, 'take')
    if (take !== undefined && take !== 'ours' && take !== 'theirs')
      throw new BadInputError(`--take must be ours or theirs, not "${take}".`, { flag: 'take' })
    const answersFile = stringFlag(args, 'answers')
    const identity = await callerForWrite(args, io)
    const local = (await openBorelogStore(storeDir, { signer: identity.signer })).store
    const remoteLocation = remoteLocationOf(remoteUrl, s3Flags(args))
    const found = (await listConflicts(local, remoteLocation)).find((c) => c.recordId === recordId)
    if (!found) {
      io.err(`borelog-desk resolve: ${recordId} has no conflict waiting with ${remoteUrl}.\n`)
      return 4
    }
    if (take === undefined && answersFile === undefined) {
      if (args.values.json) printResult(io, found)
      else {
        io.out(
          formatRows(
            ['id', 'kind', 'where', 'base', 'ours', 'theirs'],
            found.conflicts.map((c) => [
              c.id,
              c.kind,
              [c.key ? Object.values(c.key).join(' @ ') : '', c.column ?? '(row)']
                .filter(Boolean)
                .join(' '),
              JSON.stringify(c.base),
              JSON.stringify(c.ours),
              JSON.stringify(c.theirs),
            ]),
          ),
        )
        io.out(
          `Answer with --take ours|theirs, or --answers FILE.json ({"${found.conflicts[0]?.id ?? 'c1'}": "ours" | "theirs" | {"value": ...}}).\n`,
        )
      }
      return CONFLICT_EXIT
    }
    const answers: Record<string, Resolution> = answersFile ? await readAnswers(answersFile) : {}
    if (take) for (const c of found.conflicts) answers[c.id] ??= take
    const saved = await resolve(local, remoteLocation, {
      recordId,
      resolutions: answers,
    })
    if (args.values.json) printJson(io, { record_id: recordId, ...saved })
    else
      io.out(
        `Saved ${recordId} v${saved.version}, the merge of v${saved.mergedFrom[0]} and v${saved.mergedFrom[1]}. Run borelog-desk sync to push it.\n`,
      )
    return 0
  },
}
