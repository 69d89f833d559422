// Import planning against a small in-memory store with the versioned store's rules
// (NOT_FOUND for a missing record, v(N+1) per update, a conflict when baseVersion is
// stale). The same behaviour against the real store on disk is in
// store-io.integration.test.ts.
import type { Table } from 'apache-arrow'
import { describe, expect, it } from 'vitest'

import { NotFoundError, VersionConflictError, isBorelogError } from '../../shared/errors'
import type { MetadataJson } from '../../shared/metadata'
import { borelogRowsFromTable } from './borelog-table'
import { readAgs } from './parse'
import {
  exportAgsFromStore,
  importAgsToStore,
  type AgsStore,
  type ImportProgress,
} from './store-io'
import { REAL_DIR, RULES_DIR, readFixture } from './test-fixtures'
import { codeOf } from '../../test/support/codes'

class MemoryStore implements AgsStore {
  readonly versions = new Map<
    string,
    { table: Table; header: Record<string, string>; by: string }[]
  >()
  writes = 0
  failOn: string | null = null

  private metadata(recordId: string): MetadataJson {
    const list = this.versions.get(recordId)
    if (!list) throw new NotFoundError(`Record ${recordId} does not exist.`)
    const at = '2025-01-01T00:00:00.000Z'
    return {
      record_id: recordId,
      table_name: 'borelog',
      current_version: list.length,
      status: 'draft',
      created_by: list[0]?.by ?? '',
      created_at: at,
      approved_by: null,
      approved_at: null,
      rejected_by: null,
      rejected_at: null,
      history: list.map((v, i) => ({
        version: i + 1,
        status: 'draft',
        created_by: v.by,
        created_at: at,
        comment: null,
      })),
    }
  }

  async getMetadata(recordId: string): Promise<MetadataJson> {
    return this.metadata(recordId)
  }

  async readVersion(recordId: string, version: number) {
    const v = this.versions.get(recordId)?.[version - 1]
    if (!v) throw new NotFoundError(`${recordId} has no version ${version}.`)
    return { table: v.table, header: v.header }
  }

  async createRecord(input: {
    recordId: string
    table: Table
    createdBy: string
    header?: Record<string, string>
  }) {
    this.write(input.recordId)
    if (this.versions.has(input.recordId)) throw new Error(`duplicate ${input.recordId}`)
    this.versions.set(input.recordId, [
      { table: input.table, header: input.header ?? {}, by: input.createdBy },
    ])
    return this.metadata(input.recordId)
  }

  async updateRecord(input: {
    recordId: string
    table: Table
    updatedBy: string
    header?: Record<string, string>
    baseVersion?: number
  }) {
    this.write(input.recordId)
    const list = this.versions.get(input.recordId)
    if (!list) throw new NotFoundError(`Record ${input.recordId} does not exist.`)
    if (input.baseVersion !== undefined && input.baseVersion !== list.length) {
      throw new VersionConflictError(`${input.recordId} moved on to v${list.length}.`)
    }
    list.push({ table: input.table, header: input.header ?? {}, by: input.updatedBy })
    return this.metadata(input.recordId)
  }

  private write(recordId: string): void {
    if (this.failOn === recordId)
      throw new VersionConflictError(`${recordId} was saved by someone else.`)
    this.writes++
  }
}

const HINDLEY = 'Hindley Mill Embankment FRA01.ags'

describe('importAgsToStore', () => {
  it('makes one draft record per hole and reports the findings', async () => {
    const store = new MemoryStore()
    const progress: ImportProgress[] = []
    const r = await importAgsToStore(store, readFixture(REAL_DIR + HINDLEY), {
      by: 'j.doe',
      fileName: HINDLEY,
      onProgress: (p) => progress.push(p),
    })
    expect(r.records).toHaveLength(12)
    expect(r.records.every((x) => x.action === 'created' && x.version === 1)).toBe(true)
    expect(store.versions.size).toBe(12)
    expect(r.errorCount).toBe(0)
    expect(r.findings.some((f) => f.rule === 'Rule 2a')).toBe(true)
    expect(progress.at(-1)).toEqual({ phase: 'write', done: 12, total: 12 })
  })

  it('re-importing the same file writes nothing and never duplicates a record', async () => {
    const store = new MemoryStore()
    await importAgsToStore(store, readFixture(REAL_DIR + HINDLEY), { by: 'a', fileName: HINDLEY })
    const writes = store.writes
    const again = await importAgsToStore(store, readFixture(REAL_DIR + HINDLEY), {
      by: 'b',
      fileName: HINDLEY,
    })
    expect(again.records.every((x) => x.action === 'unchanged' && x.version === 1)).toBe(true)
    expect(store.writes).toBe(writes)
    expect(store.versions.size).toBe(12)
  })

  it('a changed file updates only the holes that changed, as new drafts', async () => {
    const store = new MemoryStore()
    const bytes = readFixture(REAL_DIR + HINDLEY)
    await importAgsToStore(store, bytes, { by: 'a', fileName: HINDLEY })
    const text = new TextDecoder().decode(bytes)
    // One description in WS10 and the ground level of WS03 change.
    const changed = text
      .replace(
        '"WS10","0.00","1.10","MADE GROUND:  Black',
        '"WS10","0.00","1.10","MADE GROUND: Black',
      )
      .replace(
        '"WS03","WS","","362430.88","405269.79","","59.96"',
        '"WS03","WS","","362430.88","405269.79","","59.99"',
      )
    expect(changed).not.toBe(text)
    const r = await importAgsToStore(store, new TextEncoder().encode(changed), {
      by: 'b',
      fileName: HINDLEY,
    })
    const updated = r.records.filter((x) => x.action === 'updated').map((x) => x.holeId)
    expect(updated.sort()).toEqual(['WS03', 'WS10'])
    expect(r.records.find((x) => x.holeId === 'WS10')?.version).toBe(2)
    const ws10 = await store.readVersion('TOP3398.WS10', 2)
    expect(borelogRowsFromTable(ws10.table)[0]?.description).toMatch(/^MADE GROUND: Black/)
    expect(store.versions.size).toBe(12)
  })

  it('bad input is refused before anything is written', async () => {
    const store = new MemoryStore()
    for (const name of [
      'Row_with_missing_field.ags',
      'AGS3.ags',
      'EmptyFile.ags',
      'DuplicateGroups.ags',
    ]) {
      expect(
        await codeOf(
          importAgsToStore(store, readFixture(RULES_DIR + name), { by: 'a', fileName: name }),
        ),
      ).toBe('BAD_INPUT')
    }
    expect(
      await codeOf(
        importAgsToStore(store, readFixture(REAL_DIR + HINDLEY), { by: ' ', fileName: HINDLEY }),
      ),
    ).toBe('BAD_INPUT')
    expect(store.writes).toBe(0)
  })

  it('a write that fails part-way keeps its code, says how far it got, and a second run finishes', async () => {
    const store = new MemoryStore()
    store.failOn = 'TOP3398.WS10'
    let error: unknown
    try {
      await importAgsToStore(store, readFixture(REAL_DIR + HINDLEY), { by: 'a', fileName: HINDLEY })
    } catch (e) {
      error = e
    }
    expect(isBorelogError(error) && error.code).toBe('VERSION_CONFLICT')
    expect(isBorelogError(error) && (error.details.written as string[]).length).toBe(
      store.versions.size,
    )
    store.failOn = null
    const r = await importAgsToStore(store, readFixture(REAL_DIR + HINDLEY), {
      by: 'a',
      fileName: HINDLEY,
    })
    expect(store.versions.size).toBe(12)
    expect(r.records.filter((x) => x.action === 'created').length).toBe(
      12 - (isBorelogError(error) ? (error.details.written as string[]).length : 0),
    )
  })
})

describe('exportAgsFromStore', () => {
  it('exports latest versions, or one record at a given version', async () => {
    const store = new MemoryStore()
    await importAgsToStore(store, readFixture(REAL_DIR + 'F69-B32.ags'), {
      by: 'a',
      fileName: 'F69-B32.ags',
    })
    const ids = [...store.versions.keys()]
    const all = await exportAgsFromStore(store, ids)
    expect(readAgs(new TextEncoder().encode(all.text)).groups.get('LOCA')?.rows).toHaveLength(7)
    const one = await exportAgsFromStore(store, [ids[0] as string], { version: 1 })
    expect(readAgs(new TextEncoder().encode(one.text)).groups.get('LOCA')?.rows).toHaveLength(1)
    expect(await codeOf(exportAgsFromStore(store, ids, { version: 1 }))).toBe('BAD_INPUT')
    expect(await codeOf(exportAgsFromStore(store, [ids[0] as string], { version: 9 }))).toBe(
      'NOT_FOUND',
    )
    expect(await codeOf(exportAgsFromStore(store, ['nope']))).toBe('NOT_FOUND')
  })
})
