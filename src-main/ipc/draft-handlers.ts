// PLACEHOLDER (issue 8, in progress): replaced by the drafts work before the session ends.
import { BorelogError } from '../../shared/errors'
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

const notYet = (): Promise<never> =>
  Promise.reject(new BorelogError('INTERNAL', 'Draft editing is not built yet.'))

export function draftHandlers(_context: HandlerContext): Pick<HandlerTable, DraftChannel> {
  return {
    'drafts.list': notYet,
    'draft.open': notYet,
    'draft.create': notYet,
    'draft.page': notYet,
    'draft.edit': notYet,
    'draft.undo': notYet,
    'draft.redo': notYet,
    'draft.save': notYet,
    'draft.discard': notYet,
  }
}
