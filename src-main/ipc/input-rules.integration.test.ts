// The input rules of docs/CLI.md, "Input rules", hold over IPC too: the contract and the
// handlers apply the same shared rules (record ids, user names, table names) as the CLI.
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { openBorelogStore } from '../catalog/index'
import { Workspace } from '../desk/index'
import type { Dispatch } from './dispatch'
import { serveWorkspace } from './handlers'

describe('input rules over IPC', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let dispatch: Dispatch
  let workspace: Workspace

  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir('borelog-ipc-inputs-'))
    const storeDir = path.join(dir, 'store')
    const { store } = await openBorelogStore(storeDir)
    await store.createRecord({
      recordId: 'R1',
      table: sampleHole('R1'),
      tableName: 'borelog',
      createdBy: 'ann',
    })
    workspace = await Workspace.open({
      configDir: path.join(dir, '.config'),
      host: 'browser',
      overrides: { storeLocation: storeDir, userName: 'ann' },
      watchIntervalMs: 0,
    })
    dispatch = serveWorkspace(workspace)
  })
  afterEach(async () => {
    await workspace.close()
    await cleanup()
  })

  async function refusal(channel: Parameters<Dispatch>[0], payload: unknown) {
    const res = await dispatch(channel, payload)
    if (res.ok) throw new Error(`${channel} accepted ${JSON.stringify(payload)}`)
    return res.error
  }

  it('draft.create refuses an id that collides with an existing one, naming it', async () => {
    for (const recordId of ['r1', 'Ｒ１']) {
      const error = await refusal('draft.create', { recordId, source: { kind: 'blank' } })
      expect(error.code).toBe('INVALID_RECORD_ID')
      expect(error.details?.existingRecordId).toBe('R1')
    }
  })

  it('draft.create refuses Windows device names, invisible characters and mixed scripts', async () => {
    for (const recordId of ['CON', 'aux.txt', 'COM¹', 'R2\u3164', 'PАYMENT']) {
      const error = await refusal('draft.create', { recordId, source: { kind: 'blank' } })
      expect(error.code).toBe('INVALID_RECORD_ID')
    }
    const ok = await dispatch('draft.create', { recordId: 'R2', source: { kind: 'blank' } })
    expect(ok.ok).toBe(true)
  })

  it('a table name that is not [a-z][a-z0-9_]* is refused by the contract', async () => {
    const error = await refusal('draft.create', {
      recordId: 'R3',
      tableName: '../../../../tmp/x',
      source: { kind: 'blank' },
    })
    expect(error.code).toBe('BAD_INPUT')
  })

  it('a user name over 100 characters or with a control character is refused', async () => {
    for (const userName of ['a'.repeat(101), 'ann\nroot', 'ann\u202Eeve'])
      expect((await refusal('settings.update', { userName })).code).toBe('BAD_INPUT')
    // A well-formed name is refused too: names come from the signing identity only.
    const wellFormed = await refusal('settings.update', { userName: 'Zoë Ørsted' })
    expect(wellFormed.code).toBe('BAD_INPUT')
    expect(wellFormed.message).toMatch(/identity/i)
  })
})
