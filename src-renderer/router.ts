// Hash routes: the app is one page (Electron blocks every real navigation), so the
// address is the fragment. A route names what is on screen, so reload and the e2e
// tests can open any screen directly.
import { useSyncExternalStore } from 'react'

export type Route =
  | { name: 'records' }
  | { name: 'record'; recordId: string }
  | { name: 'version'; recordId: string; version: number; row: number | null }
  | { name: 'diff'; recordId: string; from: number; to: number }
  /** The record's working draft in the editable grid. */
  | { name: 'draft'; recordId: string }
  /** `from`: start from a copy of a record (duplicate) or its header only (template). */
  | { name: 'new-record'; from: { kind: 'duplicate' | 'template'; recordId: string } | null }
  | { name: 'import' }
  | { name: 'settings' }
  /** Sync status and the conflicts waiting for the user. */
  | { name: 'sync' }

/** Route params are user input: a non-numeric version stays NaN and main answers BAD_INPUT. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?')
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent)
  const params = new URLSearchParams(query)
  if (parts[0] === 'new-record') {
    const duplicate = params.get('duplicate')
    const template = params.get('template')
    return {
      name: 'new-record',
      from:
        duplicate !== null
          ? { kind: 'duplicate', recordId: duplicate }
          : template !== null
            ? { kind: 'template', recordId: template }
            : null,
    }
  }
  if (parts[0] === 'import') return { name: 'import' }
  if (parts[0] === 'settings') return { name: 'settings' }
  if (parts[0] === 'sync') return { name: 'sync' }
  if (parts[0] === 'records' && parts[1] !== undefined) {
    const recordId = parts[1]
    if (parts[2] === 'draft') return { name: 'draft', recordId }
    if (parts[2] === 'versions' && parts[3] !== undefined) {
      const row = params.get('row')
      return {
        name: 'version',
        recordId,
        version: Number(parts[3]),
        row: row === null ? null : Number(row),
      }
    }
    if (parts[2] === 'diff') {
      return {
        name: 'diff',
        recordId,
        from: Number(params.get('from')),
        to: Number(params.get('to')),
      }
    }
    return { name: 'record', recordId }
  }
  return { name: 'records' }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'records':
      return '#/records'
    case 'record':
      return `#/records/${encodeURIComponent(route.recordId)}`
    case 'version':
      return `#/records/${encodeURIComponent(route.recordId)}/versions/${route.version}${
        route.row !== null ? `?row=${route.row}` : ''
      }`
    case 'diff':
      return `#/records/${encodeURIComponent(route.recordId)}/diff?from=${route.from}&to=${route.to}`
    case 'draft':
      return `#/records/${encodeURIComponent(route.recordId)}/draft`
    case 'new-record':
      return route.from === null
        ? '#/new-record'
        : `#/new-record?${route.from.kind}=${encodeURIComponent(route.from.recordId)}`
    case 'import':
    case 'settings':
    case 'sync':
      return `#/${route.name}`
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route)
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  return parseRoute(hash)
}
