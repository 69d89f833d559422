import { describe, expect, it } from 'vitest'

import type { SyncStatusView } from '../shared/ipc/contract'
import { describeSyncStatus } from './sync-status'

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
