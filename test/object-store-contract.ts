// The ObjectStore contract (src-main/object-store/index.ts), one suite run against every
// backend: the local folder (local-folder-contract.integration.test.ts) and S3 on a real
// server (s3-contract.s3.integration.test.ts). The store layer's safety under many
// writers rests on exactly these guarantees.
import { createHash, randomBytes } from 'node:crypto'

import { afterEach, describe, expect, it } from 'vitest'

import type { ObjectStore } from '../src-main/object-store/index'

export interface ContractStore {
  store: ObjectStore
  /** Removes what the test made (temp folder, sockets). */
  dispose(): Promise<void>
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s)
const decode = (b: Uint8Array): string => new TextDecoder().decode(b)
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')

async function collect(iterable: AsyncIterable<{ key: string }>): Promise<string[]> {
  const keys: string[] = []
  for await (const info of iterable) keys.push(info.key)
  return keys
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'OK'
  } catch (e) {
    return (e as { code?: string }).code ?? `uncoded: ${String(e)}`
  }
}

/** Runs `jobs` with at most `width` in flight. */
async function pooled(jobs: (() => Promise<unknown>)[], width: number): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]!()
  }
  await Promise.all(Array.from({ length: width }, worker))
}

export function describeObjectStoreContract(
  name: string,
  makeStore: () => Promise<ContractStore>,
): void {
  describe(`ObjectStore contract: ${name}`, () => {
    const disposers: (() => Promise<void>)[] = []
    afterEach(async () => {
      await Promise.all(disposers.splice(0).map((d) => d()))
    })
    const open = async (): Promise<ObjectStore> => {
      const made = await makeStore()
      disposers.push(() => made.dispose())
      return made.store
    }

    describe('reads and conditional writes', () => {
      it('get and head of a missing key are null, not errors', async () => {
        const store = await open()
        expect(await store.get('records/none/metadata.json')).toBeNull()
        expect(await store.head('records/none/metadata.json')).toBeNull()
      })

      it('putIfAbsent stores the exact bytes; put, get and head agree on the etag', async () => {
        const store = await open()
        const bytes = new Uint8Array(256).map((_, i) => i)
        const put = await store.putIfAbsent('records/BH-01/versions/v1.parquet', bytes)
        const got = await store.get('records/BH-01/versions/v1.parquet')
        const head = await store.head('records/BH-01/versions/v1.parquet')
        expect(got?.bytes).toEqual(bytes)
        expect(got?.etag).toBe(put.etag)
        expect(head).toMatchObject({
          key: 'records/BH-01/versions/v1.parquet',
          size: 256,
          etag: put.etag,
        })
        expect(head?.lastModifiedMs).toBeGreaterThan(0)
      })

      it('objects with a temp name are never listed', async () => {
        const store = await open()
        await store.putIfAbsent('records/.tmp-123', text('x'))
        await store.putIfAbsent('records/BH-01/metadata.json', text('{}'))
        expect(await collect(store.list(''))).toEqual(['records/BH-01/metadata.json'])
      })

      it('an empty object round-trips', async () => {
        const store = await open()
        await store.putIfAbsent('empty', new Uint8Array(0))
        expect((await store.get('empty'))?.bytes.byteLength).toBe(0)
        expect((await store.head('empty'))?.size).toBe(0)
      })

      it('putIfAbsent never overwrites: ALREADY_EXISTS and the first bytes stay', async () => {
        const store = await open()
        await store.putIfAbsent('records/BH-01/versions/v1.parquet', text('first'))
        expect(
          await codeOf(store.putIfAbsent('records/BH-01/versions/v1.parquet', text('second'))),
        ).toBe('ALREADY_EXISTS')
        expect(decode((await store.get('records/BH-01/versions/v1.parquet'))!.bytes)).toBe('first')
      })

      it('putIfMatch replaces only the version it was given; a stale etag is VERSION_CONFLICT', async () => {
        const store = await open()
        const v1 = await store.putIfAbsent('records/BH-01/metadata.json', text('{"v":1}'))
        const v2 = await store.putIfMatch('records/BH-01/metadata.json', text('{"v":2}'), v1.etag)
        expect(v2.etag).not.toBe(v1.etag)
        expect((await store.head('records/BH-01/metadata.json'))?.etag).toBe(v2.etag)
        expect(
          await codeOf(
            store.putIfMatch('records/BH-01/metadata.json', text('{"v":"stale"}'), v1.etag),
          ),
        ).toBe('VERSION_CONFLICT')
        const got = await store.get('records/BH-01/metadata.json')
        expect(decode(got!.bytes)).toBe('{"v":2}')
        expect(got!.etag).toBe(v2.etag)
      })

      it('putIfMatch on a missing key is VERSION_CONFLICT and creates nothing', async () => {
        const store = await open()
        const other = await open()
        const { etag } = await other.putIfAbsent('x.json', text('elsewhere'))
        expect(await codeOf(store.putIfMatch('x.json', text('new'), etag))).toBe('VERSION_CONFLICT')
        expect(await store.get('x.json')).toBeNull()
      })

      it('putIfMatch with the current etag succeeds even when the bytes are unchanged', async () => {
        const store = await open()
        const v1 = await store.putIfAbsent('m.json', text('same'))
        const v2 = await store.putIfMatch('m.json', text('same'), v1.etag)
        expect(decode((await store.get('m.json'))!.bytes)).toBe('same')
        expect((await store.head('m.json'))?.etag).toBe(v2.etag)
      })

      it('keys that could escape the store are BAD_INPUT', async () => {
        const store = await open()
        for (const key of ['', '/abs', '../up', 'a/../../b', 'a/./b']) {
          expect(await codeOf(store.putIfAbsent(key, text('x')))).toBe('BAD_INPUT')
          expect(await codeOf(store.get(key))).toBe('BAD_INPUT')
        }
      })

      it('a 20 MB version file round-trips byte for byte', async () => {
        const store = await open()
        const bytes = new Uint8Array(randomBytes(20 * 1024 * 1024))
        const put = await store.putIfAbsent('records/BIG/versions/v1.parquet', bytes)
        const got = await store.get('records/BIG/versions/v1.parquet')
        expect(got?.bytes.byteLength).toBe(bytes.byteLength)
        expect(sha256(got!.bytes)).toBe(sha256(bytes))
        expect(got?.etag).toBe(put.etag)
        expect(
          await codeOf(store.putIfAbsent('records/BIG/versions/v1.parquet', text('small'))),
        ).toBe('ALREADY_EXISTS')
      })
    })

    describe('listing', () => {
      it('list returns every key under a string prefix, in lexicographic order', async () => {
        const store = await open()
        const keys = ['a/b', 'a-c', 'a/a/z', 'ab', 'b', 'a/b0', 'A']
        for (const key of keys) await store.putIfAbsent(key, text(key))
        expect(await collect(store.list(''))).toEqual([
          'A',
          'a-c',
          'a/a/z',
          'a/b',
          'a/b0',
          'ab',
          'b',
        ])
        expect(await collect(store.list('a'))).toEqual(['a-c', 'a/a/z', 'a/b', 'a/b0', 'ab'])
        expect(await collect(store.list('a/'))).toEqual(['a/a/z', 'a/b', 'a/b0'])
        expect(await collect(store.list('a/b'))).toEqual(['a/b', 'a/b0'])
        expect(await collect(store.list('nothing/'))).toEqual([])
      })

      it("list reports each object's size", async () => {
        const store = await open()
        await store.putIfAbsent('dir/one', text('1'))
        await store.putIfAbsent('dir/three', text('333'))
        const infos: { key: string; size: number }[] = []
        for await (const info of store.list('dir/')) infos.push({ key: info.key, size: info.size })
        expect(infos).toEqual([
          { key: 'dir/one', size: 1 },
          { key: 'dir/three', size: 3 },
        ])
      })

      it('startAfter is strictly after, limit stops early, and they combine', async () => {
        const store = await open()
        for (const key of ['k/1', 'k/2', 'k/3', 'k/4', 'k/5'])
          await store.putIfAbsent(key, text(key))
        expect(await collect(store.list('k/', { startAfter: 'k/2' }))).toEqual([
          'k/3',
          'k/4',
          'k/5',
        ])
        expect(await collect(store.list('k/', { startAfter: 'k/25' }))).toEqual([
          'k/3',
          'k/4',
          'k/5',
        ])
        expect(await collect(store.list('k/', { limit: 2 }))).toEqual(['k/1', 'k/2'])
        expect(await collect(store.list('k/', { startAfter: 'k/1', limit: 3 }))).toEqual([
          'k/2',
          'k/3',
          'k/4',
        ])
        expect(await collect(store.list('k/', { startAfter: 'k/5' }))).toEqual([])
        expect(await collect(store.list('k/', { limit: 0 }))).toEqual([])
        expect(await collect(store.list('k/', { startAfter: 'a' }))).toEqual([
          'k/1',
          'k/2',
          'k/3',
          'k/4',
          'k/5',
        ])
      })

      it('startAfter inside or beside a folder skips exactly the keys at or before it', async () => {
        const store = await open()
        for (const key of ['p/a/1', 'p/a/2', 'p/a0', 'p/a-', 'p/b/1'])
          await store.putIfAbsent(key, text(key))
        expect(await collect(store.list('p/', { startAfter: 'p/a/1' }))).toEqual([
          'p/a/2',
          'p/a0',
          'p/b/1',
        ])
        expect(await collect(store.list('p/', { startAfter: 'p/a' }))).toEqual([
          'p/a-',
          'p/a/1',
          'p/a/2',
          'p/a0',
          'p/b/1',
        ])
        expect(await collect(store.list('p/', { startAfter: 'p/a/' }))).toEqual([
          'p/a/1',
          'p/a/2',
          'p/a0',
          'p/b/1',
        ])
        expect(await collect(store.list('p/', { startAfter: 'p/a/9' }))).toEqual(['p/a0', 'p/b/1'])
        expect(await collect(store.list('p/', { startAfter: 'p/a.' }))).toEqual([
          'p/a/1',
          'p/a/2',
          'p/a0',
          'p/b/1',
        ])
        expect(await collect(store.list('p/', { startAfter: 'p/b' }))).toEqual(['p/b/1'])
      })

      it('list pages beyond 1000 keys without losing, repeating or reordering any', async () => {
        const store = await open()
        const keys = Array.from(
          { length: 1234 },
          (_, i) => `records/R-${String(i).padStart(5, '0')}/metadata.json`,
        )
        await pooled(
          keys.map((key) => () => store.putIfAbsent(key, text(key))),
          16,
        )
        const listed = await collect(store.list('records/'))
        expect(listed).toEqual(keys)
        const window = await collect(store.list('records/', { startAfter: keys[99], limit: 1050 }))
        expect(window).toEqual(keys.slice(100, 1150))
        expect(await store.listChildren('records/')).toEqual(keys.map((k) => k.split('/')[1]))
      })

      it('listChildren names the immediate folders only, sorted, with or without a trailing slash', async () => {
        const store = await open()
        for (const key of [
          'records/BH-02/metadata.json',
          'records/BH-01/versions/v1.parquet',
          'records/BH-01/metadata.json',
          'records/README',
          'catalog/snapshot.json',
        ]) {
          await store.putIfAbsent(key, text(key))
        }
        expect(await store.listChildren('')).toEqual(['catalog', 'records'])
        expect(await store.listChildren('records')).toEqual(['BH-01', 'BH-02'])
        expect(await store.listChildren('records/')).toEqual(['BH-01', 'BH-02'])
        expect(await store.listChildren('records/BH-01/')).toEqual(['versions'])
        expect(await store.listChildren('records/BH-02')).toEqual([])
        expect(await store.listChildren('missing/')).toEqual([])
      })
    })

    describe('delete', () => {
      it('delete removes a key, is quiet on a missing one, and frees the name for putIfAbsent', async () => {
        const store = await open()
        await store.putIfAbsent('tmp/x', text('x'))
        await store.delete('tmp/x')
        expect(await store.get('tmp/x')).toBeNull()
        expect(await collect(store.list('tmp/'))).toEqual([])
        await store.delete('tmp/x')
        await store.putIfAbsent('tmp/x', text('again'))
        expect(decode((await store.get('tmp/x'))!.bytes)).toBe('again')
      })
    })

    describe('concurrent writers', () => {
      const RACERS = 32

      it('32 concurrent putIfAbsent on one key: exactly one wins, the rest get ALREADY_EXISTS', async () => {
        const store = await open()
        const results = await Promise.all(
          Array.from({ length: RACERS }, (_, i) =>
            codeOf(store.putIfAbsent('race/v1.parquet', text(`writer ${i}`))),
          ),
        )
        const winners = results.flatMap((r, i) => (r === 'OK' ? [i] : []))
        expect(winners).toHaveLength(1)
        expect(results.filter((r) => r === 'ALREADY_EXISTS')).toHaveLength(RACERS - 1)
        expect(decode((await store.get('race/v1.parquet'))!.bytes)).toBe(`writer ${winners[0]}`)
      })

      it('32 concurrent putIfMatch on one etag, round after round: exactly one wins each round', async () => {
        const store = await open()
        let { etag } = await store.putIfAbsent('race/metadata.json', text('round 0'))
        for (let round = 1; round <= 4; round++) {
          const winners: { writer: number; etag: string }[] = []
          const losers: string[] = []
          await Promise.all(
            Array.from({ length: RACERS }, async (_, writer) => {
              try {
                const put = await store.putIfMatch(
                  'race/metadata.json',
                  text(`round ${round} writer ${writer}`),
                  etag,
                )
                winners.push({ writer, etag: put.etag })
              } catch (e) {
                losers.push((e as { code?: string }).code ?? String(e))
              }
            }),
          )
          expect(winners).toHaveLength(1)
          expect(losers).toEqual(Array.from({ length: RACERS - 1 }, () => 'VERSION_CONFLICT'))
          const got = await store.get('race/metadata.json')
          expect(decode(got!.bytes)).toBe(`round ${round} writer ${winners[0]!.writer}`)
          expect(got!.etag).toBe(winners[0]!.etag)
          etag = got!.etag
        }
      })

      it('32 writers appending by read-compare-swap lose no update', async () => {
        const store = await open()
        await store.putIfAbsent('counter.json', text('[]'))
        let conflicts = 0
        const append = async (id: number): Promise<void> => {
          for (;;) {
            const current = (await store.get('counter.json'))!
            const ids = JSON.parse(decode(current.bytes)) as number[]
            try {
              await store.putIfMatch(
                'counter.json',
                text(JSON.stringify([...ids, id])),
                current.etag,
              )
              return
            } catch (e) {
              if ((e as { code?: string }).code !== 'VERSION_CONFLICT') throw e
              conflicts++
            }
          }
        }
        await Promise.all(Array.from({ length: RACERS }, (_, i) => append(i)))
        const ids = JSON.parse(decode((await store.get('counter.json'))!.bytes)) as number[]
        expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: RACERS }, (_, i) => i))
        // The race really happened: writers did collide and retry.
        expect(conflicts).toBeGreaterThan(0)
      })
    })
  })
}
