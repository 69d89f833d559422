// The handler table: each contract channel mapped to the desk call that answers it. A
// handler only translates: the request arrives parsed (dispatch.ts), the call goes to the
// session open when it arrives, and what the desk returns is the response. What a call
// does, who it records as the author and how its change is announced is the desk's.
import {
  approveVersion,
  getRecord,
  recordHistory,
  rejectVersion,
  storeInfo,
  type Session,
  type Workspace,
} from '../desk/index'
import {
  createDispatch,
  errorResult,
  type Dispatch,
  type DispatchOptions,
  type HandlerTable,
} from './dispatch'
import { draftHandlers } from './draft-handlers'
import { exportHandlers } from './export-handlers'
import { importHandlers } from './import-handlers'
import { workspaceHandlers } from './workspace-handlers'

/** The open session, looked up per call: a store switch takes effect from the next call. */
export type CurrentSession = () => Session

export function createHandlers(workspace: Workspace): HandlerTable {
  const current: CurrentSession = () => workspace.current()
  return {
    ...reviewHandlers(current),
    ...draftHandlers(current),
    ...importHandlers(current),
    ...exportHandlers(current),
    ...workspaceHandlers(workspace),
  }
}

/**
 * Every contract call on the workspace, through the one wrapper. Once the workspace is
 * closed (the app is quitting), calls are answered STORE_UNAVAILABLE, even a bad one.
 */
export function serveWorkspace(workspace: Workspace, options: DispatchOptions = {}): Dispatch {
  const dispatch = createDispatch(createHandlers(workspace), options)
  return (channel, payload) =>
    workspace.isOpen
      ? dispatch(channel, payload)
      : Promise.resolve(
          errorResult({
            code: 'STORE_UNAVAILABLE',
            message: 'The app is closing; nothing was done.',
          }),
        )
}

type ReviewChannel =
  | 'store.info'
  | 'records.list'
  | 'record.get'
  | 'record.versions'
  | 'record.history'
  | 'version.page'
  | 'version.findings'
  | 'diff.summary'
  | 'diff.page'
  | 'diff.seek'
  | 'record.approve'
  | 'record.reject'

function reviewHandlers(current: CurrentSession): Pick<HandlerTable, ReviewChannel> {
  return {
    'store.info': () => storeInfo(current()),
    'records.list': (query) => current().catalog.list(query),
    'record.get': ({ recordId }) => getRecord(current(), recordId),
    'record.versions': async ({ recordId }) => ({
      versions: await current().store.listVersions(recordId),
    }),
    'record.history': ({ recordId }) => recordHistory(current(), recordId),
    'version.page': (request) => current().pages.page(request),
    'version.findings': async ({ recordId, version }) => ({
      findings: await current().store.getFindings(recordId, version),
    }),
    'diff.summary': (request) => current().diffs.summary(request),
    'diff.page': (request) => current().diffs.page(request),
    'diff.seek': (request) => current().diffs.seek(request),
    'record.approve': async (request) => ({ metadata: await approveVersion(current(), request) }),
    'record.reject': async (request) => ({ metadata: await rejectVersion(current(), request) }),
  }
}
