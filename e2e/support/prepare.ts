// Builds and data shared by the e2e tests and bench/app.bench.ts: the renderer and
// host bundles, the store tool, cached template stores (keyed by the store tool's
// bundle, so a change to the store code makes new ones), and starting a host process.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

import { build } from 'esbuild'

import { HOST_BUNDLE, STORE_TOOL } from './paths'

export async function buildAll(): Promise<void> {
  execFileSync(process.execPath, ['scripts/build-host.mjs'], { stdio: 'inherit' })
  await build({
    entryPoints: ['e2e/support/store-tool.ts'],
    outfile: STORE_TOOL,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
  })
}

/** A store made once by `store-tool <args with {dir}>` under `baseDir`, reused while the tool is unchanged. */
export function cachedStore(
  baseDir: string,
  name: string,
  toolArgs: (dir: string) => string[],
): string {
  const hash = createHash('sha256').update(readFileSync(STORE_TOOL)).digest('hex').slice(0, 12)
  const dir = resolve(baseDir, `${name}-${hash}`)
  if (existsSync(join(dir, 'records'))) return dir
  mkdirSync(baseDir, { recursive: true })
  const partial = `${dir}.partial`
  rmSync(partial, { recursive: true, force: true })
  console.log(`Making the ${name} store (once; cached in ${dir})...`)
  execFileSync(process.execPath, [STORE_TOOL, ...toolArgs(partial)], { stdio: 'inherit' })
  renameSync(partial, dir)
  return dir
}

export function templateStore(baseDir: string): string {
  return cachedStore(baseDir, 'template', (dir) => [
    'template',
    dir,
    'resources/samples',
    '1000000',
  ])
}

export interface HostProcess {
  child: ChildProcess
  url: string
  origin: string
  stop(): Promise<void>
  /** SIGKILL: a crash, nothing flushed or closed on the way out. */
  kill(): Promise<void>
}

export interface HostOptions {
  user?: string
  /** Settings and working drafts (BORELOG_CONFIG_DIR); each test gets its own. */
  configDir?: string
  /** Without --store the host opens the store its settings name. */
  useStoreFlag?: boolean
}

export async function startHost(storeDir: string, options: HostOptions = {}): Promise<HostProcess> {
  const user = options.user ?? 'e2e.reviewer'
  const storeArgs = options.useStoreFlag === false ? [] : ['--store', storeDir]
  const child = spawn(process.execPath, [HOST_BUNDLE, ...storeArgs, '--user', user, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      ...(options.configDir !== undefined ? { BORELOG_CONFIG_DIR: options.configDir } : {}),
    },
  })
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const first = await new Promise<string>((resolveLine, reject) => {
    lines.once('line', resolveLine)
    child.once('exit', (code) =>
      reject(new Error(`The host exited (${code}) before printing its URL.`)),
    )
  })
  const { url, origin } = JSON.parse(first) as { url: string; origin: string }
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolveStop) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolveStop()
      child.once('exit', () => resolveStop())
      child.kill(signal)
    })
  return { child, url, origin, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') }
}
