// The one-line sync status the status bar and the sync screen show (issue 8: "sync
// status always visible"). Plain words a field engineer reads at a glance; the counts
// say what waits, so "3 to push" tells them to sync before leaving site.
import type { SyncStatusView } from '../../shared/ipc/contract'
import { plural } from '../format'

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

/** A conflict side as text: empty cells say so, structured values show as JSON. */
export function formatConflictValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** A conflict's row key ("hole_id BH1, depth_top_m 1.2"), or null for a record-level conflict. */
export function formatConflictKey(key: Record<string, unknown> | null): string | null {
  if (key === null) return null
  return Object.entries(key)
    .map(([name, value]) => `${name} ${formatConflictValue(value)}`)
    .join(', ')
}

/**
 * A value the user typed to settle a conflict, typed like the sides: a number where
 * either side is a number (and the text is one), empty text as an empty cell.
 */
export function typedConflictValue(text: string, ours: unknown, theirs: unknown): unknown {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const isNumeric = typeof ours === 'number' || typeof theirs === 'number'
  if (isNumeric && Number.isFinite(Number(trimmed))) return Number(trimmed)
  if (typeof ours === 'boolean' || typeof theirs === 'boolean') {
    if (trimmed === 'true') return true
    if (trimmed === 'false') return false
  }
  return text
}
