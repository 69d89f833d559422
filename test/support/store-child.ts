// A child process for the crash and concurrency tests: it writes to a real store and
// prints one line per acknowledged operation, so the parent knows exactly what
// committed before it killed us or we exited.
//   crash  STORE RECORD_PREFIX         create a record, then update/approve it in a loop, forever
//   race   STORE RECORD_IDS OPS SEED   OPS random updates/approvals on the given records
// STORE is a folder or s3://bucket/prefix; for S3 the parent passes the endpoint options as
// JSON in BORELOG_CHILD_S3 and the credentials in the usual AWS_* variables.
import { createHash } from 'node:crypto'

import { BorelogError } from '../../shared/errors'
import { openBorelogStore } from '../../src-main/catalog/index'
import { sampleHole } from './borelog-fixtures'

function storeOptions(): Parameters<typeof openBorelogStore>[1] {
  const s3 = process.env.BORELOG_CHILD_S3
  return s3 ? { s3: JSON.parse(s3) as Record<string, string | boolean> } : {}
}

function ack(fields: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify(fields) + '\n')
}

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

async function crash(storeDir: string, recordId: string): Promise<void> {
  const { store } = await openBorelogStore(storeDir, storeOptions())
  const meta = await store.createRecord({
    recordId,
    table: sampleHole(recordId),
    tableName: 'borelog',
    createdBy: 'crash',
  })
  ack({ op: 'create', recordId, version: 1, sha: meta.history[0]?.file_sha256 })
  for (let i = 1; ; i++) {
    if (i % 4 === 0) {
      const m = await store.approveRecord({ recordId, version: i, by: 'rev' })
      ack({
        op: 'approve',
        recordId,
        version: i,
        entry: m.history[m.history.length - 1]?.entry_sha256,
      })
    }
    const m = await store.updateRecord({
      recordId,
      table: sampleHole(recordId, i),
      updatedBy: 'crash',
      baseVersion: i,
    })
    const bytes = await store.getVersionFile(recordId, i + 1)
    ack({
      op: 'update',
      recordId,
      version: i + 1,
      sha: sha(bytes),
      recorded: m.history[m.history.length - 1]?.file_sha256,
    })
  }
}

async function race(storeDir: string, ids: string[], ops: number, seed: number): Promise<void> {
  const { store } = await openBorelogStore(storeDir, storeOptions())
  let state = seed
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  for (let i = 0; i < ops; i++) {
    const recordId = ids[Math.floor(random() * ids.length)]!
    try {
      const meta = await store.getMetadata(recordId)
      if (random() < 0.3 && meta.status === 'draft') {
        const m = await store.approveRecord({
          recordId,
          version: meta.current_version,
          by: `p${process.pid}`,
        })
        ack({
          op: 'approve',
          recordId,
          version: meta.current_version,
          entry: m.history[m.history.length - 1]?.entry_sha256,
        })
      } else {
        const m = await store.updateRecord({
          recordId,
          table: sampleHole(recordId, seed * 1000 + i),
          updatedBy: `p${process.pid}`,
          baseVersion: meta.current_version,
        })
        const last = m.history[m.history.length - 1]!
        ack({
          op: 'update',
          recordId,
          version: last.version,
          sha: last.file_sha256,
          entry: last.entry_sha256,
        })
      }
    } catch (e) {
      if (!(e instanceof BorelogError)) throw e
      ack({ op: 'refused', recordId, code: e.code })
    }
  }
}

const [mode, storeDir, arg1, arg2, arg3] = process.argv.slice(2)
if (mode === 'crash') await crash(storeDir!, arg1!)
else if (mode === 'race') await race(storeDir!, arg1!.split(','), Number(arg2), Number(arg3))
else throw new Error(`unknown mode ${mode}`)
