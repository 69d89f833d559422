// A record made the way the app makes one (the new-record form's `draft.create` with
// the header as typed, rows pasted into the grid, a header edit in the draft editor)
// exports AGS4 that our checker passes with 0 errors. See docs/AGS4.md, "Export".
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { CHANNELS, type Channel } from '../../shared/ipc/contract'
import { checkAgsBytes, convertAgs, readAgs } from '../../src-main/ags4/index'
import { openBorelogStore } from '../../src-main/catalog/index'
import { Workspace } from '../../src-main/desk/index'
import type { Dispatch } from '../../src-main/ipc/dispatch'
import { serveWorkspace } from '../../src-main/ipc/handlers'
import { tempDir } from '../support/borelog-fixtures'

describe('a record typed in the app exports AGS4 with 0 errors', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let dispatch: Dispatch
  let workspace: Workspace

  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir('borelog-app-ags-'))
    const storeDir = path.join(dir, 'store')
    await openBorelogStore(storeDir)
    workspace = await Workspace.open({
      configDir: path.join(dir, '.config'),
      host: 'browser',
      overrides: { storeLocation: storeDir, userName: 'field.one' },
      watchIntervalMs: 0,
    })
    dispatch = serveWorkspace(workspace)
  })
  afterEach(async () => {
    await workspace.close()
    await cleanup()
  })

  async function call<C extends Channel>(channel: C, payload: unknown) {
    const res = await dispatch(channel, payload)
    if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`)
    return CHANNELS[channel].response.parse(res.value)
  }

  async function exportedAgs(recordId: string, version: number): Promise<Uint8Array> {
    const file = (await call('record.export', { recordId, version, format: 'ags4' })) as {
      contentBase64: string
    }
    return new Uint8Array(Buffer.from(file.contentBase64, 'base64'))
  }

  it('numbers typed with too few or too many decimals, a depth from feet, a later header edit', async () => {
    // As headerFromForm sends them: typed text, the final depth as String(metres).
    const header = {
      hole_id: 'BH7',
      project: 'New site',
      easting: '523145.5',
      northing: '178456',
      crs: 'EPSG:27700',
      ground_level_m: '16.234',
      final_depth_m: String(33 * 0.3048),
      method: 'Cable percussion',
      start_date: '2024-05-01',
      logged_by: 'field.one',
    }
    await call('draft.create', { recordId: 'BH7', header, source: { kind: 'blank' } })
    await call('draft.edit', {
      recordId: 'BH7',
      edit: {
        kind: 'paste',
        row: 0,
        column: 'depth_top_m',
        values: [
          ['0', '1.2345', 'Soft brown CLAY'],
          ['1.2345', '10.0584', 'Dense SAND, 30\u00b0 dip'],
        ],
        units: 'm',
      },
    })
    await call('draft.save', { recordId: 'BH7', comment: 'first log' })

    const v1 = checkAgsBytes(await exportedAgs('BH7', 1), { fileName: 'BH7.ags' })
    expect(v1.findings.filter((f) => f.severity === 'error')).toEqual([])

    await call('draft.open', { recordId: 'BH7' })
    await call('draft.edit', {
      recordId: 'BH7',
      edit: { kind: 'header', key: 'easting', value: '5.2315e5' },
    })
    await call('draft.save', { recordId: 'BH7', comment: 'resurveyed' })
    const bytes = await exportedAgs('BH7', 2)
    const v2 = checkAgsBytes(bytes, { fileName: 'BH7.ags' })
    expect(v2.findings.filter((f) => f.severity === 'error')).toEqual([])
    const [again] = convertAgs(readAgs(bytes)).holes
    expect(again?.header).toMatchObject({
      easting: '523150.00',
      northing: '178456.00',
      ground_level_m: '16.23',
      final_depth_m: '10.06',
    })
  })
})
