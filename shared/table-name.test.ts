import { describe, expect, it } from 'vitest'

import { TableNameSchema, tableNameProblem } from './table-name'

describe('table name rule', () => {
  it('accepts [a-z][a-z0-9_]*', () => {
    for (const name of ['borelog', 'borelog_versions', 'cpt2', 'a'])
      expect(tableNameProblem(name)).toBeNull()
  })

  it('refuses paths, capitals, leading digits or underscores, and over-long names', () => {
    for (const name of [
      '../../../../tmp/x',
      'Borelog',
      '2cpt',
      '_x',
      'cone tests',
      'a-b',
      '',
      'a'.repeat(129),
    ])
      expect(tableNameProblem(name)).not.toBeNull()
    expect(TableNameSchema.safeParse('../x').success).toBe(false)
  })
})
