import { describe, expect, it } from 'vitest'

import { formatJsonPath } from './json-path'

describe('formatJsonPath', () => {
  it('spells a path as JSON does, and names the empty path', () => {
    expect(formatJsonPath(['tables', 0, 'columns', 2, 'type'])).toBe('tables[0].columns[2].type')
    expect(formatJsonPath([])).toBe('(root)')
    expect(formatJsonPath([], '(edit)')).toBe('(edit)')
  })
})
