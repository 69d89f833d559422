import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { CHANNELS, type Channel, type EventName } from '../../shared/ipc/contract'
import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { openBorelogStore } from '../catalog/index'
import type { VersionedStore } from '../store/index'
import type { Dispatch } from './dispatch'
import { Workspace } from '../desk/index'
import { serveWorkspace } from './handlers'

describe('draft channels over a real store', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let dispatch: Dispatch
  let store: VersionedStore
  let workspace: Workspace
  const emitted: Array<[EventName, unknown]> = []

  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir('borelog-ipc-drafts-'))
    const storeDir = path.join(dir, 'store')
    // Another writer's view of the same folder.
    ;({ store } = await openBorelogStore(storeDir))
    await store.createRecord({
      recordId: 'BH01',
      table: sampleHole('BH01'),
      tableName: 'borelog',
      createdBy: 'field.one',
      header: { hole_id: 'BH01', project: 'Harbour Wall' },
    })
    workspace = await Workspace.open({
      configDir: path.join(dir, '.config'),
      host: 'browser',
      overrides: { storeLocation: storeDir, userName: 'field.one' },
      watchIntervalMs: 0,
    })
    emitted.length = 0
    workspace.events.subscribe((name, payload) => emitted.push([name, payload]))
    dispatch = serveWorkspace(workspace)
  })
  afterEach(async () => {
    await workspace.close()
    await cleanup()
  })

  /** Calls a channel and parses its response with the contract's schema. */
  async function call<C extends Channel>(channel: C, payload: unknown): Promise<unknown> {
    const res = await dispatch(channel, payload)
    if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`)
    return CHANNELS[channel].response.parse(res.value)
  }

  it('every draft channel answers in its contract schema, and a save is announced', async () => {
    await call('draft.open', { recordId: 'BH01' })
    await call('draft.edit', {
      recordId: 'BH01',
      edit: {
        kind: 'paste',
        row: 3,
        column: 'depth_top_m',
        values: [['5', '6', 'Clay']],
        units: 'm',
      },
    })
    await call('draft.edit', { recordId: 'BH01', edit: { kind: 'move', from: 3, count: 1, to: 0 } })
    expect(await call('draft.undo', { recordId: 'BH01' })).toMatchObject({
      redoLabel: 'Move 1 row',
      undoLabel: 'Paste 1 × 3 cells',
    })
    await call('draft.redo', { recordId: 'BH01' })
    const page = (await call('draft.page', { recordId: 'BH01', offset: 0, limit: 2 })) as {
      rowCount: number
      rows: unknown[][]
    }
    expect(page.rowCount).toBe(4)
    expect(page.rows).toHaveLength(2)
    expect(page.rows[0]!.slice(0, 4)).toEqual(['BH01', 5, 6, 'Clay'])
    expect(await call('drafts.list', {})).toEqual({
      drafts: [expect.objectContaining({ recordId: 'BH01', editCount: 2 })],
    })
    await call('draft.create', { recordId: 'BH02', source: { kind: 'template', recordId: 'BH01' } })
    await call('draft.discard', { recordId: 'BH02' })
    const saved = (await call('draft.save', { recordId: 'BH01', comment: 'moved a layer' })) as {
      metadata: { current_version: number }
    }
    expect(saved.metadata.current_version).toBe(2)
    expect(emitted).toContainEqual(['store.changed', { recordIds: ['BH01'] }])
    expect(
      emitted.some(
        ([name, p]) => name === 'progress' && (p as { label: string }).label === 'Saving BH01',
      ),
    ).toBe(true)
    expect(await call('drafts.list', {})).toEqual({ drafts: [] })
  })

  it('errors keep their codes across the boundary: a bad value, an existing record, a conflict', async () => {
    const bad = await dispatch('draft.edit', {
      recordId: 'BH01',
      edit: { kind: 'set', cells: [{ row: 0, column: 'spt_n', value: 'many' }] },
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    const exists = await dispatch('draft.create', { recordId: 'BH01', source: { kind: 'blank' } })
    expect(exists).toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS' } })
    await call('draft.edit', { recordId: 'BH01', edit: { kind: 'insert', at: 0, count: 1 } })
    await store.updateRecord({
      recordId: 'BH01',
      table: sampleHole('BH01', 2),
      updatedBy: 'other',
      baseVersion: 1,
    })
    expect(await call('draft.open', { recordId: 'BH01' })).toMatchObject({ isBehind: true })
    const conflict = await dispatch('draft.save', { recordId: 'BH01', comment: '' })
    expect(conflict).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' } })
    expect(emitted.some(([name]) => name === 'store.changed')).toBe(false)
  })
})
