// One open store served to renderers: the store and its catalog, its working drafts, the
// handler table behind the dispatch wrapper, and a watcher that turns other processes' commits
// (read from the store's changes/ log) into store.changed events, so a reviewer's
// screen follows what another window, process or laptop saved.
import { availableParallelism } from 'node:os'

import { createHash } from 'node:crypto'
import { join } from 'node:path'

import { openBorelogStore, type Catalog } from '../catalog/index'
import { DraftManager } from '../drafts/index'
import { decodeParquet, encodeParquet } from '../parquet/index'
import { generateBorelogTable } from '../schema/index'
import { changedSince, currentCursor, type VersionedStore } from '../store/index'
import { DecodePool } from './decode-pool'
import { createDispatch, type Dispatch } from './dispatch'
import type { EventHub } from './events'
import { createHandlers } from './handlers'
import { PRIME_ROWS } from './prime'
import type { TaskRegistry } from './tasks'
import type { WorkspaceControl } from './workspace-handlers'

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
  /** Read per call: a renamed user is recorded from the next call on. */
  user: () => string
  /** Where settings and working drafts live (BORELOG_CONFIG_DIR, else ~/.borelog-desk). */
  configDir: string
  host: 'electron' | 'browser'
  /** Outlive the session: the workspace's, shared by every store it opens. */
  events: EventHub
  tasks: TaskRegistry
  workspace: WorkspaceControl
  /** How often other writers' changes are looked for; 0 disables (tests). */
  watchIntervalMs?: number
  /** The bundled decode-worker.mjs; absent: whole versions decode in main's thread. */
  decodeWorker?: URL
}

export interface Session {
  dispatch: Dispatch
  store: VersionedStore
  catalog: Catalog
  location: string
  /** Stops the watcher and the decode workers; gives up the drafts folder (and its lock). */
  close(): Promise<void>
}

export const DEFAULT_WATCH_INTERVAL_MS = 1500

/** One folder of working drafts per store, keyed by its location. */
export function draftsDirFor(configDir: string, storeLocation: string): string {
  const key = createHash('sha256').update(storeLocation).digest('hex').slice(0, 16)
  return join(configDir, 'drafts', key)
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const { store, catalog } = await openBorelogStore(options.storeDir)
  const { events, user } = options
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
  const dispatch = createDispatch(
    createHandlers({
      store,
      catalog,
      events,
      user,
      host: options.host,
      decoder,
      tasks: options.tasks,
      drafts,
      workspace: options.workspace,
    }),
  )

  primeDecoder()
  let cursor = await currentCursor(store)
  let timer: ReturnType<typeof setTimeout> | null = null
  let isClosed = false
  const interval = options.watchIntervalMs ?? DEFAULT_WATCH_INTERVAL_MS
  const watch = async (): Promise<void> => {
    try {
      const changed = await changedSince(store, cursor)
      cursor = changed.cursor
      if (changed.recordIds.length > 0)
        events.emit('store.changed', { recordIds: [...changed.recordIds] })
    } catch (e) {
      // An outage only delays the next look; the screens keep what they show.
      console.error('Watching the store for changes failed; retrying.', e)
    }
    if (!isClosed) timer = setTimeout(() => void watch(), interval)
  }
  if (interval > 0) timer = setTimeout(() => void watch(), interval)

  return {
    dispatch,
    store,
    catalog,
    location: store.location,
    async close() {
      isClosed = true
      if (timer) clearTimeout(timer)
      await Promise.all([decoder.close(), drafts.close()])
    },
  }
}
