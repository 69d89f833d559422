// The field engineer's path through main, call by call as the app makes them:
// settings name the author, a CSV in feet is previewed and imported into a working
// draft, an edit introduces an error that the live findings show at once, the fix
// clears it, and the save is a version authored by the settings' user, in metres.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { CHANNELS, type Channel, type ResponseOf } from '../../shared/ipc/contract'
import { tempDir } from '../../test/support/borelog-fixtures'
import { openBorelogStore } from '../catalog/index'
import { Workspace } from '../desk/index'
import { verifyStore } from '../store/index'
import { serveWorkspace } from './handlers'

const CSV = join('test', 'fixtures', 'import', 'bh-07-feet.csv')

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

describe('field workflow through the workspace', () => {
  it('CSV in feet -> preview -> draft -> error found and fixed -> saved in metres by the settings user', async () => {
    const { dir, cleanup } = await tempDir('borelog-field-')
    cleanups.push(cleanup)
    const storeDir = join(dir, 'store')
    const workspace = await Workspace.open({
      host: 'browser',
      watchIntervalMs: 0,
      configDir: join(dir, 'config'),
      // The signing identity, as BORELOG_USER names it: created in the config folder.
      overrides: { storeLocation: storeDir, userName: 'ana.field' },
    })
    cleanups.push(() => workspace.close())
    const dispatch = serveWorkspace(workspace)
    async function call<C extends Channel>(channel: C, payload: unknown): Promise<ResponseOf<C>> {
      const res = await dispatch(channel, payload)
      if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`)
      return CHANNELS[channel].response.parse(res.value) as ResponseOf<C>
    }

    const file = {
      fileName: 'bh-07-feet.csv',
      contentBase64: (await readFile(CSV)).toString('base64'),
    }
    const suggested = await call('import.preview', file)
    expect(suggested.detectedUnits).toBe('ft')
    const preview = await call('import.preview', { ...file, sourceUnits: 'ft' })
    const base = preview.targetColumns.findIndex((c) => c.name === 'depth_base_m')
    // 1.5 ft is 0.4572 m: what will be stored, shown before anything is saved.
    expect(preview.previewRows[0]![base]).toBeCloseTo(0.4572, 9)

    const applied = await call('import.apply', { ...file, sourceUnits: 'ft', recordId: 'BH-07' })
    if (applied.kind !== 'draft') throw new Error('a CSV import opens a draft')
    const draft = applied.draft
    expect(draft.baseVersion).toBeNull()
    const errorsBefore = draft.findings.filter((f) => f.severity === 'error').length

    // A base above its top on the second interval: found as soon as it is typed.
    const broken = await call('draft.edit', {
      recordId: 'BH-07',
      edit: { kind: 'set', cells: [{ row: 1, column: 'depth_base_m', value: 0.1 }] },
    })
    const newErrors = broken.findings.filter((f) => f.severity === 'error' && f.row === 1)
    expect(newErrors.length).toBeGreaterThan(0)
    const fixed = await call('draft.edit', {
      recordId: 'BH-07',
      edit: { kind: 'set', cells: [{ row: 1, column: 'depth_base_m', value: 7 * 0.3048 }] },
    })
    expect(fixed.findings.filter((f) => f.severity === 'error').length).toBe(errorsBefore)

    const saved = await call('draft.save', { recordId: 'BH-07', comment: 'Logged on site' })
    expect(saved.metadata.current_version).toBe(1)
    expect(saved.metadata.history.at(-1)).toMatchObject({
      created_by: 'ana.field',
      comment: 'Logged on site',
    })
    expect((await call('drafts.list', {})).drafts).toEqual([])

    // What another process reads from the store: metres, every row of the file.
    const { store } = await openBorelogStore(storeDir)
    const table = await store.getLatestVersion('BH-07')
    const bases = table.getChild('depth_base_m')!.toArray() as Float64Array
    expect(bases[1]).toBeCloseTo(2.1336, 9)
    expect(table.numRows).toBe(preview.rowCount)
    // The save is signed by the identity whose name it carries.
    expect(await verifyStore(store, { requireSignatures: true })).toMatchObject({ ok: true })
    expect(
      (await call('record.history', { recordId: 'BH-07' })).signatures.map((s) => s.status),
    ).toEqual(['valid'])
  })
})
