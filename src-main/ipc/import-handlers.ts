// import.preview and import.apply: a picked file, previewed or imported (see
// desk/import-file.ts).
import { applyFile, previewFile, type StoreDesk } from '../desk/index'
import type { HandlerTable } from './dispatch'

export type ImportChannel = 'import.preview' | 'import.apply'

export function importHandlers(
  current: () => Pick<StoreDesk, 'store' | 'tasks' | 'drafts' | 'user' | 'committing' | 'announce'>,
): Pick<HandlerTable, ImportChannel> {
  return {
    'import.preview': (request) => previewFile(current(), request),
    'import.apply': (request) => applyFile(current(), request),
  }
}
