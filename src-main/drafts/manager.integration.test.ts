import { spawn } from 'node:child_process'
import { appendFile, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'

import { build } from 'esbuild'
import fc from 'fast-check'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { DraftStateSchema } from '../../shared/ipc/contract'
import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { openBorelogStore } from '../catalog/index'
import { generateBorelogTable } from '../schema/index'
import type { VersionedStore } from '../store/index'
import { DraftManager } from './index'

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
  } catch (e) {
    return (e as { code?: string }).code
  }
  return undefined
}

describe('DraftManager over a real store and drafts folder', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let store: VersionedStore
  let storeDir: string
  let draftsDir: string
  let clock: number

  const manager = (): DraftManager =>
    new DraftManager({
      store,
      draftsDir,
      user: () => 'field.one',
      now: () => new Date(Date.UTC(2026, 10, 26, 8, 0, 0) + clock++ * 1000),
    })

  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir('borelog-drafts-'))
    storeDir = path.join(dir, 'store')
    draftsDir = path.join(dir, 'drafts')
    clock = 0
    ;({ store } = await openBorelogStore(storeDir))
    await store.createRecord({
      recordId: 'BH1',
      table: sampleHole('BH1'),
      tableName: 'borelog',
      createdBy: 'field.one',
      header: { hole_id: 'BH1', project: 'Harbour Wall', easting: '1000', crs: 'EPSG:27700' },
    })
  })
  afterEach(() => cleanup())

  it('open starts from the latest version; an edit is in the journal before it returns', async () => {
    const drafts = manager()
    const opened = await drafts.open('BH1')
    expect(DraftStateSchema.parse(opened)).toMatchObject({
      baseVersion: 1,
      rowCount: 3,
      isBehind: false,
      wasRecovered: false,
      editCount: 0,
    })
    // Opening alone is no unsaved work.
    expect(await drafts.list()).toEqual([])
    const state = await drafts.edit('BH1', {
      kind: 'set',
      cells: [{ row: 0, column: 'description', value: 'Topsoil' }],
    })
    expect(state.undoLabel).toBe('Edit description, row 1')
    const [journal] = (await readdir(draftsDir)).filter((n) => n.endsWith('.jsonl'))
    const lines = (await readFile(path.join(draftsDir, journal!), 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(JSON.parse(lines[0]!)).toMatchObject({ recordId: 'BH1', baseVersion: 1 })
    expect(await drafts.list()).toEqual([
      expect.objectContaining({ recordId: 'BH1', editCount: 1, baseVersion: 1 }),
    ])
  })

  it('a restarted manager recovers every edit, undo and redo from the journal', async () => {
    const first = manager()
    await first.open('BH1')
    await first.edit('BH1', { kind: 'insert', at: 3, count: 1 })
    await first.edit('BH1', { kind: 'header', key: 'project', value: 'Pier' })
    await first.undo('BH1')
    await first.redo('BH1')
    await first.undo('BH1')
    const expected = await first.page('BH1', 0, 100)
    const again = await manager().open('BH1')
    expect(again).toMatchObject({
      wasRecovered: true,
      rowCount: 4,
      editCount: 1,
      redoLabel: 'Edit header project',
    })
    expect(again.header.project).toBe('Harbour Wall')
    expect(await manager().page('BH1', 0, 100)).toEqual(expected)
  })

  it('a torn last journal line is dropped, the edits before it kept, and later edits append cleanly', async () => {
    const first = manager()
    await first.open('BH1')
    await first.edit('BH1', { kind: 'set', cells: [{ row: 0, column: 'spt_n', value: 3 }] })
    await first.edit('BH1', { kind: 'set', cells: [{ row: 1, column: 'spt_n', value: 4 }] })
    const [name] = (await readdir(draftsDir)).filter((n) => n.endsWith('.jsonl'))
    await appendFile(path.join(draftsDir, name!), '{"op":"edit","at":"2026-11-2')
    const second = manager()
    const recovered = await second.open('BH1')
    expect(recovered.editCount).toBe(2)
    await second.edit('BH1', { kind: 'set', cells: [{ row: 2, column: 'spt_n', value: 5 }] })
    const third = await manager().open('BH1')
    expect(third.editCount).toBe(3)
    expect((await manager().page('BH1', 0, 3)).rows.map((r) => r[6])).toEqual([3, 4, 5])
  })

  it('a damaged journal is set aside with a CORRUPT_METADATA error, never deleted', async () => {
    const first = manager()
    await first.open('BH1')
    await first.edit('BH1', { kind: 'set', cells: [{ row: 0, column: 'spt_n', value: 3 }] })
    await first.edit('BH1', { kind: 'set', cells: [{ row: 1, column: 'spt_n', value: 4 }] })
    const [name] = (await readdir(draftsDir)).filter((n) => n.endsWith('.jsonl'))
    const file = path.join(draftsDir, name!)
    const lines = (await readFile(file, 'utf8')).split('\n')
    lines[1] = 'not json at all'
    await writeFile(file, lines.join('\n'))
    const second = manager()
    const error = await second
      .open('BH1')
      .catch((e: unknown) => e as { code: string; details: Record<string, unknown> })
    expect(error).toMatchObject({ code: 'CORRUPT_METADATA', details: { line: 2 } })
    const names = await readdir(draftsDir)
    expect(names.some((n) => n.startsWith(`${name!}.corrupt-`))).toBe(true)
    expect(names).not.toContain(name)
    // The record itself opens again, from its latest version.
    expect((await second.open('BH1')).editCount).toBe(0)
  })

  it('save makes v(N+1) with the comment and the user, and deletes the working draft', async () => {
    const drafts = manager()
    await drafts.open('BH1')
    await drafts.edit('BH1', { kind: 'delete', rows: [2] })
    await drafts.edit('BH1', { kind: 'header', key: 'final_depth_m', value: '2.1' })
    const metadata = await drafts.save('BH1', 'Dropped the sand')
    expect(metadata.current_version).toBe(2)
    const entry = metadata.history[metadata.history.length - 1]!
    expect(entry).toMatchObject({ created_by: 'field.one', comment: 'Dropped the sand' })
    expect((await store.getLatestVersion('BH1')).numRows).toBe(2)
    expect((await store.readVersionInfo('BH1', 2)).header.final_depth_m).toBe('2.1')
    expect((await readdir(draftsDir)).filter((n) => n !== 'drafts.lock')).toEqual([])
    expect(await drafts.list()).toEqual([])
    expect((await drafts.open('BH1')).baseVersion).toBe(2)
  })

  it('save after another writer moved the record is VERSION_CONFLICT and the draft is kept', async () => {
    const drafts = manager()
    await drafts.open('BH1')
    await drafts.edit('BH1', { kind: 'set', cells: [{ row: 0, column: 'remarks', value: 'mine' }] })
    await store.updateRecord({
      recordId: 'BH1',
      table: sampleHole('BH1', 7),
      updatedBy: 'other',
      baseVersion: 1,
    })
    const behind = await drafts.open('BH1')
    expect(behind.isBehind).toBe(true)
    expect(await codeOf(drafts.save('BH1', 'mine'))).toBe('VERSION_CONFLICT')
    expect((await store.getMetadata('BH1')).current_version).toBe(2)
    expect(await drafts.list()).toEqual([
      expect.objectContaining({ recordId: 'BH1', editCount: 1 }),
    ])
    expect((await manager().page('BH1', 0, 1)).rows[0]![9]).toBe('mine')
  })

  it('an approved record starts a new draft and saving it makes a new draft version', async () => {
    await store.approveRecord({ recordId: 'BH1', version: 1, by: 'reviewer' })
    const drafts = manager()
    await drafts.open('BH1')
    await drafts.edit('BH1', {
      kind: 'set',
      cells: [{ row: 0, column: 'remarks', value: 'later' }],
    })
    const metadata = await drafts.save('BH1', 'after approval')
    expect(metadata).toMatchObject({ current_version: 2, status: 'draft' })
  })

  it('new records: blank, template (project keys only) and duplicate (rows with the new hole id)', async () => {
    const drafts = manager()
    const blank = await drafts.create({
      recordId: 'BH2',
      tableName: 'borelog',
      header: {},
      source: { kind: 'blank' },
    })
    expect(blank).toMatchObject({ baseVersion: null, rowCount: 0, header: { hole_id: 'BH2' } })
    const template = await drafts.create({
      recordId: 'BH3',
      tableName: 'borelog',
      header: { easting: '2000' },
      source: { kind: 'template', recordId: 'BH1' },
    })
    expect(template.header).toEqual({
      hole_id: 'BH3',
      project: 'Harbour Wall',
      crs: 'EPSG:27700',
      easting: '2000',
    })
    expect(template.rowCount).toBe(0)
    const duplicate = await drafts.create({
      recordId: 'BH4',
      tableName: 'borelog',
      header: {},
      source: { kind: 'duplicate', recordId: 'BH1' },
    })
    expect(duplicate).toMatchObject({
      rowCount: 3,
      header: { hole_id: 'BH4', project: 'Harbour Wall' },
    })
    expect((await drafts.page('BH4', 0, 3)).rows.map((r) => r[0])).toEqual(['BH4', 'BH4', 'BH4'])
    expect(duplicate.findings.filter((f) => f.rule === 'hole-id-mismatch')).toEqual([])
    // A restart keeps the new records' drafts (their rows are on disk beside the journal).
    const again = manager()
    expect((await again.open('BH4')).rowCount).toBe(3)
    await again.edit('BH2', { kind: 'insert', at: 0, count: 1 })
    const saved = await again.save('BH2', 'first')
    expect(saved).toMatchObject({ current_version: 1, created_by: 'field.one' })
    expect((await store.getLatestVersion('BH2')).getChild('hole_id')!.get(0)).toBe('BH2')
    expect(
      await codeOf(
        again.create({
          recordId: 'BH1',
          tableName: 'borelog',
          header: {},
          source: { kind: 'blank' },
        }),
      ),
    ).toBe('ALREADY_EXISTS')
    expect(
      await codeOf(
        again.create({
          recordId: 'BH4',
          tableName: 'borelog',
          header: {},
          source: { kind: 'blank' },
        }),
      ),
    ).toBe('ALREADY_EXISTS')
  })

  it('a bad typed value is BAD_INPUT and neither the draft nor its journal changes', async () => {
    const drafts = manager()
    await drafts.open('BH1')
    await drafts.edit('BH1', {
      kind: 'paste',
      row: 3,
      column: 'depth_top_m',
      values: [['16.4', '20']],
      units: 'ft',
    })
    const before = await drafts.page('BH1', 0, 100)
    expect(before.rows[3]!.slice(0, 3)).toEqual(['BH1', 4.99872, 6.096])
    expect(
      await codeOf(
        drafts.edit('BH1', { kind: 'set', cells: [{ row: 0, column: 'depth_top_m', value: 'x' }] }),
      ),
    ).toBe('BAD_INPUT')
    // An edit outside the contract is refused before it could reach the journal.
    expect(await codeOf(drafts.edit('BH1', { kind: 'set', cells: [] }))).toBe('BAD_INPUT')
    expect(await drafts.page('BH1', 0, 100)).toEqual(before)
    expect((await manager().open('BH1')).editCount).toBe(1)
  })

  it('live findings follow the draft: a top below its base shows at once and goes on undo', async () => {
    const drafts = manager()
    await drafts.open('BH1')
    const bad = await drafts.edit('BH1', {
      kind: 'set',
      cells: [{ row: 1, column: 'depth_base_m', value: 0.3 }],
    })
    expect(bad.findings.some((f) => f.rule === 'top-not-above-base' && f.row === 1)).toBe(true)
    const fixed = await drafts.undo('BH1')
    expect(fixed.findings.some((f) => f.rule === 'top-not-above-base')).toBe(false)
  })

  it('calls on one draft never interleave: concurrent edits all land, in order', async () => {
    const drafts = manager()
    const states = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        drafts.edit('BH1', { kind: 'insert', at: 3 + i, count: 1 }),
      ),
    )
    expect(states.map((s) => s.rowCount)).toEqual(Array.from({ length: 10 }, (_, i) => 4 + i))
    expect((await manager().open('BH1')).editCount).toBe(10)
  })

  it('createFromTable: a new record from a table, or an existing record with its rows replaced', async () => {
    const drafts = manager()
    const fresh = await drafts.createFromTable({
      recordId: 'BH9',
      tableName: 'borelog',
      table: sampleHole('BH9'),
      header: {},
      extraFindings: [
        {
          severity: 'warning',
          row: 0,
          column: 'depth_top_m',
          rule: 'import',
          message: 'converted from ft',
        },
      ],
    })
    expect(fresh).toMatchObject({ baseVersion: null, rowCount: 3, header: { hole_id: 'BH9' } })
    expect(fresh.findings.some((f) => f.rule === 'import')).toBe(true)
    const replaced = await drafts.createFromTable({
      recordId: 'BH1',
      tableName: 'borelog',
      table: sampleHole('BH1', 3).slice(0, 2),
      header: {},
    })
    expect(replaced).toMatchObject({ baseVersion: 1, rowCount: 2, editCount: 0 })
    const saved = await manager().save('BH1', 'imported')
    expect(saved.current_version).toBe(2)
    expect((await store.getLatestVersion('BH1')).numRows).toBe(2)
    const nine = await manager().save('BH9', 'imported')
    const v1 = await store.readVersionInfo('BH9', 1)
    expect(nine.current_version).toBe(1)
    expect(v1.findings.some((f) => f.rule === 'import')).toBe(true)
  })

  it('import findings hold only for the imported rows: once edited they are row-less warnings, and the saved version can be approved', async () => {
    const drafts = manager()
    const imported = await drafts.createFromTable({
      recordId: 'BH9',
      tableName: 'borelog',
      table: sampleHole('BH9'),
      header: {},
      extraFindings: [
        {
          severity: 'error',
          row: 1,
          column: 'spt_n',
          rule: 'import.type',
          message:
            'bh9.csv line 3, column "SPT": "ten" is not a whole number; spt_n is left empty.',
        },
      ],
    })
    expect(imported.findings).toContainEqual(
      expect.objectContaining({ severity: 'error', row: 1, rule: 'import.type' }),
    )
    const fixed = await drafts.edit('BH9', {
      kind: 'set',
      cells: [{ row: 1, column: 'spt_n', value: 10 }],
    })
    const kept = fixed.findings.filter((f) => f.rule === 'import.type')
    expect(kept).toEqual([
      expect.objectContaining({ severity: 'warning', row: null, column: 'spt_n' }),
    ])
    expect(kept[0]!.message).toContain('bh9.csv line 3')
    expect(fixed.findings.filter((f) => f.severity === 'error')).toEqual([])
    // Undone back to the imported rows, the finding is true again as it was.
    expect((await drafts.undo('BH9')).findings).toContainEqual(
      expect.objectContaining({ severity: 'error', row: 1, rule: 'import.type' }),
    )
    await drafts.redo('BH9')
    await drafts.save('BH9', 'imported and fixed')
    const approved = await store.approveRecord({ recordId: 'BH9', version: 1, by: 'reviewer' })
    expect(approved.status).toBe('approved')
  })

  it('a draft that left memory before its first edit comes back at the version it showed: a newer version makes it behind and its save a conflict', async () => {
    const drafts = manager()
    for (const id of ['BH2', 'BH3', 'BH4', 'BH5'])
      await store.createRecord({
        recordId: id,
        table: sampleHole(id),
        tableName: 'borelog',
        createdBy: 'field.one',
      })
    const shown = await drafts.page('BH1', 0, 10)
    for (const id of ['BH2', 'BH3', 'BH4', 'BH5']) await drafts.open(id)
    await store.updateRecord({
      recordId: 'BH1',
      table: sampleHole('BH1', 2),
      updatedBy: 'other.writer',
      comment: 'moved on',
      baseVersion: 1,
    })
    const state = await drafts.edit('BH1', { kind: 'delete', rows: [0] })
    expect(state).toMatchObject({ baseVersion: 1, isBehind: true, rowCount: shown.rowCount - 1 })
    expect((await drafts.page('BH1', 0, 10)).rows).toEqual(shown.rows.slice(1))
    expect(await codeOf(drafts.save('BH1', 'deleted the first interval'))).toBe('VERSION_CONFLICT')
  })

  it("a journal left by a crash after its save committed is recognised as saved, not as another writer's conflict", async () => {
    const keep = async (): Promise<Map<string, Buffer>> => {
      const files = new Map<string, Buffer>()
      for (const name of (await readdir(draftsDir)).filter((n) => n !== 'drafts.lock'))
        files.set(name, await readFile(path.join(draftsDir, name)))
      return files
    }
    const restore = async (files: Map<string, Buffer>): Promise<void> => {
      for (const [name, bytes] of files) await writeFile(path.join(draftsDir, name), bytes)
    }
    const drafts = manager()
    await drafts.edit('BH1', { kind: 'delete', rows: [0] })
    await drafts.create({
      recordId: 'BH7',
      tableName: 'borelog',
      header: {},
      source: { kind: 'blank' },
    })
    await drafts.edit('BH7', { kind: 'insert', at: 0, count: 1 })
    const journals = await keep()
    await drafts.save('BH1', 'first interval gone')
    await drafts.save('BH7', 'new hole')
    // The crash: both commits happened, the journals were not removed.
    await restore(journals)
    const again = manager()
    expect((await again.save('BH1', 'first interval gone')).current_version).toBe(2)
    expect((await again.save('BH7', 'new hole')).current_version).toBe(1)
    expect(await again.list()).toEqual([])
  })

  it('a draft whose base version can no longer be read says so and keeps the journal', async () => {
    const drafts = manager()
    await drafts.edit('BH1', { kind: 'insert', at: 0, count: 1 })
    await rm(path.join(storeDir, 'records', 'BH1', 'versions', 'v1.parquet'))
    // A new process: nothing of v1 is cached.
    ;({ store } = await openBorelogStore(storeDir))
    expect(await codeOf(manager().open('BH1'))).toBe('INTEGRITY')
    expect(await manager().list()).toEqual([
      expect.objectContaining({ recordId: 'BH1', editCount: 1 }),
    ])
  })

  it('property: a restarted manager replays any journal to the same draft, undo and redo stacks included', async () => {
    const step = fc.record({
      op: fc.constantFrom('set', 'insert', 'delete', 'move', 'header', 'undo', 'redo'),
      a: fc.nat(50),
      b: fc.nat(50),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const drafts = manager()
        let state = await drafts.open('BH1')
        for (const { op, a, b } of steps) {
          const n = state.rowCount
          if (op === 'undo') state = await drafts.undo('BH1')
          else if (op === 'redo') state = await drafts.redo('BH1')
          else if (op === 'insert')
            state = await drafts.edit('BH1', {
              kind: 'insert',
              at: a % (n + 1),
              count: 1 + (b % 2),
            })
          else if (op === 'header')
            state = await drafts.edit('BH1', {
              kind: 'header',
              key: 'project',
              value: b % 3 ? `P${b}` : null,
            })
          else if (n > 0 && op === 'set')
            state = await drafts.edit('BH1', {
              kind: 'set',
              cells: [{ row: a % n, column: 'spt_n', value: b }],
            })
          else if (n > 0 && op === 'delete')
            state = await drafts.edit('BH1', { kind: 'delete', rows: [a % n] })
          else if (n > 0 && op === 'move')
            state = await drafts.edit('BH1', { kind: 'move', from: a % n, count: 1, to: b % n })
        }
        const expectedPage = await drafts.page('BH1', 0, 200)
        // A new manager on the folder takes it over, as a restarted app would.
        const again = manager()
        const recovered = await again.open('BH1')
        const pick = (s: typeof state) => [
          s.rowCount,
          s.header,
          s.editCount,
          s.undoLabel,
          s.redoLabel,
          s.findings,
        ]
        expect(pick(recovered)).toEqual(pick(state))
        expect(await again.page('BH1', 0, 200)).toEqual(expectedPage)
        await again.discard('BH1')
      }),
      { numRuns: 15 },
    )
  })

  it('discard deletes the working draft', async () => {
    const drafts = manager()
    await drafts.edit('BH1', { kind: 'insert', at: 0, count: 1 })
    await drafts.discard('BH1')
    expect(await drafts.list()).toEqual([])
    expect((await manager().open('BH1')).rowCount).toBe(3)
  })

  it('pages of a large draft read through the overlay', async () => {
    await store.createRecord({
      recordId: 'BIG',
      table: generateBorelogTable(20_000, 3),
      tableName: 'borelog',
      createdBy: 'bench',
    })
    const drafts = manager()
    await drafts.open('BIG')
    await drafts.edit('BIG', { kind: 'delete', rows: [0, 1] })
    await drafts.edit('BIG', {
      kind: 'set',
      cells: [{ row: 19_997, column: 'remarks', value: 'end' }],
    })
    const page = await drafts.page('BIG', 19_990, 100)
    expect(page.rowCount).toBe(19_998)
    expect(page.rows).toHaveLength(8)
    expect(page.rows[7]![9]).toBe('end')
  })
})

describe('a draft survives its process being killed mid-edit', () => {
  let child: string
  beforeAll(async () => {
    child = path.resolve('out/test-children', `draft-child-${process.pid}.mjs`)
    await build({
      entryPoints: [path.resolve('test/support/draft-child.ts')],
      outfile: child,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      logLevel: 'warning',
    })
  })

  it('every edit acknowledged before SIGKILL is recovered', async () => {
    const { dir, cleanup } = await tempDir('borelog-drafts-kill-')
    try {
      const storeDir = path.join(dir, 'store')
      const draftsDir = path.join(dir, 'drafts')
      const { store } = await openBorelogStore(storeDir)
      await store.createRecord({
        recordId: 'BH1',
        table: sampleHole('BH1'),
        tableName: 'borelog',
        createdBy: 'x',
      })
      const proc = spawn(process.execPath, [child, storeDir, draftsDir, 'BH1'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let acknowledged = -1
      await new Promise<void>((resolve, reject) => {
        proc.on('error', reject)
        proc.on('exit', () => resolve())
        createInterface({ input: proc.stdout! }).on('line', (line) => {
          acknowledged = (JSON.parse(line) as { edit: number }).edit
          // Killed at a moment of its own choosing: mid-append, mid-validation, anywhere.
          if (acknowledged === 25) setTimeout(() => proc.kill('SIGKILL'), Math.random() * 20)
        })
      })
      expect(acknowledged).toBeGreaterThanOrEqual(25)
      const drafts = new DraftManager({ store, draftsDir, user: () => 'x' })
      const state = await drafts.open('BH1')
      expect(state.wasRecovered).toBe(true)
      expect(state.editCount).toBeGreaterThanOrEqual(acknowledged + 1)
      const page = await drafts.page('BH1', 0, 2000)
      const descriptions = page.rows.map((r) => r[3])
      for (let i = 0; i <= acknowledged; i++) expect(descriptions).toContain(`edit ${i}`)
    } finally {
      await cleanup()
    }
  })
})
