// import.preview / import.apply through createDispatch over a real store: responses
// parse with the contract, CSV apply hands the draft manager what it needs, AGS4
// apply saves a version per changed hole and announces it, cancel stops before a write.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import { CHANNELS, type DraftState, type EventName } from '../../shared/ipc/contract'
import { tempDir } from '../../test/support/borelog-fixtures'
import { generateSigner } from '../../test/support/signers'
import { openBorelogStore } from '../catalog/index'
import type { DraftFromTableInput, DraftManagerApi } from '../drafts/index'
import { verifyStore, type VersionedStore } from '../store/index'
import { EventHub, TaskRegistry } from '../desk/index'
import { createDispatch, type Dispatch, type HandlerTable } from './dispatch'
import { importHandlers } from './import-handlers'

const FIXTURES = path.join(__dirname, '../../test/fixtures')
const FEET_CSV = path.join(FIXTURES, 'import/bh-07-feet.csv')
const HINDLEY = path.join(FIXTURES, 'ags4/real/Hindley Mill Embankment FRA01.ags')

const notHere = (): Promise<never> =>
  Promise.reject(new BorelogError('INTERNAL', 'not part of the import tests'))

/** Records what import hands the draft manager (our own interface, implemented in-test). */
class RecordingDrafts implements DraftManagerApi {
  readonly received: DraftFromTableInput[] = []
  list = notHere
  open = notHere
  create = notHere
  page = notHere
  edit = notHere
  undo = notHere
  redo = notHere
  save = notHere
  discard = notHere
  createFromTable(input: DraftFromTableInput): Promise<DraftState> {
    this.received.push(input)
    return Promise.resolve({
      recordId: input.recordId,
      tableName: input.tableName,
      baseVersion: null,
      isBehind: false,
      columns: [],
      rowCount: input.table.numRows,
      header: input.header,
      findings: input.extraFindings ?? [],
      editCount: 0,
      canUndo: false,
      canRedo: false,
      undoLabel: null,
      redoLabel: null,
      wasRecovered: false,
      updatedAt: '2026-11-26T00:00:00Z',
    })
  }
}

describe('import handlers over a real store', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let dispatch: Dispatch
  let store: VersionedStore
  let tasks: TaskRegistry
  let drafts: RecordingDrafts
  let events: EventHub
  const emitted: Array<[EventName, unknown]> = []

  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir('borelog-import-ipc-'))
    // Signed as the session's store is (desk/session.ts): the user is the signer's name.
    ;({ store } = await openBorelogStore(path.join(dir, 'store'), {
      signer: generateSigner('field.engineer'),
    }))
    events = new EventHub()
    emitted.length = 0
    events.subscribe((name, payload) => emitted.push([name, payload]))
    tasks = new TaskRegistry(events)
    drafts = new RecordingDrafts()
    const announce = (recordIds: readonly string[]): Promise<void> => {
      if (recordIds.length > 0) events.emit('store.changed', { recordIds: [...recordIds] })
      return Promise.resolve()
    }
    const handlers = importHandlers(() => ({
      store,
      tasks,
      drafts,
      user: () => 'field.engineer',
      announce,
      async committing(work, committed) {
        const result = await work()
        await announce(committed(result))
        return result
      },
    }))
    dispatch = createDispatch(handlers as HandlerTable)
  })
  afterEach(() => cleanup())

  async function file(filePath: string): Promise<{ fileName: string; contentBase64: string }> {
    return {
      fileName: path.basename(filePath),
      contentBase64: (await fs.readFile(filePath)).toString('base64'),
    }
  }

  function text(fileName: string, content: string): { fileName: string; contentBase64: string } {
    return { fileName, contentBase64: Buffer.from(content).toString('base64') }
  }

  async function ok<C extends keyof typeof CHANNELS>(channel: C, payload: unknown) {
    const res = await dispatch(channel, payload)
    if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`)
    const parsed = CHANNELS[channel].response.safeParse(res.value)
    expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true)
    return parsed.data as ReturnType<(typeof CHANNELS)[C]['response']['parse']>
  }

  async function codeOf(channel: string, payload: unknown): Promise<string | null> {
    const res = await dispatch(channel, payload)
    return res.ok ? null : res.error.code
  }

  it('CSV preview: contract-shaped, feet detected, rows as stored in metres', async () => {
    const preview = await ok('import.preview', { ...(await file(FEET_CSV)), sourceUnits: 'ft' })
    expect(preview).toMatchObject({ format: 'csv', rowCount: 3, detectedUnits: 'ft', holes: [] })
    expect(preview.targetColumns.map((c) => c.name)).toEqual(
      store.registry.get('borelog')!.schema.fields.map((f) => f.name),
    )
    const top = preview.targetColumns.findIndex((c) => c.name === 'depth_base_m')
    expect(preview.previewRows[2]?.[top]).toBeCloseTo(5.0292, 9)
    expect(preview.targetColumns[top]?.unit).toBe('m')
  })

  it('preview shows the first 50 rows and counts them all', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => `BH1,${i},${i + 1},CLAY`)
    const preview = await ok(
      'import.preview',
      text('BH1.csv', `hole,top,base,desc\n${lines.join('\n')}\n`),
    )
    expect(preview.rowCount).toBe(60)
    expect(preview.previewRows).toHaveLength(50)
  })

  it('preview runs as a cancellable task whose progress ends at its total', async () => {
    await ok('import.preview', await file(FEET_CSV))
    const progress = emitted.filter(([name]) => name === 'progress').map(([, p]) => p)
    expect(progress[0]).toMatchObject({ done: 0, total: null, isCancellable: true })
    const last = progress.at(-1) as { done: number; total: number }
    expect(last.done).toBe(last.total)
  })

  it('CSV apply hands the draft manager the converted rows, header and conversion findings', async () => {
    const csv = 'Borehole,From (ft),To (ft),Description,SPT\nBH-3,0,5,CLAY,12\nBH-3,5,10,SAND,N/A\n'
    const result = await ok('import.apply', { ...text('site log.csv', csv), sourceUnits: 'ft' })
    expect(result.kind).toBe('draft')
    expect(drafts.received).toHaveLength(1)
    const input = drafts.received[0]!
    expect(input).toMatchObject({
      recordId: 'BH-3',
      tableName: 'borelog',
      header: { hole_id: 'BH-3', source_file: 'site log.csv' },
    })
    expect(input.table.getChild('depth_base_m')?.get(1)).toBeCloseTo(3.048, 9)
    expect(input.extraFindings?.map((f) => [f.rule, f.row, f.column])).toEqual([
      ['import.type', 1, 'spt_n'],
    ])
    expect(emitted.some(([name]) => name === 'store.changed')).toBe(false)
  })

  it('CSV apply uses the record id asked for, and fills missing hole ids with it', async () => {
    await ok('import.apply', { ...text('log.csv', 'top,base\n0,1\n'), recordId: 'BH-22' })
    expect(drafts.received[0]).toMatchObject({ recordId: 'BH-22', header: { hole_id: 'BH-22' } })
    expect(drafts.received[0]?.table.getChild('hole_id')?.get(0)).toBe('BH-22')
  })

  it('a mapping naming a column the file lacks, or a file of no known format, is BAD_INPUT', async () => {
    expect(
      await codeOf('import.preview', {
        ...(await file(FEET_CSV)),
        mapping: { depth_top_m: 'Depth' },
      }),
    ).toBe('BAD_INPUT')
    expect(await codeOf('import.preview', text('x.xlsx', 'PK\u0003\u0004\u0000\u0000'))).toBe(
      'BAD_INPUT',
    )
    expect(await codeOf('import.apply', text('x.csv', ''))).toBe('BAD_INPUT')
    expect(drafts.received).toHaveLength(0)
  })

  it('AGS4 preview lists the holes; apply saves one record per hole and announces them', async () => {
    const ags = await file(HINDLEY)
    const preview = await ok('import.preview', ags)
    expect(preview.format).toBe('ags4')
    expect(preview.holes).toHaveLength(12)
    expect(preview.previewRows).toHaveLength(preview.holes[0]!.rowCount)

    const applied = await ok('import.apply', { ...ags, comment: 'From the site office' })
    if (applied.kind !== 'records') throw new Error('expected records')
    expect(applied.results).toHaveLength(12)
    expect(applied.results.every((r) => r.ok && r.version === 1)).toBe(true)
    const changed = emitted.filter(([name]) => name === 'store.changed')
    expect(changed).toEqual([
      ['store.changed', { recordIds: applied.results.map((r) => r.recordId) }],
    ])
    const metadata = await store.getMetadata(applied.results[0]!.recordId)
    expect(metadata.history[0]).toMatchObject({
      comment: 'From the site office (imported from Hindley Mill Embankment FRA01.ags)',
      created_by: 'field.engineer',
    })
    expect((await verifyStore(store, { requireSignatures: true })).problems).toEqual([])

    // Re-import writes nothing, under any file name: every hole is unchanged, and
    // nothing is announced.
    emitted.length = 0
    for (const fileName of [ags.fileName, 'Hindley rev B.ags']) {
      const again = await ok('import.apply', { ...ags, fileName })
      if (again.kind !== 'records') throw new Error('expected records')
      expect(again.results.every((r) => r.version === 1)).toBe(true)
    }
    expect(emitted.filter(([name]) => name === 'store.changed')).toEqual([])
    expect((await store.getMetadata(applied.results[0]!.recordId)).history).toHaveLength(1)
  })

  it('cancelling a CSV apply stops it before the draft is made (CANCELLED)', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `BH1,${i},${i + 1},CLAY`).join('\n')
    events.subscribe((name, payload) => {
      if (name === 'progress' && (payload as { taskId: string }).taskId === 'import-1')
        tasks.cancel('import-1')
    })
    const code = await codeOf('import.apply', {
      ...text('BH1.csv', `hole,top,base,desc\n${rows}\n`),
      taskId: 'import-1',
    })
    expect(code).toBe('CANCELLED')
    expect(drafts.received).toHaveLength(0)
  })

  it('cancelling an AGS4 apply before its first write saves nothing', async () => {
    events.subscribe((name, payload) => {
      if (name === 'progress' && (payload as { taskId: string }).taskId === 'ags-1')
        tasks.cancel('ags-1')
    })
    const code = await codeOf('import.apply', { ...(await file(HINDLEY)), taskId: 'ags-1' })
    expect(code).toBe('CANCELLED')
    expect((await store.listRecords({})).total).toBe(0)
  })
})
