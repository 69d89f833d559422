// Working-draft channels (issue 8) mapped to the draft manager. A save is a task (the
// window shows it), not cancellable: it is one store commit, which either happens
// whole or not at all. A committed save is announced as store.changed.
import type { HandlerTable } from './dispatch'
import type { HandlerContext } from './handlers'

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

export function draftHandlers(context: HandlerContext): Pick<HandlerTable, DraftChannel> {
  const { drafts, events, tasks } = context
  return {
    'drafts.list': async () => ({ drafts: await drafts.list() }),
    'draft.open': ({ recordId }) => drafts.open(recordId),
    'draft.create': (request) => drafts.create(request),
    'draft.page': ({ recordId, offset, limit }) => drafts.page(recordId, offset, limit),
    'draft.edit': ({ recordId, edit }) => drafts.edit(recordId, edit),
    'draft.undo': ({ recordId }) => drafts.undo(recordId),
    'draft.redo': ({ recordId }) => drafts.redo(recordId),
    'draft.save': async ({ recordId, comment }) => {
      const metadata = await tasks.run(
        { label: `Saving ${recordId}`, isCancellable: false },
        (task) => drafts.save(recordId, comment, task.signal),
      )
      events.emit('store.changed', { recordIds: [recordId] })
      return { metadata }
    },
    'draft.discard': async ({ recordId }) => {
      await drafts.discard(recordId)
      return {}
    },
  }
}
