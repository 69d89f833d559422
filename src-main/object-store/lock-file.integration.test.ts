// The local backend's lock files on a real folder: a dead writer's lock is taken over at
// once and by exactly one writer, a live one is waited for. See lock-file.ts.
import { promises as fs } from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { tempDir } from '../../test/support/borelog-fixtures'
import {
  STALE_LOCK_KINDS,
  exitedPid,
  plantStaleLock,
  type StaleLockKind,
} from '../../test/support/stale-lock'
import { VersionConflictError } from '../../shared/errors'
import { LocalFolderStore } from './local-folder'
import { LOCK_SUFFIX, acquireLock, breakLockOf } from './lock-file'

let dir: string
let cleanup: () => Promise<void>
let deadPid: number
/** Rounds of the race; each plants one stale lock (the three kinds in turn). */
const ROUNDS = 12

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('borelog-lock-'))
  deadPid = await exitedPid()
})
afterAll(() => cleanup())

async function timeToAcquire(file: string): Promise<number> {
  const started = performance.now()
  const release = await acquireLock(file)
  const elapsedMs = performance.now() - started
  await release()
  return elapsedMs
}

describe('lock files', () => {
  it.each<StaleLockKind>([...STALE_LOCK_KINDS])(
    'a stale lock (%s) is taken over at once',
    async (kind) => {
      const file = path.join(dir, `at-once-${kind.replace(/\W/g, '')}`)
      await plantStaleLock(file, kind, deadPid)
      expect(await timeToAcquire(file)).toBeLessThan(1_000)
      await expect(fs.access(file + LOCK_SUFFIX)).rejects.toThrow()
    },
  )

  it.each([
    ['a live writer of this host', () => `${hostname()} ${process.pid} feed`],
    ['a fresh lock of another host', () => `another-host.example 1 feed`],
  ])('%s is waited for, never taken over', async (_, token) => {
    const file = path.join(dir, `live-${token().length}`)
    await fs.writeFile(file + LOCK_SUFFIX, token())
    let acquired = false
    const waiting = acquireLock(file).then((release) => {
      acquired = true
      return release
    })
    await new Promise((r) => setTimeout(r, 400))
    expect(acquired).toBe(false)
    expect(await fs.readFile(file + LOCK_SUFFIX, 'utf8')).toBe(token())
    await fs.rm(file + LOCK_SUFFIX)
    await (
      await waiting
    )()
    expect(acquired).toBe(true)
  })

  it('a breaker killed while holding the break lock does not block the next writer', async () => {
    const file = path.join(dir, 'dead-breaker')
    await plantStaleLock(file, 'dead pid', deadPid)
    await fs.writeFile(breakLockOf(file + LOCK_SUFFIX), `${hostname()} ${deadPid} dead`)
    expect(await timeToAcquire(file)).toBeLessThan(1_000)
  })

  it(`16 writers appending by read-compare-swap over a stale lock lose no update (${ROUNDS} rounds)`, async () => {
    const store = new LocalFolderStore(dir)
    const key = 'race/log.txt'
    await store.putIfAbsent(key, new Uint8Array())
    const acknowledged: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      await plantStaleLock(
        path.join(dir, key),
        STALE_LOCK_KINDS[round % STALE_LOCK_KINDS.length]!,
        deadPid,
      )
      await Promise.all(
        Array.from({ length: 16 }, async (_, writer) => {
          const line = `${round}.${writer}\n`
          for (;;) {
            const current = (await store.get(key))!
            const next = Buffer.concat([current.bytes, Buffer.from(line)])
            try {
              await store.putIfMatch(key, next, current.etag)
              acknowledged.push(line)
              return
            } catch (e) {
              if (!(e instanceof VersionConflictError)) throw e
            }
          }
        }),
      )
    }
    const lines = new Set(
      Buffer.from((await store.get(key))!.bytes)
        .toString()
        .split('\n'),
    )
    expect(acknowledged).toHaveLength(ROUNDS * 16)
    expect(acknowledged.filter((l) => !lines.has(l.trimEnd()))).toEqual([])
    expect(await fs.readdir(path.join(dir, 'race'))).toEqual(['log.txt'])
  })
})
