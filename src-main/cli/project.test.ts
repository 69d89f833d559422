import { describe, expect, it } from 'vitest'

import type { ListQuery, ListResult, RecordSummary } from '../../shared/records'
import { codeOf } from '../../test/support/codes'
import { listProject, projectRecordIds } from './project'

function summary(id: string, status: RecordSummary['status'], project: string): RecordSummary {
  const at = '2026-01-01T00:00:00.000Z'
  return {
    record_id: id,
    table_name: 'borelog',
    current_version: 1,
    status,
    created_by: 'a',
    created_at: at,
    approved_by: null,
    approved_at: null,
    rejected_by: null,
    rejected_at: null,
    updated_at: at,
    header: { project_id: project, project: `${project} Scheme` },
    history_length: 1,
  }
}

const records = [
  summary('P1.A', 'draft', 'P1'),
  summary('P1.B', 'approved', 'P1'),
  summary('P1.C', 'draft', 'P1'),
  summary('P2.A', 'draft', 'P2'),
]
const queries: ListQuery[] = []
const store = {
  async listRecords(query: ListQuery = {}): Promise<ListResult> {
    queries.push(query)
    return {
      records,
      total: records.length,
      countsByStatus: { draft: 3, approved: 1, rejected: 0 },
    }
  },
}

describe('project selection', () => {
  it('counts the project only; status and limit apply after the project filter', async () => {
    const r = await listProject(store, { status: ['draft'], limit: 1, text: 'x' }, ' p1 scheme ')
    expect(queries.at(-1)).toEqual({ text: 'x' })
    expect(r.countsByStatus).toEqual({ draft: 2, approved: 1, rejected: 0 })
    expect(r.total).toBe(2)
    expect(r.records.map((x) => x.record_id)).toEqual(['P1.A'])
  })

  it('lists a project by id; a project with no record is NOT_FOUND', async () => {
    expect(await projectRecordIds(store, 'P2')).toEqual(['P2.A'])
    expect(await codeOf(projectRecordIds(store, 'P3'))).toBe('NOT_FOUND')
  })
})
