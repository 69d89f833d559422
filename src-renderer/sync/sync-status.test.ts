import { describe, expect, it } from 'vitest'

import type { SyncStatusView } from '../../shared/ipc/contract'
import {
  describeSyncStatus,
  formatConflictKey,
  formatConflictValue,
  typedConflictValue,
  resolutionsFromChoices,
  valueChoiceStart,
} from './sync-status'

const base: SyncStatusView = {
  isConfigured: true,
  remote: 's3://bucket/store',
  state: 'up-to-date',
  toPush: 0,
  toPull: 0,
  conflicts: 0,
  lastSyncAt: null,
  message: null,
}

describe('sync status text', () => {
  it('names each state in the words the status bar shows', () => {
    expect(describeSyncStatus({ ...base, state: 'not-configured', isConfigured: false }).text).toBe(
      'Not set up',
    )
    expect(describeSyncStatus(base).text).toBe('Up to date')
    expect(describeSyncStatus({ ...base, state: 'changes', toPush: 3 }).text).toBe('3 to push')
    expect(describeSyncStatus({ ...base, state: 'changes', toPush: 3, toPull: 2 }).text).toBe(
      '3 to push · 2 to pull',
    )
    expect(describeSyncStatus({ ...base, state: 'conflicts', conflicts: 2 }).text).toBe(
      '2 conflicts',
    )
    expect(describeSyncStatus({ ...base, state: 'conflicts', conflicts: 1 }).text).toBe(
      '1 conflict',
    )
    expect(describeSyncStatus({ ...base, state: 'syncing' }).text).toBe('Syncing…')
  })

  it('offline says why when main knows', () => {
    expect(
      describeSyncStatus({ ...base, state: 'offline', message: 'no route to host' }).text,
    ).toBe('Offline: no route to host')
    expect(describeSyncStatus({ ...base, state: 'offline' }).text).toBe('Offline')
  })

  it('conflicts and offline are problems; up to date is fine', () => {
    expect(describeSyncStatus({ ...base, state: 'conflicts', conflicts: 1 }).tone).toBe('problem')
    expect(describeSyncStatus({ ...base, state: 'offline' }).tone).toBe('problem')
    expect(describeSyncStatus(base).tone).toBe('ok')
  })
})

describe('conflict values', () => {
  it('show empty cells and keys plainly', () => {
    expect(formatConflictValue(null)).toBe('(empty)')
    expect(formatConflictValue(1.5)).toBe('1.5')
    expect(formatConflictValue({ a: 1 })).toBe('{"a":1}')
    expect(formatConflictKey({ hole_id: 'BH1', depth_top_m: 1.2 })).toBe(
      'hole_id BH1, depth_top_m 1.2',
    )
    expect(formatConflictKey(null)).toBeNull()
  })

  it('a typed value takes the type of the sides', () => {
    expect(typedConflictValue('2.5', 2, 3)).toBe(2.5)
    expect(typedConflictValue('2.5 m', 2, 3)).toBe('2.5 m')
    expect(typedConflictValue('', 'a', 'b')).toBeNull()
    expect(typedConflictValue('Firm CLAY', 'Soft CLAY', null)).toBe('Firm CLAY')
    expect(typedConflictValue('true', false, null)).toBe(true)
  })
})

describe('conflict choices', () => {
  const conflicts = [
    { id: 'a', ours: 1.5, theirs: 2 },
    { id: 'b', ours: null, theirs: 'Firm CLAY' },
  ]

  it('sends nothing while a conflict has no choice', () => {
    expect(resolutionsFromChoices(conflicts, { a: { kind: 'ours' } })).toBeNull()
  })

  it('sends each side by name and a typed value typed like its sides', () => {
    expect(
      resolutionsFromChoices(conflicts, {
        a: { kind: 'value', text: '1.75' },
        b: { kind: 'theirs' },
      }),
    ).toEqual({ a: { value: 1.75 }, b: 'theirs' })
  })

  it('starts a typed value from our side, or empty when our cell is', () => {
    expect(valueChoiceStart(1.5)).toBe('1.5')
    expect(valueChoiceStart(null)).toBe('')
  })
})
