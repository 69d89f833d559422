// record.export: one version as a file for download (see desk/export-version.ts).
import { exportVersion, type StoreDesk } from '../desk/index'
import type { HandlerTable } from './dispatch'

export function exportHandlers(
  current: () => Pick<StoreDesk, 'store' | 'tasks'>,
): Pick<HandlerTable, 'record.export'> {
  return {
    'record.export': (request) => exportVersion(current(), request),
  }
}
