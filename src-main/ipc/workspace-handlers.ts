// Settings, the open store folder, sync and task cancel (issue 8): the channels that act on
// what outlives one store. The handlers only translate; the Workspace (workspace.ts) owns
// the settings and the store switch, and its SyncDesk (sync-desk.ts) the sync runs.
import type {
  ParsedRequestOf,
  Settings,
  StoreInfo,
  SyncConflictView,
  SyncStatusView,
} from '../../shared/ipc/contract'
import type { z } from 'zod'

import type { SyncRunResultSchema } from '../../shared/ipc/contract'
import type { VersionedStore } from '../store/index'
import type { HandlerTable } from './dispatch'
import type { HandlerContext } from './handlers'

export type WorkspaceChannel =
  | 'settings.get'
  | 'settings.update'
  | 'store.open'
  | 'sync.status'
  | 'sync.run'
  | 'sync.conflicts'
  | 'sync.resolve'
  | 'task.cancel'

export type SyncRunResult = z.infer<typeof SyncRunResultSchema>

/** Sync of the open (local) store with the remote named in settings. */
export interface SyncControl {
  status(local: VersionedStore): Promise<SyncStatusView>
  /** One run at a time; a second call while one runs is refused (INVALID_TRANSITION). */
  run(local: VersionedStore, taskId: string | undefined): Promise<SyncRunResult>
  conflicts(local: VersionedStore): Promise<SyncConflictView[]>
  resolve(
    local: VersionedStore,
    input: ParsedRequestOf<'sync.resolve'>,
  ): Promise<{ version: number }>
}

/** Settings, the open store and sync: implemented by the Workspace. */
export interface WorkspaceControl {
  settings(): Settings
  /** Validates, saves, announces settings.changed; BAD_INPUT changes nothing. */
  updateSettings(update: ParsedRequestOf<'settings.update'>): Promise<Settings>
  /** Switches to another store folder; a failed open leaves the old store open. */
  openStore(location: string, create: boolean): Promise<StoreInfo>
  readonly sync: SyncControl
}

export function workspaceHandlers(context: HandlerContext): Pick<HandlerTable, WorkspaceChannel> {
  const { workspace, store } = context
  return {
    'settings.get': async () => workspace.settings(),
    'settings.update': (update) => workspace.updateSettings(update),
    'store.open': ({ location, create }) => workspace.openStore(location, create),
    'sync.status': () => workspace.sync.status(store),
    'sync.run': ({ taskId }) => workspace.sync.run(store, taskId),
    'sync.conflicts': async () => ({ records: await workspace.sync.conflicts(store) }),
    'sync.resolve': (request) => workspace.sync.resolve(store, request),
    'task.cancel': async ({ taskId }) => ({ wasRunning: context.tasks.cancel(taskId) }),
  }
}
