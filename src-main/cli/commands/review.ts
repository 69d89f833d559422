// approve and reject name the version the reviewer saw: a review of a version the record
// has moved past is refused. See docs/ARCHITECTURE.md, "Invariants".
import type { Command } from '../command'
import {
  STORE_OPTIONS,
  openSignedStore,
  positional,
  printJson,
  stringFlag,
  versionFlag,
} from '../common'

export const approveCommand: Command = {
  name: 'approve',
  usage: 'approve ID [--by U] --version N [--comment C] --store DIR [--json]',
  summary:
    'Approve version N of a draft; refused if the record moved on or N has validation errors.',
  options: {
    ...STORE_OPTIONS,
    by: { type: 'string' },
    version: { type: 'string' },
    comment: { type: 'string' },
  },
  async run(args, io) {
    const recordId = positional(args, 0, 'record ID')
    const version = versionFlag(args, 'version', true)!
    const { store, by } = await openSignedStore(args, io)
    const metadata = await store.approveRecord({
      recordId,
      version,
      by,
      comment: stringFlag(args, 'comment') ?? null,
    })
    if (args.values.json) printJson(io, metadata)
    else io.out(`Approved ${recordId} v${version}.\n`)
    return 0
  },
}

export const rejectCommand: Command = {
  name: 'reject',
  usage: 'reject ID [--by U] --version N --reason R --store DIR [--json]',
  summary: 'Reject version N of a draft with a reason; refused if the record moved on.',
  options: {
    ...STORE_OPTIONS,
    by: { type: 'string' },
    version: { type: 'string' },
    reason: { type: 'string' },
  },
  async run(args, io) {
    const recordId = positional(args, 0, 'record ID')
    const version = versionFlag(args, 'version', true)!
    const reason = stringFlag(args, 'reason', true)
    const { store, by } = await openSignedStore(args, io)
    const metadata = await store.rejectRecord({ recordId, version, by, reason })
    if (args.values.json) printJson(io, metadata)
    else io.out(`Rejected ${recordId} v${version}: ${reason}\n`)
    return 0
  },
}
