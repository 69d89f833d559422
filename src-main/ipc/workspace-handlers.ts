// Settings, the open store folder, sync and task cancel: the channels that act on what
// outlives one store. The Workspace owns the settings and the store switch, and its
// SyncDesk the sync runs.
import type { Workspace } from '../desk/index'
import type { HandlerTable } from './dispatch'

export type WorkspaceChannel =
  | 'settings.get'
  | 'settings.update'
  | 'store.open'
  | 'sync.status'
  | 'sync.run'
  | 'sync.conflicts'
  | 'sync.resolve'
  | 'task.cancel'

export function workspaceHandlers(workspace: Workspace): Pick<HandlerTable, WorkspaceChannel> {
  const { sync } = workspace
  return {
    'settings.get': async () => workspace.settings(),
    'settings.update': (update) => workspace.updateSettings(update),
    'store.open': ({ location, create }) => workspace.openStore(location, create),
    'sync.status': () => sync.status(workspace.current().store),
    'sync.run': ({ taskId }) => sync.run(workspace.current(), taskId),
    'sync.conflicts': async () => ({ records: await sync.conflicts(workspace.current().store) }),
    'sync.resolve': (request) => sync.resolve(workspace.current(), request),
    'task.cancel': async ({ taskId }) => ({ wasRunning: workspace.tasks.cancel(taskId) }),
  }
}
