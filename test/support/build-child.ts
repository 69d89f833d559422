// Bundles test/support/store-child.ts once per test file so children start in plain
// Node in ~100 ms (no TypeScript at run time). The bundle lives in out/ so that its
// external imports resolve from the repository's node_modules.
import path from 'node:path'

import { build } from 'esbuild'

export async function buildStoreChild(): Promise<string> {
  const outfile = path.resolve('out/test-children', `store-child-${process.pid}.mjs`)
  await build({
    entryPoints: [path.resolve('test/support/store-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
  return outfile
}
