// A metadata.json whose cached top-level fields were edited by hand: record.get shows what
// the history says, and record.history says the record is not intact, naming the field.
// See docs/ARCHITECTURE.md, "Invariants".
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { openBorelogStore } from '../catalog/index'
import { Workspace } from '../desk/index'
import type { Dispatch } from './dispatch'
import { serveWorkspace } from './handlers'

describe('a forged approval over IPC', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let workspace: Workspace
  let dispatch: Dispatch

  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir('borelog-ipc-forged-'))
    const { store } = await openBorelogStore(dir)
    await store.createRecord({
      recordId: 'BH01',
      table: sampleHole('BH01'),
      tableName: 'borelog',
      createdBy: 'field.one',
    })
    const file = join(dir, 'records', 'BH01', 'metadata.json')
    const metadata = JSON.parse(await readFile(file, 'utf8'))
    await writeFile(
      file,
      JSON.stringify({
        ...metadata,
        status: 'approved',
        approved_by: 'mallory',
        approved_at: metadata.created_at,
      }),
    )
    workspace = await Workspace.open({
      configDir: join(dir, '.config'),
      host: 'browser',
      overrides: { storeLocation: dir, userName: 'session.reviewer' },
      watchIntervalMs: 0,
    })
    dispatch = serveWorkspace(workspace)
  })
  afterEach(async () => {
    await workspace.close()
    await cleanup()
  })

  it('record.get shows the state the history says and record.history reports the forged fields', async () => {
    const got = await dispatch('record.get', { recordId: 'BH01' })
    if (!got.ok) throw new Error(got.error.message)
    const { metadata } = got.value as { metadata: { status: string; approved_by: string | null } }
    expect([metadata.status, metadata.approved_by]).toEqual(['draft', null])

    const history = await dispatch('record.history', { recordId: 'BH01' })
    if (!history.ok) throw new Error(history.error.message)
    const { integrity } = history.value as {
      integrity: { isIntact: boolean; problems: { code: string; message: string }[] }
    }
    expect(integrity.isIntact).toBe(false)
    expect(
      integrity.problems.filter((p) => p.code === 'FIELD_MISMATCH').map((p) => p.message),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining('status is "approved"'),
        expect.stringContaining('approved_by is "mallory"'),
      ]),
    )
  })

  it('a real reject from the app is not refused as "already approved"', async () => {
    const res = await dispatch('record.reject', {
      recordId: 'BH01',
      version: 1,
      reason: 'SPT missing',
    })
    expect(res.ok ? null : res.error.message).toBeNull()
  })
})
