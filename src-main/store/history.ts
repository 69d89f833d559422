// The history is a tamper-evident chain: each entry carries the sha256
// of its version file and of the entry before it, and its own hash over a canonical
// JSON form. Editing, removing or reordering any entry, or changing any version file,
// breaks the chain at a point verify can name.
// See docs/ARCHITECTURE.md, "Invariants".
import { createHash } from 'node:crypto'

import type { HistoryEntry } from '../../shared/metadata'

/** JSON with object keys sorted at every level: the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export function entryHash(entry: HistoryEntry): string {
  const unsealed: Record<string, unknown> = { ...entry }
  delete unsealed.entry_sha256
  // The signature signs entry_sha256, so it cannot be part of what that hash covers.
  delete unsealed.signature
  return createHash('sha256').update(canonicalJson(unsealed)).digest('hex')
}

/** Seal a new entry onto the chain: sets prev_entry_sha256 and entry_sha256. */
export function sealEntry(entry: HistoryEntry, previous: HistoryEntry | undefined): HistoryEntry {
  const withPrev: HistoryEntry = { ...entry, prev_entry_sha256: previous?.entry_sha256 ?? null }
  return { ...withPrev, entry_sha256: entryHash(withPrev) }
}

const WRITE_ACTIONS: ReadonlySet<string> = new Set(['create', 'update', 'merge'])

/** An entry that wrote a version file (entries from before `action` existed: a draft). */
export function isWriteEntry(entry: HistoryEntry): boolean {
  return (
    WRITE_ACTIONS.has(entry.action ?? '') ||
    (entry.action === undefined && entry.status === 'draft')
  )
}

export interface ChainProblem {
  index: number
  version: number
  message: string
}

/** Checks every link; entries written before the chain existed (no hashes) are reported too. */
export function checkChain(history: HistoryEntry[]): ChainProblem[] {
  const problems: ChainProblem[] = []
  let previous: HistoryEntry | undefined
  history.forEach((entry, index) => {
    const where = `history[${index}] (v${entry.version} ${entry.action ?? entry.status})`
    if (!entry.entry_sha256) {
      problems.push({
        index,
        version: entry.version,
        message: `${where} has no entry_sha256: it is not part of the chain.`,
      })
    } else if (entryHash(entry) !== entry.entry_sha256) {
      problems.push({
        index,
        version: entry.version,
        message: `${where} was edited after it was written: its hash does not match.`,
      })
    }
    const expectedPrev = previous?.entry_sha256 ?? null
    if ((entry.prev_entry_sha256 ?? null) !== expectedPrev) {
      problems.push({
        index,
        version: entry.version,
        message: `${where} does not link to the entry before it: an entry was removed, inserted or reordered.`,
      })
    }
    previous = entry
  })
  return problems
}
