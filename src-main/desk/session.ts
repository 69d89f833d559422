// One open store, as the application serves it: the store and its catalog, its working
// drafts, the version pages and diffs it has decoded (versions are immutable, so these
// caches never go stale), the decode workers, and the watcher that announces each change
// once (change-watcher.ts). A store switch opens a new session and closes the old one.
import { createHash } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'

import { openBorelogStore, type Catalog } from '../catalog/index'
import { DraftManager, type DraftManagerApi } from '../drafts/index'
import { decodeParquet, encodeParquet } from '../parquet/index'
import { generateBorelogTable } from '../schema/index'
import type { Signer, VersionedStore } from '../store/index'
import { ChangeWatcher, DEFAULT_WATCH_INTERVAL_MS } from './change-watcher'
import { DecodePool } from './decode-pool'
import { DiffViews } from './diff-views'
import type { EventHub } from './events'
import { PRIME_ROWS } from './prime'
import type { TaskRegistry } from './tasks'
import { VersionPages } from './version-pages'

export { DEFAULT_WATCH_INTERVAL_MS }

/** What an operation on the open store needs (the desk's review, draft, import and export calls). */
export interface StoreDesk {
  readonly store: VersionedStore
  readonly catalog: Catalog
  readonly drafts: DraftManagerApi
  readonly tasks: TaskRegistry
  /** The user recorded as created_by / approved_by; read per call, settings may change it. */
  user(): string
  /**
   * Runs `work`, which commits, then announces the records `committed` names from its
   * result as store.changed: once per change, never again by the watcher.
   */
  committing<T>(work: () => Promise<T>, committed: (result: T) => readonly string[]): Promise<T>
  /** Announces records this process committed outside `committing` (a write that failed part-way). */
  announce(recordIds: readonly string[]): Promise<void>
}

/**
 * The first Parquet decode of a process pays for the wasm decoder's instantiation and
 * JIT warm-up. Paying it at start, off the critical path, makes the first version a
 * reviewer opens paint sooner.
 */
function primeDecoder(): void {
  setTimeout(() => {
    try {
      decodeParquet(encodeParquet(generateBorelogTable(PRIME_ROWS)), 'decoder warm-up', {
        offset: 0,
        limit: 250,
      })
    } catch (e) {
      console.error('Warming up the Parquet decoder failed; the first version will open slower.', e)
    }
  }, 0)
}

export interface SessionOptions {
  /** Folder of the store. */
  storeDir: string
  /** The signing identity's name: what saves and reviews record as their author. */
  user: () => string
  /** Signs every history entry this session writes. */
  signer: Signer
  /** Where settings and working drafts live (BORELOG_CONFIG_DIR, else ~/.borelog-desk). */
  configDir: string
  host: 'electron' | 'browser'
  /** Outlive the session: the workspace's, shared by every store it opens. */
  events: EventHub
  tasks: TaskRegistry
  /** How often other writers' changes are looked for; 0 disables (tests). */
  watchIntervalMs?: number
  /** The bundled decode-worker.mjs; absent: whole versions decode in main's thread. */
  decodeWorker?: URL
}

export interface Session extends StoreDesk {
  readonly location: string
  /** Which transport serves this run (store.info tells the renderer). */
  readonly host: 'electron' | 'browser'
  readonly pages: VersionPages
  readonly diffs: DiffViews
  /** Stops the watcher and the decode workers; gives up the drafts folder (and its lock). */
  close(): Promise<void>
}

/** One folder of working drafts per store, keyed by its location. */
export function draftsDirFor(configDir: string, storeLocation: string): string {
  const key = createHash('sha256').update(storeLocation).digest('hex').slice(0, 16)
  return join(configDir, 'drafts', key)
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const { store, catalog } = await openBorelogStore(options.storeDir, { signer: options.signer })
  const { events, tasks, user } = options
  // Two workers: the two versions of a diff decode at once; more would outrun the cores.
  const decoder = new DecodePool(
    options.decodeWorker ?? null,
    Math.max(1, Math.min(2, availableParallelism())),
  )
  // A session re-opened on the same store takes its drafts folder over from this one
  // (drafts/manager.ts): one writer of each journal, never two.
  const drafts = new DraftManager({
    store,
    draftsDir: draftsDirFor(options.configDir, store.location),
    user,
  })
  const pages = new VersionPages(store, tasks, decoder)
  const diffs = new DiffViews(store, pages, tasks)
  const watcher = new ChangeWatcher(
    store,
    events,
    options.watchIntervalMs ?? DEFAULT_WATCH_INTERVAL_MS,
  )

  primeDecoder()
  await watcher.start()

  return {
    store,
    catalog,
    drafts,
    tasks,
    user,
    committing: (work, committed) => watcher.committing(work, committed),
    announce: (recordIds) => watcher.announce(recordIds),
    location: store.location,
    host: options.host,
    pages,
    diffs,
    async close() {
      watcher.close()
      await Promise.all([decoder.close(), drafts.close()])
    },
  }
}
