// `borelog-host`: the browser host as a process (bundled to out/host/borelog-host.mjs).
// `npm start` runs it where no Electron binary exists, and e2e runs one per test on a
// fresh store. Prints the URL to open (with its per-run token); --json prints one JSON
// line {url, origin, port, storeDir} instead, for the process that started it.
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { startBrowserHost } from './browser-host'
import { defaultConfigDir, defaultStoreDir, defaultUser, isDefaultSampleStore } from './defaults'
import { ensureSampleStore } from './sample-store'
import { openSession } from './session'

const here = dirname(fileURLToPath(import.meta.url))

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      store: { type: 'string' },
      port: { type: 'string', default: '0' },
      user: { type: 'string' },
      renderer: { type: 'string', default: join(here, '..', 'renderer') },
      samples: { type: 'string', default: join(here, '..', '..', 'resources', 'samples') },
      'with-samples': { type: 'boolean', default: false },
      'watch-ms': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  const storeDir = resolve(values.store ?? defaultStoreDir())
  await mkdir(storeDir, { recursive: true })
  if (values['with-samples'] || isDefaultSampleStore(storeDir)) {
    const created = await ensureSampleStore(storeDir, values.samples)
    if (created > 0 && !values.json)
      console.log(`Created the sample store (${created} borelogs) in ${storeDir}`)
  }
  const session = await openSession({
    storeDir,
    user: values.user ?? defaultUser(),
    configDir: defaultConfigDir(),
    host: 'browser',
    decodeWorker: new URL('./decode-worker.mjs', import.meta.url),
    ...(values['watch-ms'] !== undefined ? { watchIntervalMs: Number(values['watch-ms']) } : {}),
  })
  const host = await startBrowserHost({
    dispatch: session.dispatch,
    events: session.events,
    rendererDir: values.renderer,
    port: Number(values.port),
  })
  if (values.json) {
    console.log(JSON.stringify({ url: host.url, origin: host.origin, port: host.port, storeDir }))
  } else {
    console.log(
      `Borelog Desk is served on this machine only. Open:\n\n  ${host.url}\n\nStore: ${storeDir}\nCtrl+C to stop.`,
    )
  }
  const stop = (): void => {
    session.close()
    void host.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
