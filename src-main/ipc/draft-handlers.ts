// Working-draft channels mapped to the open session's draft manager; a save goes through
// the desk, which runs it as a task and announces it.
import { saveDraft } from '../desk/index'
import type { HandlerTable } from './dispatch'
import type { CurrentSession } from './handlers'

export type DraftChannel =
  | 'drafts.list'
  | 'draft.open'
  | 'draft.create'
  | 'draft.page'
  | 'draft.edit'
  | 'draft.undo'
  | 'draft.redo'
  | 'draft.save'
  | 'draft.discard'

export function draftHandlers(current: CurrentSession): Pick<HandlerTable, DraftChannel> {
  const drafts = () => current().drafts
  return {
    'drafts.list': async () => ({ drafts: await drafts().list() }),
    'draft.open': ({ recordId }) => drafts().open(recordId),
    'draft.create': (request) => drafts().create(request),
    'draft.page': ({ recordId, offset, limit }) => drafts().page(recordId, offset, limit),
    'draft.edit': ({ recordId, edit }) => drafts().edit(recordId, edit),
    'draft.undo': ({ recordId }) => drafts().undo(recordId),
    'draft.redo': ({ recordId }) => drafts().redo(recordId),
    'draft.save': async ({ recordId, comment }) => ({
      metadata: await saveDraft(current(), recordId, comment),
    }),
    'draft.discard': async ({ recordId }) => {
      await drafts().discard(recordId)
      return {}
    },
  }
}
