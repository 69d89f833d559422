// importAgsToStore / exportAgsFromStore on the real versioned store in a temp folder.
// It lives here, not beside store-io.ts, because it joins two layers the AGS4 engine
// may not import (the object store and the versioned store).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { LocalFolderStore } from '../../src-main/object-store/index'
import { VersionedStore } from '../../src-main/store/index'
import { convertAgs } from '../../src-main/ags4/borelog'
import { borelogRowsFromTable } from '../../src-main/ags4/borelog-table'
import { checkAgs } from '../../src-main/ags4/check'
import { readAgs } from '../../src-main/ags4/parse'
import { exportAgsFromStore, importAgsToStore } from '../../src-main/ags4/store-io'
import { REAL_DIR, readFixture, realFileNames } from '../../src-main/ags4/test-fixtures'

let dir: string
let store: VersionedStore

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ags4-store-'))
  store = await VersionedStore.open(new LocalFolderStore(dir))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('AGS4 import into the versioned store', () => {
  it('every real file imports, re-imports without writing, and exports back to the same data', async () => {
    for (const name of realFileNames()) {
      const bytes = readFixture(REAL_DIR + name)
      const first = await importAgsToStore(store, bytes, { by: 'j.doe', fileName: name })
      expect(
        first.records.every((r) => r.action === 'created' && r.version === 1),
        name,
      ).toBe(true)
      const again = await importAgsToStore(store, bytes, { by: 'j.doe', fileName: name })
      expect(
        again.records.every((r) => r.action === 'unchanged'),
        name,
      ).toBe(true)

      const ids = first.records.map((r) => r.recordId)
      const { text } = await exportAgsFromStore(store, ids)
      const exported = readAgs(new TextEncoder().encode(text))
      expect(checkAgs(exported).errorCount, name).toBe(0)
      const before = convertAgs(readAgs(bytes), { fileName: name }).holes
      const after = convertAgs(exported, { fileName: name }).holes
      expect(after.map((h) => h.intervals)).toEqual(before.map((h) => h.intervals))
      expect(after.map((h) => h.header)).toEqual(before.map((h) => h.header))
    }
  })

  it('a stored version keeps the header, the interval table and the AGS extra columns', async () => {
    const name = 'Hindley Mill Embankment FRA01.ags'
    await importAgsToStore(store, readFixture(REAL_DIR + name), { by: 'j.doe', fileName: name })
    const page = await store.readVersion('TOP3398.WS10', 1)
    expect(page.header).toMatchObject({
      hole_id: 'WS10',
      project_id: 'TOP3398',
      ground_level_m: '68.59',
    })
    const rows = borelogRowsFromTable(page.table)
    expect(rows).toHaveLength(8)
    expect(rows[3]).toMatchObject({
      depth_top_m: 2.6,
      spt_n: 7,
      spt_tests: '3.00: N=7 (1,0/1,2,2,2); 4.00: N=3 (1,1/0,1,1,1)',
    })
    const meta = await store.getMetadata('TOP3398.WS10')
    expect(meta).toMatchObject({ table_name: 'borelog', status: 'draft', created_by: 'j.doe' })
  })

  it('a changed file makes v2 drafts of the changed holes only; --version exports v1', async () => {
    const name = 'F69-B32.ags'
    const bytes = readFixture(REAL_DIR + name)
    await importAgsToStore(store, bytes, { by: 'a', fileName: name })
    const text = new TextDecoder()
      .decode(bytes)
      .replace(
        '"BH2","0.00","1.52","MADE GROUND - bricks & earth."',
        '"BH2","0.00","1.50","MADE GROUND - bricks & earth."',
      )
      .replace('"BH2","1.52","2.29"', '"BH2","1.50","2.29"')
    const r = await importAgsToStore(store, new TextEncoder().encode(text), {
      by: 'b',
      fileName: name,
    })
    expect(r.records.filter((x) => x.action === 'updated').map((x) => x.holeId)).toEqual(['BH2'])
    const id = r.records.find((x) => x.holeId === 'BH2')?.recordId as string
    expect((await store.getMetadata(id)).current_version).toBe(2)
    const v1 = await exportAgsFromStore(store, [id], { version: 1 })
    expect(v1.text).toContain('"BH2","0.00","1.52"')
    const v2 = await exportAgsFromStore(store, [id])
    expect(v2.text).toContain('"BH2","0.00","1.50"')
  })

  it('the same data under another file name makes no version; the history names each file', async () => {
    const name = 'F69-B32.ags'
    const bytes = readFixture(REAL_DIR + name)
    const first = await importAgsToStore(store, bytes, { by: 'a', fileName: name })
    const ids = first.records.map((r) => r.recordId)
    const again = await importAgsToStore(store, bytes, { by: 'b', fileName: 'F69-B32 rev B.ags' })
    expect(again.records.map((r) => r.action)).toEqual(ids.map(() => 'unchanged'))
    for (const id of ids) {
      const meta = await store.getMetadata(id)
      expect(meta.history).toHaveLength(1)
      expect(meta.history[0]?.comment).toBe('Imported from F69-B32.ags')
      expect((await store.readVersion(id, 1)).header).not.toHaveProperty('source_file')
    }

    const changed = new TextDecoder()
      .decode(bytes)
      .replace('"BH2","1.52","2.29"', '"BH2","1.50","2.29"')
      .replace(
        '"BH2","0.00","1.52","MADE GROUND - bricks & earth."',
        '"BH2","0.00","1.50","MADE GROUND - bricks & earth."',
      )
    const r = await importAgsToStore(store, new TextEncoder().encode(changed), {
      by: 'b',
      fileName: 'F69-B32 rev C.ags',
      comment: 'Top layer re-measured',
    })
    const updated = r.records.filter((x) => x.action === 'updated')
    expect(updated.map((x) => x.holeId)).toEqual(['BH2'])
    const meta = await store.getMetadata(updated[0]!.recordId)
    expect(meta.history.map((h) => h.version)).toEqual([1, 2])
    expect(meta.history[1]?.comment).toBe('Top layer re-measured (imported from F69-B32 rev C.ags)')
  })

  it('a version stored with the file name in its header still compares equal on re-import', async () => {
    const name = 'F69-B32.ags'
    const bytes = readFixture(REAL_DIR + name)
    const first = await importAgsToStore(store, bytes, { by: 'a', fileName: name })
    const id = first.records[0]!.recordId
    // An older import kept the file name in the header: store such a version as v2.
    const v1 = await store.readVersion(id, 1)
    await store.updateRecord({
      recordId: id,
      table: v1.table,
      updatedBy: 'a',
      header: { ...v1.header, source_file: 'old name.ags' },
    })
    const again = await importAgsToStore(store, bytes, { by: 'b', fileName: 'new name.ags' })
    expect(again.records.find((r) => r.recordId === id)).toMatchObject({
      action: 'unchanged',
      version: 2,
    })
  })
})
