import { describe, expect, it } from 'vitest'

import type { ImportPreview } from '../../shared/ipc/contract'
import {
  canImport,
  previewKey,
  recordIdFromFileName,
  singleHoleId,
  sourceUnitsAfterPreview,
  sourcesUsedTwice,
  unusedSources,
  withTarget,
} from './import-mapping'

const preview: ImportPreview = {
  format: 'csv',
  sourceColumns: [
    { name: 'Hole', samples: ['BH1'] },
    { name: 'Top (ft)', samples: ['0'] },
    { name: 'Base (ft)', samples: ['3.5'] },
    { name: 'Notes', samples: [''] },
  ],
  targetColumns: [],
  mapping: { hole_id: 'Hole', depth_top_m: 'Top (ft)', depth_base_m: 'Base (ft)' },
  rowCount: 3,
  previewRows: [],
  findings: [],
  holes: [],
  detectedUnits: null,
}

describe('import mapping', () => {
  it('a record id from a file name keeps its stem and makes unsafe characters dashes', () => {
    expect(recordIdFromFileName('BH1.csv')).toBe('BH1')
    expect(recordIdFromFileName('C:\\logs\\Site A/BH 12 (feet).CSV')).toBe('BH-12-feet')
    expect(recordIdFromFileName('..hidden.parquet')).toBe('hidden')
    expect(recordIdFromFileName('noext')).toBe('noext')
  })

  it('choosing a source for one target leaves the others and the original alone', () => {
    const next = withTarget(preview.mapping, 'depth_top_m', null)
    expect(next).toEqual({ hole_id: 'Hole', depth_top_m: null, depth_base_m: 'Base (ft)' })
    expect(preview.mapping.depth_top_m).toBe('Top (ft)')
  })

  it('a source mapped twice and sources left out are reported', () => {
    const twice = withTarget(preview.mapping, 'depth_base_m', 'Top (ft)')
    expect(sourcesUsedTwice(twice)).toEqual(['Top (ft)'])
    expect(sourcesUsedTwice(preview.mapping)).toEqual([])
    expect(unusedSources(preview, preview.mapping)).toEqual(['Notes'])
  })

  it('the preview key ignores the order of the mapping but not its content', () => {
    const base = { fileName: 'a.csv', size: 10, tableName: 'borelog', sourceUnits: 'ft' as const }
    const a = previewKey({ ...base, mapping: { x: 'A', y: 'B' } })
    expect(previewKey({ ...base, mapping: { y: 'B', x: 'A' } })).toBe(a)
    expect(previewKey({ ...base, mapping: { x: 'A', y: null } })).not.toBe(a)
    expect(previewKey({ ...base, sourceUnits: 'm', mapping: { x: 'A', y: 'B' } })).not.toBe(a)
  })
})

describe('record id from the rows', () => {
  const column = { type: 'Utf8', kind: 'text' as const, unit: null, isKey: true }
  const withRows = (rows: string[][]): ImportPreview => ({
    ...preview,
    targetColumns: [
      { ...column, name: 'hole_id' },
      { ...column, name: 'description', isKey: false },
    ],
    previewRows: rows,
  })

  it('is the hole all rows name, else none', () => {
    expect(
      singleHoleId(
        withRows([
          ['BH-F1', 'a'],
          ['BH-F1', 'b'],
        ]),
      ),
    ).toBe('BH-F1')
    expect(
      singleHoleId(
        withRows([
          ['BH-F1', 'a'],
          ['BH-F2', 'b'],
        ]),
      ),
    ).toBeNull()
    expect(singleHoleId(withRows([]))).toBeNull()
    expect(singleHoleId(withRows([['', 'a']]))).toBeNull()
    expect(singleHoleId(preview)).toBeNull()
  })

  it('rows with a blank hole id belong to the hole the others name', () => {
    expect(
      singleHoleId(
        withRows([
          ['BH-F1', 'a'],
          ['', 'b'],
          ['  ', 'c'],
        ]),
      ),
    ).toBe('BH-F1')
  })
})

describe('import: what is applied is what was previewed', () => {
  const ready = { hasPreview: true, isPreviewing: false, hasPreviewError: false, isApplying: false }

  it('import is offered only for a current, successful preview', () => {
    expect(canImport(ready)).toBe(true)
    expect(canImport({ ...ready, isPreviewing: true })).toBe(false)
    expect(canImport({ ...ready, hasPreviewError: true })).toBe(false)
    expect(canImport({ ...ready, hasPreview: false })).toBe(false)
    expect(canImport({ ...ready, isApplying: true })).toBe(false)
  })

  it("the file's detected units never override units the user chose", () => {
    expect(sourceUnitsAfterPreview('m', 'ft', false)).toBe('ft')
    expect(sourceUnitsAfterPreview('m', 'ft', true)).toBe('m')
    expect(sourceUnitsAfterPreview('ft', null, false)).toBe('ft')
  })
})
