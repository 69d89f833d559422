// The one-line sync status the status bar (always visible) and the sync screen show.
// Plain words a field engineer reads at a glance; the counts say what waits, so "3 to
// push" tells them to sync before leaving site.
import type { RequestOf, SyncStatusView } from '../../shared/ipc/contract'
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

/** What the user chose to keep for one conflict, before it is sent. */
export type ConflictChoice = { kind: 'ours' | 'theirs' } | { kind: 'value'; text: string }
type Resolution = RequestOf<'sync.resolve'>['resolutions'][string]

/**
 * The resolutions to send for a record's conflicts, or null while any conflict has no
 * choice: a record is resolved whole or not at all, never with a side picked silently.
 */
export function resolutionsFromChoices(
  conflicts: ReadonlyArray<{ id: string; ours: unknown; theirs: unknown }>,
  choices: Readonly<Record<string, ConflictChoice>>,
): Record<string, Resolution> | null {
  const resolutions: Record<string, Resolution> = {}
  for (const c of conflicts) {
    const choice = choices[c.id]
    if (!choice) return null
    resolutions[c.id] =
      choice.kind === 'value'
        ? { value: typedConflictValue(choice.text, c.ours, c.theirs) }
        : choice.kind
  }
  return resolutions
}

/** The text a typed value starts from: our side, or nothing when our cell is empty. */
export function valueChoiceStart(ours: unknown): string {
  const text = formatConflictValue(ours)
  return text === '(empty)' ? '' : text
}
