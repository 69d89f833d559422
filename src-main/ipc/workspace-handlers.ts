// PLACEHOLDER (issue 8, in progress): replaced by the settings/sync work before the session ends.
import { BorelogError } from '../../shared/errors'
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

/** Settings, the open store and sync; implemented by the workspace. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WorkspaceControl {}

const notYet = (): Promise<never> =>
  Promise.reject(new BorelogError('INTERNAL', 'Settings are not built yet.'))

export function workspaceHandlers(context: HandlerContext): Pick<HandlerTable, WorkspaceChannel> {
  return {
    'settings.get': notYet,
    'settings.update': notYet,
    'store.open': notYet,
    'sync.status': notYet,
    'sync.run': notYet,
    'sync.conflicts': notYet,
    'sync.resolve': notYet,
    'task.cancel': async ({ taskId }) => ({ wasRunning: context.tasks.cancel(taskId) }),
  }
}
