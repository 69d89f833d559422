// The one-line sync status the status bar and the sync screen show (issue 8: "sync
// status always visible"). Plain words a field engineer reads at a glance; the counts
// say what waits, so "3 to push" tells them to sync before leaving site.
import type { SyncStatusView } from '../shared/ipc/contract'
import { plural } from './format'

export type SyncTone = 'quiet' | 'ok' | 'pending' | 'problem' | 'busy'

export interface SyncStatusText {
  text: string
  tone: SyncTone
}

export function describeSyncStatus(status: SyncStatusView): SyncStatusText {
  switch (status.state) {
    case 'not-configured':
      return { text: 'Not set up', tone: 'quiet' }
    case 'syncing':
      return { text: 'Syncing…', tone: 'busy' }
    case 'conflicts':
      return { text: plural(status.conflicts, 'conflict'), tone: 'problem' }
    case 'offline':
      return {
        text: status.message ? `Offline: ${status.message}` : 'Offline',
        tone: 'problem',
      }
    case 'changes': {
      const parts: string[] = []
      if (status.toPush > 0) parts.push(`${status.toPush} to push`)
      if (status.toPull !== null && status.toPull > 0) parts.push(`${status.toPull} to pull`)
      return { text: parts.length > 0 ? parts.join(' · ') : 'Changes to sync', tone: 'pending' }
    }
    case 'up-to-date':
      return { text: 'Up to date', tone: 'ok' }
  }
}
