import { spawn } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { openBorelogStore } from '../catalog/index'
import type { VersionedStore } from '../store/index'
import { DraftManager } from './index'
import { JOURNAL_FORMAT, type JournalHeader, createJournal, journalFiles } from './journal'
import { LOCK_FILE } from './lock'

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
  } catch (e) {
    return (e as { code?: string }).code
  }
  return undefined
}

/** The pid of a process that has exited (so is dead on this host). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await new Promise((resolve) => child.on('exit', resolve))
  return child.pid!
}

describe('one writer per drafts folder', () => {
  let cleanup: () => Promise<void>
  let store: VersionedStore
  let draftsDir: string

  const manager = (): DraftManager =>
    new DraftManager({ store, draftsDir, user: () => 'field.one' })

  beforeEach(async () => {
    let dir: string
    ;({ dir, cleanup } = await tempDir('borelog-drafts-writers-'))
    draftsDir = path.join(dir, 'drafts')
    ;({ store } = await openBorelogStore(path.join(dir, 'store')))
    await store.createRecord({
      recordId: 'BH1',
      table: sampleHole('BH1'),
      tableName: 'borelog',
      createdBy: 'field.one',
    })
  })
  afterEach(() => cleanup())

  it('two managers on one folder in a process: every acknowledged edit of both is kept', async () => {
    const first = manager()
    await first.open('BH1')
    // The first manager's edit is still running when a session re-opens the same store.
    const running = first.edit('BH1', {
      kind: 'set',
      cells: [{ row: 0, column: 'description', value: 'first' }],
    })
    const second = manager()
    await second.open('BH1')
    await running
    await second.edit('BH1', {
      kind: 'set',
      cells: [{ row: 1, column: 'description', value: 'second' }],
    })
    const reread = await manager().open('BH1')
    expect(reread.editCount).toBe(2)
    const rows = (await manager().page('BH1', 0, 3)).rows.map((r) => r[3])
    expect(rows.slice(0, 2)).toEqual(['first', 'second'])
    // The superseded manager's in-memory draft is stale: it may not write.
    expect(
      await codeOf(
        first.edit('BH1', { kind: 'set', cells: [{ row: 2, column: 'description', value: 'x' }] }),
      ),
    ).toBe('STORE_UNAVAILABLE')
  })

  it("a journal is created only if absent: ALREADY_EXISTS leaves the other writer's journal as it was", async () => {
    const files = journalFiles(draftsDir, 'BH1')
    const header: JournalHeader = {
      format: JOURNAL_FORMAT,
      recordId: 'BH1',
      tableName: 'borelog',
      baseVersion: 1,
      baseFileSha256: null,
      rows: 'version',
      header: {},
      extraFindings: [],
      createdAt: '2026-11-26T08:00:00.000Z',
    }
    await createJournal(files.journal, header)
    const edited = (await readFile(files.journal, 'utf8')) + '{"op":"undo","at":"x"}\n'
    await writeFile(files.journal, edited)
    expect(await codeOf(createJournal(files.journal, { ...header, createdAt: 'later' }))).toBe(
      'ALREADY_EXISTS',
    )
    expect(await readFile(files.journal, 'utf8')).toBe(edited)
  })

  it('a first edit that finds a journal started meanwhile is ALREADY_EXISTS, and the next open reads that journal', async () => {
    const drafts = manager()
    await drafts.open('BH1')
    const files = journalFiles(draftsDir, 'BH1')
    await createJournal(files.journal, {
      format: JOURNAL_FORMAT,
      recordId: 'BH1',
      tableName: 'borelog',
      baseVersion: 1,
      baseFileSha256: null,
      rows: 'version',
      header: {},
      extraFindings: [],
      createdAt: '2026-11-26T08:00:00.000Z',
    })
    const theirs = JSON.stringify({
      op: 'edit',
      at: '2026-11-26T08:00:01.000Z',
      edit: { kind: 'insert', at: 0, count: 2 },
    })
    await writeFile(files.journal, (await readFile(files.journal, 'utf8')) + theirs + '\n')
    expect(await codeOf(drafts.edit('BH1', { kind: 'delete', rows: [0] }))).toBe('ALREADY_EXISTS')
    expect(await drafts.open('BH1')).toMatchObject({ editCount: 1, rowCount: 5 })
  })

  it('a folder locked by a live process refuses draft calls with STORE_UNAVAILABLE naming its pid', async () => {
    const drafts = manager()
    await drafts.list()
    // The test runner's parent: alive, and not this process.
    const lock = { pid: process.ppid, hostname: hostname(), since: '2026-11-26T08:00:00.000Z' }
    await mkdir(draftsDir, { recursive: true })
    await writeFile(path.join(draftsDir, LOCK_FILE), JSON.stringify(lock))
    let error: { code?: string; details?: { pid?: number } } = {}
    try {
      await drafts.open('BH1')
    } catch (e) {
      error = e as typeof error
    }
    expect(error.code).toBe('STORE_UNAVAILABLE')
    expect(error.details?.pid).toBe(process.ppid)
    expect(await codeOf(drafts.edit('BH1', { kind: 'insert', at: 0, count: 1 }))).toBe(
      'STORE_UNAVAILABLE',
    )
    expect(JSON.parse(await readFile(path.join(draftsDir, LOCK_FILE), 'utf8'))).toEqual(lock)
  })

  it('a lock left by a dead process on this host is taken over; close gives it up', async () => {
    await mkdir(draftsDir, { recursive: true })
    const lockFile = path.join(draftsDir, LOCK_FILE)
    await writeFile(lockFile, JSON.stringify({ pid: await deadPid(), hostname: hostname() }))
    const drafts = manager()
    await drafts.edit('BH1', { kind: 'insert', at: 0, count: 1 })
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ pid: process.pid })
    await drafts.close()
    expect(await codeOf(readFile(lockFile))).toBe('ENOENT')
    expect(await codeOf(drafts.open('BH1'))).toBe('STORE_UNAVAILABLE')
    expect((await manager().open('BH1')).editCount).toBe(1)
  })
})
