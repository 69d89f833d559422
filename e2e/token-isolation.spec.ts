// The browser host's token never leaves its origin (scheme, host and port). Browsers send
// a cookie to every port of 127.0.0.1, so a token kept in one would reach any local
// listener; here a second listener on another port plays that attacker, and must see
// nothing of the token after the app was opened and used in the same browser context.
// See docs/SECURITY.md, "Threats".
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { expect, screenshot, test } from './support/fixtures'
import { RecordsListPage } from './support/pages'

interface Seen {
  url: string
  headers: string
}

/** A plain listener on another 127.0.0.1 port that records every request it gets. */
async function startEavesdropper(): Promise<{ origin: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = []
  const server = createServer((req: IncomingMessage, res) => {
    seen.push({ url: req.url ?? '', headers: req.rawHeaders.join('\n') })
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end('<!doctype html><title>another local server</title><p>hello</p>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { origin: `http://127.0.0.1:${port}`, seen, server }
}

test('no credential reaches another port of 127.0.0.1 after the app was opened and used', async ({
  page,
  app,
  context,
}) => {
  const token = new URL(app.url).hash.replace(/^#token=/, '')
  expect(token.length).toBeGreaterThan(20)

  // The fixture opened the printed URL; the page took the token out of the address bar.
  await expect.poll(() => page.url()).not.toContain(token)
  const list = new RecordsListPage(page)
  await list.open(app.origin)
  await list.expectTotal(9)
  await screenshot(page, 'token-isolation-records')

  // Events arrive over the token-carrying stream: a second writer's version shows up.
  await page.goto(`${app.origin}/#/records/TOP3398.WS01`)
  await expect(page.getByRole('link', { name: 'v3', exact: true })).toBeVisible()
  expect(await app.saveVersionElsewhere('TOP3398.WS01')).toBe(4)
  await expect(page.getByRole('link', { name: 'v4', exact: true })).toBeVisible()

  const listener = await startEavesdropper()
  try {
    const other = await context.newPage()
    await other.goto(`${listener.origin}/`)
    await other.goto(`${listener.origin.replace('127.0.0.1', 'localhost')}/favicon.ico`)
    await page.goto(`${listener.origin}/from-the-app-tab`)
    expect(listener.seen.length).toBeGreaterThanOrEqual(3)
    for (const request of listener.seen) {
      expect(request.url).not.toContain(token)
      expect(request.headers).not.toContain(token)
      expect(request.headers.toLowerCase()).not.toContain('borelog')
    }
    expect(await context.cookies()).toEqual([])
  } finally {
    await new Promise((resolve) => listener.server.close(resolve))
  }
})

test('the app keeps working across reloads and hash routes once the token is adopted', async ({
  page,
  app,
}) => {
  await page.reload()
  const list = new RecordsListPage(page)
  await list.open(app.origin)
  await list.expectTotal(9)
  // A tab opened on the bare address has no token: calls are refused, the page says so.
  const stranger = await page.context().newPage()
  await stranger.goto(`${app.origin}/#/records`)
  await expect(stranger.getByRole('alert').first()).toHaveAttribute(
    'data-error-code',
    'UNAUTHORIZED',
  )
})
