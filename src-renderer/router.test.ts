import { describe, expect, it } from 'vitest'

import { parseRoute, routeHref, type Route } from './router'

describe('hash routes', () => {
  it('every route survives a round trip through its href', () => {
    const routes: Route[] = [
      { name: 'records' },
      { name: 'record', recordId: 'TOP3398.WS01' },
      { name: 'version', recordId: 'A B/C', version: 3, row: null },
      { name: 'version', recordId: 'BH1', version: 2, row: 41 },
      { name: 'diff', recordId: 'BH1', from: 2, to: 3 },
      { name: 'draft', recordId: 'BH 1/x' },
      { name: 'new-record', from: null },
      { name: 'new-record', from: { kind: 'duplicate', recordId: 'BH 1&2' } },
      { name: 'new-record', from: { kind: 'template', recordId: 'BH3' } },
      { name: 'import' },
      { name: 'settings' },
      { name: 'sync' },
    ]
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route)
  })

  it('a hand-typed version that is not a number stays NaN (main answers BAD_INPUT)', () => {
    const route = parseRoute('#/records/BH1/versions/latest')
    expect(route.name === 'version' && Number.isNaN(route.version)).toBe(true)
  })

  it('an unknown address falls back to the records list', () => {
    expect(parseRoute('#/nowhere')).toEqual({ name: 'records' })
    expect(parseRoute('')).toEqual({ name: 'records' })
  })
})
