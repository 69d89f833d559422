// Sync as the app offers it: the open store is the local working
// store, the remote is the one named in settings. The status bar polls sync.status, so a
// status is kept a few seconds and dropped as soon as anything commits (store.changed) or
// the settings change; a run is a cancellable task, one at a time, because two runs over
// the same sync state would list and copy the same records twice. The remote stays open
// (one S3 client) while its setting is unchanged, and a run refuses a remote that is
// neither a store nor empty before writing anything.
import { BadInputError, BorelogError, InvalidTransitionError } from '../../shared/errors'
import type {
  ParsedRequestOf,
  RemoteSettings,
  SyncConflictView,
  SyncStatusView,
} from '../../shared/ipc/contract'
import type { ObjectStore, OpenObjectStoreOptions } from '../object-store/index'
import type { VersionedStore } from '../store/index'
import type { z } from 'zod'

import type { SyncRunResultSchema } from '../../shared/ipc/contract'
import {
  listConflicts,
  resolve,
  sync,
  syncStatus,
  type RecordConflicts,
  type Resolution,
  type SyncResult,
} from '../sync/index'
import { expandHome } from './defaults'
import type { EventHub } from './events'
import { OpenRemote, remoteStore, type OpenObjects } from './remote'
import type { StoreDesk } from './session'
import type { TaskRegistry } from './tasks'

export type SyncRunResult = z.infer<typeof SyncRunResultSchema>

export const DEFAULT_SYNC_STATUS_TTL_MS = 3000

export interface SyncDeskOptions {
  remote: () => RemoteSettings | null
  user: () => string
  events: EventHub
  tasks: TaskRegistry
  /** How long a computed status is served again; 0 computes every call. */
  statusTtlMs?: number
  /** Opens the remote's object store; tests count the clients opened. */
  openObjects?: OpenObjects
}

/** S3 options only for an s3:// remote: a folder remote refuses them (object-store/open.ts). */
function objectStoreArgs(remote: RemoteSettings): [string, OpenObjectStoreOptions] {
  const url = expandHome(remote.url)
  if (!url.startsWith('s3://')) return [url, {}]
  return [
    url,
    {
      ...(remote.endpoint ? { endpoint: remote.endpoint } : {}),
      ...(remote.region ? { region: remote.region } : {}),
      ...(remote.profile ? { profile: remote.profile } : {}),
    },
  ]
}

/** Conflict values may be 64-bit integers; JSON (the browser host) cannot carry a bigint. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(jsonSafe)
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]))
  return value
}

function conflictView(record: RecordConflicts): SyncConflictView {
  return {
    recordId: record.recordId,
    baseVersion: record.baseVersion,
    localVersion: record.localVersion,
    remoteVersion: record.remoteVersion,
    conflicts: record.conflicts.map((c) => ({
      id: c.id,
      kind: c.kind,
      key: c.key === null ? null : (jsonSafe(c.key) as Record<string, unknown>),
      column: c.column,
      base: jsonSafe(c.base),
      ours: jsonSafe(c.ours),
      theirs: jsonSafe(c.theirs),
      message: c.message,
    })),
  }
}

function failureMessage(result: SyncResult): string | null {
  const first = result.failed[0]
  if (!first) return null
  return `${result.failed.length} record(s) could not be synced (${first.recordId}: ${first.message}); the next sync tries them again.`
}

const NOT_CONFIGURED: SyncStatusView = {
  isConfigured: false,
  remote: null,
  state: 'not-configured',
  toPush: 0,
  toPull: null,
  conflicts: 0,
  lastSyncAt: null,
  message: null,
}

/** Sync of the open (local) store with the remote named in settings. */
export class SyncDesk {
  private cached: { key: string; until: number; view: SyncStatusView } | null = null
  private isRunning = false
  /** The last run's error (or failed records), shown until a run succeeds. */
  private lastError: string | null = null
  private readonly ttlMs: number
  private readonly remote: OpenRemote

  constructor(private readonly options: SyncDeskOptions) {
    this.ttlMs = options.statusTtlMs ?? DEFAULT_SYNC_STATUS_TTL_MS
    this.remote = new OpenRemote(options.openObjects)
    options.events.subscribe((name) => {
      if (name === 'store.changed' || name === 'settings.changed') this.cached = null
    })
  }

  private requireRemote(): RemoteSettings {
    const remote = this.options.remote()
    if (!remote)
      throw new BadInputError(
        'No remote is set: enter the team store (s3://bucket/prefix or a folder) in Settings first.',
      )
    return remote
  }

  /** The remote's objects: opened once per setting, checked a store or empty. */
  private remoteObjects(remote: RemoteSettings, recheck = false): Promise<ObjectStore> {
    const [url, s3] = objectStoreArgs(remote)
    return this.remote.checked(url, s3, { recheck })
  }

  /** Names the sync state kept for the remote; needs no network (conflicts resolve offline). */
  private remoteLocation(remote: RemoteSettings): string {
    return this.remote.opened(...objectStoreArgs(remote)).location
  }

  /**
   * Refuses (BAD_INPUT) a remote seen to be neither a store nor an empty folder/prefix;
   * settings.update asks before it saves one. It stays open for the polls that follow.
   */
  async checkRemote(remote: RemoteSettings): Promise<void> {
    try {
      await this.remoteObjects(remote, true)
    } catch (e) {
      // A remote out of reach now (offline, no credentials) may still be saved: the status
      // shows why, and a run checks again before it writes. Only what was seen is refused.
      if (e instanceof BorelogError && e.code !== 'BAD_INPUT') return
      throw e
    }
  }

  /** Closes the remote's client (the app is shutting down). */
  close(): void {
    this.remote.close()
  }

  async status(local: VersionedStore): Promise<SyncStatusView> {
    const remote = this.options.remote()
    if (!remote) return NOT_CONFIGURED
    const key = `${local.location}\n${JSON.stringify(remote)}`
    let view =
      this.cached && this.cached.key === key && this.cached.until > Date.now()
        ? this.cached.view
        : null
    if (!view) {
      view = await this.computeStatus(local, remote)
      this.cached = { key, until: Date.now() + this.ttlMs, view }
    }
    return this.isRunning ? { ...view, state: 'syncing' } : view
  }

  private async computeStatus(
    local: VersionedStore,
    remote: RemoteSettings,
  ): Promise<SyncStatusView> {
    const [url, s3] = objectStoreArgs(remote)
    const base = { isConfigured: true, remote: remote.url }
    let status
    try {
      // The local schemas stand in for the remote's: a status must not need the network
      // just to open the remote (an offline remote reads as 'offline', below).
      status = await syncStatus(
        local,
        await remoteStore(await this.remote.checked(url, s3), local.registry),
      )
    } catch (e) {
      // A remote that cannot even be opened (bad URL, no credentials) is shown, not thrown:
      // the user entered it offline and fixes it in Settings.
      if (!(e instanceof BorelogError)) throw e
      return {
        ...base,
        state: 'offline',
        toPush: 0,
        toPull: null,
        conflicts: 0,
        lastSyncAt: null,
        message: e.message,
      }
    }
    return {
      ...base,
      state: status.state,
      toPush: status.toPush,
      toPull: status.toPull,
      conflicts: status.conflicts,
      lastSyncAt: status.lastSyncAt,
      message: status.offlineReason ?? this.lastError,
    }
  }

  /** One run at a time; a second call while one runs is refused (INVALID_TRANSITION). */
  async run(desk: StoreDesk, taskId: string | undefined): Promise<SyncRunResult> {
    const local = desk.store
    const remote = this.requireRemote()
    if (this.isRunning)
      throw new InvalidTransitionError(
        `A sync with ${remote.url} is running; wait for it to finish or cancel it.`,
      )
    this.isRunning = true
    this.cached = null
    let result: SyncResult
    try {
      result = await desk.committing(
        () =>
          this.options.tasks.run(
            { taskId, label: `Syncing with ${remote.url}`, isCancellable: true },
            async (task) => {
              // Checked again now: the folder or prefix may have filled since it was chosen.
              const store = await remoteStore(await this.remoteObjects(remote, true))
              task.throwIfCancelled()
              return sync(local, store, {
                user: this.options.user(),
                signal: task.signal,
                onProgress: (p) =>
                  p.phase === 'listing'
                    ? task.progress(0, null)
                    : task.progress(p.recordsDone, p.recordsTotal),
              })
            },
          ),
        // What came down from the remote: pushes change the remote, not this store.
        (done) => [
          ...new Set([
            ...done.pulled.map((r) => r.recordId),
            ...done.merged.map((m) => m.recordId),
          ]),
        ],
      )
      this.lastError = failureMessage(result)
    } catch (e) {
      this.lastError =
        e instanceof BorelogError && e.code === 'CANCELLED' ? null : String((e as Error).message)
      throw e
    } finally {
      this.isRunning = false
      this.cached = null
    }
    return {
      pulled: result.pulled.length,
      pushed: result.pushed.length,
      merged: result.merged.length,
      conflicts: result.conflicts.length,
      status: await this.status(local),
    }
  }

  async conflicts(local: VersionedStore): Promise<SyncConflictView[]> {
    const remote = this.options.remote()
    if (!remote) return []
    return (await listConflicts(local, this.remoteLocation(remote))).map(conflictView)
  }

  async resolve(
    desk: StoreDesk,
    input: ParsedRequestOf<'sync.resolve'>,
  ): Promise<{ version: number }> {
    const remote = this.requireRemote()
    const saved = await desk.committing(
      () =>
        resolve(desk.store, this.remoteLocation(remote), {
          recordId: input.recordId,
          localVersion: input.localVersion,
          resolutions: input.resolutions as Record<string, Resolution>,
          user: this.options.user(),
        }),
      () => [input.recordId],
    )
    return { version: saved.version }
  }
}
