// Builds the renderer and the host process once (scripts/build-host.mjs), bundles the
// e2e store tool, and makes the template store every test copies (sample borelogs +
// a 1,000,000-row record). The template is keyed by the store tool's bundle, so a
// change to the store code makes a new one.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { build } from 'esbuild'

import { E2E_DATA_DIR, STORE_TOOL, TEMPLATE_POINTER } from './support/paths'

export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, ['scripts/build-host.mjs'], { stdio: 'inherit' })
  await build({
    entryPoints: ['e2e/support/store-tool.ts'],
    outfile: STORE_TOOL,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
  const hash = createHash('sha256').update(readFileSync(STORE_TOOL)).digest('hex').slice(0, 12)
  const template = resolve(E2E_DATA_DIR, `template-${hash}`)
  if (!existsSync(template)) {
    mkdirSync(E2E_DATA_DIR, { recursive: true })
    const partial = `${template}.partial`
    rmSync(partial, { recursive: true, force: true })
    console.log('Making the e2e template store (sample borelogs + a 1,000,000-row record)...')
    execFileSync(process.execPath, [STORE_TOOL, 'template', partial, 'resources/samples', '1000000'], {
      stdio: 'inherit',
    })
    renameSync(partial, template)
  }
  mkdirSync(E2E_DATA_DIR, { recursive: true })
  writeFileSync(TEMPLATE_POINTER, template)
  if (!existsSync(join(template, 'records'))) throw new Error(`Template store ${template} has no records/`)
}
