import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { parentsToSync } from './journal'

describe('folders a durable write syncs', () => {
  it("every folder mkdir created has its entry synced in its parent, down to the file's folder", () => {
    const root = path.resolve('/config')
    expect(parentsToSync(path.join(root, 'drafts'), path.join(root, 'drafts', 'abc'))).toEqual([
      root,
      path.join(root, 'drafts'),
    ])
    expect(
      parentsToSync(path.join(root, 'drafts', 'abc'), path.join(root, 'drafts', 'abc')),
    ).toEqual([path.join(root, 'drafts')])
  })

  it('nothing created, nothing extra to sync', () => {
    expect(parentsToSync(undefined, '/config/drafts/abc')).toEqual([])
  })
})
