// `npm start`: opens Borelog Desk on the embedded sample store (created on first run
// in ~/.borelog-desk/sample-store; BORELOG_STORE or --store picks another). With the
// Electron binary installed it builds and launches the desktop app. Without it
// (ELECTRON_SKIP_BINARY_DOWNLOAD, no network) it says so and serves the very same
// renderer and main-process code through the loopback browser host, printing its URL
// (its per-run token in the fragment, which the browser never sends to a server).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { superviseChild } from './supervise.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

/** The Electron executable, or null. Never require('electron'): it tries to download the binary. */
function electronBinary() {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(
    root,
    'node_modules',
    'electron',
    'dist',
    readFileSync(pathFile, 'utf8').trim(),
  )
  return existsSync(binary) ? binary : null
}

function runOrExit(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const electron = electronBinary()
if (electron) {
  runOrExit(process.execPath, [
    join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    'build',
  ])
  const storeIndex = args.indexOf('--store')
  const env = { ...process.env }
  if (storeIndex >= 0 && args[storeIndex + 1]) env.BORELOG_STORE = resolve(args[storeIndex + 1])
  superviseChild(spawn(electron, [root], { cwd: root, stdio: 'inherit', env }))
} else {
  console.log(
    'No Electron binary in node_modules/electron (path.txt is missing), so the desktop window cannot open here.\n' +
      'Serving the same app through the browser host on 127.0.0.1 instead.\n',
  )
  runOrExit(process.execPath, [join(root, 'scripts', 'build-host.mjs')])
  superviseChild(
    spawn(process.execPath, [join(root, 'out', 'host', 'borelog-host.mjs'), ...args], {
      cwd: root,
      stdio: 'inherit',
    }),
  )
}
