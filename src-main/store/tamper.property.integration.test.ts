// Property test: verify catches every forgery of the files a store holds. One store is
// built (registered and unregistered tables, approvals, rejections, updates, headers), then
// each run tampers with it in place and puts it back: edits of metadata.json that still
// parse (values, bit flips, removed, reordered and duplicated entries, removed keys, a
// consistent forged approval, a truncated history with its cached fields made to match),
// edits, removals, swaps and bit flips of change events and of changes.head.json, and bit
// flips, removed files and removed folders of records. Every tampering must fail verify.
// TAMPER_RUNS sets the runs per kind. See docs/ARCHITECTURE.md, "Invariants".
import { promises as fs } from 'node:fs'
import path from 'node:path'

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sampleHole, tempDir } from '../../test/support/borelog-fixtures'
import { LocalFolderStore } from '../object-store/index'
import { deriveHistoryFields } from './derived-fields'
import { canonicalJson } from './history'
import { VersionedStore, verifyStore } from './index'

const RUNS = Number(process.env.TAMPER_RUNS ?? 60)

let dir: string
let cleanup: () => Promise<void>
let store: VersionedStore
/** Every file of the sound store, by path relative to its root. */
const original = new Map<string, Buffer>()
const counts = new Map<string, { tried: number; detected: number }>()

async function walk(root: string, rel = ''): Promise<string[]> {
  const out: string[] = []
  for (const d of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${d.name}` : d.name
    if (d.isDirectory()) out.push(...(await walk(root, p)))
    else if (!d.name.endsWith('.lock') && !d.name.startsWith('.tmp')) out.push(p)
  }
  return out
}

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('borelog-tamper-'))
  store = await VersionedStore.open(new LocalFolderStore(dir))
  const header = { PROJ_NAME: 'Harbour', HOLE_TYPE: 'CP' }
  await store.createRecord({
    recordId: 'BH01',
    table: sampleHole('BH01'),
    tableName: 'borelog',
    createdBy: 'ann',
    header,
  })
  await store.approveRecord({ recordId: 'BH01', version: 1, by: 'rev' })
  await store.createRecord({
    recordId: 'BH02',
    table: sampleHole('BH02'),
    tableName: 'borelog',
    createdBy: 'bob',
  })
  await store.rejectRecord({ recordId: 'BH02', version: 1, by: 'rev', reason: 'SPT missing' })
  await store.updateRecord({
    recordId: 'BH02',
    table: sampleHole('BH02', 1),
    updatedBy: 'bob',
    header,
  })
  await store.approveRecord({ recordId: 'BH02', version: 2, by: 'rev' })
  await store.createRecord({
    recordId: 'R3',
    table: sampleHole('R3'),
    tableName: 'borelog_log',
    createdBy: 'cy',
    keyColumns: ['hole_id', 'depth_top_m'],
  })
  await store.updateRecord({ recordId: 'R3', table: sampleHole('R3', 2), updatedBy: 'dee' })
  await store.updateRecord({ recordId: 'R3', table: sampleHole('R3', 3), updatedBy: 'cy' })
  await store.approveRecord({ recordId: 'R3', version: 3, by: 'rev' })
  await store.updateRecord({ recordId: 'R3', table: sampleHole('R3', 4), updatedBy: 'dee' })
  for (const p of await walk(dir)) original.set(p, await fs.readFile(path.join(dir, p)))
  expect((await verifyStore(store)).problems).toEqual([])
}, 120_000)

afterAll(async () => {
  const lines = [...counts].map(([kind, c]) => `${kind.padEnd(28)} ${c.detected}/${c.tried}`)
  const total = [...counts.values()].reduce((s, c) => s + c.tried, 0)
  console.log(`tamperings detected/tried (total ${total}):\n${lines.join('\n')}`)
  await cleanup()
})

type Files = Map<string, Buffer | null>

/** Puts the sound store back: every file as it was, nothing else. */
async function restore(touched: Iterable<string>): Promise<void> {
  for (const p of touched) {
    const file = path.join(dir, p)
    const bytes = original.get(p)
    if (bytes) {
      await fs.mkdir(path.dirname(file), { recursive: true })
      await fs.writeFile(file, bytes)
    } else await fs.rm(file, { force: true })
  }
}

/** Applies `changes` (null removes), runs verify, restores; counts the outcome under `kind`. */
async function tamperAndVerify(kind: string, changes: Files): Promise<void> {
  for (const [p, bytes] of changes) {
    const file = path.join(dir, p)
    if (bytes === null) await fs.rm(file, { force: true })
    else {
      await fs.mkdir(path.dirname(file), { recursive: true })
      await fs.writeFile(file, bytes)
    }
  }
  let report
  try {
    report = await verifyStore(store)
  } finally {
    await restore(changes.keys())
  }
  const c = counts.get(kind) ?? { tried: 0, detected: 0 }
  c.tried++
  if (!report.ok) c.detected++
  counts.set(kind, c)
  expect(report.ok, `${kind}: ${[...changes.keys()].join(', ')}`).toBe(false)
}

const text = (p: string): string => original.get(p)!.toString('utf8')
const json = (p: string): any => JSON.parse(text(p)) // eslint-disable-line @typescript-eslint/no-explicit-any
const encode = (value: unknown): Buffer => Buffer.from(JSON.stringify(value, null, 2) + '\n')
const paths = (prefix: string, suffix = ''): string[] =>
  [...original.keys()].filter((p) => p.startsWith(prefix) && p.endsWith(suffix)).sort()
const metadataPaths = (): string[] => paths('records/', '/metadata.json')
const eventPaths = (): string[] => paths('changes/')
const versionPaths = (): string[] => paths('records/', '.parquet')
const pick = <T>(list: T[], n: number): T => list[n % list.length]!

/** Every [parent, key] inside a JSON value, leaves and containers alike. */
function slots(
  value: unknown,
  out: [Record<string | number, unknown>, string | number][] = [],
): typeof out {
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const k = Array.isArray(value) ? Number(key) : key
      out.push([value as Record<string | number, unknown>, k])
      slots((value as Record<string, unknown>)[key], out)
    }
  }
  return out
}

/** Another value for a slot: a changed string, number, boolean or null, or another type. */
function otherValue(old: unknown, n: number): unknown {
  const choices: unknown[] = [
    typeof old === 'string' && old.length > 0
      ? old.slice(0, n % old.length) +
        String.fromCharCode(((old.charCodeAt(n % old.length) + 1 + (n % 7)) % 95) + 32) +
        old.slice((n % old.length) + 1)
      : 'x',
    typeof old === 'number' ? old + 1 + (n % 3) : 1,
    null,
    true,
    'approved',
    [],
  ]
  for (let i = 0; i < choices.length; i++) {
    const v = choices[(n + i) % choices.length]
    if (canonicalJson(v) !== canonicalJson(old)) return v
  }
  return 'something else'
}

/** Flips one bit from `at` on, at the first place where the file still parses as different JSON. */
function flipThatParses(bytes: Buffer, at: number, bit: number): Buffer | null {
  const before = canonicalJson(JSON.parse(bytes.toString('utf8')))
  for (let i = 0; i < bytes.length; i++) {
    const copy = Buffer.from(bytes)
    const offset = (at + i) % bytes.length
    copy[offset]! ^= 1 << bit
    try {
      const parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(copy))
      if (canonicalJson(parsed) !== before) return copy
    } catch {
      // does not parse: try the next byte
    }
  }
  return null
}

const seedArb = fc.record({ a: fc.nat(10_000), b: fc.nat(10_000), c: fc.nat(7) })

function run(
  kind: string,
  make: (s: { a: number; b: number; c: number }) => Files | null,
): Promise<void> {
  return fc.assert(
    fc.asyncProperty(seedArb, async (s) => {
      const changes = make(s)
      if (changes) await tamperAndVerify(kind, changes)
    }),
    { numRuns: RUNS },
  )
}

describe('verify catches every tampering', () => {
  it('of metadata.json', async () => {
    await run('metadata: changed value', ({ a, b }) => {
      const p = pick(metadataPaths(), a)
      const meta = json(p)
      const all = slots(meta)
      const [parent, key] = pick(all, b)
      parent[key] = otherValue(parent[key], a + b)
      return new Map([[p, encode(meta)]])
    })
    await run('metadata: bit flip', ({ a, b, c }) => {
      const p = pick(metadataPaths(), a)
      const flipped = flipThatParses(original.get(p)!, b, c)
      return flipped ? new Map([[p, flipped]]) : null
    })
    await run('metadata: removed entry', ({ a, b }) => {
      const p = pick(metadataPaths(), a)
      const meta = json(p)
      meta.history.splice(b % meta.history.length, 1)
      if (meta.history.length === 0) return null // fails to parse: covered by changed value
      return new Map([[p, encode(meta)]])
    })
    await run('metadata: reordered entries', ({ a, b }) => {
      const p = pick(metadataPaths(), a)
      const meta = json(p)
      const n = meta.history.length
      if (n < 2) return null
      const i = b % n
      const j = (i + 1 + (a % (n - 1))) % n
      ;[meta.history[i], meta.history[j]] = [meta.history[j], meta.history[i]]
      return new Map([[p, encode(meta)]])
    })
    await run('metadata: duplicated entry', ({ a, b }) => {
      const p = pick(metadataPaths(), a)
      const meta = json(p)
      meta.history.splice(a % (meta.history.length + 1), 0, meta.history[b % meta.history.length])
      return new Map([[p, encode(meta)]])
    })
    await run('metadata: removed key', ({ a, b }) => {
      const p = pick(metadataPaths(), a)
      const meta = json(p)
      const objects = slots(meta).filter(([parent]) => !Array.isArray(parent))
      const [parent, key] = pick(objects, b)
      delete parent[key]
      return new Map([[p, encode(meta)]])
    })
    await run('metadata: forged approval', ({ a, b }) => {
      const p = pick(metadataPaths(), a)
      const meta = json(p)
      meta.status = pick(['approved', 'rejected', 'draft'], b)
      meta.approved_by = meta.status === 'approved' ? 'mallory' : meta.approved_by
      meta.approved_at = meta.status === 'approved' ? '2026-01-01T00:00:00.000Z' : meta.approved_at
      if (canonicalJson(meta) === canonicalJson(json(p))) meta.approved_by = 'mallory'
      return new Map([[p, encode(meta)]])
    })
    await run('metadata: truncated history', ({ a, b }) => {
      // The newest entries removed, the cached fields made to agree, newer version files removed.
      const p = pick(metadataPaths(), a)
      const meta = json(p)
      const keep = 1 + (b % (meta.history.length - 1 || 1))
      if (keep >= meta.history.length) return null
      meta.history = meta.history.slice(0, keep)
      const derived = deriveHistoryFields(meta.history)
      Object.assign(meta, derived)
      const changes: Files = new Map([[p, encode(meta)]])
      const folder = p.replace('metadata.json', 'versions/')
      for (const v of paths(folder)) {
        if (Number(/v(\d+)\.parquet$/.exec(v)![1]) > derived.current_version) changes.set(v, null)
      }
      return changes
    })
  }, 300_000)

  it('of the change log', async () => {
    await run('events: changed value', ({ a, b }) => {
      const p = pick(eventPaths(), a)
      const event = json(p)
      const [parent, key] = pick(slots(event), b)
      parent[key] = otherValue(parent[key], a + b)
      return new Map([[p, encode(event)]])
    })
    await run('events: bit flip', ({ a, b, c }) => {
      const p = pick(eventPaths(), a)
      const flipped = flipThatParses(original.get(p)!, b, c)
      return flipped ? new Map([[p, flipped]]) : null
    })
    await run('events: removed', ({ a }) => new Map([[pick(eventPaths(), a), null]]))
    await run('events: swapped', ({ a, b }) => {
      const events = eventPaths()
      const p = pick(events, a)
      const q = pick(events, a + 1 + (b % (events.length - 1)))
      return new Map([
        [p, original.get(q)!],
        [q, original.get(p)!],
      ])
    })
    await run('events: last removed, head rolled back', ({ a }) => {
      // The newest write's event gone and the head pointing at the event before it.
      const byseq = eventPaths().sort((p, q) => json(p).seq - json(q).seq)
      const drop = 1 + (a % 3)
      const kept = byseq[byseq.length - 1 - drop]!
      const changes: Files = new Map([['changes.head.json', original.get(kept)!]])
      for (const p of byseq.slice(byseq.length - drop)) changes.set(p, null)
      return changes
    })
    await run('events: head edited or removed', ({ a, b, c }) => {
      if (c === 0) return new Map([['changes.head.json', null]])
      const head = json('changes.head.json')
      const [parent, key] = pick(slots(head), b)
      parent[key] = otherValue(parent[key], a + b)
      return new Map([['changes.head.json', encode(head)]])
    })
  }, 300_000)

  it('of version files and folders', async () => {
    await run('versions: bit flip', ({ a, b, c }) => {
      const p = pick(versionPaths(), a)
      const copy = Buffer.from(original.get(p)!)
      copy[b % copy.length]! ^= 1 << c
      return new Map([[p, copy]])
    })
    await run('versions: removed file', ({ a }) => new Map([[pick(versionPaths(), a), null]]))
    await run('folders: removed', ({ a }) => {
      const folders = [
        ...metadataPaths().map((p) => p.replace('metadata.json', '')),
        ...metadataPaths().map((p) => p.replace('metadata.json', 'versions/')),
        ...new Set(eventPaths().map((p) => p.slice(0, p.lastIndexOf('/') + 1))),
      ]
      const folder = pick(folders, a)
      return new Map(paths(folder).map((p) => [p, null]))
    })
  }, 300_000)

  it('every kind was tried often enough and always detected', () => {
    const total = [...counts.values()].reduce((s, c) => s + c.tried, 0)
    expect(total).toBeGreaterThanOrEqual(RUNS * 15)
    for (const [kind, c] of counts) expect(c.detected, kind).toBe(c.tried)
  })
})
