// PLACEHOLDER (issue 8, in progress): replaced by the import work before the session ends.
import { BorelogError } from '../../shared/errors'
import type { HandlerTable } from './dispatch'
import type { HandlerContext } from './handlers'

export type ImportChannel = 'import.preview' | 'import.apply'

const notYet = (): Promise<never> =>
  Promise.reject(new BorelogError('INTERNAL', 'Import is not built yet.'))

export function importHandlers(_context: HandlerContext): Pick<HandlerTable, ImportChannel> {
  return { 'import.preview': notYet, 'import.apply': notYet }
}
