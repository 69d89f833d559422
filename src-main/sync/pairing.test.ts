import { describe, expect, it } from 'vitest'

import type { HistoryEntry } from '../../shared/metadata'
import { sealEntry } from '../store/index'
import { pairHistories } from './pairing'

const SHA = (n: number): string => n.toString(16).padStart(64, '0')

function chain(
  entries: Omit<HistoryEntry, 'prev_entry_sha256' | 'entry_sha256'>[],
): HistoryEntry[] {
  const out: HistoryEntry[] = []
  for (const e of entries) out.push(sealEntry(e as HistoryEntry, out[out.length - 1]))
  return out
}

function write(
  version: number,
  by: string,
  at: string,
  file: number,
  extra: Record<string, unknown> = {},
) {
  return {
    version,
    status: 'draft' as const,
    created_by: by,
    created_at: at,
    comment: null,
    action: version === 1 ? ('create' as const) : ('update' as const),
    file_sha256: SHA(file),
    parent_version: version === 1 ? null : version - 1,
    ...extra,
  }
}

const T = (s: number): string => `2026-03-02T10:00:${String(s).padStart(2, '0')}.000Z`

describe('pairHistories', () => {
  it('histories copied verbatim pair entry by entry, version by version', () => {
    const h = chain([write(1, 'ann', T(1), 1), write(2, 'ann', T(2), 2)])
    const p = pairHistories(h, [...h])
    expect(p.localPartner).toEqual([0, 1])
    expect([...p.localToRemote]).toEqual([
      [1, 1],
      [2, 2],
    ])
  })

  it('a re-sealed copy pairs with the entry its synced_from names, under another number', () => {
    const local = chain([write(1, 'ann', T(1), 1), write(2, 'ann', T(2), 2)])
    const remote = chain([
      write(1, 'ann', T(1), 1),
      write(2, 'bob', T(3), 3),
      write(3, 'ann', T(2), 4, {
        synced_from: { entry_sha256: local[1]!.entry_sha256, version: 2, file_sha256: SHA(2) },
      }),
    ])
    const p = pairHistories(local, remote)
    expect(p.localPartner).toEqual([0, 2])
    expect(p.remotePartner).toEqual([0, -1, 1])
    expect(p.localToRemote.get(2)).toBe(3)
    expect(p.remoteToLocal.get(2)).toBeUndefined()
  })

  it('pairs a copy whose entry lost its synced_from (rebuilt from the file) by author, time and comment', () => {
    const local = chain([write(1, 'ann', T(1), 1), write(2, 'ann', T(2), 2)])
    const remote = chain([
      write(1, 'ann', T(1), 1),
      write(2, 'bob', T(3), 3),
      write(3, 'ann', T(2), 9),
    ])
    expect(pairHistories(local, remote).localToRemote.get(2)).toBe(3)
  })

  it('saves by different people or at different times stay unpaired: they are divergence', () => {
    const local = chain([write(1, 'ann', T(1), 1), write(2, 'ann', T(2), 2)])
    const remote = chain([write(1, 'ann', T(1), 1), write(2, 'bob', T(2), 3)])
    const p = pairHistories(local, remote)
    expect(p.localPartner).toEqual([0, -1])
    expect(p.remotePartner).toEqual([0, -1])
  })

  it('an entry pairs at most once', () => {
    const local = chain([write(1, 'ann', T(1), 1)])
    const remote = chain([write(1, 'ann', T(1), 1), write(2, 'ann', T(1), 1)])
    const p = pairHistories(local, remote)
    expect(p.localPartner).toEqual([0])
    expect(p.remotePartner).toEqual([0, -1])
  })
})
