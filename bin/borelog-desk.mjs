#!/usr/bin/env node
// The CLI is bundled by `npm run build:cli` (run by `npm ci`/`npm install` via prepare).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const bundle = fileURLToPath(new URL('../out/cli/borelog-desk.mjs', import.meta.url))
if (!existsSync(bundle)) {
  process.stderr.write('borelog-desk: the CLI is not built. Run `npm run build:cli` in the repository.\n')
  process.exit(1)
}
const { main } = await import(bundle)
process.exitCode = await main(process.argv.slice(2))
