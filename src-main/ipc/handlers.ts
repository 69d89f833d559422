// The handler table: each contract channel mapped to the layer that answers it. Who
// approves or rejects is the session's user, set by main: the renderer cannot claim
// another identity. Every commit is announced as store.changed.
import { BorelogError } from '../../shared/errors'
import type { Catalog } from '../catalog/index'
import { checkChain, verifyRecord, type VersionedStore } from '../store/index'
import type { DraftManagerApi } from '../drafts/index'
import type { HandlerTable } from './dispatch'
import { draftHandlers } from './draft-handlers'
import { exportHandlers } from './export-handlers'
import { importHandlers } from './import-handlers'
import type { TaskRegistry } from './tasks'
import { workspaceHandlers, type WorkspaceControl } from './workspace-handlers'
import type { EventHub } from './events'
import type { DecodePool } from './decode-pool'
import { DiffViews } from './diff-views'
import { VersionPages } from './version-pages'

export interface HandlerContext {
  store: VersionedStore
  catalog: Catalog
  events: EventHub
  /** The user recorded as created_by / approved_by; read per call, settings may change it. */
  user: () => string
  host: 'electron' | 'browser'
  /** Where whole versions are decoded (worker threads, or in-thread). */
  decoder: DecodePool
  tasks: TaskRegistry
  drafts: DraftManagerApi
  /** Settings, the open store, sync: what outlives one store. */
  workspace: WorkspaceControl
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((v) => typeof v === 'string')
  )
}

function distinctSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((v) => v !== '').sort((a, b) => a.localeCompare(b))
}

export function createHandlers(context: HandlerContext): HandlerTable {
  return {
    ...reviewHandlers(context),
    ...draftHandlers(context),
    ...importHandlers(context),
    ...exportHandlers(context),
    ...workspaceHandlers(context),
  }
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

function reviewHandlers(context: HandlerContext): Pick<HandlerTable, ReviewChannel> {
  const { store, catalog, events, user, host, decoder, tasks } = context
  const pages = new VersionPages(store, tasks, decoder)
  const diffs = new DiffViews(store, pages, tasks)

  return {
    'store.info': async () => {
      const all = await catalog.list({})
      return {
        location: store.location,
        user: user(),
        recordCount: all.total,
        tableNames: distinctSorted(all.records.map((r) => r.table_name)),
        authors: distinctSorted(all.records.map((r) => r.created_by)),
        host,
      }
    },

    'records.list': (query) => catalog.list(query),

    'record.get': async ({ recordId }) => {
      const metadata = await store.getMetadata(recordId)
      // The version file holds the full header; metadata.json a short copy. When the file
      // cannot be read, the page still opens on the short copy and the history says why.
      const header = await store
        .readVersionInfo(recordId, metadata.current_version)
        .then((info) => info.header)
        .catch((e: unknown) => {
          if (e instanceof BorelogError && isStringRecord(metadata.header)) return metadata.header
          throw e
        })
      return { metadata, header }
    },

    'record.versions': async ({ recordId }) => ({ versions: await store.listVersions(recordId) }),

    'record.history': async ({ recordId }) => {
      const metadata = await store.getMetadata(recordId)
      // verifyRecord re-hashes every version file; checkChain alone would miss a replaced file.
      const verified = await verifyRecord(store, recordId)
      const chainProblems = checkChain(metadata.history)
      const problems = [
        ...verified.problems.map((p) => ({
          code: p.code,
          version: p.version ?? null,
          message: p.message,
        })),
        ...chainProblems
          .filter((c) => !verified.problems.some((p) => p.message === c.message))
          .map((c) => ({ code: 'INTEGRITY', version: c.version, message: c.message })),
      ]
      return {
        entries: metadata.history,
        integrity: {
          isIntact: problems.length === 0,
          checkedEntries: metadata.history.length,
          checkedVersions: verified.versionsChecked,
          problems,
        },
      }
    },

    'version.page': (request) => pages.page(request),

    'version.findings': async ({ recordId, version }) => ({
      findings: await store.getFindings(recordId, version),
    }),

    'diff.summary': (request) => diffs.summary(request),
    'diff.page': (request) => diffs.page(request),
    'diff.seek': (request) => diffs.seek(request),

    'record.approve': async ({ recordId, version, comment }) => {
      const metadata = await store.approveRecord({
        recordId,
        version,
        by: user(),
        comment: comment ?? null,
      })
      events.emit('store.changed', { recordIds: [recordId] })
      return { metadata }
    },

    'record.reject': async ({ recordId, version, reason }) => {
      const metadata = await store.rejectRecord({
        recordId,
        version,
        by: user(),
        reason: reason.trim(),
      })
      events.emit('store.changed', { recordIds: [recordId] })
      return { metadata }
    },
  }
}
