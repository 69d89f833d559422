// The record-id rule at create time, on a real folder: a new record whose id would be
// taken for an existing one's (case, width, invisible characters, look-alike letters) is
// refused naming it, whichever path creates it, and of racing creates exactly one wins.
// See docs/SECURITY.md, "record-id rule".
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { BorelogError } from '../../shared/errors'
import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { LocalFolderStore } from '../object-store/index'
import { VersionedStore } from './index'
import { RECORD_IDS_PREFIX } from './layout'
import { ABANDONED_CLAIM_MS } from './record-id'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function newStore(now?: () => Date): Promise<{ dir: string; store: VersionedStore }> {
  const { dir, cleanup } = await tempDir('borelog-record-id-')
  cleanups.push(cleanup)
  const store = await VersionedStore.open(new LocalFolderStore(dir), now ? { now } : {})
  return { dir, store }
}

function create(store: VersionedStore, recordId: string) {
  return store.createRecord({
    recordId,
    table: sampleHole('BH01'),
    tableName: 'borelog',
    createdBy: 'ann',
  })
}

async function refusal(p: Promise<unknown>): Promise<BorelogError> {
  try {
    await p
  } catch (e) {
    if (e instanceof BorelogError) return e
    throw e
  }
  throw new Error('expected a refusal, but the call succeeded')
}

describe('record ids at create time', () => {
  it('refuses an id equal to an existing one after NFKC_Casefold, naming the existing id', async () => {
    const { store } = await newStore()
    await create(store, 'R1')
    for (const id of ['r1', 'Ｒ１']) {
      const e = await refusal(create(store, id))
      expect(e.code).toBe('INVALID_RECORD_ID')
      expect(e.details.existingRecordId).toBe('R1')
      expect(e.message).toContain('"R1"')
    }
    expect((await refusal(create(store, 'R1\u3164'))).code).toBe('INVALID_RECORD_ID')
    expect((await refusal(create(store, 'R1'))).code).toBe('ALREADY_EXISTS')
    expect((await refusal(store.assertNewRecordId('r1'))).details.existingRecordId).toBe('R1')
  })

  it('refuses a Cyrillic look-alike of an existing Latin id, and the other way round', async () => {
    const { store } = await newStore()
    await create(store, 'P1')
    expect((await refusal(create(store, 'Р1'))).details.existingRecordId).toBe('P1')
    await create(store, 'Скв-1')
    expect((await refusal(create(store, 'CKB-1'))).details.existingRecordId).toBe('Скв-1')
  })

  it('refuses reserved Windows names before anything is written', async () => {
    const { dir, store } = await newStore()
    for (const id of ['CON', 'aux', 'COM1', 'LPT1', 'con.txt', 'NUL', 'COM¹']) {
      expect((await refusal(create(store, id))).code).toBe('INVALID_RECORD_ID')
    }
    await expect(fs.readdir(path.join(dir, 'records'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('records made before claims existed are claimed on the first create', async () => {
    const { dir, store } = await newStore()
    await create(store, 'R1')
    await fs.rm(path.join(dir, RECORD_IDS_PREFIX), { recursive: true })
    expect((await refusal(store.assertNewRecordId('r1'))).details.existingRecordId).toBe('R1')
    expect((await refusal(create(store, 'r1'))).details.existingRecordId).toBe('R1')
    await create(store, 'R2')
  })

  it('of racing creates of one id in different spellings, exactly one wins', async () => {
    const spellings = ['R1', 'r1', 'Ｒ１', 'ｒ1']
    for (let round = 0; round < 10; round++) {
      const { dir } = await newStore()
      // One store object per writer, as separate processes would have.
      const stores = await Promise.all(
        spellings.map(() => VersionedStore.open(new LocalFolderStore(dir))),
      )
      const results = await Promise.allSettled(stores.map((s, i) => create(s, spellings[i]!)))
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [spellings[i]!] : []))
      expect(won).toHaveLength(1)
      for (const r of results)
        if (r.status === 'rejected') {
          expect(r.reason).toBeInstanceOf(BorelogError)
          expect((r.reason as BorelogError).details.existingRecordId).toBe(won[0])
        }
      expect(await fs.readdir(path.join(dir, 'records'))).toEqual(won)
    }
  })

  it('a claim whose create died before writing v1 holds its key only for a while', async () => {
    let nowMs = Date.parse('2026-01-01T00:00:00Z')
    const { dir, store } = await newStore(() => new Date(nowMs))
    // A writer that claimed R1 and died before v1: the claim is there, no record files.
    await create(store, 'R1')
    await fs.rm(path.join(dir, 'records', 'R1'), { recursive: true })
    expect((await refusal(create(store, 'r1'))).details.existingRecordId).toBe('R1')
    nowMs += ABANDONED_CLAIM_MS + 1000
    await create(store, 'r1')
    expect((await refusal(create(store, 'R1'))).details.existingRecordId).toBe('r1')
  })
})
