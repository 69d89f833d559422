// `borelog-host`: the browser host as a process (bundled to out/host/borelog-host.mjs).
// `npm start` runs it where no Electron binary exists, and e2e runs one per test on a
// fresh store. Prints the URL to open, its per-run token in the fragment (`/#token=...`,
// which the browser keeps to itself: see browser-host.ts); --json prints one JSON
// line {url, origin, port, storeDir} instead, for the process that started it.
// --store / BORELOG_STORE and --user / BORELOG_USER win over the saved settings for this
// run; --config-dir (else BORELOG_CONFIG_DIR, else ~/.borelog-desk) holds the settings.
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { defaultConfigDir, ensureSampleStore, runOverrides, Workspace } from '../desk/index'
import { startBrowserHost } from './browser-host'
import { serveWorkspace } from './handlers'

const here = dirname(fileURLToPath(import.meta.url))

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      store: { type: 'string' },
      port: { type: 'string', default: '0' },
      user: { type: 'string' },
      'config-dir': { type: 'string' },
      renderer: { type: 'string', default: join(here, '..', 'renderer') },
      samples: { type: 'string', default: join(here, '..', '..', 'resources', 'samples') },
      'with-samples': { type: 'boolean', default: false },
      'watch-ms': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  const configDir = resolve(values['config-dir'] ?? defaultConfigDir())
  const overrides = runOverrides({ store: values.store, user: values.user })
  if (values['with-samples'] && overrides.storeLocation !== undefined) {
    await mkdir(overrides.storeLocation, { recursive: true })
    const created = await ensureSampleStore(overrides.storeLocation, values.samples)
    if (created > 0 && !values.json)
      console.log(`Created the sample store (${created} borelogs) in ${overrides.storeLocation}`)
  }
  const workspace = await Workspace.open({
    configDir,
    host: 'browser',
    overrides,
    samplesDir: values.samples,
    decodeWorker: new URL('./decode-worker.mjs', import.meta.url),
    ...(values['watch-ms'] !== undefined ? { watchIntervalMs: Number(values['watch-ms']) } : {}),
  })
  const host = await startBrowserHost({
    dispatch: serveWorkspace(workspace),
    events: workspace.events,
    rendererDir: values.renderer,
    port: Number(values.port),
  })
  const storeDir = workspace.location
  if (values.json) {
    console.log(JSON.stringify({ url: host.url, origin: host.origin, port: host.port, storeDir }))
  } else {
    console.log(
      `Borelog Desk is served on this machine only. Open this whole address (the part after # is this run's key; the browser keeps it to itself):\n\n  ${host.url}\n\nStore: ${storeDir}\nSettings: ${configDir}\nCtrl+C to stop.`,
    )
  }
  const stop = (): void => {
    void Promise.all([workspace.close(), host.close()]).then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
