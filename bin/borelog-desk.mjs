#!/usr/bin/env node
// The CLI is bundled by `npm run build:cli` (run by `npm ci`/`npm install` via prepare).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// Run directly (not through npx or an npm script), the shebang finds the machine's
// Node, which may be older than the Node 22 the project runs on (see README, "Node").
// Hand over to the project's own Node 22 when it is installed, so the CLI behaves, and
// stays quiet, the same whichever way it is started.
const projectNode = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url))
if (Number(process.versions.node.split('.')[0]) < 22 && existsSync(projectNode)) {
  const child = spawnSync(projectNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  if (child.error) throw child.error
  process.exit(child.status ?? 1)
}

const bundle = fileURLToPath(new URL('../out/cli/borelog-desk.mjs', import.meta.url))
if (!existsSync(bundle)) {
  process.stderr.write(
    'borelog-desk: the CLI is not built. Run `npm run build:cli` in the repository.\n',
  )
  process.exit(1)
}
const { main } = await import(bundle)
process.exitCode = await main(process.argv.slice(2))
