import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { CHANNELS } from '../../shared/ipc/contract'
import { tempDir } from '../../test/support/borelog-fixtures'
import { importAgsToStore, readAgs } from '../ags4/index'
import { openBorelogStore } from '../catalog/index'
import { decodeParquet } from '../parquet/index'
import type { VersionedStore } from '../store/index'
import { EventHub, TaskRegistry } from '../desk/index'
import { createDispatch, type Dispatch } from './dispatch'
import { exportHandlers } from './export-handlers'
import type { HandlerTable } from './dispatch'

const AGS = join('resources', 'samples', 'Hindley Mill Embankment FRA01.ags')

describe('record.export', () => {
  let store: VersionedStore
  let dispatch: Dispatch
  let recordId: string
  let cleanup: () => Promise<void>
  const progress: Array<{ done: number; total: number | null }> = []

  beforeEach(async () => {
    let dir: string
    ;({ dir, cleanup } = await tempDir('borelog-export-'))
    ;({ store } = await openBorelogStore(dir))
    const imported = await importAgsToStore(store, await readFile(AGS), {
      by: 'field.one',
      fileName: 'FRA01.ags',
    })
    recordId = imported.records[0]!.recordId
    const events = new EventHub()
    events.subscribe((name, payload) => {
      if (name === 'progress') progress.push(payload as { done: number; total: number | null })
    })
    const handlers = exportHandlers(() => ({ store, tasks: new TaskRegistry(events) }))
    dispatch = createDispatch(handlers as HandlerTable)
  })
  afterEach(() => cleanup())

  async function exported(format: string) {
    const res = await dispatch('record.export', { recordId, version: 1, format })
    if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
    return CHANNELS['record.export'].response.parse(res.value)
  }

  it('Parquet export is the stored version file byte for byte', async () => {
    const file = await exported('parquet')
    const bytes = Buffer.from(file.contentBase64, 'base64')
    expect(bytes.equals(Buffer.from(await store.getVersionFile(recordId, 1)))).toBe(true)
    expect(file.fileName).toBe(`${recordId} v1.parquet`)
    expect(decodeParquet(bytes, 'export').numRows).toBeGreaterThan(0)
  })

  it('CSV export holds every row of the version under its column names', async () => {
    const file = await exported('csv')
    const lines = Buffer.from(file.contentBase64, 'base64').toString('utf8').trim().split(/\r?\n/)
    const { table } = await store.readVersion(recordId, 1)
    expect(lines[0]).toContain('depth_top_m')
    expect(lines.length - 1).toBe(table.numRows)
  })

  it('AGS4 export re-reads as an AGS4 file naming the hole', async () => {
    const file = await exported('ags4')
    const text = Buffer.from(file.contentBase64, 'base64').toString('utf8')
    const ags = readAgs(new TextEncoder().encode(text))
    expect(ags.notAgs4).toBeNull()
    expect(ags.groups.has('LOCA')).toBe(true)
    const { header } = await store.readVersion(recordId, 1)
    expect(text).toContain(`"DATA","${header.hole_id}"`)
    expect(progress.at(-1)).toMatchObject({ done: 1, total: 1 })
  })

  it('an unknown version is NOT_FOUND and a bad format BAD_INPUT', async () => {
    const missing = await dispatch('record.export', { recordId, version: 99, format: 'csv' })
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND')
    const bad = await dispatch('record.export', { recordId, version: 1, format: 'xlsx' })
    expect(!bad.ok && bad.error.code).toBe('BAD_INPUT')
  })
})
