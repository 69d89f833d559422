// Which history entries of a record two stores share (see index.ts: "What is synced").
// Derived from the two histories alone, so losing sync/ state never duplicates anything:
// 1. the same entry_sha256: copied verbatim (same number, same chain position);
// 2. one names the other in `synced_from.entry_sha256`: copied and re-sealed;
// 3. for version writes left over: the same author, save time and comment. A copy whose
//    history entry was lost (a remote repair rolled an interrupted sync write forward from
//    the file alone) is still the same save; two different saves by one person in the same
//    millisecond with the same comment do not happen.
import type { HistoryEntry } from '../../shared/metadata'
import { isWriteEntry } from '../store/index'

export interface SyncedFrom {
  /** entry_sha256 of the entry this one copies, in the store it came from. */
  entry_sha256: string
  /** Its version number there. */
  version: number
  /** Its file_sha256 there. */
  file_sha256: string | null
}

export function syncedFromOf(entry: HistoryEntry): SyncedFrom | null {
  const raw = entry.synced_from
  if (typeof raw !== 'object' || raw === null) return null
  const r = raw as Record<string, unknown>
  if (typeof r.entry_sha256 !== 'string' || typeof r.version !== 'number') return null
  return {
    entry_sha256: r.entry_sha256,
    version: r.version,
    file_sha256: typeof r.file_sha256 === 'string' ? r.file_sha256 : null,
  }
}

/** merged_from of a merge entry: the two versions it joins, in its own store's numbers. */
export function mergedFromOf(entry: HistoryEntry): number[] | null {
  const raw = entry.merged_from
  return Array.isArray(raw) && raw.every((v) => Number.isInteger(v)) ? (raw as number[]) : null
}

export interface Pairing {
  /** Per local entry: the index of its remote partner, or -1 (not on the remote yet). */
  localPartner: number[]
  /** Per remote entry: the index of its local partner, or -1 (not here yet). */
  remotePartner: number[]
  /** Version numbers of paired version writes, local -> remote and back. */
  localToRemote: Map<number, number>
  remoteToLocal: Map<number, number>
}

export function pairHistories(
  local: readonly HistoryEntry[],
  remote: readonly HistoryEntry[],
): Pairing {
  const localPartner = new Array<number>(local.length).fill(-1)
  const remotePartner = new Array<number>(remote.length).fill(-1)
  const remoteByHash = new Map<string, number>()
  const remoteBySource = new Map<string, number>()
  remote.forEach((e, j) => {
    if (e.entry_sha256) remoteByHash.set(e.entry_sha256, j)
    const from = syncedFromOf(e)
    if (from) remoteBySource.set(from.entry_sha256, j)
  })
  const link = (i: number, j: number | undefined): boolean => {
    if (j === undefined || remotePartner[j] !== -1) return false
    localPartner[i] = j
    remotePartner[j] = i
    return true
  }
  local.forEach((e, i) => {
    const hash = e.entry_sha256
    const from = syncedFromOf(e)
    if (hash && link(i, remoteByHash.get(hash))) return
    if (from && link(i, remoteByHash.get(from.entry_sha256))) return
    if (hash) link(i, remoteBySource.get(hash))
  })
  const saveKey = (e: HistoryEntry): string =>
    `${e.created_by}\n${e.created_at}\n${e.comment ?? ''}`
  const remoteSaves = new Map<string, number>()
  remote.forEach((e, j) => {
    if (remotePartner[j] === -1 && isWriteEntry(e)) remoteSaves.set(saveKey(e), j)
  })
  local.forEach((e, i) => {
    if (localPartner[i] === -1 && isWriteEntry(e)) link(i, remoteSaves.get(saveKey(e)))
  })

  const localToRemote = new Map<number, number>()
  const remoteToLocal = new Map<number, number>()
  local.forEach((e, i) => {
    const j = localPartner[i]!
    if (j < 0 || !isWriteEntry(e)) return
    const r = remote[j]!
    if (!isWriteEntry(r)) return
    localToRemote.set(e.version, r.version)
    remoteToLocal.set(r.version, e.version)
  })
  return { localPartner, remotePartner, localToRemote, remoteToLocal }
}
