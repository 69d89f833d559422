import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { EventName } from '../../shared/ipc/contract'
import { CHANNELS } from '../../shared/ipc/contract'
import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { openBorelogStore } from '../catalog/index'
import type { Dispatch } from './dispatch'
import { Workspace, type EventHub } from '../desk/index'
import { serveWorkspace } from './handlers'

describe('IPC handlers over a real store', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let dispatch: Dispatch
  let events: EventHub
  let workspace: Workspace
  const emitted: Array<[EventName, unknown]> = []

  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir('borelog-ipc-'))
    const { store } = await openBorelogStore(dir)
    await store.createRecord({
      recordId: 'BH01',
      table: sampleHole('BH01'),
      tableName: 'borelog',
      createdBy: 'field.one',
      header: { hole_id: 'BH01', project: 'Harbour Wall' },
    })
    await store.updateRecord({
      recordId: 'BH01',
      table: sampleHole('BH01', 1),
      updatedBy: 'field.one',
      baseVersion: 1,
    })
    workspace = await openWorkspace()
    events = workspace.events
    emitted.length = 0
    events.subscribe((name, payload) => emitted.push([name, payload]))
    dispatch = serveWorkspace(workspace)
  })
  afterEach(async () => {
    await workspace.close()
    await cleanup()
  })

  function openWorkspace(): Promise<Workspace> {
    return Workspace.open({
      configDir: join(dir, '.config'),
      host: 'browser',
      overrides: { storeLocation: dir, userName: 'session.reviewer' },
      watchIntervalMs: 0,
    })
  }

  async function ok<T>(channel: string, payload: unknown): Promise<T> {
    const res = await dispatch(channel, payload)
    if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`)
    return res.value as T
  }

  it('every response matches its contract schema', async () => {
    const requests: Record<string, unknown> = {
      'store.info': {},
      'records.list': { text: 'harbour' },
      'record.get': { recordId: 'BH01' },
      'record.versions': { recordId: 'BH01' },
      'record.history': { recordId: 'BH01' },
      'version.page': {
        recordId: 'BH01',
        version: 2,
        offset: 0,
        limit: 2,
        sort: { column: 'depth_top_m', direction: 'desc' },
      },
      'version.findings': { recordId: 'BH01', version: 2 },
      'diff.summary': { recordId: 'BH01', from: 1, to: 2 },
      'diff.page': { recordId: 'BH01', from: 1, to: 2, offset: 0, limit: 50, onlyChanges: false },
      'diff.seek': { recordId: 'BH01', from: 1, to: 2, at: -1, direction: 'next' },
      'record.approve': { recordId: 'BH01', version: 2 },
    }
    for (const [channel, request] of Object.entries(requests)) {
      const value = await ok(channel, request)
      const parsed = CHANNELS[channel as keyof typeof CHANNELS].response.safeParse(value)
      expect(parsed.success, `${channel}: ${parsed.success ? '' : parsed.error.message}`).toBe(true)
    }
  })

  it('approval records the session user, never an identity the renderer sends', async () => {
    const { metadata } = await ok<{ metadata: { approved_by: string } }>('record.approve', {
      recordId: 'BH01',
      version: 2,
      by: 'someone.else',
      approvedBy: 'someone.else',
    })
    expect(metadata.approved_by).toBe('session.reviewer')
    expect(emitted).toContainEqual(['store.changed', { recordIds: ['BH01'] }])
  })

  it('approve refuses a version the reviewer did not see (STALE_REVIEW)', async () => {
    const res = await dispatch('record.approve', { recordId: 'BH01', version: 1 })
    expect(res.ok ? null : res.error.code).toBe('STALE_REVIEW')
  })

  it('reject without a reason changes nothing', async () => {
    const res = await dispatch('record.reject', { recordId: 'BH01', version: 2, reason: '' })
    expect(res.ok ? null : res.error.code).toBe('BAD_INPUT')
    const detail = await ok<{ metadata: { status: string } }>('record.get', { recordId: 'BH01' })
    expect(detail.metadata.status).toBe('draft')
  })

  it('sorted pages carry the stored row of each row, so findings stay on their rows', async () => {
    const asc = await ok<{ rowIndexes: number[]; rows: unknown[][] }>('version.page', {
      recordId: 'BH01',
      version: 2,
      offset: 0,
      limit: 100,
      sort: { column: 'depth_top_m', direction: 'desc' },
    })
    const plain = await ok<{ rowIndexes: number[]; rows: unknown[][] }>('version.page', {
      recordId: 'BH01',
      version: 2,
      offset: 0,
      limit: 100,
    })
    asc.rowIndexes.forEach((stored, i) => expect(asc.rows[i]).toEqual(plain.rows[stored]))
    const depths = asc.rows.map((r) => r[1] as number)
    expect([...depths].sort((a, b) => b - a)).toEqual(depths)
  })

  it('sorting by a column the version does not have is BAD_INPUT', async () => {
    const res = await dispatch('version.page', {
      recordId: 'BH01',
      version: 2,
      offset: 0,
      limit: 10,
      sort: { column: 'no_such_column', direction: 'asc' },
    })
    expect(res.ok ? null : res.error.code).toBe('BAD_INPUT')
  })

  it('history integrity names an edited history entry once', async () => {
    const file = join(dir, 'records', 'BH01', 'metadata.json')
    const metadata = JSON.parse(await readFile(file, 'utf8')) as {
      history: Array<{ comment: string | null }>
    }
    metadata.history[0]!.comment = 'rewritten later'
    await writeFile(file, JSON.stringify(metadata))
    await workspace.close()
    workspace = await openWorkspace()
    dispatch = serveWorkspace(workspace)
    const history = await ok<{
      integrity: { isIntact: boolean; problems: Array<{ code: string; version: number | null }> }
    }>('record.history', { recordId: 'BH01' })
    expect(history.integrity.isIntact).toBe(false)
    expect(history.integrity.problems).toEqual([
      expect.objectContaining({ code: 'INTEGRITY', version: 1 }),
    ])
  })

  it('history integrity names a version file changed after it was written', async () => {
    await writeFile(join(dir, 'records', 'BH01', 'versions', 'v1.parquet'), 'PAR1 tampered PAR1')
    // A fresh process (the store keeps verified bytes of files it already read).
    await workspace.close()
    workspace = await openWorkspace()
    dispatch = serveWorkspace(workspace)
    const history = await ok<{
      integrity: { isIntact: boolean; problems: Array<{ version: number | null }> }
    }>('record.history', { recordId: 'BH01' })
    expect(history.integrity.isIntact).toBe(false)
    expect(history.integrity.problems.some((p) => p.version === 1)).toBe(true)
    const page = await dispatch('version.page', {
      recordId: 'BH01',
      version: 1,
      offset: 0,
      limit: 10,
    })
    expect(page.ok ? null : page.error.code).toBe('INTEGRITY')
    const other = await dispatch('version.page', {
      recordId: 'BH01',
      version: 2,
      offset: 0,
      limit: 10,
    })
    expect(other.ok).toBe(true)
  })

  it('next change visits every changed row once, in order, as the changes-only pages list them', async () => {
    const diff = { recordId: 'BH01', from: 1, to: 2 }
    const summary = await ok<{ changeCount: number }>('diff.summary', diff)
    expect(summary.changeCount).toBeGreaterThan(0)
    const changed = await ok<{ rows: Array<{ row: number; change: string }> }>('diff.page', {
      ...diff,
      offset: 0,
      limit: 2000,
      onlyChanges: true,
    })
    expect(changed.rows.every((r) => r.change !== 'unchanged')).toBe(true)
    const visited: number[] = []
    let at = -1
    for (;;) {
      const step = await ok<{ row: number | null; ordinal: number }>('diff.seek', {
        ...diff,
        at,
        direction: 'next',
      })
      if (step.row === null) break
      visited.push(step.row)
      expect(step.ordinal).toBe(visited.length)
      at = step.row
    }
    expect(visited).toEqual(changed.rows.map((r) => r.row))
    const back = await ok<{ row: number | null }>('diff.seek', {
      ...diff,
      at,
      direction: 'previous',
    })
    expect(back.row).toBe(visited.at(-2) ?? null)
  })

  it('diffing a version with itself is BAD_INPUT', async () => {
    const res = await dispatch('diff.summary', { recordId: 'BH01', from: 2, to: 2 })
    expect(res.ok ? null : res.error.code).toBe('BAD_INPUT')
  })

  it('an unsafe record id is refused with a code, not a path error', async () => {
    const res = await dispatch('record.get', { recordId: '../../etc' })
    expect(res.ok ? null : res.error.code).toBe('INVALID_RECORD_ID')
  })
})
